//! Closing the window without losing what was just typed.
//!
//! The UI sends a justification half a second after the last key, and queues score sends; a
//! window closed in between would drop them. So a close request is held: the shell asks the UI
//! to save what is waiting (`samvurd://before-close`), and closes the window when the UI says it
//! is done (`samvurd://flushed`), or after at most one second, so a stuck UI never keeps the
//! window open. The end-to-end build also closes the window on `e2e://close-window`, the way the
//! window manager's close button does, since WebDriver cannot press that button.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use tauri::{Emitter, Listener, WebviewWindow, WindowEvent};

/// The event the UI listens to: save what is waiting.
pub const BEFORE_CLOSE: &str = "samvurd://before-close";
/// The event the UI answers with when it has saved.
pub const FLUSHED: &str = "samvurd://flushed";
/// The longest a close waits for the UI.
pub const FLUSH_LIMIT: Duration = Duration::from_secs(1);

/// Holds each close request of `window` until the UI has flushed, at most [`FLUSH_LIMIT`].
pub fn hold_close_until_flushed(window: &WebviewWindow) {
    let closing = Arc::new(AtomicBool::new(false));
    let handle = window.clone();
    window.on_window_event(move |event| {
        let WindowEvent::CloseRequested { api, .. } = event else {
            return;
        };
        // A second request while the first waits: the first one closes the window soon.
        api.prevent_close();
        if closing.swap(true, Ordering::SeqCst) {
            return;
        }
        let (flushed, wait) = mpsc::channel::<()>();
        handle.once_any(FLUSHED, move |_| {
            let _ = flushed.send(());
        });
        // If the UI cannot be told, there is nothing to wait for.
        let asked = handle.emit(BEFORE_CLOSE, ()).is_ok();
        let window = handle.clone();
        std::thread::spawn(move || {
            if asked {
                let _ = wait.recv_timeout(FLUSH_LIMIT);
            }
            // Destroying does not ask again: this is the close the person asked for.
            let _ = window.destroy();
        });
    });
    #[cfg(feature = "e2e")]
    {
        let window = window.clone();
        window.clone().listen_any("e2e://close-window", move |_| {
            let _ = window.close();
        });
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_ui_listens_and_answers_with_the_same_event_names() {
        let names = include_str!("../../ui/src/lib/closing.ts");
        assert!(names.contains(&format!("\"{}\"", super::BEFORE_CLOSE)), "{names}");
        assert!(names.contains(&format!("\"{}\"", super::FLUSHED)), "{names}");
    }
}
