//! Laid-out pages to PDF bytes: printpdf draws the pages, then the document is finished with
//! lopdf into PDF/A-1b, the archive format Norwegian public bodies file documents in.
//!
//! printpdf writes the content streams and embeds the fonts; on its own it does not produce a
//! conforming archive file. The finishing step adds what PDF/A-1b asks for: an sRGB output
//! intent (`GTS_PDFA1`) because the pages use device RGB, XMP metadata with the `pdfaid`
//! schema that matches the document information dictionary, a `CIDSet` for each subset font,
//! PDF version 1.4 and a file identifier. It also adds what goes beyond 1b toward accessible
//! PDF: the document language (`nb-NO`), the title shown in the window, and a structure tree
//! (headings, paragraphs, tables with header cells, figures with alternative text) tied to the
//! marked content of the pages, with page furniture marked as artifacts.
//!
//! The output is deterministic: font resource names are fixed, the subset tag comes from the
//! characters used, every date comes from `generated_at`, and the file identifier is a hash of
//! the file's own content, so the same model gives the same bytes.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset};
use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};
use printpdf::{
    Color, DictItem, FontId, Line, LineDashPattern, LinePoint, Mm, Op, PaintMode, ParsedFont,
    PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt,
    Rect, Rgb, TextItem, TextMatrix, WindingOrder,
};
use sha2::{Digest, Sha256};

use crate::ReportError;
use crate::fonts::{Face, Subset, subset_face};
use crate::icc;
use crate::layout::{self, ElementId, Mark, PAGE_HEIGHT, Page, Structure};

/// What the document says about itself, in the information dictionary and the XMP metadata.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentInfo {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub language: String,
}

const CREATOR: &str = concat!("Samvurd ", env!("CARGO_PKG_VERSION"));
const PRODUCER: &str = concat!("samvurd-report ", env!("CARGO_PKG_VERSION"), " with printpdf 0.12");

pub fn write(
    pages: &[Page],
    structure: &Structure,
    info: &DocumentInfo,
    generated_at: DateTime<FixedOffset>,
) -> Result<Vec<u8>, ReportError> {
    let subsets = subset_fonts(pages)?;

    let mut document = PdfDocument::new(&info.title);
    for (face, subset) in &subsets {
        let mut warnings = Vec::new();
        let mut parsed =
            ParsedFont::from_bytes(&subset.bytes, 0, &mut warnings).ok_or_else(|| {
                ReportError::Font {
                    face: face.postscript_name(),
                    reason: "delmengden kunne ikke leses".to_owned(),
                }
            })?;
        crate::fonts::add_stand_ins(&mut parsed.codepoint_to_glyph);
        // printpdf names the embedded font after this; the subset tag makes it a valid subset name.
        parsed.font_name = Some(subset.name.clone());
        document
            .resources
            .fonts
            .map
            .insert(FontId(face.resource_name().to_owned()), PdfFont::new(parsed));
    }

    // Marked-content ids per page, and which element each belongs to, for the structure tree.
    let mut marked: Vec<Vec<ElementId>> = Vec::with_capacity(pages.len());
    for page in pages {
        let mut ops = Vec::new();
        let mut page_marked = Vec::new();
        for mark in &page.marks {
            match mark.element() {
                Some(element) => {
                    let mcid = i64::try_from(page_marked.len()).unwrap_or(i64::MAX);
                    page_marked.push(element);
                    let role = structure.elements[element].role;
                    ops.push(Op::BeginMarkedContentWithProperties {
                        tag: role.pdf_name().to_owned(),
                        properties: DictItem::Dict {
                            map: BTreeMap::from([("MCID".to_owned(), DictItem::Int(mcid))]),
                        },
                    });
                }
                None => ops.push(Op::BeginMarkedContent { tag: "Artifact".to_owned() }),
            }
            draw(mark, &mut ops);
            ops.push(Op::EndMarkedContent);
        }
        marked.push(page_marked);
        document.pages.push(PdfPage::new(Mm(210.0), Mm(297.0), ops));
    }

    let options = PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut pdf = document.to_lopdf_document(&options, &mut warnings);
    if let Some(warning) = warnings.iter().find(|warning| format!("{warning:?}").contains("rror")) {
        return Err(ReportError::Pdf(format!("{warning:?}")));
    }

    finish_archive_file(&mut pdf, &subsets, &marked, structure, info, generated_at)?;
    pdf.compress();
    save_with_identifier(&mut pdf)
}

/// The characters each face shows, subset into fonts.
fn subset_fonts(pages: &[Page]) -> Result<BTreeMap<Face, Subset>, ReportError> {
    let mut characters: BTreeMap<Face, BTreeSet<char>> = BTreeMap::new();
    for mark in pages.iter().flat_map(|page| &page.marks) {
        if let Mark::Text { text, face, .. } = mark {
            characters.entry(*face).or_default().extend(text.chars());
        }
    }
    characters
        .into_iter()
        .map(|(face, characters)| Ok((face, subset_face(face, &characters)?)))
        .collect()
}

fn rgb(color: layout::Color) -> Color {
    Color::Rgb(Rgb {
        r: f32::from(color.0) / 255.0,
        g: f32::from(color.1) / 255.0,
        b: f32::from(color.2) / 255.0,
        icc_profile: None,
    })
}

/// Layout coordinates (top-down) to PDF coordinates (bottom-up).
fn point(x: f32, y: f32) -> Point {
    Point { x: Pt(x), y: Pt(PAGE_HEIGHT - y) }
}

fn draw(mark: &Mark, ops: &mut Vec<Op>) {
    match mark {
        Mark::Text { x, baseline, text, face, size, color, .. } => {
            let position = point(*x, *baseline);
            ops.extend([
                Op::StartTextSection,
                Op::SetFont {
                    font: PdfFontHandle::External(FontId(face.resource_name().to_owned())),
                    size: Pt(*size),
                },
                Op::SetFillColor { col: rgb(*color) },
                Op::SetTextMatrix { matrix: TextMatrix::Translate(position.x, position.y) },
                Op::ShowText { items: vec![TextItem::Text(text.clone())] },
                Op::EndTextSection,
            ]);
        }
        Mark::Line { from, to, width, color, dashed, .. } => {
            ops.push(Op::SaveGraphicsState);
            ops.push(Op::SetOutlineColor { col: rgb(*color) });
            ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
            if *dashed {
                ops.push(Op::SetLineDashPattern { dash: LineDashPattern::new(0.0, &[3.5, 2.5]) });
            }
            ops.push(Op::DrawLine {
                line: Line {
                    points: vec![
                        LinePoint { p: point(from.0, from.1), bezier: false },
                        LinePoint { p: point(to.0, to.1), bezier: false },
                    ],
                    is_closed: false,
                },
            });
            ops.push(Op::RestoreGraphicsState);
        }
        Mark::Rect { x, y, width, height, fill, stroke, .. } => {
            ops.push(Op::SaveGraphicsState);
            let mode = match (fill, stroke) {
                (Some(_), Some(_)) => PaintMode::FillStroke,
                (None, Some(_)) => PaintMode::Stroke,
                _ => PaintMode::Fill,
            };
            if let Some(fill) = fill {
                ops.push(Op::SetFillColor { col: rgb(*fill) });
            }
            if let Some((color, width)) = stroke {
                ops.push(Op::SetOutlineColor { col: rgb(*color) });
                ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
            }
            ops.push(Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(*x),
                    y: Pt(PAGE_HEIGHT - y - height),
                    width: Pt(*width),
                    height: Pt(*height),
                    mode: Some(mode),
                    winding_order: None,
                },
            });
            ops.push(Op::RestoreGraphicsState);
        }
        Mark::Dot { center, radius, fill, .. } => {
            // A circle from four cubic Béziers; 0.5523 places the handles for the closest fit.
            let (cx, cy, r) = (center.0, center.1, *radius);
            let k = 0.552_284_8 * r;
            let corner =
                |x: f32, y: f32, bezier: bool| LinePoint { p: point(cx + x, cy + y), bezier };
            let points = vec![
                corner(r, 0.0, false),
                corner(r, k, true),
                corner(k, r, true),
                corner(0.0, r, false),
                corner(-k, r, true),
                corner(-r, k, true),
                corner(-r, 0.0, false),
                corner(-r, -k, true),
                corner(-k, -r, true),
                corner(0.0, -r, false),
                corner(k, -r, true),
                corner(r, -k, true),
                corner(r, 0.0, false),
            ];
            ops.push(Op::SaveGraphicsState);
            ops.push(Op::SetFillColor { col: rgb(*fill) });
            ops.push(Op::DrawPolygon {
                polygon: Polygon {
                    rings: vec![PolygonRing { points }],
                    mode: PaintMode::Fill,
                    winding_order: WindingOrder::NonZero,
                },
            });
            ops.push(Op::RestoreGraphicsState);
        }
    }
}

fn text_string(text: &str) -> Object {
    // UTF-16BE with a byte order mark: the PDF text string form that holds any character.
    let mut bytes = vec![0xfe, 0xff];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

fn ascii_string(text: &str) -> Object {
    Object::String(text.as_bytes().to_vec(), StringFormat::Literal)
}

fn name(text: &str) -> Object {
    Object::Name(text.as_bytes().to_vec())
}

fn error(what: &str) -> impl Fn(lopdf::Error) -> ReportError + '_ {
    move |cause| ReportError::Pdf(format!("{what}: {cause}"))
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

fn finish_archive_file(
    pdf: &mut lopdf::Document,
    subsets: &BTreeMap<Face, Subset>,
    marked: &[Vec<ElementId>],
    structure: &Structure,
    info: &DocumentInfo,
    generated_at: DateTime<FixedOffset>,
) -> Result<(), ReportError> {
    pdf.version = "1.4".to_owned();

    // The information dictionary, replaced whole so that it matches the XMP packet exactly.
    let date = pdf_date(generated_at);
    let information = Dictionary::from_iter(vec![
        ("Title", text_string(&info.title)),
        ("Author", text_string(&info.author)),
        ("Subject", text_string(&info.subject)),
        ("Creator", text_string(CREATOR)),
        ("Producer", text_string(PRODUCER)),
        ("CreationDate", ascii_string(&date)),
        ("ModDate", ascii_string(&date)),
    ]);
    let information_id = pdf.add_object(information);
    pdf.trailer.set("Info", Object::Reference(information_id));

    let metadata = Stream::new(
        Dictionary::from_iter(vec![("Type", name("Metadata")), ("Subtype", name("XML"))]),
        xmp_packet(info, generated_at).into_bytes(),
    )
    .with_compression(false); // PDF/A-1 forbids filters on the metadata stream.
    let metadata_id = pdf.add_object(metadata);

    let profile =
        Stream::new(Dictionary::from_iter(vec![("N", Object::Integer(3))]), icc::srgb_profile());
    let profile_id = pdf.add_object(profile);
    let output_intent = Dictionary::from_iter(vec![
        ("Type", name("OutputIntent")),
        ("S", name("GTS_PDFA1")),
        ("OutputConditionIdentifier", ascii_string(icc::DESCRIPTION)),
        ("RegistryName", ascii_string("http://www.color.org")),
        ("Info", ascii_string(icc::DESCRIPTION)),
        ("DestOutputProfile", Object::Reference(profile_id)),
    ]);

    add_cid_sets(pdf, subsets)?;

    let page_ids: Vec<ObjectId> = pdf.get_pages().into_values().collect();
    let struct_tree_root = add_structure_tree(pdf, &page_ids, marked, structure)?;

    let catalog = pdf.catalog_mut().map_err(error("katalogen"))?;
    catalog.set("Metadata", Object::Reference(metadata_id));
    catalog.set("OutputIntents", Object::Array(vec![Object::Dictionary(output_intent)]));
    catalog.set("Lang", ascii_string(&info.language));
    catalog.set("MarkInfo", Dictionary::from_iter(vec![("Marked", Object::Boolean(true))]));
    catalog.set(
        "ViewerPreferences",
        Dictionary::from_iter(vec![("DisplayDocTitle", Object::Boolean(true))]),
    );
    catalog.set("StructTreeRoot", Object::Reference(struct_tree_root));
    catalog.set("PageMode", name("UseNone"));
    Ok(())
}

/// PDF/A-1 asks every subset CID font to list the glyphs its program holds in a `CIDSet`
/// bit stream on the font descriptor. With Identity mapping, CIDs are glyph ids.
fn add_cid_sets(
    pdf: &mut lopdf::Document,
    subsets: &BTreeMap<Face, Subset>,
) -> Result<(), ReportError> {
    let descriptors: Vec<(ObjectId, Vec<u8>)> = pdf
        .objects
        .iter()
        .filter_map(|(id, object)| {
            let dictionary = object.as_dict().ok()?;
            if dictionary.get(b"Type").and_then(Object::as_name).ok()? != b"FontDescriptor" {
                return None;
            }
            let font_name = dictionary.get(b"FontName").and_then(Object::as_name).ok()?.to_vec();
            Some((*id, font_name))
        })
        .collect();
    for (descriptor_id, font_name) in descriptors {
        let subset = subsets
            .values()
            .find(|subset| subset.name.as_bytes() == font_name.as_slice())
            .ok_or_else(|| {
                ReportError::Pdf(format!("ukjent font {}", String::from_utf8_lossy(&font_name)))
            })?;
        let mut bits = vec![0_u8; usize::from(subset.glyph_count).div_ceil(8)];
        for glyph in 0..usize::from(subset.glyph_count) {
            bits[glyph / 8] |= 0x80 >> (glyph % 8);
        }
        let cid_set = pdf.add_object(Stream::new(Dictionary::new(), bits));
        pdf.get_dictionary_mut(descriptor_id)
            .map_err(error("fontbeskrivelsen"))?
            .set("CIDSet", Object::Reference(cid_set));
    }
    Ok(())
}

/// Builds the structure tree from the element arena and the marked content of each page.
fn add_structure_tree(
    pdf: &mut lopdf::Document,
    page_ids: &[ObjectId],
    marked: &[Vec<ElementId>],
    structure: &Structure,
) -> Result<ObjectId, ReportError> {
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

    let root_id = pdf.new_object_id();
    let ids: Vec<ObjectId> = (0..count).map(|_| pdf.new_object_id()).collect();
    for (index, element) in structure.elements.iter().enumerate() {
        if !keep[index] {
            continue;
        }
        let mut kids: Vec<Object> = children[index]
            .iter()
            .filter(|&&child| keep[child])
            .map(|&child| Object::Reference(ids[child]))
            .collect();
        for &(page_index, mcid) in &content[index] {
            kids.push(Object::Dictionary(Dictionary::from_iter(vec![
                ("Type", name("MCR")),
                ("Pg", Object::Reference(page_ids[page_index])),
                ("MCID", Object::Integer(i64::try_from(mcid).unwrap_or(i64::MAX))),
            ])));
        }
        let parent = match element.parent {
            Some(parent) => Object::Reference(ids[parent]),
            None => Object::Reference(root_id),
        };
        let mut dictionary = Dictionary::from_iter(vec![
            ("Type", name("StructElem")),
            ("S", name(element.role.pdf_name())),
            ("P", parent),
            ("K", Object::Array(kids)),
        ]);
        if let Some(alt) = &element.alt {
            dictionary.set("Alt", text_string(alt));
        }
        pdf.objects.insert(ids[index], Object::Dictionary(dictionary));
    }

    // The parent tree maps each page's marked content back to its elements.
    let mut numbers = Vec::new();
    for (page_index, elements) in marked.iter().enumerate() {
        let key = i64::try_from(page_index).unwrap_or(i64::MAX);
        numbers.push(Object::Integer(key));
        numbers.push(Object::Array(
            elements.iter().map(|&element| Object::Reference(ids[element])).collect(),
        ));
        pdf.get_dictionary_mut(page_ids[page_index])
            .map_err(error("siden"))?
            .set("StructParents", Object::Integer(key));
    }
    let parent_tree = pdf.add_object(Dictionary::from_iter(vec![("Nums", Object::Array(numbers))]));
    pdf.objects.insert(
        root_id,
        Object::Dictionary(Dictionary::from_iter(vec![
            ("Type", name("StructTreeRoot")),
            ("K", Object::Array(vec![Object::Reference(ids[Structure::ROOT])])),
            ("ParentTree", Object::Reference(parent_tree)),
            ("ParentTreeNextKey", Object::Integer(i64::try_from(marked.len()).unwrap_or(i64::MAX))),
        ])),
    );
    Ok(root_id)
}

/// Saves the document with a file identifier derived from its own content: stable for the
/// same content, different for different content, as the identifier is meant to be.
fn save_with_identifier(pdf: &mut lopdf::Document) -> Result<Vec<u8>, ReportError> {
    pdf.trailer.remove(b"ID");
    let mut without_identifier = Vec::new();
    pdf.save_to(&mut without_identifier).map_err(|cause| ReportError::Pdf(cause.to_string()))?;
    let digest = Sha256::digest(&without_identifier);
    let identifier = Object::String(digest[..16].to_vec(), StringFormat::Hexadecimal);
    pdf.trailer.set("ID", Object::Array(vec![identifier.clone(), identifier]));
    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes).map_err(|cause| ReportError::Pdf(cause.to_string()))?;
    Ok(bytes)
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
        let Object::String(bytes, _) = text_string("Ŧ") else { panic!() };
        assert_eq!(bytes, vec![0xfe, 0xff, 0x01, 0x66]);
    }
}
