// The UI's view of the generated bindings: short names for the types the commands return, and
// one helper that turns every way a command can fail into an `AppError` the screens can show.

import type {
  AlphaView_Serialize,
  BudgetView_Serialize,
  CriterionProfile_Serialize,
  DashboardApplication_Serialize,
  DashboardView_Serialize,
  MemberScoreView_Serialize,
  MergeView_Serialize,
  AppError_Serialize,
  ApplicationInput,
  ApplicationView,
  CriterionView,
  ExportSummary,
  ImportPreview_Serialize,
  MemberView,
  RecentRound,
  RoundView_Serialize,
  VedtakView_Serialize,
  FollowUpView_Serialize,
  FollowUpRow_Serialize,
  FollowUpGrant_Serialize,
  GrantForm,
  ReceiptForm,
  LanguageView,
  ScaleStep,
  ScoreCell_Serialize,
  ScoringApplication_Serialize,
  ScoreSaved_Serialize,
  ScoringSheet_Serialize,
  TemplateView,
} from "./bindings";

export type AppError = AppError_Serialize;
export type Dashboard = DashboardView_Serialize;
export type DashboardApp = DashboardApplication_Serialize;
export type Profile = CriterionProfile_Serialize;
export type MemberScore = MemberScoreView_Serialize;
export type Merge = MergeView_Serialize;
export type Budget = BudgetView_Serialize;
export type Alpha = AlphaView_Serialize;
export type {
  CalibrationNote,
  FlagKind,
  FlagView,
  GateAnswerStatus,
  GateStatusView,
  LockView,
  MemberStatus,
  MergeFileView,
  MergeHistoryEntry,
  MergeStatus,
  MoneyFigure,
  OptionsInput,
  OptionsView,
  RecommendationInput,
  RecommendedOutcome,
  RecusalView,
  SensitivityView,
  Side,
  SideFigure,
  StatusView,
  WhatIfView,
  WrittenFile,
  Zone,
} from "./bindings";
export type Round = RoundView_Serialize;
export type Vedtak = VedtakView_Serialize;
export type FollowUp = FollowUpView_Serialize;
export type FollowUpGrant = FollowUpGrant_Serialize;
export type FollowUpRow = FollowUpRow_Serialize;
export type { GrantForm, ReceiptForm };
export type Languages = LanguageView;
export type Sheet = ScoringSheet_Serialize;
export type SheetApplication = ScoringApplication_Serialize;
export type ScoreSaved = ScoreSaved_Serialize;
export type Cell = ScoreCell_Serialize;
export type Preview = ImportPreview_Serialize;
export type {
  ApplicationInput,
  ApplicationView,
  CriterionView,
  ExportSummary,
  MemberView,
  RecentRound,
  ScaleStep,
  TemplateView,
};

export type Outcome<T> = { ok: true; data: T } | { ok: false; error: AppError };

type Reply<T> = { status: "ok"; data: T } | { status: "error"; error: AppError };

/** Awaits a command. A command that throws (the IPC itself failed) becomes an internal error. */
export async function call<T>(reply: Promise<Reply<T>>): Promise<Outcome<T>> {
  try {
    const result = await reply;
    return result.status === "ok" ? { ok: true, data: result.data } : { ok: false, error: result.error };
  } catch (thrown) {
    return { ok: false, error: internalError(thrown) };
  }
}

/** Awaits a command that cannot fail in Rust (it returns a plain value). */
export async function callPlain<T>(reply: Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, data: await reply };
  } catch (thrown) {
    return { ok: false, error: internalError(thrown) };
  }
}

export function internalError(thrown: unknown): AppError {
  const detail = thrown instanceof Error ? thrown.message : String(thrown);
  return {
    kind: "internal",
    message: `Samvurd fikk ikke kontakt med sin egen motor (${detail}). Start programmet på nytt; skårer som er vist som lagret, er lagret.`,
  };
}

/** Every bad row of an import error, or an empty list. */
export function rowProblems(error: AppError | null | undefined) {
  const kind = error?.import?.kind;
  return kind?.type === "bad_rows" ? kind.data.problems : [];
}
