//! The crate's one integration test binary: the layout engine on data made to stress it, the
//! innstilling as text (snapshots), and the PDF checked with the real tools an archive or a
//! reader would use: poppler's `pdftotext` and `pdffonts`, `qpdf --check`, and Apache PDFBox
//! Preflight for PDF/A-1b. A missing tool fails the test with the Debian package to install;
//! nothing is skipped silently.

mod document;
mod follow_up;
mod layout;
mod pdf;
mod sample;
mod tools;
