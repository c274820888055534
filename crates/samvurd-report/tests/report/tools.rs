//! Running the external checkers, and the rendered sample shared by the PDF tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use crate::sample;

/// Runs `program`; a missing program fails the test and names the Debian package to install.
pub fn run(program: &str, args: &[&str], package: &str) -> Output {
    match Command::new(program).args(args).output() {
        Ok(output) => output,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => panic!(
            "`{program}` is not installed; these tests need it. Install the Debian package: \
             apt-get install {package}"
        ),
        Err(error) => panic!("could not run `{program}`: {error}"),
    }
}

/// Runs `program` and returns its standard output, failing the test on a non-zero exit.
pub fn run_ok(program: &str, args: &[&str], package: &str) -> String {
    let output = run(program, args, package);
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "`{program} {}` failed ({}):\n{stdout}\n{}",
        args.join(" "),
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// The class path for PDFBox Preflight from Debian's packages.
pub fn pdfbox_classpath() -> String {
    let jars = [
        ("pdfbox2.jar", "libpdfbox2-java"),
        ("pdfbox2-tools.jar", "libpdfbox2-java"),
        ("preflight.jar", "libpdfbox2-java"),
        ("xmpbox.jar", "libpdfbox2-java"),
        ("fontbox2.jar", "libfontbox2-java"),
        ("commons-logging.jar", "libcommons-logging-java"),
        ("javax.activation.jar", "libactivation-java"),
        ("jaxb-api.jar", "libjaxb-api-java"),
    ];
    jars.iter()
        .map(|(jar, package)| {
            let path = Path::new("/usr/share/java").join(jar);
            assert!(
                path.exists(),
                "{} is missing; install the Debian package: apt-get install {package}",
                path.display()
            );
            path.display().to_string()
        })
        .collect::<Vec<_>>()
        .join(":")
}

/// A file under the test target's scratch directory (kept after the run, for looking at).
pub fn scratch(name: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(name)
}

/// The sample innstilling (30 applications), rendered once for all PDF tests.
pub fn sample_pdf() -> &'static Path {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let model = sample::innstilling(sample::Options::default());
        let bytes =
            samvurd_report::render_pdf(&model, sample::generated_at()).expect("the sample renders");
        let path = scratch("innstilling.pdf");
        std::fs::write(&path, bytes).expect("the scratch directory is writable");
        path
    })
}
