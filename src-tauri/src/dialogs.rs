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
    /// Where to save the innstilling (PDF).
    SaveInnstilling,
    /// Where to save the public version of the innstilling (PDF).
    SavePublicInnstilling,
    /// The folder the answer letters go to.
    LettersFolder,
    /// Where to save the results spreadsheet.
    ExportResults,
    /// Where to save the copy of the round for the members.
    MemberCopy,
    /// The folder «Lag kopier til medlemmene» writes one copy per member into.
    MemberCopiesFolder,
    /// The application's own document (PDF, Word …), attached by the chair.
    ApplicationDocument,
    /// A received report, for its name and checksum (the file is not stored).
    ReportFile,
    /// The folder the reminder letters go to.
    RemindersFolder,
    /// Where to save the half-year status to the SSU (PDF).
    SaveHalfYearStatus,
    /// Where to save next year's round («Ny runde fra denne»).
    NextRound,
}

impl FilePurpose {
    /// The file the end-to-end test build returns for this purpose, in `directory`. An import
    /// takes `soknader.xlsx` when a test has put one there, else `soknader.csv`. A score file
    /// takes the name the dialog would have suggested, so a test sees that name.
    #[cfg(feature = "e2e")]
    fn test_file(self, directory: &std::path::Path, suggested: Option<&str>) -> std::path::PathBuf {
        if let (FilePurpose::ExportScores, Some(suggested)) = (self, suggested) {
            return directory.join(suggested);
        }
        if let FilePurpose::MemberCopiesFolder = self {
            let folder = directory.join("kopier-til-medlemmene");
            let _ = std::fs::create_dir_all(&folder);
            return folder;
        }
        let name = match self {
            FilePurpose::NewRound => "ny-runde.samvurd",
            FilePurpose::OpenRound => "runde.samvurd",
            FilePurpose::ImportApplications if directory.join("soknader.xlsx").exists() => {
                "soknader.xlsx"
            }
            FilePurpose::ImportApplications => "soknader.csv",
            FilePurpose::ExportScores => "skarer.json",
            FilePurpose::SaveInnstilling => "innstilling.pdf",
            FilePurpose::SavePublicInnstilling => "innstilling-offentlig.pdf",
            FilePurpose::LettersFolder => "svarbrev",
            FilePurpose::ExportResults => "resultater.xlsx",
            FilePurpose::MemberCopy => "kopi-til-medlemmene.samvurd",
            FilePurpose::MemberCopiesFolder => "kopier-til-medlemmene",
            FilePurpose::ApplicationDocument => "soknadsdokument.pdf",
            FilePurpose::ReportFile => "rapport.pdf",
            FilePurpose::RemindersFolder => "purrebrev",
            FilePurpose::SaveHalfYearStatus => "halvarsstatus.pdf",
            FilePurpose::NextRound => "neste-runde.samvurd",
        };
        directory.join(name)
    }
}

/// Asks for a file or folder. `suggested` is the file name a save dialog offers (the member's
/// name on their score file); without it each purpose has its own.
pub async fn choose(
    app: &tauri::AppHandle,
    purpose: FilePurpose,
    suggested: Option<String>,
) -> Option<String> {
    #[cfg(feature = "e2e")]
    if let Some(directory) = std::env::var_os("SAMVURD_E2E_DIALOG_DIR") {
        let _ = app;
        return Some(
            purpose
                .test_file(std::path::Path::new(&directory), suggested.as_deref())
                .display()
                .to_string(),
        );
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
            .set_file_name(suggested.as_deref().unwrap_or("skårer.json"))
            .save_file(reply),
        FilePurpose::SaveInnstilling => dialog
            .set_title("Lagre innstillingen")
            .add_filter("PDF", &["pdf"])
            .set_file_name("innstilling.pdf")
            .save_file(reply),
        FilePurpose::SavePublicInnstilling => dialog
            .set_title("Lagre den offentlige versjonen av innstillingen")
            .add_filter("PDF", &["pdf"])
            .set_file_name("innstilling-offentlig.pdf")
            .save_file(reply),
        FilePurpose::LettersFolder => {
            dialog.set_title("Velg mappe for svarbrevene").pick_folder(reply)
        }
        FilePurpose::ExportResults => dialog
            .set_title("Eksporter resultatene")
            .add_filter("Excel-regneark", &["xlsx"])
            .add_filter("CSV", &["csv"])
            .set_file_name("resultater.xlsx")
            .save_file(reply),
        FilePurpose::MemberCopy => dialog
            .set_title("Lagre kopi til medlemmene")
            .add_filter("Samvurd-runde", &["samvurd"])
            .set_file_name("kopi-til-medlemmene.samvurd")
            .save_file(reply),
        FilePurpose::MemberCopiesFolder => {
            dialog.set_title("Velg mappe for kopiene til medlemmene").pick_folder(reply)
        }
        FilePurpose::ApplicationDocument => {
            dialog.set_title("Velg søknadsdokumentet").pick_file(reply)
        }
        FilePurpose::ReportFile => dialog.set_title("Velg rapportfila").pick_file(reply),
        FilePurpose::RemindersFolder => {
            dialog.set_title("Velg mappe for purrebrevene").pick_folder(reply)
        }
        FilePurpose::SaveHalfYearStatus => dialog
            .set_title("Lagre halvårsstatusen til SSU")
            .add_filter("PDF", &["pdf"])
            .set_file_name("halvårsstatus.pdf")
            .save_file(reply),
        FilePurpose::NextRound => dialog
            .set_title("Lagre den nye runden")
            .add_filter("Samvurd-runde", &["samvurd"])
            .set_file_name(suggested.as_deref().unwrap_or("ny-runde.samvurd"))
            .save_file(reply),
    }
    tauri::async_runtime::spawn_blocking(move || receiver.recv().ok().flatten())
        .await
        .ok()
        .flatten()
}

/// Lets the chair pick any number of score files (or members' round files).
///
/// The end-to-end build reads the paths from `skarfiler.txt` in the test directory, one per
/// line, so a test can hand over one batch after another.
pub async fn choose_score_files(app: &tauri::AppHandle) -> Vec<String> {
    #[cfg(feature = "e2e")]
    if let Some(directory) = std::env::var_os("SAMVURD_E2E_DIALOG_DIR") {
        let _ = app;
        let list = std::path::Path::new(&directory).join("skarfiler.txt");
        return std::fs::read_to_string(list)
            .unwrap_or_default()
            .lines()
            .filter(|line| !line.trim().is_empty())
            .map(str::to_owned)
            .collect();
    }
    let (sender, receiver) = std::sync::mpsc::channel();
    app.dialog()
        .file()
        .set_title("Velg skårfiler fra medlemmene")
        .add_filter("Skårfiler og rundefiler", &["json", "samvurd"])
        .pick_files(move |paths| {
            let paths = paths
                .unwrap_or_default()
                .into_iter()
                .map(|path| path.to_string())
                .collect::<Vec<_>>();
            let _ = sender.send(paths);
        });
    tauri::async_runtime::spawn_blocking(move || receiver.recv().unwrap_or_default())
        .await
        .unwrap_or_default()
}

/// Opens a file or folder the app has just written in the system's viewer (the PDF reader, the
/// file manager). The end-to-end build writes the path to `apnet.txt` in the test directory
/// instead: there is no viewer to look at under Xvfb.
pub fn open_in_viewer(path: &str) -> Result<(), String> {
    #[cfg(feature = "e2e")]
    if let Some(directory) = std::env::var_os("SAMVURD_E2E_DIALOG_DIR") {
        return std::fs::write(std::path::Path::new(&directory).join("apnet.txt"), path)
            .map_err(|error| error.to_string());
    }
    open::that_detached(path).map_err(|error| {
        format!("Kunne ikke åpne «{path}» ({error}). Åpne fila selv fra mappen den ligger i.")
    })
}
