//! The two faces the report is set in (Noto Sans Regular and Bold, SIL Open Font License, in
//! `assets/fonts/`), their glyph metrics for measuring text, and subsetting for embedding.
//!
//! The fonts are compiled into the binary so that a report looks the same on every machine and
//! never depends on what the user has installed. Measuring and drawing use the same advance
//! widths (no kerning on either side), so a line that measured as fitting also fits on paper.
//! Every character is checked against the font before anything is laid out: a name with a
//! letter the font lacks is refused with the letter named, rather than printed as an empty box.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile, subset};
use allsorts::tag;
use printpdf::ParsedFont;

use crate::ReportError;

const REGULAR_BYTES: &[u8] = include_bytes!("../../../assets/fonts/NotoSans-Regular.ttf");
const BOLD_BYTES: &[u8] = include_bytes!("../../../assets/fonts/NotoSans-Bold.ttf");

/// The typefaces the report uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Face {
    Regular,
    Bold,
}

impl Face {
    pub const ALL: [Face; 2] = [Face::Regular, Face::Bold];

    /// The PostScript name, which becomes the embedded font's `/BaseFont` after the subset tag.
    pub(crate) fn postscript_name(self) -> &'static str {
        match self {
            Face::Regular => "NotoSans-Regular",
            Face::Bold => "NotoSans-Bold",
        }
    }

    /// The resource name in the page's font dictionary.
    pub(crate) fn resource_name(self) -> &'static str {
        match self {
            Face::Regular => "F1",
            Face::Bold => "F2",
        }
    }

    pub(crate) fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => REGULAR_BYTES,
            Face::Bold => BOLD_BYTES,
        }
    }
}

/// Characters the font lacks, drawn with a glyph of the font that looks the same: Noto Sans has
/// no minus sign (U+2212), which `Money::format` writes for negative amounts, but its figure
/// dash (U+2012) has the width of a digit and sits where a minus sits. The text layer still says
/// U+2212, because the glyph is mapped back to it.
const STAND_INS: [(char, char); 1] = [('\u{2212}', '\u{2012}')];

/// Points each missing character of [`STAND_INS`] at its stand-in's glyph.
pub(crate) fn add_stand_ins(codepoint_to_glyph: &mut BTreeMap<u32, u16>) {
    for (missing, stand_in) in STAND_INS {
        if !codepoint_to_glyph.contains_key(&u32::from(missing))
            && let Some(&glyph) = codepoint_to_glyph.get(&u32::from(stand_in))
        {
            codepoint_to_glyph.insert(u32::from(missing), glyph);
        }
    }
}

/// Characters up to U+024F (Latin Extended-B) are measured from a table.
const DENSE_CHARACTERS: u32 = 0x250;

fn glyph_of_char(glyph_of: &BTreeMap<char, u16>, character: char) -> Option<u16> {
    glyph_of.get(&character).copied()
}

/// Advance widths and vertical metrics of one face.
#[derive(Debug)]
pub struct FaceMetrics {
    units_per_em: f32,
    glyph_of: BTreeMap<char, u16>,
    advance_of_glyph: BTreeMap<u16, u16>,
    /// Advances in font units of the characters below [`DENSE_CHARACTERS`] (Latin, with the
    /// Nordic and Sámi letters), looked up by index: measuring is the layout's innermost loop.
    dense_advance: Vec<u16>,
    /// Whether the face has a glyph for each character below [`DENSE_CHARACTERS`]: every
    /// character of the report is checked before layout.
    dense_has_glyph: Vec<bool>,
    /// Ascender and descender in em (descender negative), for placing text in boxes.
    pub ascent: f32,
    pub descent: f32,
}

impl FaceMetrics {
    fn parse(face: Face) -> FaceMetrics {
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(face.bytes(), 0, &mut warnings)
            .expect("the bundled Noto Sans fonts are valid TrueType files");
        let mut codepoint_to_glyph = parsed.codepoint_to_glyph.clone();
        add_stand_ins(&mut codepoint_to_glyph);
        let glyph_of = codepoint_to_glyph
            .iter()
            .filter_map(|(&codepoint, &glyph)| char::from_u32(codepoint).map(|c| (c, glyph)))
            .collect();
        let units_per_em = f32::from(parsed.units_per_em);
        let advance_of_glyph = parsed.glyph_widths.clone();
        let dense_advance = (0..DENSE_CHARACTERS)
            .map(|codepoint| {
                char::from_u32(codepoint)
                    .and_then(|character| glyph_of_char(&glyph_of, character))
                    .and_then(|glyph| advance_of_glyph.get(&glyph).copied())
                    .unwrap_or(0)
            })
            .collect();
        let dense_has_glyph = (0..DENSE_CHARACTERS)
            .map(|codepoint| {
                char::from_u32(codepoint).is_some_and(|character| glyph_of.contains_key(&character))
            })
            .collect();
        FaceMetrics {
            units_per_em,
            dense_has_glyph,
            glyph_of,
            advance_of_glyph,
            dense_advance,
            ascent: f32::from(parsed.font_metrics.ascent) / units_per_em,
            descent: f32::from(parsed.font_metrics.descent) / units_per_em,
        }
    }

    pub fn has_glyph(&self, character: char) -> bool {
        match self.dense_has_glyph.get(character as usize) {
            Some(&has_glyph) => has_glyph,
            None => self.glyph_of.contains_key(&character),
        }
    }

    pub(crate) fn glyph(&self, character: char) -> Option<u16> {
        self.glyph_of.get(&character).copied()
    }

    /// The advance of one character in points at `size`. A character without a glyph measures
    /// as nothing here; [`Fonts::check_text`] refuses such text before layout begins.
    pub fn advance(&self, character: char, size: f32) -> f32 {
        f32::from(self.units(character)) * size / self.units_per_em
    }

    fn units(&self, character: char) -> u16 {
        match self.dense_advance.get(character as usize) {
            Some(&advance) => advance,
            None => self
                .glyph_of
                .get(&character)
                .and_then(|glyph| self.advance_of_glyph.get(glyph))
                .copied()
                .unwrap_or(0),
        }
    }

    /// Summed in font units, then scaled once: whole numbers add exactly in an `f32` up to 2²⁴
    /// units (thousands of characters), so the sum does not depend on the order of additions.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        self.width_of_units(self.text_units(text), size)
    }

    /// The advances of `text` summed in font units. Sums of these add exactly, so the units of
    /// a line are the units of its pieces added up, whatever the pieces.
    pub(crate) fn text_units(&self, text: &str) -> f32 {
        text.chars().fold(0.0_f32, |sum, character| sum + f32::from(self.units(character)))
    }

    /// [`FaceMetrics::width`] of a text of `units` font units.
    pub(crate) fn width_of_units(&self, units: f32, size: f32) -> f32 {
        units * size / self.units_per_em
    }
}

/// Both faces' metrics, parsed once per process.
#[derive(Debug)]
pub struct Fonts {
    regular: FaceMetrics,
    bold: FaceMetrics,
}

impl Fonts {
    pub fn get() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(|| Fonts {
            regular: FaceMetrics::parse(Face::Regular),
            bold: FaceMetrics::parse(Face::Bold),
        })
    }

    pub fn face(&self, face: Face) -> &FaceMetrics {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        }
    }

    /// Refuses text that the face cannot show, naming the first missing character.
    pub fn check_text(&self, face: Face, text: &str) -> Result<(), ReportError> {
        match text.chars().find(|&character| !self.face(face).has_glyph(character)) {
            None => Ok(()),
            Some(character) => Err(ReportError::MissingGlyph { character, text: text.to_owned() }),
        }
    }
}

/// A subset of one face holding exactly the characters a document uses.
#[derive(Debug, Clone)]
pub(crate) struct Subset {
    /// The font program of the subset, with a Unicode cmap for the kept characters.
    pub bytes: Vec<u8>,
    /// `ABCDEF+NotoSans-Regular`: the tag is derived from the character set, so the same
    /// document always gets the same name.
    pub name: String,
    /// Number of glyphs in the subset program, for the CIDSet that PDF/A-1 asks of subsets.
    pub glyph_count: u16,
    /// The subset program read back: its glyph ids per character (with the stand-ins of
    /// [`STAND_INS`]), advance widths and metrics, which the PDF's font dictionaries state.
    pub font: ParsedFont,
}

impl Subset {
    /// The subset's glyph id for a character, which is the character code the PDF shows.
    pub(crate) fn glyph(&self, character: char) -> Option<u16> {
        self.font.codepoint_to_glyph.get(&u32::from(character)).copied()
    }
}

/// Cuts `face` down to the glyphs of `characters` (and `.notdef`), so that an innstilling embeds
/// some tens of kilobytes of font rather than half a megabyte per face.
pub(crate) fn subset_face(face: Face, characters: &BTreeSet<char>) -> Result<Subset, ReportError> {
    let metrics = Fonts::get().face(face);
    let mut glyphs: Vec<u16> = characters.iter().filter_map(|&c| metrics.glyph(c)).collect();
    glyphs.push(0);
    glyphs.sort_unstable();
    glyphs.dedup();

    let font_error = |reason: String| ReportError::Font { face: face.postscript_name(), reason };
    let scope = ReadScope::new(face.bytes());
    let font_data = scope.read::<FontData<'_>>().map_err(|error| font_error(error.to_string()))?;
    let provider = font_data.table_provider(0).map_err(|error| font_error(error.to_string()))?;
    // OS/2 is not in allsorts' PDF profile but carries the weight class that the font
    // descriptor's stem width is estimated from.
    let profile = SubsetProfile::Custom(vec![
        tag::CMAP,
        tag::HEAD,
        tag::CVT,
        tag::FPGM,
        tag::HHEA,
        tag::HMTX,
        tag::MAXP,
        tag::NAME,
        tag::OS_2,
        tag::POST,
        tag::PREP,
    ]);
    let bytes = subset(&provider, &glyphs, &profile, CmapTarget::Unicode)
        .map_err(|error| font_error(error.to_string()))?;

    let mut warnings = Vec::new();
    let mut font = ParsedFont::from_bytes(&bytes, 0, &mut warnings)
        .ok_or_else(|| font_error("delmengden av fonten kunne ikke leses".to_owned()))?;
    add_stand_ins(&mut font.codepoint_to_glyph);
    let glyph_count = u16::try_from(font.glyph_widths.len()).unwrap_or(u16::MAX);

    Ok(Subset {
        name: format!("{}+{}", subset_tag(characters), face.postscript_name()),
        bytes,
        glyph_count,
        font,
    })
}

/// Six capital letters derived from the character set (FNV-1a), as ISO 32000 asks of subset names.
fn subset_tag(characters: &BTreeSet<char>) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for character in characters {
        for byte in u32::from(*character).to_le_bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    (0..6)
        .map(|index| {
            let letter = (hash >> (index * 8)) % 26;
            char::from(b'A' + u8::try_from(letter).unwrap_or(0))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_faces_cover_norwegian_and_all_sami_letters() {
        let letters = "ÆØÅæøåÁáČčĐđŊŋŠšŦŧŽžÏï\u{a0}\u{2212}\u{2013}«»–—’…§";
        for face in Face::ALL {
            assert_eq!(Fonts::get().check_text(face, letters), Ok(()), "{face:?}");
        }
    }

    #[test]
    fn bold_text_is_wider_than_regular_text() {
        let fonts = Fonts::get();
        let regular = fonts.face(Face::Regular).width("Samhandling", 10.0);
        let bold = fonts.face(Face::Bold).width("Samhandling", 10.0);
        assert!(bold > regular && regular > 40.0, "{regular} {bold}");
    }

    #[test]
    fn subset_tags_are_stable_and_depend_on_the_characters() {
        let one: BTreeSet<char> = "abc".chars().collect();
        let two: BTreeSet<char> = "abd".chars().collect();
        assert_eq!(subset_tag(&one), subset_tag(&one));
        assert_ne!(subset_tag(&one), subset_tag(&two));
        assert!(subset_tag(&one).chars().all(|c| c.is_ascii_uppercase()));
    }
}
