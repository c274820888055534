// The one store of the UI. Screens read its state through props and change it only through its
// methods; every method is one command (or a dialog and then one command) into the Rust side,
// which owns the round file. Nothing here computes a rule the Rust side also checks.

import type {
  Dashboard,
  Merge,
  OptionsInput,
  RecommendationInput,
  StatusView,
  WhatIfView,
  WrittenFile,
} from "./api";
import {
  commands,
  type ConsensusInput,
  type FilePurpose,
  type LotteryInput,
  type MemberCopies,
  type NewRoundInput,
  type NextRoundMade,
  type RoundInfoInput,
  type CriterionInput,
  type ColumnMapping,
  type MemberInput,
} from "./bindings";
import {
  call,
  callPlain,
  type AppError,
  type ApplicationInput,
  type Cell,
  type ExportSummary,
  type Outcome,
  type Preview,
  type RecentRound,
  type Round,
  type ScoreSaved,
  type Sheet,
  type SheetApplication,
  type TemplateView,
  type Languages,
  type Vedtak,
  type FollowUp,
  type GrantForm,
  type ReceiptForm,
} from "./api";
import { cellWith, neighbour, withCell } from "./progress";

export type Screen =
  | "start"
  | "setup"
  | "identity"
  | "scoring"
  | "export"
  | "merge"
  | "status"
  | "results"
  | "meeting"
  | "finish"
  | "follow-up";
export type SetupTab = "round" | "criteria" | "members" | "applications";

/** Where an error is shown: next to the form or button that caused it. */
export type Place =
  | "start"
  | "round-info"
  | `criterion:${string}`
  | "members"
  | "handout"
  | "applications"
  | "application-form"
  | "identity"
  | "scoring"
  | "recusal"
  | "withdraw"
  | "document"
  | "export"
  | "merge"
  | "status"
  | "results"
  | "options"
  | "meeting"
  | "gate"
  | "recommendation"
  | "consensus"
  | "chairs"
  | "lottery"
  | "finish"
  | "vedtak"
  | "languages"
  | "lock"
  | "follow-up"
  | `receipt:${string}`
  | `grant:${string}`
  | "follow-up-documents"
  | "next-round"
  | "global";

export type SaveState =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved"; at: string }
  | { kind: "failed"; message: string };

export type Notice = { place: Place; text: string };

/** The orders of the follow-up list: by due date, by days overdue, by application. */
export type FollowUpSortKey = "forfall" | "forsinkelse" | "soknad";

/**
 * How long a score may wait for the round file's answer before the screen shows it anyway, marked
 * «Lagrer …». A save takes a few milliseconds; this is only reached on a slow or busy disk, and is
 * short enough that the member never sees a key press go unanswered.
 */
const SHOW_TYPED_AFTER_MS = 50;

/** The key of one score cell. */
export function cellKey(application: string, criterion: string): string {
  return `${application}\u0000${criterion}`;
}

function clock(): string {
  return new Date().toLocaleTimeString("nb-NO", { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

export class Store {
  screen: Screen = $state("start");
  setupTab: SetupTab = $state("round");
  templates: TemplateView[] = $state([]);
  recent: RecentRound[] = $state([]);
  round: Round | null = $state(null);
  /**
   * The member's sheet. Raw, not deeply reactive: it is only ever replaced (see `withCell` and
   * `applySaved`), and the entries not scored keep their identity, so after a key press only the
   * scored application's row is drawn again, not a fresh proxy of each of 200.
   */
  sheet: Sheet | null = $state.raw(null);
  /** The last error, shown at the place it belongs to. */
  problem: { place: Place; error: AppError } | null = $state(null);
  /** The last confirmation («Lagret», «34 søknader importert»), shown at its place. */
  notice: Notice | null = $state(null);
  busy = $state(false);
  /** What a slow command is doing right now («Lager innstillingen …»), shown while it runs. */
  working: string | null = $state(null);

  importPath: string | null = $state(null);
  importPreview: Preview | null = $state(null);
  exportResult: ExportSummary | null = $state(null);
  /** What «Lag kopier til medlemmene» wrote last. */
  memberCopies: MemberCopies | null = $state(null);

  /** The application and criterion the member is on. */
  current: string | null = $state(null);
  criterionIndex = $state(0);
  save: SaveState = $state({ kind: "idle" });
  /** Cells whose last save failed, with the reason. */
  failedCells: Record<string, string> = $state({});
  /** Justifications as typed, which may be ahead of what the round file holds. */
  drafts: Record<string, string> = $state({});

  // ---- the chair ----
  /** Score files chosen (or dropped) and not merged yet, with the dry run for them. */
  mergePaths: string[] = $state([]);
  /** «Godta usignerte filer»: the chair's confirmation that unsigned files may be merged. */
  acceptUnsigned = $state(false);
  /** True while «Bytt person» asks who the person is instead. */
  switchingPerson = $state(false);
  mergeView: Merge | null = $state(null);
  status: StatusView | null = $state(null);
  dashboard: Dashboard | null = $state(null);
  /** The application the meeting is on. */
  meetingCurrent: string | null = $state(null);
  /** Documents written on the finish screen, by kind. */
  written: { innstilling?: WrittenFile; publicInnstilling?: WrittenFile; letters?: WrittenFile; export?: WrittenFile } = $state({});
  /** The SSU's vedtak beside the innstilling, on «Innstilling og brev». */
  vedtak: Vedtak | null = $state(null);
  /** The letters' languages, on «Innstilling og brev». */
  languages: Languages | null = $state(null);
  /** The follow-up register on «Oppfølging» (null before it is opened), and its order. */
  followUp: FollowUp | null = $state(null);
  followUpSort: FollowUpSortKey = $state("forfall");
  /** What «Oppfølging» wrote last: the reminders and the half-year status. */
  followUpWritten: { reminders?: WrittenFile; status?: WrittenFile } = $state({});
  /** What «Ny runde fra denne» made last, offered to open. */
  nextRound: NextRoundMade | null = $state(null);

  /** Scores sent to the round file and not answered yet. */
  private pendingScores = $state(0);
  private scoreQueue: Promise<void> = Promise.resolve();
  /** Set by the scoring screen: sends what is still waiting (a justification being typed). */
  private flushHook: (() => void) | null = null;

  // ---- errors and notices -------------------------------------------------------------------

  fail(place: Place, error: AppError) {
    this.problem = { place, error };
    this.notice = null;
  }

  errorAt(place: Place): AppError | null {
    return this.problem?.place === place ? this.problem.error : null;
  }

  noticeAt(place: Place): string | null {
    return this.notice?.place === place ? this.notice.text : null;
  }

  dismiss() {
    this.problem = null;
  }

  /** Like `run`, with a line saying what is going on while it takes time. */
  private async slow<T>(place: Place, what: string, reply: () => Promise<Outcome<T>>): Promise<T | null> {
    this.working = what;
    try {
      return await this.run(place, reply());
    } finally {
      this.working = null;
    }
  }

  private async run<T>(place: Place, reply: Promise<Outcome<T>>): Promise<T | null> {
    this.busy = true;
    this.problem = null;
    this.notice = null;
    try {
      const outcome = await reply;
      if (outcome.ok) return outcome.data;
      this.fail(place, outcome.error);
      return null;
    } finally {
      this.busy = false;
    }
  }

  private async choose(purpose: FilePurpose, place: Place): Promise<string | null> {
    const outcome = await callPlain(commands.chooseFile(purpose));
    if (!outcome.ok) {
      this.fail(place, outcome.error);
      return null;
    }
    return outcome.data;
  }

  // ---- start ---------------------------------------------------------------------------------

  async init() {
    // All three at once: a round passed on the command line (or opened from the file manager)
    // is already open, and its first paint should not wait for the start screen's lists.
    const [templates, recent, open] = await Promise.all([
      callPlain(commands.templates()),
      callPlain(commands.recentRounds()),
      call(commands.round()),
    ]);
    if (templates.ok) this.templates = templates.data;
    if (recent.ok) this.recent = recent.data;
    if (open.ok) await this.enter(open.data);
  }

  private async enter(round: Round) {
    this.round = round;
    this.sheet = null;
    this.mergePaths = [];
    this.mergeView = null;
    this.status = null;
    this.dashboard = null;
    this.meetingCurrent = null;
    this.written = {};
    this.followUp = null;
    this.followUpWritten = {};
    this.importPreview = null;
    this.importPath = null;
    this.exportResult = null;
    this.nextRound = null;
    this.current = null;
    this.criterionIndex = 0;
    this.drafts = {};
    this.failedCells = {};
    this.save = { kind: "idle" };
    this.acceptUnsigned = false;
    this.switchingPerson = false;
    if (round.identity) {
      await this.goScoring();
    } else if (round.member_copy) {
      // A member's copy opens on «Hvem er du?», then scoring.
      this.screen = "identity";
    } else {
      this.setupTab = round.applications.length === 0 && round.members.length > 0 ? "applications" : "round";
      this.screen = "setup";
    }
  }

  async createRound(input: Omit<NewRoundInput, "path">) {
    const path = await this.choose("new_round", "start");
    if (!path) return;
    const round = await this.run("start", call(commands.createRound({ ...input, path })));
    if (round) {
      await this.enter(round);
      this.notice = {
        place: "round-info",
        text: `Runden er laget og lagret i ${round.path}. Legg så til arbeidsgruppa og søknadene i fanene over.`,
      };
    }
  }

  async openRoundDialog() {
    const path = await this.choose("open_round", "start");
    if (path) await this.openRound(path);
  }

  async openRound(path: string) {
    const round = await this.run("start", call(commands.openRound(path)));
    if (round) await this.enter(round);
  }

  async openSample() {
    const round = await this.run("start", call(commands.openSampleRound()));
    if (round) await this.enter(round);
  }

  async closeRound() {
    await this.leaveScoring();
    await callPlain(commands.closeRound());
    this.round = null;
    this.sheet = null;
    this.problem = null;
    this.notice = null;
    this.screen = "start";
    const recent = await callPlain(commands.recentRounds());
    if (recent.ok) this.recent = recent.data;
  }

  // ---- navigation ----------------------------------------------------------------------------

  async goSetup(tab?: SetupTab) {
    await this.leaveScoring();
    if (tab) this.setupTab = tab;
    this.problem = null;
    this.notice = null;
    await this.refreshRound();
    this.screen = "setup";
  }

  async goScoring() {
    this.problem = null;
    if (!this.round?.identity) {
      this.screen = "identity";
      return;
    }
    const sheet = await this.run("scoring", call(commands.scoringSheet()));
    if (sheet) {
      this.sheet = sheet;
      if (!this.current || !sheet.applications.some((entry) => entry.application.reference === this.current)) {
        this.current = neighbour(sheet, null, 1);
        this.criterionIndex = 0;
      }
    }
    this.screen = "scoring";
  }

  async goExport() {
    await this.leaveScoring();
    this.problem = null;
    this.exportResult = null;
    await this.refreshRound();
    this.screen = this.round?.identity ? "export" : "identity";
  }

  private async refreshRound() {
    const round = await call(commands.round());
    if (round.ok) this.round = round.data;
  }

  // ---- set-up (chair) ------------------------------------------------------------------------

  private changed(round: Round | null, place: Place, text: string): boolean {
    if (!round) return false;
    this.round = round;
    this.sheet = null;
    this.notice = { place, text };
    return true;
  }

  async saveRoundInfo(input: RoundInfoInput): Promise<boolean> {
    const round = await this.run("round-info", call(commands.updateRoundInfo(input)));
    return this.changed(round, "round-info", "Opplysningene om runden er lagret.");
  }

  async saveCriterion(input: CriterionInput): Promise<boolean> {
    const place: Place = `criterion:${input.id}`;
    const round = await this.run(place, call(commands.updateCriterion(input)));
    return this.changed(round, place, `Kriteriet «${input.name.trim()}» er lagret.`);
  }

  async addMember(input: MemberInput): Promise<boolean> {
    const round = await this.run("members", call(commands.addMember(input)));
    return this.changed(round, "members", `${input.name.trim()} er lagt til i arbeidsgruppa.`);
  }

  /** Picks the application's own document for the application form. */
  async chooseDocument(): Promise<string | null> {
    return this.choose("application_document", "application-form");
  }

  /** «Åpne søknaden»: the application's document in the system's viewer. */
  async openDocument(application: string) {
    this.problem = null;
    const opened = await call(commands.openDocument(application));
    if (!opened.ok) this.fail("document", opened.error);
  }

  async updateMember(id: string, input: MemberInput): Promise<boolean> {
    const round = await this.run("members", call(commands.updateMember(id, input)));
    return this.changed(round, "members", `${input.name.trim()} er lagret.`);
  }

  async removeMember(id: string): Promise<boolean> {
    const name = this.round?.members.find((member) => member.id === id)?.name ?? id;
    const round = await this.run("members", call(commands.removeMember(id)));
    return this.changed(round, "members", `${name} er fjernet fra arbeidsgruppa.`);
  }

  async saveApplication(input: ApplicationInput, isNew: boolean): Promise<boolean> {
    const round = await this.run("application-form", call(commands.saveApplication(input)));
    return this.changed(
      round,
      "applications",
      isNew ? `Søknad ${input.reference.trim()} er lagt til.` : `Søknad ${input.reference.trim()} er lagret.`,
    );
  }

  async previewImport() {
    this.importPreview = null;
    this.importPath = null;
    const path = await this.choose("import_applications", "applications");
    if (!path) return;
    await this.readImport(path, { columns: [] });
  }

  /** Reads the same file again with the columns the person chose for it. */
  async mapImport(mapping: ColumnMapping) {
    if (!this.importPath) return;
    await this.readImport(this.importPath, mapping);
  }

  private async readImport(path: string, mapping: ColumnMapping) {
    const preview = await this.run("applications", call(commands.previewApplications(path, mapping)));
    if (preview) {
      this.importPath = path;
      this.importPreview = preview;
    }
  }

  cancelImport() {
    this.importPreview = null;
    this.importPath = null;
  }

  async confirmImport() {
    if (!this.importPath || !this.importPreview) return;
    const count = this.importPreview.applications.length;
    const mapping = this.importPreview.mapping;
    const round = await this.run("applications", call(commands.importApplications(this.importPath, mapping)));
    const saved = mapping.columns.length > 0 ? " Kolonnevalget er lagret for neste fil fra samme skjema." : "";
    if (this.changed(round, "applications", `${count} søknader er importert fra ${this.importPreview.file_name}.${saved}`)) {
      this.cancelImport();
    }
  }

  // ---- the member ----------------------------------------------------------------------------

  async chooseIdentity(member: string) {
    const round = await this.run("identity", call(commands.setIdentity(member)));
    if (round) {
      this.round = round;
      this.switchingPerson = false;
      await this.goScoring();
    }
  }

  /** «Bytt person»: asks who the person is instead; nothing changes until they confirm. */
  async switchPerson() {
    await this.leaveScoring();
    this.problem = null;
    this.switchingPerson = true;
    this.screen = "identity";
  }

  cancelSwitchPerson() {
    this.switchingPerson = false;
    void this.goScoring();
  }

  /** Moves to an application (by reference) and its first criterion. */
  show(reference: string, criterionIndex = 0) {
    this.current = reference;
    this.criterionIndex = criterionIndex;
  }

  /**
   * Saves one score at once (no save button). The score is sent before the screen changes, and
   * the screen shows it with the round file's answer, in one update: drawing it first would make
   * the answer wait for the drawing (about as long again as the save itself). Only if the answer
   * takes longer than `SHOW_TYPED_AFTER_MS` (a slow disk) is the score shown before it, still
   * marked «Lagrer …». What the keyboard does next sees the score at once (`cellNow`). The round
   * file's answers replace the sheet when no later score is still on its way, so answers arriving
   * in order never undo a newer key press.
   */
  setScore(application: string, criterion: string, value: string, justification: string) {
    if (!this.sheet) return;
    const key = cellKey(application, criterion);
    this.typed.set(key, { application, criterion, value, justification });
    this.typedTimers.push(
      setTimeout(() => {
        if (this.sheet) this.sheet = withCell(this.sheet, application, criterion, value, justification);
        this.save = { kind: "saving" };
      }, SHOW_TYPED_AFTER_MS),
    );
    this.pendingScores += 1;
    this.scoreQueue = this.scoreQueue.then(async () => {
      const outcome = await call(commands.setScore({ application, criterion, value, justification }));
      this.pendingScores -= 1;
      if (this.pendingScores === 0) {
        for (const timer of this.typedTimers) clearTimeout(timer);
        this.typedTimers = [];
      }
      if (outcome.ok) {
        delete this.failedCells[key];
        this.savedWhilePending.set(application, outcome.data);
        if (this.pendingScores === 0) this.applySaved();
      } else {
        this.failedCells[key] = outcome.error.message;
        this.fail("scoring", outcome.error);
        // Show what the round file really holds for the cells that were not saved.
        if (this.pendingScores === 0) {
          const fresh = await call(commands.scoringSheet());
          if (fresh.ok) this.sheet = fresh.data;
        }
      }
      if (this.pendingScores === 0) {
        this.typed.clear();
        const failed = Object.values(this.failedCells);
        this.save = failed.length > 0 ? { kind: "failed", message: failed[failed.length - 1] } : { kind: "saved", at: clock() };
      }
    });
  }

  /**
   * A score is on its way to the round file. The save state says so to screen readers at once
   * (`aria-busy`), and on the screen only once it takes longer than `SHOW_TYPED_AFTER_MS`.
   */
  get savePending(): boolean {
    return this.pendingScores > 0;
  }
  /** Scores sent since the queue was last empty, by cell, as the member typed them. */
  private typed = new Map<string, { application: string; criterion: string; value: string; justification: string }>();
  /** What shows those scores on a slow disk, before the answers (cleared when all are in). */
  private typedTimers: ReturnType<typeof setTimeout>[] = [];

  /**
   * The cell as the member last set it: `shown` (from the sheet on the screen) with a score that
   * is on its way to the round file but not drawn yet. What a key does (clearing a score, saving
   * a justification with it) is decided on this, never on what the screen showed a moment ago.
   */
  cellNow(application: string, shown: Cell): Cell {
    const typed = this.typed.get(cellKey(application, shown.criterion));
    return typed ? cellWith(shown, typed.value, typed.justification) : shown;
  }

  /** The whole sheet as the member last set it (for where the keyboard goes next): see `cellNow`. */
  sheetNow(): Sheet | null {
    let sheet = this.sheet;
    for (const typed of this.typed.values()) {
      if (sheet) sheet = withCell(sheet, typed.application, typed.criterion, typed.value, typed.justification);
    }
    return sheet;
  }

  /** The round file's answers for the applications scored since the queue was last empty. */
  private savedWhilePending = new Map<string, ScoreSaved>();

  /**
   * Puts the round file's answers in place of what the screen showed for those applications:
   * only they change, so the list of 200 is not drawn again after each key press.
   */
  private applySaved() {
    const saved = [...this.savedWhilePending.values()];
    this.savedWhilePending.clear();
    if (!this.sheet || saved.length === 0) return;
    const fresh = new Map<string, SheetApplication>();
    for (const answer of saved) {
      if (answer.application) fresh.set(answer.application.application.reference, answer.application);
    }
    const last = saved[saved.length - 1];
    this.sheet = {
      ...this.sheet,
      applications: this.sheet.applications.map((entry) => fresh.get(entry.application.reference) ?? entry),
      done: last.done,
      total: last.total,
    };
  }

  /** Waits until every score sent so far has been answered (for leaving the screen). */
  settled(): Promise<void> {
    return this.scoreQueue;
  }

  /** The scoring screen registers (or, leaving, removes) what sends its waiting input. */
  onFlush(hook: (() => void) | null) {
    this.flushHook = hook;
  }

  /** Before another screen or round: send what is waiting, and wait for every answer. */
  private async leaveScoring() {
    this.flushHook?.();
    await this.settled();
    await this.flushMeeting();
  }

  /** Set by the meeting's forms (recommendation, consensus): each saves what was changed there and not saved yet. */
  private meetingFlushHooks = new Map<string, () => Promise<boolean>>();

  /** Registers (or with `null` removes) what one form saves before the meeting moves on. */
  onMeetingFlush(hook: (() => Promise<boolean>) | null, key = "recommendation") {
    if (hook) this.meetingFlushHooks.set(key, hook);
    else this.meetingFlushHooks.delete(key);
  }

  /** Saves every meeting form's typed text; false when one of them was refused. */
  private async flushMeeting(): Promise<boolean> {
    for (const hook of [...this.meetingFlushHooks.values()]) {
      if (!(await hook())) return false;
    }
    return true;
  }

  /** Moves the meeting to another application, after saving what was typed for this one. */
  async showMeetingCase(reference: string) {
    if (reference === this.meetingCurrent) return;
    const saved = await this.flushMeeting();
    if (saved) this.meetingCurrent = reference;
  }

  /**
   * Before the window closes (the shell asks, and waits at most a second): the justification
   * being typed, the scores still on their way, and the meeting's unsaved recommendation.
   */
  async flushBeforeClose() {
    await this.leaveScoring();
  }

  /**
   * Declares a conflict of interest. The member stays on the application and sees it confirmed,
   * with «Angre» and «Neste søknad» beside it.
   */
  async declareRecusal(application: string, reason: string): Promise<boolean> {
    await this.settled();
    const sheet = await this.run("recusal", call(commands.declareRecusal(application, reason)));
    if (!sheet) return false;
    this.sheet = sheet;
    this.save = { kind: "saved", at: clock() };
    return true;
  }

  /** «Angre»: the recusal is taken back and the application is in the member's list again. */
  async withdrawRecusal(application: string): Promise<boolean> {
    await this.settled();
    const sheet = await this.run("withdraw", call(commands.withdrawRecusal(application)));
    if (!sheet) return false;
    this.sheet = sheet;
    this.notice = { place: "scoring", text: `Inhabiliteten for ${application} er angret. Du kan vurdere søknaden.` };
    this.save = { kind: "saved", at: clock() };
    this.criterionIndex = 0;
    return true;
  }

  async exportScores() {
    await this.settled();
    this.exportResult = null;
    const path = await this.choose("export_scores", "export");
    if (!path) return;
    const summary = await this.run("export", call(commands.exportMyScores(path)));
    if (summary) {
      this.exportResult = summary;
      // The progress above the button counts from the round: read it again so the two agree.
      await this.refreshRound();
    }
  }

  // ---- the chair: merge and status ----------------------------------------------------------

  async goMerge() {
    await this.leaveScoring();
    this.problem = null;
    this.screen = "merge";
    await this.loadStatus("merge");
  }

  async goStatus() {
    await this.leaveScoring();
    this.problem = null;
    this.screen = "status";
    await this.loadStatus("status");
  }

  private async loadStatus(place: Place) {
    const status = await this.run(place, call(commands.chairStatus()));
    if (status) this.status = status;
  }

  async chooseScoreFiles() {
    const outcome = await callPlain(commands.chooseScoreFiles());
    if (!outcome.ok) {
      this.fail("merge", outcome.error);
      return;
    }
    await this.addScoreFiles(outcome.data);
  }

  /**
   * Previews and merges run one at a time, in the order asked: a file chosen or dropped while a
   * preview or a merge is running waits for it, and is then added to the list, never lost.
   */
  private mergeQueue: Promise<unknown> = Promise.resolve();

  private inMergeQueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.mergeQueue.then(work, work);
    this.mergeQueue = next.catch(() => {});
    return next;
  }

  /** The report of the last merge, kept on screen while new files are checked after it. */
  lastMerge: Merge | null = $state(null);

  /** Adds files (chosen or dropped) to the batch and checks the whole batch again: nothing is written. */
  addScoreFiles(paths: string[]): Promise<void> {
    if (paths.length === 0) return Promise.resolve();
    return this.inMergeQueue(async () => {
      const batch = [...this.mergePaths];
      for (const path of paths) if (!batch.includes(path)) batch.push(path);
      const view = await this.run("merge", call(commands.mergePreview(batch, this.acceptUnsigned)));
      if (view) {
        if (this.mergeView && !this.mergeView.dry_run) this.lastMerge = this.mergeView;
        this.mergePaths = batch;
        this.mergeView = view;
      }
    });
  }

  /** Ticks or unticks «Godta usignerte filer» and checks the batch again. */
  setAcceptUnsigned(accept: boolean): Promise<void> {
    this.acceptUnsigned = accept;
    return this.inMergeQueue(async () => {
      if (this.mergePaths.length === 0) return;
      const view = await this.run("merge", call(commands.mergePreview(this.mergePaths, this.acceptUnsigned)));
      if (view) this.mergeView = view;
    });
  }

  /** «Lag kopi til medlemmene»: a copy of the master that opens on «Hvem er du?» wherever it goes. */
  async makeMemberCopy() {
    const path = await this.choose("member_copy", "status");
    if (!path) return;
    const message = await this.run("status", call(commands.makeMemberCopy(path)));
    if (message !== null) this.notice = { place: "status", text: message };
  }

  /** «Lag kopier til medlemmene»: one copy per member, named by member, in a folder the chair picks. */
  async makeMemberCopies() {
    this.memberCopies = null;
    const folder = await this.choose("member_copies_folder", "handout");
    if (!folder) return;
    const copies = await this.slow("handout", "Lager kopiene …", () => call(commands.makeMemberCopies(folder)));
    if (copies) this.memberCopies = copies;
  }

  /** «Godta ny nøkkel»: trusts the key a refused file is signed with, then checks the batch again. */
  trustKey(path: string): Promise<void> {
    return this.inMergeQueue(async () => {
      const message = await this.run("merge", call(commands.trustKey(path)));
      if (message === null) return;
      const view = await this.run("merge", call(commands.mergePreview(this.mergePaths, this.acceptUnsigned)));
      if (view) this.mergeView = view;
      await this.loadStatus("merge");
      this.notice = { place: "merge", text: message };
    });
  }

  removeScoreFile(path: string): Promise<void> {
    return this.inMergeQueue(async () => {
      const batch = this.mergePaths.filter((candidate) => candidate !== path);
      if (batch.length === 0) {
        this.cancelMerge();
        return;
      }
      const view = await this.run("merge", call(commands.mergePreview(batch, this.acceptUnsigned)));
      if (view) {
        this.mergePaths = batch;
        this.mergeView = view;
      }
    });
  }

  cancelMerge() {
    this.mergePaths = [];
    this.mergeView = null;
    this.lastMerge = null;
    this.problem = null;
  }

  /**
   * Merges exactly the files and the bytes the preview showed (each with its content hash; Rust
   * refuses a file changed since). Files added meanwhile wait in the queue and are checked after.
   */
  confirmMerge(): Promise<void> {
    return this.inMergeQueue(async () => {
      const preview = this.mergeView;
      if (!preview || !preview.dry_run) return;
      const batch = preview.files.map((file) => file.path);
      const hashes = preview.files.map((file) => file.content_hash);
      const accept = this.acceptUnsigned;
      const view = await this.slow("merge", "Slår sammen skårfilene …", () => call(commands.mergeFiles(batch, hashes, accept)));
      if (!view) return;
      this.lastMerge = null;
      this.mergeView = view;
      this.mergePaths = this.mergePaths.filter((path) => !batch.includes(path));
      await this.refreshRound();
      await this.loadStatus("merge");
    });
  }

  // ---- the chair: results and meeting ------------------------------------------------------

  async goResults() {
    await this.leaveScoring();
    this.problem = null;
    this.screen = "results";
    await this.loadDashboard("results");
  }

  async goMeeting(reference?: string) {
    await this.leaveScoring();
    this.problem = null;
    this.screen = "meeting";
    await this.loadDashboard("meeting");
    const order = this.dashboard?.meeting_order ?? [];
    if (reference && order.includes(reference)) this.meetingCurrent = reference;
    else if (!this.meetingCurrent || !order.includes(this.meetingCurrent)) this.meetingCurrent = order[0] ?? null;
  }

  private async loadDashboard(place: Place) {
    const dashboard = await this.run(place, call(commands.dashboard()));
    if (dashboard) this.dashboard = dashboard;
  }

  /** «Se virkningen»: the proposal with these options beside today's; nothing is saved. */
  async whatIf(input: OptionsInput): Promise<WhatIfView | null> {
    return this.run("options", call(commands.whatIf(input)));
  }

  async setOptions(input: OptionsInput): Promise<boolean> {
    const dashboard = await this.run("options", call(commands.setRoundOptions(input)));
    if (dashboard) this.dashboard = dashboard;
    return dashboard !== null;
  }

  /** `answer` is `passed`, `failed` or `` (take the answer back). */
  async answerGate(application: string, gate: string, answer: string, note: string): Promise<boolean> {
    const dashboard = await this.run("gate", call(commands.answerGate(application, gate, answer, note)));
    if (dashboard) {
      this.dashboard = dashboard;
      this.notice = { place: "gate", text: "Svaret er lagret." };
    }
    return dashboard !== null;
  }

  async recommend(input: RecommendationInput): Promise<boolean> {
    const dashboard = await this.run("recommendation", call(commands.recordRecommendation(input)));
    if (dashboard) {
      this.dashboard = dashboard;
      this.notice = { place: "recommendation", text: `Innstillingen for søknad ${input.application} er lagret.` };
    }
    return dashboard !== null;
  }

  async setChairs(chair: string, deputy: string) {
    const dashboard = await this.run("chairs", call(commands.setChairs(chair, deputy)));
    if (dashboard) {
      this.dashboard = dashboard;
      this.notice = { place: "chairs", text: "Leder og nestleder er lagret." };
    }
  }

  async setItemChair(application: string, member: string) {
    const dashboard = await this.run("chairs", call(commands.setItemChair(application, member)));
    if (dashboard) {
      this.dashboard = dashboard;
      this.notice = { place: "chairs", text: `Møtelederen for søknad ${application} er lagret.` };
    }
  }

  async recordConsensus(input: ConsensusInput): Promise<boolean> {
    const dashboard = await this.run("consensus", call(commands.recordConsensus(input)));
    if (dashboard) {
      this.dashboard = dashboard;
      this.notice = { place: "consensus", text: `Gruppens vurdering av søknad ${input.application} er lagret.` };
    }
    return dashboard !== null;
  }

  async drawLots(input: LotteryInput): Promise<boolean> {
    const dashboard = await this.run("lottery", call(commands.drawLots(input)));
    if (dashboard) {
      this.dashboard = dashboard;
      this.notice = { place: "lottery", text: "Loddtrekningen er gjort og ført i loggen." };
    }
    return dashboard !== null;
  }

  async clearLottery() {
    const dashboard = await this.run("lottery", call(commands.clearLottery()));
    if (dashboard) {
      this.dashboard = dashboard;
      this.notice = { place: "lottery", text: "Loddtrekningen er fjernet." };
    }
  }

  async clearRecommendation(application: string) {
    const dashboard = await this.run("recommendation", call(commands.clearRecommendation(application)));
    if (dashboard) {
      this.dashboard = dashboard;
      this.notice = { place: "recommendation", text: `Søknad ${application} følger forslaget igjen.` };
    }
  }

  async undo() {
    const label = this.dashboard?.undo;
    const dashboard = await this.run("meeting", call(commands.undo()));
    if (dashboard) {
      this.dashboard = dashboard;
      this.notice = { place: "meeting", text: label ? `Angret ${label}.` : "Angret." };
    }
  }

  // ---- the chair: documents and lock -------------------------------------------------------

  async goFinish() {
    await this.leaveScoring();
    this.problem = null;
    this.written = {};
    this.screen = "finish";
    await this.refreshRound();
    await this.loadDashboard("finish");
    await this.loadVedtak();
    await this.loadLanguages();
  }

  async loadLanguages() {
    const reply = await call(commands.languageView());
    if (reply.ok) this.languages = reply.data;
    else this.fail("languages", reply.error);
  }

  async setDocumentLanguage(language: string) {
    const view = await this.run("languages", call(commands.setDocumentLanguage(language)));
    if (view) this.languages = view;
  }

  async setLetterLanguage(application: string, language: string) {
    const view = await this.run("languages", call(commands.setLetterLanguage(application, language)));
    if (view) this.languages = view;
  }

  async loadVedtak() {
    const reply = await call(commands.vedtakView());
    if (reply.ok) this.vedtak = reply.data;
    else this.fail("vedtak", reply.error);
  }

  /** «Vedta som innstilt»: one logged action; the round is locked afterwards. */
  async adoptAsRecommended(meetingDate: string, caseNumber: string): Promise<boolean> {
    const step = await this.run("vedtak", call(commands.adoptAsRecommended(meetingDate, caseNumber)));
    if (step) {
      this.vedtak = step.vedtak;
      this.round = step.round;
      this.notice = { place: "vedtak", text: "SSUs vedtak er registrert som innstilt, og runden er låst." };
    }
    return step !== null;
  }

  async writeInnstilling() {
    const path = await this.choose("save_innstilling", "finish");
    if (!path) return;
    const file = await this.slow("finish", "Lager innstillingen …", () => call(commands.writeInnstilling(path, false)));
    if (file) {
      this.written = { ...this.written, innstilling: file };
      await this.openInViewer(file.path);
    }
  }

  /** The public version (offentleglova): no member's own scores or justifications. */
  async writePublicInnstilling() {
    const path = await this.choose("save_public_innstilling", "finish");
    if (!path) return;
    const file = await this.slow("finish", "Lager den offentlige versjonen …", () => call(commands.writeInnstilling(path, true)));
    if (file) {
      this.written = { ...this.written, publicInnstilling: file };
      await this.openInViewer(file.path);
    }
  }

  /** Opens a file or folder in the system's viewer; a failure is shown at `place`. */
  async openInViewer(path: string, place: Place = "finish") {
    const opened = await call(commands.openInViewer(path));
    if (!opened.ok) this.fail(place, opened.error);
  }

  /** «Ny runde fra denne»: next year's round from this one, saved where the chair chooses. */
  async makeNextRound(title: string, year: string, withMembers: boolean) {
    this.nextRound = null;
    const path = await this.choose("next_round", "next-round");
    if (!path) return;
    const made = await this.slow("next-round", "Lager den nye runden …", () =>
      call(commands.nextRound({ path, title, year, with_members: withMembers })),
    );
    if (made) this.nextRound = made;
  }

  /** Opens the round «Ny runde fra denne» just made (this round is left as it is). */
  async openNextRound() {
    if (!this.nextRound) return;
    const round = await this.run("next-round", call(commands.openRound(this.nextRound.path)));
    if (round) await this.enter(round);
  }

  async writeLetters(preliminary: boolean) {
    const folder = await this.choose("letters_folder", "finish");
    if (!folder) return;
    const file = await this.slow("finish", "Lager svarbrevene …", () => call(commands.writeLetters(folder, preliminary)));
    if (file) this.written = { ...this.written, letters: file };
  }

  async exportResults() {
    const path = await this.choose("export_results", "finish");
    if (!path) return;
    const file = await this.slow("finish", "Eksporterer resultatene …", () => call(commands.exportResults(path)));
    if (file) this.written = { ...this.written, export: file };
  }

  // ---- the chair: follow-up after the grant ------------------------------------------------

  async goFollowUp() {
    await this.leaveScoring();
    this.problem = null;
    this.followUpWritten = {};
    this.screen = "follow-up";
    await this.loadFollowUp();
  }

  private async loadFollowUp() {
    const reply = await this.run("follow-up", call(commands.followUp(this.followUpSort)));
    if (reply !== null || this.problem === null) this.followUp = reply;
  }

  async sortFollowUp(sort: FollowUpSortKey) {
    this.followUpSort = sort;
    await this.loadFollowUp();
  }

  /** «Åpne oppfølgingen»: the reports every grant owes, dated by the template's rules. */
  async openFollowUp() {
    const view = await this.run("follow-up", call(commands.openFollowUp()));
    if (view) {
      this.followUp = view;
      this.notice = { place: "follow-up", text: `Oppfølgingen er åpnet: ${view.reports.length} rapporter for ${view.grants.length} tilskudd.` };
    }
  }

  /** A report file for a receipt: only its path goes to Rust, which keeps name and checksum. */
  async chooseReportFile(place: Place): Promise<string | null> {
    return this.choose("report_file", place);
  }

  async markReportReceived(form: ReceiptForm): Promise<boolean> {
    const place: Place = `receipt:${form.application}:${form.report}`;
    const view = await this.run(place, call(commands.markReportReceived(form, this.followUpSort)));
    if (view) {
      this.followUp = view;
      this.notice = { place: "follow-up", text: `Rapporten fra ${form.application} er registrert som mottatt.` };
    }
    return view !== null;
  }

  async setGrantFollowUp(form: GrantForm): Promise<boolean> {
    const place: Place = `grant:${form.application}`;
    const view = await this.run(place, call(commands.setGrantFollowUp(form, this.followUpSort)));
    if (view) {
      this.followUp = view;
      this.notice = { place, text: "Lagret." };
    }
    return view !== null;
  }

  /** «Skriv purrebrev for alle forfalte»: one letter per applicant with overdue reports. */
  async writeReminders() {
    const folder = await this.choose("reminders_folder", "follow-up-documents");
    if (!folder) return;
    const file = await this.slow("follow-up-documents", "Skriver purrebrevene …", () => call(commands.writeReminders(folder)));
    if (file) this.followUpWritten = { ...this.followUpWritten, reminders: file };
  }

  /** «Halvårsstatus til SSU (PDF)». */
  async writeHalfYearStatus() {
    const path = await this.choose("save_half_year_status", "follow-up-documents");
    if (!path) return;
    const file = await this.slow("follow-up-documents", "Lager halvårsstatusen …", () => call(commands.writeHalfYearStatus(path)));
    if (file) {
      this.followUpWritten = { ...this.followUpWritten, status: file };
      await this.openInViewer(file.path, "follow-up-documents");
    }
  }

  async lockRound(reason: string): Promise<boolean> {
    const round = await this.run("lock", call(commands.lockRound(reason)));
    if (round) {
      this.round = round;
      this.notice = { place: "lock", text: "Runden er låst. Ingen kan endre den før den låses opp." };
    }
    return round !== null;
  }

  async unlockRound(reason: string): Promise<boolean> {
    const round = await this.run("lock", call(commands.unlockRound(reason)));
    if (round) {
      this.round = round;
      this.notice = { place: "lock", text: "Runden er låst opp. Opplåsingen og grunnen står i loggen." };
    }
    return round !== null;
  }
}

export const store = new Store();
