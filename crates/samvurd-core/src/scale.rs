//! The score scale: an integer range with a descriptor per step.
//!
//! The default is the Research Council of Norway's 1–7 scale. A round may use any other integer
//! range (say 0–5); its descriptors are then the round's own, or just the numbers.

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

impl Default for Scale {
    fn default() -> Self {
        Scale::research_council()
    }
}

impl Scale {
    /// The Research Council of Norway's 1–7 scale with its descriptors.
    pub fn research_council() -> Self {
        let labels = [
            (1, "Dårlig"),
            (2, "Svakt"),
            (3, "Mindre godt"),
            (4, "Godt"),
            (5, "Meget godt"),
            (6, "Svært godt"),
            (7, "Fremragende"),
        ];
        Scale {
            min: 1,
            max: 7,
            descriptors: labels
                .iter()
                .map(|(value, label)| (*value, (*label).to_owned()))
                .collect(),
        }
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
}
