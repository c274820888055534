//! A compact sRGB ICC profile (version 2.1), built from the published sRGB primaries and
//! transfer curve, for the PDF/A output intent.
//!
//! PDF/A asks for an output intent whose profile says what the document's device RGB colours
//! mean. Generating the profile from the sRGB definition (IEC 61966-2-1) keeps a licensed
//! binary out of the repository, and version 2 is what PDF/A-1 (PDF 1.4) readers understand.

/// D50-adapted sRGB colorants (Bradford), and the D50 white point, as the ICC defines them.
const RED: [f64; 3] = [0.436_066_9, 0.222_488_4, 0.013_916_0];
const GREEN: [f64; 3] = [0.385_147_1, 0.716_873_8, 0.097_076_1];
const BLUE: [f64; 3] = [0.143_066_4, 0.060_607_0, 0.714_096_1];
const D50: [f64; 3] = [0.964_202_9, 1.0, 0.824_905_4];

/// Entries of the tabulated transfer curve.
const CURVE_POINTS: u16 = 1024;

pub const DESCRIPTION: &str = "sRGB IEC61966-2.1";

/// The profile's bytes.
pub fn srgb_profile() -> Vec<u8> {
    let blocks = [
        text_description(DESCRIPTION),
        text("No copyright, use freely"),
        xyz(D50),
        xyz(RED),
        xyz(GREEN),
        xyz(BLUE),
        transfer_curve(),
    ];
    // (signature, index into `blocks`); the three channels share one curve.
    let tags: [(&[u8; 4], usize); 9] = [
        (b"desc", 0),
        (b"cprt", 1),
        (b"wtpt", 2),
        (b"rXYZ", 3),
        (b"gXYZ", 4),
        (b"bXYZ", 5),
        (b"rTRC", 6),
        (b"gTRC", 6),
        (b"bTRC", 6),
    ];

    let table_length = 4 + 12 * tags.len();
    let mut data = Vec::new();
    let mut offsets = Vec::with_capacity(blocks.len());
    for block in &blocks {
        offsets.push(128 + table_length + data.len());
        data.extend_from_slice(block);
        // Tag data starts on four-byte boundaries.
        while !data.len().is_multiple_of(4) {
            data.push(0);
        }
    }
    let entries = tags.map(|(signature, block)| (signature, offsets[block], blocks[block].len()));

    let size = 128 + table_length + data.len();
    let mut profile = Vec::with_capacity(size);
    push_u32(&mut profile, size);
    profile.extend_from_slice(&[0; 4]); // preferred CMM: none
    profile.extend_from_slice(&[0x02, 0x10, 0x00, 0x00]); // version 2.1
    profile.extend_from_slice(b"mntr");
    profile.extend_from_slice(b"RGB ");
    profile.extend_from_slice(b"XYZ ");
    for part in [2026_u16, 1, 1, 0, 0, 0] {
        profile.extend_from_slice(&part.to_be_bytes()); // creation date, fixed for reproducibility
    }
    profile.extend_from_slice(b"acsp");
    profile.extend_from_slice(&[0; 4]); // primary platform: none
    profile.extend_from_slice(&[0; 4]); // flags
    profile.extend_from_slice(&[0; 4]); // device manufacturer
    profile.extend_from_slice(&[0; 4]); // device model
    profile.extend_from_slice(&[0; 8]); // device attributes
    profile.extend_from_slice(&[0; 4]); // rendering intent: perceptual
    for value in D50 {
        profile.extend_from_slice(&s15_fixed16(value));
    }
    profile.extend_from_slice(&[0; 4]); // creator
    profile.extend_from_slice(&[0; 44]); // reserved
    debug_assert_eq!(profile.len(), 128);

    push_u32(&mut profile, tags.len());
    for (signature, offset, length) in entries {
        profile.extend_from_slice(signature);
        push_u32(&mut profile, offset);
        push_u32(&mut profile, length);
    }
    profile.extend_from_slice(&data);
    profile
}

fn push_u32(out: &mut Vec<u8>, value: usize) {
    let value = u32::try_from(value).expect("an ICC profile is far smaller than 4 GiB");
    out.extend_from_slice(&value.to_be_bytes());
}

fn s15_fixed16(value: f64) -> [u8; 4] {
    #[allow(clippy::cast_possible_truncation)] // values lie within ±2, far inside i32
    let fixed = (value * 65536.0).round() as i32;
    fixed.to_be_bytes()
}

fn xyz(values: [f64; 3]) -> Vec<u8> {
    let mut block = b"XYZ ".to_vec();
    block.extend_from_slice(&[0; 4]);
    for value in values {
        block.extend_from_slice(&s15_fixed16(value));
    }
    block
}

fn text(value: &str) -> Vec<u8> {
    let mut block = b"text".to_vec();
    block.extend_from_slice(&[0; 4]);
    block.extend_from_slice(value.as_bytes());
    block.push(0);
    block
}

/// ICC v2 `textDescriptionType`: ASCII, then empty Unicode and ScriptCode parts.
fn text_description(value: &str) -> Vec<u8> {
    let mut block = b"desc".to_vec();
    block.extend_from_slice(&[0; 4]);
    push_u32(&mut block, value.len() + 1);
    block.extend_from_slice(value.as_bytes());
    block.push(0);
    block.extend_from_slice(&[0; 4]); // Unicode language code
    block.extend_from_slice(&[0; 4]); // Unicode count
    block.extend_from_slice(&[0; 2]); // ScriptCode code
    block.push(0); // ScriptCode count
    block.extend_from_slice(&[0; 67]);
    block
}

/// The sRGB transfer function, tabulated.
fn transfer_curve() -> Vec<u8> {
    let mut block = b"curv".to_vec();
    block.extend_from_slice(&[0; 4]);
    push_u32(&mut block, usize::from(CURVE_POINTS));
    for index in 0..CURVE_POINTS {
        let encoded = f64::from(index) / f64::from(CURVE_POINTS - 1);
        let linear = if encoded <= 0.040_45 {
            encoded / 12.92
        } else {
            ((encoded + 0.055) / 1.055).powf(2.4)
        };
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // within 0..=65535
        let value = (linear * 65535.0).round() as u16;
        block.extend_from_slice(&value.to_be_bytes());
    }
    block
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_profile_declares_its_own_size_and_an_rgb_display_class() {
        let profile = srgb_profile();
        let size = u32::from_be_bytes(profile[0..4].try_into().unwrap());
        assert_eq!(size as usize, profile.len());
        assert_eq!(&profile[12..24], b"mntrRGB XYZ ");
        assert_eq!(&profile[36..40], b"acsp");
        assert_eq!(profile[8], 2, "version 2 for PDF/A-1");
    }

    #[test]
    fn the_three_curves_share_one_block_and_every_tag_lies_inside_the_profile() {
        let profile = srgb_profile();
        let count = u32::from_be_bytes(profile[128..132].try_into().unwrap()) as usize;
        let mut curve_offsets = Vec::new();
        for index in 0..count {
            let entry = &profile[132 + 12 * index..144 + 12 * index];
            let offset = u32::from_be_bytes(entry[4..8].try_into().unwrap()) as usize;
            let length = u32::from_be_bytes(entry[8..12].try_into().unwrap()) as usize;
            assert!(offset.is_multiple_of(4) && offset + length <= profile.len());
            if entry[1..4] == *b"TRC" {
                curve_offsets.push(offset);
            }
        }
        curve_offsets.dedup();
        assert_eq!(curve_offsets.len(), 1);
    }
}
