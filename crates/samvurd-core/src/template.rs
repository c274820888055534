//! Criteria templates.
