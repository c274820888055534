//! `cargo xtask dist`: the Debian package, installed here and checked as a user would meet it.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::setup::{
    as_root, ensure_debian_packages, ensure_system_packages, ensure_tauri_cli, npm, ui_dependencies,
};
use crate::{Result, cargo, output, project_root, step, target_dir};

/// Debian packages `cargo xtask dist` needs besides [`SYSTEM_PACKAGES`]: the tools its checks use,
/// and the two whose dpkg triggers register a package's .desktop file and MIME types on install,
/// as they do on a desktop system.
pub(crate) const DIST_PACKAGES: &[&str] = &[
    // desktop-file-validate, and update-desktop-database (MimeType= → which app opens a type).
    "desktop-file-utils",
    // update-mime-database: makes a *.samvurd file application/x-samvurd.
    "shared-mime-info",
    // gio: asks GLib, as a file manager does, what a .samvurd file is and which app opens it.
    "libglib2.0-bin",
    // Finds the app's window on the Xvfb screen.
    "xdotool",
];

/// What the .deb is checked to install, besides the binary: the launcher entry with the file
/// association, the MIME type and the icons.
pub(crate) const DESKTOP_FILE: &str = "/usr/share/applications/Samvurd.desktop";
pub(crate) const INSTALLED_FILES: &[&str] = &[
    DESKTOP_FILE,
    "/usr/share/mime/packages/samvurd.xml",
    "/usr/share/icons/hicolor/32x32/apps/samvurd-desktop.png",
    "/usr/share/icons/hicolor/128x128/apps/samvurd-desktop.png",
    "/usr/share/icons/hicolor/512x512/apps/samvurd-desktop.png",
];
pub(crate) const MIME_TYPE: &str = "application/x-samvurd";

/// Bytes as megabytes, the unit apt and dpkg report sizes in.
pub(crate) fn megabytes(bytes: u64) -> String {
    #[allow(clippy::cast_precision_loss)] // a display figure with one decimal
    let megabytes = bytes as f64 / 1e6;
    format!("{megabytes:.1} MB")
}

/// Builds the Debian package of the desktop app with the Tauri bundler, installs it on this
/// machine with apt, and checks what a user would meet: the launcher entry, the `.samvurd` file
/// association, and the installed app starting and opening a round under Xvfb.
pub(crate) fn dist() -> Result {
    let started = Instant::now();
    ensure_system_packages()?;
    ensure_debian_packages(DIST_PACKAGES)?;
    ensure_tauri_cli()?;
    ui_dependencies()?;
    // The release build embeds ui/dist; tauri.conf.json has no beforeBuildCommand, so the UI is
    // built here, as for every other build of the desktop app.
    step("UI build (vite)", npm(&["run", "build"]))?;

    let target = target_dir()?;
    let bundles = target.join("release").join("bundle").join("deb");
    // A package left by an earlier version must not pass for this build's.
    let _ = std::fs::remove_dir_all(&bundles);
    let mut build = cargo();
    // Only the .deb: the AppImage needs tools the bundler downloads, and this is the package
    // that can be installed and checked here. Arguments after `--` go to `cargo build`.
    build.current_dir(project_root().join("src-tauri")).args([
        "tauri",
        "build",
        "--bundles",
        "deb",
        "--ci",
        "--",
        "--locked",
    ]);
    step("release build of the desktop app and its .deb (cargo tauri build)", build)?;
    let package = the_deb_in(&bundles)?;
    let size = std::fs::metadata(&package).map_err(|error| error.to_string())?.len();

    let mut fields = Command::new("dpkg-deb");
    fields.arg("--field").arg(&package).args(["Package", "Version", "Installed-Size", "Depends"]);
    let fields = output(fields)?;
    let field = |name: &str| {
        fields
            .lines()
            .find_map(|line| line.strip_prefix(name)?.strip_prefix(':'))
            .map(str::trim)
            .unwrap_or_default()
            .to_owned()
    };
    let name = field("Package");
    let installed_kib: u64 = field("Installed-Size")
        .parse()
        .map_err(|_| format!("{} has no Installed-Size", package.display()))?;
    let mut listing = Command::new("dpkg-deb");
    listing.arg("--contents").arg(&package);
    let listing = output(listing)?;
    let packaged: Vec<String> = listing
        .lines()
        .filter_map(|line| line.split_whitespace().last())
        .map(|path| format!("/{}", path.trim_start_matches("./")))
        .collect();
    let binary = packaged
        .iter()
        .find(|path| path.ends_with("/bin/samvurd-desktop"))
        .ok_or("the .deb has no bin/samvurd-desktop")?
        .clone();
    let absent: Vec<&str> = INSTALLED_FILES
        .iter()
        .copied()
        .filter(|wanted| !packaged.iter().any(|path| path == wanted))
        .collect();
    if !absent.is_empty() {
        return Err(format!("the .deb lacks {}", absent.join(", ")));
    }
    let summary = format!(
        "    package:        {}\n    {name} {}: {} (.deb), {} installed (Installed-Size: {installed_kib} KiB)\n    depends on:     {}",
        package.display(),
        field("Version"),
        megabytes(size),
        megabytes(installed_kib * 1024),
        field("Depends"),
    );
    println!("\n==> the .deb\n{summary}");

    let mut install = as_root("apt-get");
    // --reinstall: a rebuild keeps the version number, and apt would otherwise skip it.
    install
        .args(["install", "-y", "--reinstall"])
        .arg(&package)
        .env("DEBIAN_FRONTEND", "noninteractive");
    step("install the .deb (apt-get install)", install)?;
    let mut status = Command::new("dpkg-query");
    status.args(["--show", "--showformat=${Status}", &name]);
    if output(status)?.trim() != "install ok installed" {
        return Err(format!("apt-get ran, but dpkg does not list {name} as installed"));
    }
    let missing: Vec<&str> = INSTALLED_FILES
        .iter()
        .copied()
        .chain([binary.as_str()])
        .filter(|path| !Path::new(path).is_file())
        .collect();
    if !missing.is_empty() {
        return Err(format!("after the install, {} are missing", missing.join(", ")));
    }

    // The launcher entry: valid, and it hands a .samvurd file to the app.
    let mut validate = Command::new("desktop-file-validate");
    validate.arg(DESKTOP_FILE);
    step("validate the installed .desktop file", validate)?;
    let desktop = std::fs::read_to_string(DESKTOP_FILE).map_err(|error| error.to_string())?;
    let entry = |key: &str| {
        desktop.lines().find_map(|line| line.strip_prefix(key)?.strip_prefix('=')).unwrap_or("")
    };
    if !entry("MimeType").split(';').any(|mime| mime == MIME_TYPE) {
        return Err(format!("{DESKTOP_FILE} does not list {MIME_TYPE} in MimeType="));
    }
    if !entry("Exec").split_whitespace().any(|word| word == "%f" || word == "%F") {
        return Err(format!(
            "Exec= in {DESKTOP_FILE} has no %f: a .samvurd file opened from the file manager would not reach the app"
        ));
    }

    // A round to open, made with the CLI. The debug build, as `cargo xtask test` builds it: it
    // is usually there already, and a release build of it shares little with the app's.
    let mut cli = cargo();
    cli.args(["build", "--locked", "-p", "samvurd-cli"]);
    step("build the samvurd CLI (for a round to open)", cli)?;
    let scratch = target.join("xtask-dist");
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).map_err(|error| error.to_string())?;
    let round = scratch.join("pakkesjekk.samvurd");
    let title = "Pakkesjekk";
    let mut create = Command::new(target.join("debug").join("samvurd"));
    create.args(["--som", "xtask", "create"]).arg(&round).args([
        "--title",
        title,
        "--template",
        "standard",
        "--frame",
        "1 000 000",
    ]);
    step("samvurd create (the round the app opens)", create)?;

    // The association as a file manager sees it: the file's type, and the app for that type.
    let mut file_type = Command::new("gio");
    file_type.args(["info", "--attributes=standard::content-type"]).arg(&round);
    let file_type = output(file_type)?;
    if !file_type.contains(MIME_TYPE) {
        return Err(format!("GLib does not see {} as {MIME_TYPE}:\n{file_type}", round.display()));
    }
    let mut handlers = Command::new("gio");
    handlers.args(["mime", MIME_TYPE]);
    let handlers = output(handlers)?;
    if !handlers.contains("Samvurd.desktop") {
        return Err(format!("GLib does not open {MIME_TYPE} with Samvurd:\n{handlers}"));
    }
    println!(
        "\n==> file association\n    {} is {MIME_TYPE}; it opens with Samvurd.desktop",
        round.display()
    );

    let mut check = Command::new("xvfb-run");
    check
        .args(["-a", "-s", "-screen 0 1280x800x24"])
        .arg(env::current_exe().map_err(|error| error.to_string())?)
        .arg("dist-startup-check")
        .arg(&binary)
        .arg(&round)
        .arg(title)
        .arg(&scratch);
    step("start the installed app on the round (Xvfb)", check)?;

    println!(
        "\nxtask dist: built, installed and started in {:.0} s\n{summary}",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The one .deb the bundler wrote into `directory`.
pub(crate) fn the_deb_in(directory: &Path) -> Result<PathBuf> {
    let entries = std::fs::read_dir(directory)
        .map_err(|error| format!("no bundle directory {}: {error}", directory.display()))?;
    let debs: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|extension| extension == "deb"))
        .collect();
    match debs.as_slice() {
        [deb] => Ok(deb.clone()),
        _ => Err(format!("expected one .deb in {}, found {}", directory.display(), debs.len())),
    }
}

/// Run by `dist` inside xvfb-run: starts the installed `app` on `round` and checks that a window
/// appears, that the UI opens the round (the window takes the round's `title`, which proves the
/// embedded frontend loaded and reached the Rust side), and that the app is still running after
/// five seconds. Then stops it.
pub(crate) fn startup_check(app: &Path, round: &Path, title: &str, scratch: &Path) -> Result {
    const STAYS_UP_FOR: Duration = Duration::from_secs(5);
    const GIVE_UP_AFTER: Duration = Duration::from_secs(30);
    let home = scratch.join("home");
    let log_path = scratch.join("samvurd-desktop.log");
    let log = std::fs::File::create(&log_path).map_err(|error| error.to_string())?;
    let log_copy = log.try_clone().map_err(|error| error.to_string())?;
    let mut child = Command::new(app)
        .arg(round)
        // A first start: no settings or recent list from an earlier run.
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        // On the Xvfb screen even when run from a Wayland session.
        .env("GDK_BACKEND", "x11")
        .env_remove("WAYLAND_DISPLAY")
        .stdout(log_copy)
        .stderr(log)
        .spawn()
        .map_err(|error| format!("could not start {}: {error}", app.display()))?;
    let started = Instant::now();
    let mut window_after = None;
    let mut round_window = None;
    let outcome = loop {
        let elapsed = started.elapsed();
        match child.try_wait() {
            Ok(Some(status)) => {
                break Err(format!(
                    "{} exited {:.1} s after it started ({status})",
                    app.display(),
                    elapsed.as_secs_f64()
                ));
            }
            Ok(None) => {}
            Err(error) => break Err(error.to_string()),
        }
        if window_after.is_none() && visible_window("Samvurd").is_some() {
            window_after = Some(elapsed);
        }
        if round_window.is_none() {
            round_window = visible_window(title).map(|id| (elapsed, id));
        }
        if round_window.is_some() && elapsed >= STAYS_UP_FOR {
            break Ok(elapsed);
        }
        if elapsed >= GIVE_UP_AFTER {
            break Err(match window_after {
                None => format!("no Samvurd window appeared within {} s", elapsed.as_secs()),
                Some(_) => format!(
                    "the window never took the round's title «{title}» within {} s: the UI did not open the round it was started on",
                    elapsed.as_secs()
                ),
            });
        }
        std::thread::sleep(Duration::from_millis(250));
    };
    let details = round_window.as_ref().map(|(_, id)| {
        let mut name = Command::new("xdotool");
        name.args(["getwindowname", id]);
        let mut geometry = Command::new("xdotool");
        geometry.args(["getwindowgeometry", id]);
        let geometry = output(geometry).unwrap_or_default();
        let size = geometry
            .lines()
            .find_map(|line| line.trim().strip_prefix("Geometry:"))
            .unwrap_or("?")
            .trim()
            .to_owned();
        (output(name).unwrap_or_default().trim().to_owned(), size)
    });
    stop(&mut child);
    let app_output = std::fs::read_to_string(&log_path).unwrap_or_default();
    let outcome = outcome.and_then(|elapsed| {
        if app_output.contains("panicked") {
            Err("the app panicked".to_owned())
        } else {
            Ok(elapsed)
        }
    });
    match outcome {
        Ok(elapsed) => {
            let seconds = |duration: Option<Duration>| {
                duration.map_or("?".to_owned(), |duration| format!("{:.1}", duration.as_secs_f64()))
            };
            let (name, size) = details.unwrap_or_default();
            println!(
                "    a Samvurd window after {} s; «{name}» ({size}), the round opened, after {} s; still running after {:.1} s, then stopped",
                seconds(window_after),
                seconds(round_window.map(|(after, _)| after)),
                elapsed.as_secs_f64()
            );
            Ok(())
        }
        Err(message) => {
            let mut tail: Vec<&str> = app_output.lines().rev().take(30).collect();
            tail.reverse();
            let shown = if tail.is_empty() { "(none)".to_owned() } else { tail.join("\n") };
            Err(format!("{message}\nThe app's output ({}):\n{shown}", log_path.display()))
        }
    }
}

/// The id of a visible window whose name matches `name`, if there is one.
pub(crate) fn visible_window(name: &str) -> Option<String> {
    let mut search = Command::new("xdotool");
    search.args(["search", "--onlyvisible", "--name", name]);
    output(search).ok()?.lines().next().map(str::to_owned)
}

/// Asks the app to quit (SIGTERM), then kills it if it has not within five seconds.
pub(crate) fn stop(child: &mut std::process::Child) {
    if !matches!(child.try_wait(), Ok(None)) {
        return;
    }
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    let asked = Instant::now();
    while asked.elapsed() < Duration::from_secs(5) {
        if matches!(child.try_wait(), Ok(Some(_))) {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
}
