//! Native file dialogs, the only way the app chooses files (no broad file-system plugin).
//!
//! Native dialogs cannot be driven over WebDriver, so the end-to-end test build (feature `e2e`)
//! answers them from a directory named by `SAMVURD_E2E_DIALOG_DIR` instead: each purpose has a
//! fixed file name there. Release builds do not contain that code.

use serde::Deserialize;
use specta::Type;
use tauri_plugin_dialog::DialogExt;

/// Why a file is being chosen; decides the dialog's title, filter and kind.
#[derive(Debug, Clone, Copy, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum FilePurpose {
    /// Where to save a new round.
    NewRound,
    /// An existing round to open.
    OpenRound,
    /// A CSV or Excel file of applications.
    ImportApplications,
    /// Where to save the member's score file.
    ExportScores,
}

impl FilePurpose {
    /// The file the end-to-end test build returns for this purpose, in `directory`. An import
    /// takes `soknader.xlsx` when a test has put one there, else `soknader.csv`.
    #[cfg(feature = "e2e")]
    fn test_file(self, directory: &std::path::Path) -> std::path::PathBuf {
        let name = match self {
            FilePurpose::NewRound => "ny-runde.samvurd",
            FilePurpose::OpenRound => "runde.samvurd",
            FilePurpose::ImportApplications if directory.join("soknader.xlsx").exists() => {
                "soknader.xlsx"
            }
            FilePurpose::ImportApplications => "soknader.csv",
            FilePurpose::ExportScores => "skarer.json",
        };
        directory.join(name)
    }
}

pub async fn choose(app: &tauri::AppHandle, purpose: FilePurpose) -> Option<String> {
    #[cfg(feature = "e2e")]
    if let Some(directory) = std::env::var_os("SAMVURD_E2E_DIALOG_DIR") {
        let _ = app;
        return Some(purpose.test_file(std::path::Path::new(&directory)).display().to_string());
    }
    let (sender, receiver) = std::sync::mpsc::channel();
    let dialog = app.dialog().file();
    let reply = move |path: Option<tauri_plugin_dialog::FilePath>| {
        let _ = sender.send(path.map(|path| path.to_string()));
    };
    match purpose {
        FilePurpose::NewRound => dialog
            .set_title("Lagre ny søknadsrunde")
            .add_filter("Samvurd-runde", &["samvurd"])
            .set_file_name("søknadsrunde.samvurd")
            .save_file(reply),
        FilePurpose::OpenRound => dialog
            .set_title("Åpne søknadsrunde")
            .add_filter("Samvurd-runde", &["samvurd"])
            .pick_file(reply),
        FilePurpose::ImportApplications => dialog
            .set_title("Velg fil med søknader")
            .add_filter("Regneark eller CSV", &["xlsx", "xls", "csv"])
            .pick_file(reply),
        FilePurpose::ExportScores => dialog
            .set_title("Lagre skårene dine")
            .add_filter("Skårfil", &["json"])
            .set_file_name("mine-skarer.json")
            .save_file(reply),
    }
    tauri::async_runtime::spawn_blocking(move || receiver.recv().ok().flatten())
        .await
        .ok()
        .flatten()
}
