//! Laid-out pages to PDF bytes: a small writer of our own that puts the pages, the two subset
//! fonts and everything PDF/A-1b asks for straight into one buffer, object by object.
//!
//! The file is a PDF/A-1b archive file, the format Norwegian public bodies file documents in:
//! an sRGB output intent (`GTS_PDFA1`) because the pages use device RGB, XMP metadata with the
//! `pdfaid` schema that matches the document information dictionary, a `CIDSet` for each subset
//! font, PDF version 1.4 and a file identifier. It also holds what goes beyond 1b toward
//! accessible PDF: the document language (`nb-NO`, `nn-NO`, `se-NO`), the title shown in the window, and a
//! structure tree (headings, paragraphs, tables with header cells, figures with alternative
//! text) tied to the marked content of the pages, with page furniture marked as artifacts.
//!
//! Why not printpdf's serialiser: it turned every mark into operation objects, those into a
//! lopdf document, and that into bytes — twice, for the file identifier — and walked every text
//! run again per font, allocating a string per character. A 200-application innstilling spent
//! nine tenths of its time there. Here each page's content stream is written once, as bytes,
//! and the text is encoded through a table of glyph ids (`ARCHITECTURE.md`, samvurd-report).
//!
//! The output is deterministic: font resource names are fixed, the subset tag comes from the
//! characters used, every date comes from `generated_at`, and the file identifier is a hash of
//! the file's own content, so the same model gives the same bytes.

use std::collections::BTreeSet;
use std::io::Write as _;

use chrono::{DateTime, FixedOffset};
use flate2::Compression;
use flate2::write::ZlibEncoder;
use sha2::{Digest, Sha256};

use crate::ReportError;
use crate::fonts::{Face, Subset, subset_face};
use crate::icc;
use crate::layout::{self, ElementId, Mark, PAGE_HEIGHT, Page, Role, Structure};

/// What the document says about itself, in the information dictionary and the XMP metadata.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentInfo {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub language: String,
}

const CREATOR: &str = concat!("Samvurd ", env!("CARGO_PKG_VERSION"));
const PRODUCER: &str = concat!("samvurd-report ", env!("CARGO_PKG_VERSION"));

/// A4, 210 × 297 mm, in points: the page boxes.
const MEDIA_BOX: &str = "[0 0 595.2756 841.8898]";

/// Deflate level of the streams. Level 1 is several times faster than the usual 6 and gives a
/// file about a fifth larger: the time of writing the innstilling is what a chair waits for.
const DEFLATE_LEVEL: u32 = 1;

pub fn write(
    pages: &[Page],
    structure: &Structure,
    info: &DocumentInfo,
    generated_at: DateTime<FixedOffset>,
) -> Result<Vec<u8>, ReportError> {
    let fonts = embedded_fonts(pages)?;
    let mut file = PdfFile::new();

    let catalog_id = file.reserve();
    let pages_id = file.reserve();
    let resources_id = file.reserve();
    let page_ids: Vec<u32> = pages.iter().map(|_| file.reserve()).collect();

    // The pages and their content, with the marked-content ids per page and the element each
    // belongs to, for the structure tree.
    let mut marked: Vec<Vec<ElementId>> = Vec::with_capacity(pages.len());
    let mut content = Vec::new();
    for (index, page) in pages.iter().enumerate() {
        content.clear();
        let mut state = TextState::default();
        let mut page_marked = Vec::new();
        for mark in &page.marks {
            match mark.element() {
                Some(element) => {
                    let role = structure.elements[element].role;
                    let _ = writeln!(
                        content,
                        "/{} <</MCID {}>> BDC",
                        role.pdf_name(),
                        page_marked.len()
                    );
                    page_marked.push(element);
                }
                None => content.extend_from_slice(b"/Artifact BMC\n"),
            }
            draw(mark, &fonts, &mut state, &mut content);
            content.extend_from_slice(b"EMC\n");
        }
        let content_id = file.reserve();
        file.deflated_stream(content_id, "", &content);
        file.begin(page_ids[index]);
        let _ = write!(
            file.out,
            "<</Type /Page /Parent {pages_id} 0 R /MediaBox {MEDIA_BOX} /TrimBox {MEDIA_BOX} \
             /CropBox {MEDIA_BOX} /Resources {resources_id} 0 R /Contents {content_id} 0 R \
             /StructParents {index}>>"
        );
        file.end();
        marked.push(page_marked);
    }

    file.begin(pages_id);
    let _ = write!(file.out, "<</Type /Pages /Count {} /Kids [", pages.len());
    for id in &page_ids {
        let _ = write!(file.out, "{id} 0 R ");
    }
    file.out.extend_from_slice(b"]>>");
    file.end();

    let mut font_references = String::new();
    for font in fonts.iter().flatten() {
        let id = write_font(&mut file, font);
        font_references.push_str(&format!("/{} {id} 0 R ", font.face.resource_name()));
    }
    file.begin(resources_id);
    let _ = write!(file.out, "<</Font <<{font_references}>>>>");
    file.end();

    let struct_tree_root = write_structure_tree(&mut file, &page_ids, &marked, structure);

    // The information dictionary, matching the XMP packet exactly.
    let date = pdf_date(generated_at);
    let information_id = file.reserve();
    file.begin(information_id);
    file.out.extend_from_slice(b"<</Title ");
    text_string(&mut file.out, &info.title);
    file.out.extend_from_slice(b" /Author ");
    text_string(&mut file.out, &info.author);
    file.out.extend_from_slice(b" /Subject ");
    text_string(&mut file.out, &info.subject);
    file.out.extend_from_slice(b" /Creator ");
    text_string(&mut file.out, CREATOR);
    file.out.extend_from_slice(b" /Producer ");
    text_string(&mut file.out, PRODUCER);
    let _ = write!(file.out, " /CreationDate ({date}) /ModDate ({date})>>");
    file.end();

    // PDF/A-1 forbids filters on the metadata stream.
    let metadata_id = file.reserve();
    file.plain_stream(
        metadata_id,
        "/Type /Metadata /Subtype /XML",
        xmp_packet(info, generated_at).as_bytes(),
    );
    let profile_id = file.reserve();
    file.deflated_stream(profile_id, "/N 3", &icc::srgb_profile());

    file.begin(catalog_id);
    let _ = write!(
        file.out,
        "<</Type /Catalog /Pages {pages_id} 0 R /PageLayout /OneColumn /PageMode /UseNone \
         /Metadata {metadata_id} 0 R /OutputIntents [<</Type /OutputIntent /S /GTS_PDFA1 \
         /OutputConditionIdentifier "
    );
    literal_string(&mut file.out, icc::DESCRIPTION);
    file.out.extend_from_slice(b" /RegistryName ");
    literal_string(&mut file.out, "http://www.color.org");
    file.out.extend_from_slice(b" /Info ");
    literal_string(&mut file.out, icc::DESCRIPTION);
    let _ = write!(file.out, " /DestOutputProfile {profile_id} 0 R>>] /Lang");
    literal_string(&mut file.out, &info.language);
    let _ = write!(
        file.out,
        " /MarkInfo <</Marked true>> /ViewerPreferences <</DisplayDocTitle true>> \
         /StructTreeRoot {struct_tree_root} 0 R>>"
    );
    file.end();

    file.finish(catalog_id, information_id)
}

/// The bytes of a PDF file being written: objects as they come, their offsets for the
/// cross-reference table.
struct PdfFile {
    out: Vec<u8>,
    /// Offset of each object, by object number minus one; 0 until it is written.
    offsets: Vec<usize>,
}

impl PdfFile {
    fn new() -> PdfFile {
        // The comment of four bytes above 127 tells transfer programs that the file is binary,
        // as PDF/A asks.
        PdfFile { out: b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec(), offsets: Vec::new() }
    }

    /// A new object number, for an object written later.
    fn reserve(&mut self) -> u32 {
        self.offsets.push(0);
        u32::try_from(self.offsets.len()).unwrap_or(u32::MAX)
    }

    fn begin(&mut self, id: u32) {
        self.offsets[id as usize - 1] = self.out.len();
        let _ = writeln!(self.out, "{id} 0 obj");
    }

    fn end(&mut self) {
        self.out.extend_from_slice(b"\nendobj\n");
    }

    fn plain_stream(&mut self, id: u32, dictionary: &str, data: &[u8]) {
        self.begin(id);
        let _ = write!(self.out, "<<{dictionary} /Length {}>>\nstream\n", data.len());
        self.out.extend_from_slice(data);
        self.out.extend_from_slice(b"\nendstream");
        self.end();
    }

    fn deflated_stream(&mut self, id: u32, dictionary: &str, data: &[u8]) {
        let mut encoder = ZlibEncoder::new(
            Vec::with_capacity(data.len() / 4 + 64),
            Compression::new(DEFLATE_LEVEL),
        );
        let _ = encoder.write_all(data);
        let deflated = encoder.finish().unwrap_or_default();
        self.plain_stream(id, &format!("{dictionary} /Filter /FlateDecode"), &deflated);
    }

    /// The cross-reference table and the trailer. The file identifier is a hash of everything
    /// before the trailer: stable for the same content, different for different content.
    fn finish(mut self, root: u32, information: u32) -> Result<Vec<u8>, ReportError> {
        if self.offsets.contains(&0) {
            return Err(ReportError::Pdf("et PDF-objekt ble aldri skrevet".to_owned()));
        }
        let xref = self.out.len();
        let _ = write!(self.out, "xref\n0 {}\n0000000000 65535 f \n", self.offsets.len() + 1);
        for offset in &self.offsets {
            let _ = writeln!(self.out, "{offset:010} 00000 n ");
        }
        let digest = Sha256::digest(&self.out);
        let identifier: String = digest[..16].iter().map(|byte| format!("{byte:02X}")).collect();
        let _ = write!(
            self.out,
            "trailer\n<</Size {} /Root {root} 0 R /Info {information} 0 R /ID [<{identifier}> \
             <{identifier}>]>>\nstartxref\n{xref}\n%%EOF\n",
            self.offsets.len() + 1
        );
        Ok(self.out)
    }
}

/// One embedded face: its subset and the glyph id of each character in it.
struct EmbeddedFont {
    face: Face,
    subset: Subset,
    /// Glyph ids of the characters below [`DENSE_CHARACTERS`], by code point (0: none).
    dense_glyphs: Vec<u16>,
    /// The character each glyph of the subset is shown for (the last, when one glyph stands
    /// for two characters), by glyph id; `None` for glyphs the text does not show. For the
    /// widths and the text layer.
    used: Vec<Option<char>>,
}

/// Characters up to U+024F (Latin Extended-B) are encoded from a table.
const DENSE_CHARACTERS: usize = 0x250;

impl EmbeddedFont {
    fn glyph(&self, character: char) -> u16 {
        match self.dense_glyphs.get(character as usize) {
            Some(&glyph) if glyph != 0 => glyph,
            _ => self.subset.glyph(character).unwrap_or(0),
        }
    }
}

/// The characters each face shows, subset into fonts; indexed like [`Face::ALL`].
fn embedded_fonts(pages: &[Page]) -> Result<[Option<EmbeddedFont>; 2], ReportError> {
    let mut characters: [BTreeSet<char>; 2] = Default::default();
    for mark in pages.iter().flat_map(|page| &page.marks) {
        if let Mark::Text { text, face, .. } = mark {
            characters[face_index(*face)].extend(text.chars());
        }
    }
    let mut fonts: [Option<EmbeddedFont>; 2] = [None, None];
    for face in Face::ALL {
        let characters = &characters[face_index(face)];
        if characters.is_empty() {
            continue;
        }
        let subset = subset_face(face, characters)?;
        let dense_glyphs = (0..DENSE_CHARACTERS)
            .map(|code| {
                u32::try_from(code)
                    .ok()
                    .and_then(char::from_u32)
                    .and_then(|character| subset.glyph(character))
                    .unwrap_or(0)
            })
            .collect();
        let used = vec![None; usize::from(subset.glyph_count)];
        fonts[face_index(face)] = Some(EmbeddedFont { face, subset, dense_glyphs, used });
    }
    // Which character each glyph is shown for, in page order as the text layer reads it.
    for mark in pages.iter().flat_map(|page| &page.marks) {
        if let Mark::Text { text, face, .. } = mark
            && let Some(font) = &mut fonts[face_index(*face)]
        {
            for character in text.chars() {
                let glyph = usize::from(font.glyph(character));
                if glyph >= font.used.len() {
                    font.used.resize(glyph + 1, None);
                }
                font.used[glyph] = Some(character);
            }
        }
    }
    Ok(fonts)
}

fn face_index(face: Face) -> usize {
    match face {
        Face::Regular => 0,
        Face::Bold => 1,
    }
}

/// A number as PDF writes it: the shortest decimal that reads back as the same `f32`.
fn number(out: &mut Vec<u8>, value: f32) {
    let _ = write!(out, "{value}");
}

fn numbers(out: &mut Vec<u8>, values: &[f32], operator: &str) {
    for value in values {
        number(out, *value);
        out.push(b' ');
    }
    out.extend_from_slice(operator.as_bytes());
    out.push(b'\n');
}

fn rgb(color: layout::Color) -> [f32; 3] {
    [f32::from(color.0) / 255.0, f32::from(color.1) / 255.0, f32::from(color.2) / 255.0]
}

/// Layout coordinates (top-down) to PDF coordinates (bottom-up).
fn flip(y: f32) -> f32 {
    PAGE_HEIGHT - y
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// The font and fill colour the page's graphics state holds outside any `q … Q`, so that a
/// text run sets only what differs from the run before it. Lines, boxes and dots set their
/// colours inside `q … Q`, which leaves this state as it was.
#[derive(Debug, Default)]
struct TextState {
    font: Option<(Face, f32)>,
    fill: Option<layout::Color>,
}

fn draw(mark: &Mark, fonts: &[Option<EmbeddedFont>; 2], state: &mut TextState, out: &mut Vec<u8>) {
    match mark {
        Mark::Text { x, baseline, text, face, size, color, .. } => {
            out.extend_from_slice(b"BT\n");
            if state.font != Some((*face, *size)) {
                out.push(b'/');
                out.extend_from_slice(face.resource_name().as_bytes());
                out.push(b' ');
                numbers(out, &[*size], "Tf");
                state.font = Some((*face, *size));
            }
            if state.fill != Some(*color) {
                numbers(out, &rgb(*color), "rg");
                state.fill = Some(*color);
            }
            out.extend_from_slice(b"1 0 0 1 ");
            numbers(out, &[*x, flip(*baseline)], "Tm");
            out.push(b'<');
            if let Some(font) = &fonts[face_index(*face)] {
                for character in text.chars() {
                    let glyph = font.glyph(character);
                    for shift in [12, 8, 4, 0] {
                        out.push(HEX[usize::from((glyph >> shift) & 0xf)]);
                    }
                }
            }
            out.extend_from_slice(b"> Tj\nET\n");
        }
        Mark::Line { from, to, width, color, dashed, .. } => {
            out.extend_from_slice(b"q\n");
            numbers(out, &rgb(*color), "RG");
            numbers(out, &[*width], "w");
            if *dashed {
                out.extend_from_slice(b"[3.5 2.5] 0 d\n");
            }
            numbers(out, &[from.0, flip(from.1)], "m");
            numbers(out, &[to.0, flip(to.1)], "l");
            out.extend_from_slice(b"S\nQ\n");
        }
        Mark::Rect { x, y, width, height, fill, stroke, .. } => {
            out.extend_from_slice(b"q\n");
            if let Some(fill) = fill {
                numbers(out, &rgb(*fill), "rg");
            }
            if let Some((color, width)) = stroke {
                numbers(out, &rgb(*color), "RG");
                numbers(out, &[*width], "w");
            }
            numbers(out, &[*x, PAGE_HEIGHT - y - height, *width, *height], "re");
            out.extend_from_slice(match (fill, stroke) {
                (Some(_), Some(_)) => b"B\nQ\n",
                (None, Some(_)) => b"S\nQ\n",
                _ => b"f\nQ\n",
            });
        }
        Mark::Dot { center, radius, fill, .. } => {
            // A circle from four cubic Béziers; 0.5523 places the handles for the closest fit.
            let (cx, cy, r) = (center.0, center.1, *radius);
            let k = 0.552_284_8 * r;
            let at = |x: f32, y: f32| [cx + x, flip(cy + y)];
            let curve = |points: [[f32; 2]; 3], out: &mut Vec<u8>| {
                let flat: Vec<f32> = points.iter().flatten().copied().collect();
                numbers(out, &flat, "c");
            };
            out.extend_from_slice(b"q\n");
            numbers(out, &rgb(*fill), "rg");
            numbers(out, &at(r, 0.0), "m");
            curve([at(r, k), at(k, r), at(0.0, r)], out);
            curve([at(-k, r), at(-r, k), at(-r, 0.0)], out);
            curve([at(-r, -k), at(-k, -r), at(0.0, -r)], out);
            curve([at(k, -r), at(r, -k), at(r, 0.0)], out);
            out.extend_from_slice(b"h\nf\nQ\n");
        }
    }
}

/// The font as a Type 0 font over a TrueType CID font, glyph ids as character codes
/// (`Identity-H`), with the widths of the glyphs used, a `ToUnicode` map for the text layer and
/// the `CIDSet` that PDF/A-1 asks of subsets. Returns the font dictionary's object number.
fn write_font(file: &mut PdfFile, font: &EmbeddedFont) -> u32 {
    let subset = &font.subset;
    let metrics = &subset.font.pdf_font_metrics;
    let units_per_em = if metrics.units_per_em == 0 { 1000 } else { metrics.units_per_em };
    let scale = 1000.0 / f32::from(units_per_em);
    // Widths and metrics in thousandths of an em, as PDF font dictionaries want them.
    let scaled = |value: i16| (f32::from(value) * scale).round() as i64;

    let program_id = file.reserve();
    file.deflated_stream(program_id, &format!("/Length1 {}", subset.bytes.len()), &subset.bytes);

    let mut bits = vec![0_u8; usize::from(subset.glyph_count).div_ceil(8)];
    for glyph in 0..usize::from(subset.glyph_count) {
        bits[glyph / 8] |= 0x80 >> (glyph % 8);
    }
    let cid_set_id = file.reserve();
    file.deflated_stream(cid_set_id, "", &bits);

    let ascent = scaled(subset.font.font_metrics.ascent);
    let descent = scaled(subset.font.font_metrics.descent);
    let italic_angle = if metrics.caret_slope_rise == 0 {
        0
    } else {
        (-f32::from(metrics.caret_slope_run)
            .atan2(f32::from(metrics.caret_slope_rise))
            .to_degrees())
        .round() as i64
    };
    // Non-symbolic (Latin characters), and italic when the caret slants.
    let flags = 32 | if italic_angle == 0 { 0 } else { 64 };
    // No table holds the stem width; estimated from the weight class as PDF producers do.
    let stem_v = if metrics.us_weight_class == 0 {
        80
    } else {
        50 + (f32::from(metrics.us_weight_class) / 65.0).powi(2).round() as i64
    };
    let descriptor_id = file.reserve();
    file.begin(descriptor_id);
    let _ = write!(
        file.out,
        "<</Type /FontDescriptor /FontName /{name} /Ascent {ascent} /Descent {descent} \
         /CapHeight {ascent} /ItalicAngle {italic_angle} /Flags {flags} /StemV {stem_v} \
         /FontBBox [{} {} {} {}] /FontFile2 {program_id} 0 R /CIDSet {cid_set_id} 0 R>>",
        scaled(metrics.x_min),
        scaled(metrics.y_min),
        scaled(metrics.x_max),
        scaled(metrics.y_max),
        name = subset.name,
    );
    file.end();

    let to_unicode_id = file.reserve();
    file.deflated_stream(to_unicode_id, "", to_unicode(font).as_bytes());

    // Widths of runs of consecutive glyph ids: `first [w w w] first [w]`.
    let mut widths = String::new();
    let mut previous: Option<u16> = None;
    for glyph in used_glyphs(font).map(|(glyph, _)| glyph) {
        let width = subset.font.glyph_widths.get(&glyph).copied().unwrap_or(0);
        let width = (f32::from(width) * 1000.0 / f32::from(units_per_em)) as i64;
        match previous {
            Some(last) if glyph == last + 1 => widths.push_str(&format!(" {width}")),
            Some(_) => widths.push_str(&format!("] {glyph} [{width}")),
            None => widths.push_str(&format!("{glyph} [{width}")),
        }
        previous = Some(glyph);
    }
    if previous.is_some() {
        widths.push(']');
    }

    let font_id = file.reserve();
    file.begin(font_id);
    let _ = write!(
        file.out,
        "<</Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H \
         /ToUnicode {to_unicode_id} 0 R /DescendantFonts [<</Type /Font /Subtype /CIDFontType2 \
         /BaseFont /{name} /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> \
         /W [{widths}] /DW 1000 /FontDescriptor {descriptor_id} 0 R /CIDToGIDMap /Identity>>]>>",
        name = subset.name,
    );
    file.end();
    font_id
}

/// The glyphs the text shows, in order of glyph id, with the character each is shown for.
fn used_glyphs(font: &EmbeddedFont) -> impl Iterator<Item = (u16, char)> + '_ {
    font.used
        .iter()
        .enumerate()
        .filter_map(|(glyph, character)| Some((u16::try_from(glyph).ok()?, (*character)?)))
}

/// The `ToUnicode` CMap: which character each glyph id stands for, so that text can be copied
/// and searched and screen readers read it.
fn to_unicode(font: &EmbeddedFont) -> String {
    let name = font.face.resource_name();
    let mut cmap = format!(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n\
         /CMapName /Samvurd-{name}-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
    );
    let entries: Vec<(u16, char)> = used_glyphs(font).collect();
    // At most 100 entries to a block, as the CMap format asks.
    for block in entries.chunks(100) {
        cmap.push_str(&format!("{} beginbfchar\n", block.len()));
        for (glyph, character) in block {
            let mut units = [0_u16; 2];
            let target: String = character
                .encode_utf16(&mut units)
                .iter()
                .map(|unit| format!("{unit:04X}"))
                .collect();
            cmap.push_str(&format!("<{glyph:04X}> <{target}>\n"));
        }
        cmap.push_str("endbfchar\n");
    }
    cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    cmap
}

/// The structure tree from the element arena and the marked content of each page. Returns
/// the object number of the structure tree root.
fn write_structure_tree(
    file: &mut PdfFile,
    page_ids: &[u32],
    marked: &[Vec<ElementId>],
    structure: &Structure,
) -> u32 {
    let count = structure.elements.len();
    // Content of each element: (page index, mcid), in page order.
    let mut content: Vec<Vec<(usize, usize)>> = vec![Vec::new(); count];
    for (page_index, elements) in marked.iter().enumerate() {
        for (mcid, &element) in elements.iter().enumerate() {
            content[element].push((page_index, mcid));
        }
    }
    let mut children: Vec<Vec<ElementId>> = vec![Vec::new(); count];
    for (index, element) in structure.elements.iter().enumerate() {
        if let Some(parent) = element.parent {
            children[parent].push(index);
        }
    }
    // Elements with nothing on any page (an empty table cell) are left out of the tree.
    let mut keep = vec![false; count];
    for index in (0..count).rev() {
        keep[index] =
            !content[index].is_empty() || children[index].iter().any(|&child| keep[child]);
    }
    keep[Structure::ROOT] = true;

    // A header cell in a row that also has data cells heads that row; in a row of header cells
    // only, it heads its column. PDF/UA wants the scope stated (`/Scope` in a Table attribute).
    let row_has_data: Vec<bool> = (0..count)
        .map(|index| {
            children[index].iter().any(|&child| structure.elements[child].role == Role::TD)
        })
        .collect();

    let root_id = file.reserve();
    let ids: Vec<u32> =
        (0..count).map(|index| if keep[index] { file.reserve() } else { 0 }).collect();
    for (index, element) in structure.elements.iter().enumerate() {
        if !keep[index] {
            continue;
        }
        let parent = element.parent.map_or(root_id, |parent| ids[parent]);
        file.begin(ids[index]);
        let _ = write!(
            file.out,
            "<</Type /StructElem /S /{} /P {parent} 0 R /K [",
            element.role.pdf_name()
        );
        for &child in &children[index] {
            if keep[child] {
                let _ = write!(file.out, "{} 0 R ", ids[child]);
            }
        }
        for &(page_index, mcid) in &content[index] {
            let _ =
                write!(file.out, "<</Type /MCR /Pg {} 0 R /MCID {mcid}>> ", page_ids[page_index]);
        }
        file.out.push(b']');
        if let Some(alt) = &element.alt {
            file.out.extend_from_slice(b" /Alt ");
            text_string(&mut file.out, alt);
        }
        if element.role == Role::TH {
            let in_data_row = element.parent.is_some_and(|row| row_has_data[row]);
            let scope = if in_data_row { "Row" } else { "Column" };
            let _ = write!(file.out, " /A <</O /Table /Scope /{scope}>>");
        }
        file.out.extend_from_slice(b">>");
        file.end();
    }

    // The parent tree maps each page's marked content back to its elements.
    let parent_tree = file.reserve();
    file.begin(parent_tree);
    file.out.extend_from_slice(b"<</Nums [");
    for (page_index, elements) in marked.iter().enumerate() {
        let _ = write!(file.out, "{page_index} [");
        for &element in elements {
            let _ = write!(file.out, "{} 0 R ", ids[element]);
        }
        file.out.extend_from_slice(b"] ");
    }
    file.out.extend_from_slice(b"]>>");
    file.end();

    file.begin(root_id);
    let _ = write!(
        file.out,
        "<</Type /StructTreeRoot /K [{} 0 R] /ParentTree {parent_tree} 0 R \
         /ParentTreeNextKey {}>>",
        ids[Structure::ROOT],
        marked.len()
    );
    file.end();
    root_id
}

/// A PDF text string: UTF-16BE with a byte order mark, in hex, which holds any character.
fn text_string(out: &mut Vec<u8>, text: &str) {
    out.extend_from_slice(b"<FEFF");
    for unit in text.encode_utf16() {
        for shift in [12, 8, 4, 0] {
            out.push(HEX[usize::from((unit >> shift) & 0xf)]);
        }
    }
    out.push(b'>');
}

/// A literal string of ASCII text, with the characters that end or escape one escaped.
fn literal_string(out: &mut Vec<u8>, text: &str) {
    out.push(b'(');
    for byte in text.bytes() {
        if matches!(byte, b'(' | b')' | b'\\') {
            out.push(b'\\');
        }
        out.push(byte);
    }
    out.push(b')');
}

/// `D:20261123140500+01'00'`.
fn pdf_date(moment: DateTime<FixedOffset>) -> String {
    let offset = moment.offset().local_minus_utc();
    let sign = if offset < 0 { '-' } else { '+' };
    let minutes = offset.abs() / 60;
    format!("D:{}{sign}{:02}'{:02}'", moment.format("%Y%m%d%H%M%S"), minutes / 60, minutes % 60)
}

/// `2026-11-23T14:05:00+01:00`.
fn xmp_date(moment: DateTime<FixedOffset>) -> String {
    moment.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn xmp_packet(info: &DocumentInfo, generated_at: DateTime<FixedOffset>) -> String {
    let date = xmp_date(generated_at);
    format!(
        r#"<?xpacket begin="{bom}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <xmp:CreatorTool>{creator}</xmp:CreatorTool>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdf:Producer>{producer}</pdf:Producer>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <pdfaid:part>1</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   <pdfaExtension:schemas>
    <rdf:Bag>
     <rdf:li rdf:parseType="Resource">
      <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
      <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
      <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
      <pdfaSchema:property>
       <rdf:Seq>
        <rdf:li rdf:parseType="Resource">
         <pdfaProperty:name>part</pdfaProperty:name>
         <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
         <pdfaProperty:category>internal</pdfaProperty:category>
         <pdfaProperty:description>Part of ISO 14289 (PDF/UA) the file follows</pdfaProperty:description>
        </rdf:li>
       </rdf:Seq>
      </pdfaSchema:property>
     </rdf:li>
    </rdf:Bag>
   </pdfaExtension:schemas>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"#,
        bom = '\u{feff}',
        title = xml_escape(&info.title),
        author = xml_escape(&info.author),
        subject = xml_escape(&info.subject),
        language = xml_escape(&info.language),
        creator = xml_escape(CREATOR),
        producer = xml_escape(PRODUCER),
    )
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn dates_carry_the_local_offset_in_both_pdf_and_xmp_form() {
        let moment =
            FixedOffset::east_opt(3600).unwrap().with_ymd_and_hms(2026, 11, 23, 14, 5, 9).unwrap();
        assert_eq!(pdf_date(moment), "D:20261123140509+01'00'");
        assert_eq!(xmp_date(moment), "2026-11-23T14:05:09+01:00");
    }

    #[test]
    fn text_strings_are_utf16_with_a_byte_order_mark() {
        let mut bytes = Vec::new();
        text_string(&mut bytes, "Ŧ");
        assert_eq!(bytes, b"<FEFF0166>");
    }
}
