//! Recently opened rounds, kept in the app's config directory as a small JSON list, and the
//! app's data directory for the sample round.

use std::path::PathBuf;

use samvurd_app::views::RoundView;
use samvurd_app::{AppError, AppResult};
use serde::{Deserialize, Serialize};
use specta::Type;
use tauri::Manager;

/// A round file given on the command line, opened at start.
pub struct InitialRound(pub Option<String>);

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct RecentRound {
    pub path: String,
    pub title: String,
}

const LIMIT: usize = 8;

fn list_path(app: &tauri::AppHandle) -> Option<PathBuf> {
    app.path().app_config_dir().ok().map(|directory| directory.join("nylig-brukt.json"))
}

pub fn data_dir(app: &tauri::AppHandle) -> AppResult<PathBuf> {
    app.path()
        .app_data_dir()
        .map_err(|error| AppError::io(format!("Finner ikke mappa for programdata: {error}")))
}

/// The recent rounds that still exist, newest first.
pub fn list(app: &tauri::AppHandle) -> Vec<RecentRound> {
    let Some(path) = list_path(app) else { return Vec::new() };
    let rounds: Vec<RecentRound> = std::fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default();
    rounds.into_iter().filter(|round| std::path::Path::new(&round.path).exists()).collect()
}

/// Puts a successfully opened round first in the list; passes the result through.
pub fn remember(app: &tauri::AppHandle, opened: AppResult<RoundView>) -> AppResult<RoundView> {
    if let (Ok(view), Some(path)) = (&opened, list_path(app)) {
        let mut rounds = list(app);
        rounds.retain(|round| round.path != view.path);
        rounds.insert(0, RecentRound { path: view.path.clone(), title: view.title.clone() });
        rounds.truncate(LIMIT);
        if let Some(directory) = path.parent() {
            let _ = std::fs::create_dir_all(directory);
        }
        // The list is a convenience: failing to save it must not fail opening the round.
        if let Ok(bytes) = serde_json::to_vec_pretty(&rounds) {
            let _ = std::fs::write(path, bytes);
        }
    }
    opened
}
