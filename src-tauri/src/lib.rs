//! The Tauri shell of Samvurd: window, IPC and native dialogs around samvurd-app.
//!
//! Every command is one call into `samvurd_app::Session`; the only logic here is what only the
//! shell can do (native file dialogs, the app's own directories, the recent-files list).
//!
//! A command that can take longer than a frame (opening or importing, the merge, the dashboard
//! and every meeting change that recomputes it, the documents and the export) is
//! `#[tauri::command(async)]`: Tauri runs it on its thread pool instead of the main thread, so
//! the window keeps answering clicks while, say, a 200-application innstilling is written.
//! Commands and their types are exported to `ui/src/lib/bindings.ts` by tauri-specta; a test
//! fails when the committed file differs from what the code generates.

mod closing;
mod dialogs;
mod recent;

use samvurd_app::documents::LanguageView;
use samvurd_app::meeting::{FollowUpView, GrantForm, ReceiptForm, VedtakStep, VedtakView};
use samvurd_app::merge::{MemberCopies, MergeView, StatusView};
use samvurd_app::next_round::{NextRoundInput, NextRoundMade};
use samvurd_app::results::{DashboardView, OptionsInput, WhatIfView};
use samvurd_app::setup::import::ColumnMapping;
use samvurd_app::views::{
    ApplicationInput, CriterionInput, ExportSummary, ImportPreview, MemberInput, NewRoundInput,
    RoundInfoInput, RoundView, ScoreCellInput, ScoreSaved, ScoringSheet, TemplateView,
};
use samvurd_app::{
    AppError, ConsensusInput, LotteryInput, Machine, RecommendationInput, Session, WrittenFile,
};
use tauri::{Manager, State};

pub use dialogs::FilePurpose;
pub use recent::RecentRound;

type Reply<T> = Result<T, AppError>;

#[tauri::command]
#[specta::specta]
fn templates(session: State<'_, Session>) -> Vec<TemplateView> {
    session.templates()
}

#[tauri::command(async)]
#[specta::specta]
fn create_round(
    app: tauri::AppHandle,
    session: State<'_, Session>,
    input: NewRoundInput,
) -> Reply<RoundView> {
    recent::remember(&app, session.create_round(input))
}

#[tauri::command(async)]
#[specta::specta]
fn open_round(
    app: tauri::AppHandle,
    session: State<'_, Session>,
    path: String,
) -> Reply<RoundView> {
    recent::remember(&app, session.open_round(&path))
}

#[tauri::command(async)]
#[specta::specta]
fn open_sample_round(app: tauri::AppHandle, session: State<'_, Session>) -> Reply<RoundView> {
    session.open_sample_round(&recent::data_dir(&app)?)
}

#[tauri::command]
#[specta::specta]
fn close_round(session: State<'_, Session>) {
    session.close_round();
}

#[tauri::command]
#[specta::specta]
fn recent_rounds(app: tauri::AppHandle) -> Vec<RecentRound> {
    recent::list(&app)
}

#[tauri::command]
#[specta::specta]
fn round(session: State<'_, Session>) -> Reply<RoundView> {
    session.round()
}

#[tauri::command]
#[specta::specta]
fn update_round_info(session: State<'_, Session>, input: RoundInfoInput) -> Reply<RoundView> {
    session.update_round_info(input)
}

#[tauri::command]
#[specta::specta]
fn update_criterion(session: State<'_, Session>, input: CriterionInput) -> Reply<RoundView> {
    session.update_criterion(input)
}

#[tauri::command]
#[specta::specta]
fn add_member(session: State<'_, Session>, input: MemberInput) -> Reply<RoundView> {
    session.add_member(input)
}

#[tauri::command(async)]
#[specta::specta]
fn update_member(session: State<'_, Session>, id: String, input: MemberInput) -> Reply<RoundView> {
    session.update_member(id, input)
}

#[tauri::command(async)]
#[specta::specta]
fn remove_member(session: State<'_, Session>, id: String) -> Reply<RoundView> {
    session.remove_member(id)
}

#[tauri::command(async)]
#[specta::specta]
fn preview_applications(
    session: State<'_, Session>,
    path: String,
    mapping: ColumnMapping,
) -> Reply<ImportPreview> {
    session.preview_applications(&path, mapping)
}

#[tauri::command(async)]
#[specta::specta]
fn import_applications(
    session: State<'_, Session>,
    path: String,
    mapping: ColumnMapping,
) -> Reply<RoundView> {
    session.import_applications(&path, mapping)
}

#[tauri::command]
#[specta::specta]
fn save_application(session: State<'_, Session>, input: ApplicationInput) -> Reply<RoundView> {
    session.save_application(input)
}

#[tauri::command]
#[specta::specta]
fn set_identity(session: State<'_, Session>, member: Option<String>) -> Reply<RoundView> {
    session.set_identity(member)
}

#[tauri::command]
#[specta::specta]
fn scoring_sheet(session: State<'_, Session>) -> Reply<ScoringSheet> {
    session.scoring_sheet()
}

#[tauri::command]
#[specta::specta]
fn set_score(session: State<'_, Session>, input: ScoreCellInput) -> Reply<ScoreSaved> {
    session.set_score(input)
}

#[tauri::command]
#[specta::specta]
fn declare_recusal(
    session: State<'_, Session>,
    application: String,
    reason: String,
) -> Reply<ScoringSheet> {
    session.declare_recusal(&application, &reason)
}

#[tauri::command]
#[specta::specta]
fn withdraw_recusal(session: State<'_, Session>, application: String) -> Reply<ScoringSheet> {
    session.withdraw_recusal(&application)
}

#[tauri::command(async)]
#[specta::specta]
fn export_my_scores(session: State<'_, Session>, path: String) -> Reply<ExportSummary> {
    session.export_my_scores(&path)
}

#[tauri::command]
#[specta::specta]
async fn choose_file(app: tauri::AppHandle, purpose: FilePurpose) -> Option<String> {
    let suggested = match purpose {
        FilePurpose::ExportScores => app.state::<Session>().score_file_name(),
        _ => None,
    };
    dialogs::choose(&app, purpose, suggested).await
}

#[tauri::command]
#[specta::specta]
async fn choose_score_files(app: tauri::AppHandle) -> Vec<String> {
    dialogs::choose_score_files(&app).await
}

#[tauri::command]
#[specta::specta]
fn open_in_viewer(path: String) -> Reply<()> {
    dialogs::open_in_viewer(&path).map_err(AppError::io)
}

/// «Åpne søknaden»: the application's own document in the system's viewer.
#[tauri::command]
#[specta::specta]
fn open_document(session: State<'_, Session>, application: String) -> Reply<()> {
    let location = session.document_location(&application)?;
    dialogs::open_in_viewer(&location).map_err(AppError::io)
}

/// «Se virkningen»: the proposal with other options beside today's, nothing written.
#[tauri::command(async)]
#[specta::specta]
fn what_if(session: State<'_, Session>, input: OptionsInput) -> Reply<WhatIfView> {
    session.what_if(input)
}

#[tauri::command(async)]
#[specta::specta]
fn merge_preview(
    session: State<'_, Session>,
    paths: Vec<String>,
    accept_unsigned: bool,
) -> Reply<MergeView> {
    session.merge_preview(paths, accept_unsigned)
}

#[tauri::command(async)]
#[specta::specta]
fn merge_files(
    session: State<'_, Session>,
    paths: Vec<String>,
    hashes: Vec<String>,
    accept_unsigned: bool,
) -> Reply<MergeView> {
    session.merge_files(paths, hashes, accept_unsigned)
}

#[tauri::command(async)]
#[specta::specta]
fn make_member_copy(session: State<'_, Session>, path: String) -> Reply<String> {
    session.make_member_copy(path)
}

#[tauri::command(async)]
#[specta::specta]
fn make_member_copies(session: State<'_, Session>, folder: String) -> Reply<MemberCopies> {
    session.make_member_copies(folder)
}

#[tauri::command(async)]
#[specta::specta]
fn next_round(session: State<'_, Session>, input: NextRoundInput) -> Reply<NextRoundMade> {
    session.next_round(input)
}

#[tauri::command(async)]
#[specta::specta]
fn trust_key(session: State<'_, Session>, path: String) -> Reply<String> {
    session.trust_key(path)
}

#[tauri::command(async)]
#[specta::specta]
fn chair_status(session: State<'_, Session>) -> Reply<StatusView> {
    session.chair_status()
}

#[tauri::command(async)]
#[specta::specta]
fn dashboard(session: State<'_, Session>) -> Reply<DashboardView> {
    session.dashboard()
}

#[tauri::command(async)]
#[specta::specta]
fn set_round_options(session: State<'_, Session>, input: OptionsInput) -> Reply<DashboardView> {
    session.set_round_options(input)
}

#[tauri::command(async)]
#[specta::specta]
fn answer_gate(
    session: State<'_, Session>,
    application: String,
    gate: String,
    answer: String,
    note: String,
) -> Reply<DashboardView> {
    session.answer_gate(application, gate, answer, note)
}

#[tauri::command(async)]
#[specta::specta]
fn record_recommendation(
    session: State<'_, Session>,
    input: RecommendationInput,
) -> Reply<DashboardView> {
    session.record_recommendation(input)
}

#[tauri::command(async)]
#[specta::specta]
fn clear_recommendation(session: State<'_, Session>, application: String) -> Reply<DashboardView> {
    session.clear_recommendation(application)
}

#[tauri::command(async)]
#[specta::specta]
fn set_chairs(session: State<'_, Session>, chair: String, deputy: String) -> Reply<DashboardView> {
    session.set_chairs(chair, deputy)
}

#[tauri::command(async)]
#[specta::specta]
fn set_item_chair(
    session: State<'_, Session>,
    application: String,
    member: String,
) -> Reply<DashboardView> {
    session.set_item_chair(application, member)
}

#[tauri::command(async)]
#[specta::specta]
fn record_consensus(session: State<'_, Session>, input: ConsensusInput) -> Reply<DashboardView> {
    session.record_consensus(input)
}

#[tauri::command(async)]
#[specta::specta]
fn draw_lots(session: State<'_, Session>, input: LotteryInput) -> Reply<DashboardView> {
    session.draw_lots(input)
}

#[tauri::command(async)]
#[specta::specta]
fn clear_lottery(session: State<'_, Session>) -> Reply<DashboardView> {
    session.clear_lottery()
}

#[tauri::command(async)]
#[specta::specta]
fn undo(session: State<'_, Session>) -> Reply<DashboardView> {
    session.undo()
}

#[tauri::command(async)]
#[specta::specta]
fn write_innstilling(
    session: State<'_, Session>,
    path: String,
    public_version: bool,
) -> Reply<WrittenFile> {
    session.write_innstilling(path, public_version)
}

#[tauri::command(async)]
#[specta::specta]
fn write_letters(
    session: State<'_, Session>,
    folder: String,
    preliminary: bool,
) -> Reply<WrittenFile> {
    session.write_letters(folder, preliminary)
}

#[tauri::command(async)]
#[specta::specta]
fn language_view(session: State<'_, Session>) -> Reply<LanguageView> {
    session.language_view()
}

#[tauri::command(async)]
#[specta::specta]
fn set_document_language(session: State<'_, Session>, language: String) -> Reply<LanguageView> {
    session.set_document_language(language)
}

#[tauri::command(async)]
#[specta::specta]
fn set_letter_language(
    session: State<'_, Session>,
    application: String,
    language: String,
) -> Reply<LanguageView> {
    session.set_letter_language(application, language)
}

#[tauri::command(async)]
#[specta::specta]
fn vedtak_view(session: State<'_, Session>) -> Reply<VedtakView> {
    session.vedtak_view()
}

#[tauri::command(async)]
#[specta::specta]
fn adopt_as_recommended(
    session: State<'_, Session>,
    meeting_date: String,
    case_number: String,
) -> Reply<VedtakStep> {
    session.adopt_as_recommended(meeting_date, case_number)
}

#[tauri::command(async)]
#[specta::specta]
fn export_results(session: State<'_, Session>, path: String) -> Reply<WrittenFile> {
    session.export_results(path)
}

#[tauri::command]
#[specta::specta]
fn lock_round(session: State<'_, Session>, reason: String) -> Reply<RoundView> {
    session.lock_round(reason)
}

#[tauri::command]
#[specta::specta]
fn unlock_round(session: State<'_, Session>, reason: String) -> Reply<RoundView> {
    session.unlock_round(reason)
}

/// «Oppfølging»: the register as of today (`None` before it is opened), sorted as asked.
#[tauri::command(async)]
#[specta::specta]
fn follow_up(session: State<'_, Session>, sort: String) -> Reply<Option<FollowUpView>> {
    session.follow_up(sort)
}

#[tauri::command(async)]
#[specta::specta]
fn open_follow_up(session: State<'_, Session>) -> Reply<FollowUpView> {
    session.open_follow_up()
}

#[tauri::command(async)]
#[specta::specta]
fn mark_report_received(
    session: State<'_, Session>,
    form: ReceiptForm,
    sort: String,
) -> Reply<FollowUpView> {
    session.mark_report_received(form, sort)
}

#[tauri::command(async)]
#[specta::specta]
fn set_grant_follow_up(
    session: State<'_, Session>,
    form: GrantForm,
    sort: String,
) -> Reply<FollowUpView> {
    session.set_grant_follow_up(form, sort)
}

#[tauri::command(async)]
#[specta::specta]
fn write_reminders(session: State<'_, Session>, folder: String) -> Reply<WrittenFile> {
    session.write_reminders(folder)
}

#[tauri::command(async)]
#[specta::specta]
fn write_half_year_status(session: State<'_, Session>, path: String) -> Reply<WrittenFile> {
    session.write_half_year_status(path)
}

/// The command list, shared by the app and the bindings export.
pub fn specta_builder() -> tauri_specta::Builder<tauri::Wry> {
    tauri_specta::Builder::<tauri::Wry>::new().commands(tauri_specta::collect_commands![
        templates,
        create_round,
        open_round,
        open_sample_round,
        close_round,
        recent_rounds,
        round,
        update_round_info,
        update_criterion,
        add_member,
        update_member,
        remove_member,
        preview_applications,
        import_applications,
        save_application,
        set_identity,
        scoring_sheet,
        set_score,
        declare_recusal,
        withdraw_recusal,
        export_my_scores,
        choose_file,
        choose_score_files,
        open_in_viewer,
        open_document,
        what_if,
        merge_preview,
        merge_files,
        trust_key,
        make_member_copy,
        make_member_copies,
        next_round,
        chair_status,
        dashboard,
        set_round_options,
        answer_gate,
        record_recommendation,
        clear_recommendation,
        set_chairs,
        set_item_chair,
        record_consensus,
        draw_lots,
        clear_lottery,
        undo,
        write_innstilling,
        write_letters,
        export_results,
        lock_round,
        unlock_round,
        vedtak_view,
        adopt_as_recommended,
        language_view,
        set_document_language,
        set_letter_language,
        follow_up,
        open_follow_up,
        mark_report_received,
        set_grant_follow_up,
        write_reminders,
        write_half_year_status,
    ])
}

/// Where the generated bindings are committed.
pub const BINDINGS_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/src/lib/bindings.ts");

/// Writes the TypeScript bindings to `path`.
pub fn export_bindings(path: &std::path::Path) -> Result<(), String> {
    specta_builder()
        .export(
            specta_typescript::Typescript::default().header("// Generated by tauri-specta from src-tauri. Do not edit: run `cargo xtask bindings`.\n"),
            path,
        )
        .map_err(|error| error.to_string())
}

/// Creates the main window from its configuration (which has `create: false` for this), so that
/// the native window title follows `document.title`: the UI sets it to who is scoring which round.
fn main_window(app: &tauri::App) -> tauri::Result<()> {
    let Some(config) = app.config().app.windows.iter().find(|window| window.label == "main") else {
        return Ok(());
    };
    let window = tauri::WebviewWindowBuilder::from_config(app.handle(), config)?
        .on_document_title_changed(|window, title| {
            // A failed title update is cosmetic; the page itself still shows who and which round.
            let _ = window.set_title(&title);
        })
        .build()?;
    closing::hold_close_until_flushed(&window);
    // Without it the page is drawn as before, only heavier: no reason to refuse to start.
    #[cfg(target_os = "linux")]
    let _ = window.with_webview(|webview| light_webview(&webview.inner()));
    Ok(())
}

/// Renders the page without WebKitGTK's accelerated compositing, and without the browser's
/// page and memory caches, which a one-page app with its files on disk never uses.
///
/// Composited rendering keeps OpenGL surfaces and, where there is no GPU, a software OpenGL
/// stack in the web process: about 70 MiB more for this app, and each frame composited by that
/// software stack on the CPU, where it competes with saving a score (`cargo xtask bench
/// startup`). Many Linux machines (NVIDIA's driver, virtual machines) also show a blank window
/// with it; the page here is forms and tables, which WebKit draws well without it. The
/// documented environment variable `WEBKIT_DISABLE_COMPOSITING_MODE` still decides when set.
#[cfg(target_os = "linux")]
fn light_webview(webview: &webkit2gtk::WebView) {
    use webkit2gtk::{
        CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt,
    };
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none()
        && let Some(settings) = WebViewExt::settings(webview)
    {
        settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
    }
    if let Some(context) = webview.context() {
        context.set_cache_model(CacheModel::DocumentViewer);
    }
}

/// Starts the app. `initial_round`, when given, is opened at start (`cargo xtask run`, or a
/// `.samvurd` file opened from the file manager).
pub fn run(initial_round: Option<String>) {
    let builder = specta_builder();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(recent::InitialRound(initial_round))
        .invoke_handler(builder.invoke_handler())
        .setup(move |app| {
            builder.mount_events(app);
            // Who the person is in each round, and their signing keys, live in the app's own
            // data directory (`SAMVURD_DATA_DIR` overrides it, for tests).
            let machine = Machine::from_environment(app.path().app_data_dir().ok());
            app.manage(Session::with_machine(machine));
            main_window(app)?;
            let initial = app.state::<recent::InitialRound>().0.clone();
            if let Some(path) = initial {
                let _ = recent::remember(app.handle(), app.state::<Session>().open_round(&path));
            }
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(error) = result {
        // The window could not be created: there is no UI left to show this in.
        #[allow(clippy::print_stderr)]
        {
            eprintln!("Samvurd kunne ikke starte: {error}");
        }
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    /// The committed bindings are what the code generates; with `UPDATE_BINDINGS=1` this test
    /// rewrites them instead (that is what `cargo xtask bindings` does).
    #[test]
    fn the_committed_typescript_bindings_match_the_commands() {
        let path = std::path::Path::new(super::BINDINGS_PATH);
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            super::export_bindings(path).unwrap();
            return;
        }
        let directory = tempfile::tempdir().unwrap();
        let generated = directory.path().join("bindings.ts");
        super::export_bindings(&generated).unwrap();
        let generated = std::fs::read_to_string(generated).unwrap();
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            generated == committed,
            "ui/src/lib/bindings.ts is out of date: run `cargo xtask bindings` and commit the result"
        );
    }
}

#[cfg(test)]
mod security {
    //! The window's security settings, checked: a strict CSP and capabilities that list only what
    //! the app uses.

    fn config() -> serde_json::Value {
        serde_json::from_str(include_str!("../tauri.conf.json")).unwrap()
    }

    #[test]
    fn the_content_security_policy_allows_no_inline_script_and_no_remote_origin() {
        let config = config();
        let csp = config["app"]["security"]["csp"].as_object().expect("a CSP is set");
        for (directive, value) in csp {
            let value = value.as_str().unwrap();
            assert!(
                !value.contains("unsafe-inline") && !value.contains("unsafe-eval"),
                "{directive}: {value}"
            );
            for source in value.split_whitespace() {
                let allowed = ["'self'", "'none'", "data:", "ipc:", "http://ipc.localhost"];
                assert!(allowed.contains(&source), "{directive} allows {source}");
            }
        }
        assert_eq!(csp["script-src"], "'self'");
        assert_eq!(csp["connect-src"], "ipc: http://ipc.localhost");
        assert!(config["app"]["security"]["dangerousRemoteDomainIpcAccess"].is_null());
    }

    #[test]
    fn the_capabilities_grant_only_the_dialogs_the_app_uses() {
        let capability: serde_json::Value =
            serde_json::from_str(include_str!("../capabilities/default.json")).unwrap();
        let permissions: Vec<&str> = capability["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|permission| permission.as_str().unwrap())
            .collect();
        assert_eq!(permissions, ["core:default", "dialog:allow-open", "dialog:allow-save"]);
        assert!(capability["remote"].is_null(), "no remote URL may reach the IPC");
        let manifest = include_str!("../Cargo.toml");
        for plugin in ["tauri-plugin-fs", "tauri-plugin-shell", "tauri-plugin-http"] {
            assert!(!manifest.contains(plugin), "{plugin} must not be used");
        }
    }
}
