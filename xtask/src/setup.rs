//! Getting the machine ready: toolchain components, Debian packages, tauri-driver, the Tauri
//! CLI and the UI's npm packages. Each is installed only when missing.

use std::process::Command;

use crate::{Result, cargo, output, project_root, step};

pub(crate) fn ensure_toolchain_components() -> Result {
    for (tool, component) in [("fmt", "rustfmt"), ("clippy", "clippy")] {
        let mut command = cargo();
        command.args([tool, "--version"]);
        if output(command).is_err() {
            return Err(format!(
                "`cargo {tool}` is missing. Install the `{component}` component of the stable toolchain (rustup component add {component})."
            ));
        }
    }
    Ok(())
}

/// Debian packages the desktop build and its end-to-end tests need.
pub(crate) const SYSTEM_PACKAGES: &[&str] = &[
    "build-essential",
    // The PDF tests check the innstilling with poppler, qpdf and Apache PDFBox Preflight.
    "poppler-utils",
    "qpdf",
    "default-jre-headless",
    "libpdfbox2-java",
    "libactivation-java",
    "libjaxb-api-java",
    "libwebkit2gtk-4.1-dev",
    "libgtk-3-dev",
    "librsvg2-dev",
    "libayatana-appindicator3-dev",
    "webkit2gtk-driver",
    "xvfb",
    "xauth",
    // The end-to-end screenshots are taken from the X screen with `import`.
    "imagemagick",
];

pub(crate) fn ensure_system_packages() -> Result {
    ensure_debian_packages(SYSTEM_PACKAGES)
}

/// Installs those of `packages` that are not installed yet (one `apt-get install` for them all).
pub(crate) fn ensure_debian_packages(packages: &[&str]) -> Result {
    let missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|package| {
            let status = Command::new("dpkg-query").args(["-W", "-f=${Status}", package]).output();
            !status.is_ok_and(|output| {
                String::from_utf8_lossy(&output.stdout).contains("install ok installed")
            })
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let mut update = Command::new("apt-get");
    update.arg("update");
    step("apt-get update", update)?;
    // The JRE's post-install step expects this directory, which slim images lack.
    let _ = std::fs::create_dir_all("/usr/share/man/man1");
    let mut install = Command::new("apt-get");
    install
        .args(["install", "-y", "--no-install-recommends"])
        .args(&missing)
        .env("DEBIAN_FRONTEND", "noninteractive");
    step(&format!("install {}", missing.join(" ")), install)
}

pub(crate) fn ensure_tauri_driver() -> Result {
    if Command::new("tauri-driver").arg("--help").output().is_ok() {
        return Ok(());
    }
    let mut install = cargo();
    install.args(["install", "tauri-driver", "--locked", "--version", "^2"]);
    step("install tauri-driver (WebDriver for the desktop app)", install)
}

/// The version of `pdfua` (PyPI) the report tests check the innstilling and letters with.
const PDFUA_VERSION: &str = "0.1.3";

/// `pdfua`, the checker for the machine-checkable part of PDF/UA-1 (PyPI; built on pikepdf, no
/// JVM), installed with pip when it is missing or another version.
pub(crate) fn ensure_pdfua() -> Result {
    let installed = Command::new("pdfua")
        .arg("--version")
        .output()
        .is_ok_and(|output| String::from_utf8_lossy(&output.stdout).contains(PDFUA_VERSION));
    if installed {
        return Ok(());
    }
    let package = format!("pdfua=={PDFUA_VERSION}");
    let mut install = Command::new("python3");
    install.args(["-m", "pip", "install", "--quiet", &package]);
    if step("install pdfua (PDF/UA checker for the report tests)", install).is_ok() {
        return Ok(());
    }
    // Debian's own Python: pip from Debian, and its guard against mixing in PyPI packages
    // lifted for this one tool.
    ensure_debian_packages(&["python3-pip"])?;
    let mut install = Command::new("python3");
    install.args(["-m", "pip", "install", "--quiet", "--break-system-packages", &package]);
    step("install pdfua with Debian's pip", install)
}

pub(crate) fn npm(arguments: &[&str]) -> Command {
    let mut command = Command::new("npm");
    command.args(arguments).current_dir(project_root().join("ui"));
    command
}

/// Installs the UI's npm packages exactly as locked, when they are missing or out of date.
pub(crate) fn ui_dependencies() -> Result {
    let ui = project_root().join("ui");
    let lock = std::fs::read(ui.join("package-lock.json")).unwrap_or_default();
    let installed =
        std::fs::read(ui.join("node_modules").join(".samvurd-lock")).unwrap_or_default();
    if !lock.is_empty() && lock == installed {
        return Ok(());
    }
    step("install the UI's npm packages (npm ci)", npm(&["ci", "--no-audit", "--no-fund"]))?;
    std::fs::write(ui.join("node_modules").join(".samvurd-lock"), lock)
        .map_err(|error| error.to_string())
}

/// The Tauri CLI (`cargo tauri`), which builds the app for release and runs the bundler.
pub(crate) fn ensure_tauri_cli() -> Result {
    let mut version = cargo();
    version.args(["tauri", "--version"]);
    if output(version).is_ok_and(|text| text.trim_start().starts_with("tauri-cli 2.")) {
        return Ok(());
    }
    let mut install = cargo();
    install.args(["install", "tauri-cli", "--locked", "--version", "^2"]);
    step("install the Tauri CLI (cargo tauri), which builds the .deb", install)
}

/// `program` run as root: directly when xtask already runs as root, else through sudo.
pub(crate) fn as_root(program: &str) -> Command {
    let root = Command::new("id").arg("-u").output().is_ok_and(|id| id.stdout.trim_ascii() == b"0");
    if root {
        Command::new(program)
    } else {
        let mut command = Command::new("sudo");
        command.arg(program);
        command
    }
}
