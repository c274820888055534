//! Plain words (klarspråk): phrases people tripped over in the app, which must not come back.
//! Every UI source, every Rust source (the texts the app shows) and every Fluent file (the texts
//! the documents show) is read.

use std::fs;
use std::path::{Path, PathBuf};

/// Each phrase (a plain substring), and why it went.
const BANNED: &[(&str, &str)] = &[
    ("Prikken er plassen, stolpen plassene", "chart jargon: the legend says it in words"),
    ("\"Rå\"", "«Rå» as a column heading"),
    (">Rå<", "«Rå» as a column heading"),
    ("(spenn {range}, grense", "«(spenn 3, grense 3)» in a flag reason"),
    ("kan være ikke relevant", "«kan være ikke relevant» → ««Ikke relevant» tillatt»"),
    ("slått sammen inn i runden", "«er slått sammen inn i runden» → «er lagt inn»"),
    ("skårer de likevel har gitt", "«skårer» as both verb and noun"),
    ("bruker alltid det nyeste", "«det nyeste» → «den nyeste fila»"),
    ("Skårfila er skrevet", "«Skårfila er skrevet» → «Skårfila er lagret»"),
    ("Mer veiledning vises når kriteriet er valgt", "unclear: what is «valgt»?"),
    ("du velger bare én gang", "the choice can be changed («Bytt person»)"),
    (">Avslutt<", "the tab «Avslutt» reads as «Exit» beside «Lukk runden»"),
    ("under «Avslutt»", "the tab is «Innstilling og brev» now"),
    ("Velg navnet ditt først", "an instruction only as a disabled button's label"),
    (
        "Skriv beløpet i kroner, f.eks. «1 200 000» eller «1 200 000,50»",
        "the import error said its instruction twice",
    ),
    ("set_file_name(\"mine-skarer", "every member's score file had the same default name"),
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn sources(directory: &Path, extensions: &[&str], found: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(directory).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if ["node_modules", "dist", "target", "gen"].contains(&name.as_str()) {
            continue;
        }
        if path.is_dir() {
            sources(&path, extensions, found);
        } else if extensions.iter().any(|extension| name.ends_with(extension)) {
            found.push(path);
        }
    }
}

#[test]
fn the_phrases_people_tripped_over_do_not_come_back() {
    let root = root();
    let mut files = Vec::new();
    sources(&root.join("ui").join("src"), &[".svelte", ".ts"], &mut files);
    sources(&root.join("crates"), &[".rs"], &mut files);
    sources(&root.join("src-tauri").join("src"), &[".rs"], &mut files);
    sources(&root.join("assets").join("locales"), &[".ftl"], &mut files);
    assert!(files.len() > 50, "only {} files read", files.len());
    assert!(files.iter().any(|path| path.ends_with("Scoring.svelte")));
    assert!(files.iter().any(|path| path.ends_with("disagreement.rs")));
    assert!(files.iter().any(|path| path.ends_with("nn/innstilling.ftl")));

    let mut found = Vec::new();
    for path in &files {
        let text = fs::read_to_string(path).unwrap();
        for (phrase, why) in BANNED {
            if text.contains(phrase) {
                found.push(format!(
                    "{}: «{phrase}» ({why})",
                    path.strip_prefix(&root).unwrap().display()
                ));
            }
        }
    }
    assert!(found.is_empty(), "phrases that must not come back:\n{}", found.join("\n"));
}
