//! The score scale: an integer range with a descriptor per step.
//!
//! The default is the Research Council of Norway's 1–7 scale. Its 0–5 scale of 2026 (aligned with
//! Horizon Europe) ships beside it as a named built-in scale ([`BUILTIN_SCALES`]). A round may use
//! any other integer range (say 0–5); its descriptors are then the round's own, or just the
//! numbers.

use serde::{Deserialize, Serialize};

/// An inclusive integer range with a label per value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scale {
    pub min: i32,
    pub max: i32,
    /// `(value, label)` for the values that have a descriptor, ascending.
    pub descriptors: Vec<(i32, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScaleError {
    #[error(
        "Skalaen {min}–{max} er ugyldig: laveste verdi må være mindre enn høyeste, og skalaen kan ha høyst 101 trinn."
    )]
    InvalidRange { min: i32, max: i32 },
    #[error("Beskrivelsen for verdi {value} ligger utenfor skalaen {min}–{max}.")]
    DescriptorOutside { value: i32, min: i32, max: i32 },
}

/// A scale that ships with Samvurd, chosen by its id (`builtin = "forskningsradet-0-5"` under
/// `[scale]` in a criteria file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuiltinScale {
    pub id: &'static str,
    /// As shown to people.
    pub name: &'static str,
    /// Where the steps and descriptors come from.
    pub source: &'static str,
    pub min: i32,
    pub max: i32,
    /// `(value, label)`, ascending.
    pub descriptors: &'static [(i32, &'static str)],
}

impl BuiltinScale {
    pub fn scale(&self) -> Scale {
        Scale {
            min: self.min,
            max: self.max,
            descriptors: self
                .descriptors
                .iter()
                .map(|(value, label)| (*value, (*label).to_owned()))
                .collect(),
        }
    }
}

/// The built-in scales: Forskningsrådet's 1–7 (the default) and its 0–5 of 2026.
pub const BUILTIN_SCALES: [BuiltinScale; 2] = [
    BuiltinScale {
        id: "forskningsradet-1-7",
        name: "Forskningsrådets skala 1–7",
        source: "Forskningsrådet: «Vurderingskriterier og karakterskala», forskningsradet.no \
                 (karakterskalaen for alle vurderingskriterier, i bruk til 2026).",
        min: 1,
        max: 7,
        descriptors: &[
            (1, "Dårlig"),
            (2, "Svakt"),
            (3, "Mindre godt"),
            (4, "Godt"),
            (5, "Meget godt"),
            (6, "Svært godt"),
            (7, "Fremragende"),
        ],
    },
    BuiltinScale {
        id: "forskningsradet-0-5",
        name: "Forskningsrådets skala 0–5 (2026)",
        source: "Forskningsrådet: «New grading scale and changes in the relevance assessment» \
                 (2025) og «Scale of marks and assessment criteria», forskningsradet.no: skalaen \
                 0–5 fra søyle 2 i Horisont Europa, innført i Forskningsrådets utlysninger i \
                 løpet av 2026. Beskrivelsene er Samvurds korte norske gjengivelse.",
        min: 0,
        max: 5,
        descriptors: &[
            (0, "Svarer ikke på kriteriet eller kan ikke vurderes"),
            (1, "Svakt"),
            (2, "Nokså godt"),
            (3, "Godt"),
            (4, "Svært godt"),
            (5, "Fremragende"),
        ],
    },
];

impl Default for Scale {
    fn default() -> Self {
        Scale::research_council()
    }
}

impl Scale {
    /// The Research Council of Norway's 1–7 scale with its descriptors.
    pub fn research_council() -> Self {
        BUILTIN_SCALES[0].scale()
    }

    /// Forskningsrådet's 0–5 scale of 2026, aligned with Horizon Europe, with its descriptors.
    /// A named scale: `Scale::range(0, 5)` stays a plain 0–5 without descriptors.
    pub fn research_council_zero_to_five() -> Self {
        BUILTIN_SCALES[1].scale()
    }

    /// The built-in scale with this id, if there is one.
    pub fn builtin(id: &str) -> Option<BuiltinScale> {
        BUILTIN_SCALES.iter().find(|scale| scale.id == id).copied()
    }

    /// Any integer range. The 1–7 range gets the Research Council's descriptors; others none.
    pub fn range(min: i32, max: i32) -> Result<Self, ScaleError> {
        if min >= max || i64::from(max) - i64::from(min) > 100 {
            return Err(ScaleError::InvalidRange { min, max });
        }
        if (min, max) == (1, 7) {
            return Ok(Scale::research_council());
        }
        Ok(Scale { min, max, descriptors: Vec::new() })
    }

    /// A range with the caller's descriptors, checked.
    pub fn with_descriptors(
        min: i32,
        max: i32,
        mut descriptors: Vec<(i32, String)>,
    ) -> Result<Self, ScaleError> {
        let mut scale = Scale::range(min, max)?;
        if let Some((value, _)) = descriptors.iter().find(|(value, _)| !(min..=max).contains(value))
        {
            return Err(ScaleError::DescriptorOutside { value: *value, min, max });
        }
        descriptors.sort_by_key(|(value, _)| *value);
        if !descriptors.is_empty() {
            scale.descriptors = descriptors;
        }
        Ok(scale)
    }

    pub fn contains(&self, value: i32) -> bool {
        (self.min..=self.max).contains(&value)
    }

    pub fn descriptor(&self, value: i32) -> Option<&str> {
        self.descriptors
            .iter()
            .find(|(candidate, _)| *candidate == value)
            .map(|(_, label)| label.as_str())
    }

    /// `1–7` as shown to people.
    pub fn label(&self) -> String {
        format!("{}–{}", self.min, self.max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_scale_is_the_research_councils_one_to_seven() {
        let scale = Scale::default();
        assert_eq!((scale.min, scale.max), (1, 7));
        assert_eq!(scale.descriptor(7), Some("Fremragende"));
        assert_eq!(scale.descriptor(1), Some("Dårlig"));
        assert!(!scale.contains(0));
    }

    #[test]
    fn other_integer_ranges_are_allowed_and_nonsense_is_refused() {
        let zero_to_five = Scale::range(0, 5).unwrap();
        assert!(zero_to_five.contains(0) && zero_to_five.contains(5));
        assert_eq!(zero_to_five.descriptor(3), None);
        assert!(Scale::range(5, 5).is_err());
        assert!(Scale::range(7, 1).is_err());
        assert!(Scale::range(0, 1000).is_err());
        assert!(Scale::with_descriptors(0, 5, vec![(6, "x".into())]).is_err());
    }

    #[test]
    fn forskningsradets_zero_to_five_is_a_named_scale_with_a_descriptor_per_step() {
        let builtin = Scale::builtin("forskningsradet-0-5").unwrap();
        assert!(builtin.source.contains("Horisont Europa"));
        let scale = builtin.scale();
        assert_eq!(scale, Scale::research_council_zero_to_five());
        assert_eq!((scale.min, scale.max), (0, 5));
        assert!((0..=5).all(|value| scale.descriptor(value).is_some()));
        assert_eq!(scale.descriptor(5), Some("Fremragende"));
        // The plain range is untouched by the named scale.
        assert_eq!(Scale::range(0, 5).unwrap().descriptors, Vec::new());
        assert_eq!(Scale::builtin("forskningsradet-1-7").unwrap().scale(), Scale::default());
        assert!(Scale::builtin("0-5").is_none());
    }
}
