//! Stage 3: words (and, where asked, part-of-speech tags) with jieba-rs.
//!
//! One `Jieba` is built when the pipeline is built, with the user
//! dictionaries under `rules/dict/` (jieba's `word freq tag` format), and
//! shared by `&self` across threads.

use crate::rules::{RuleError, RuleSet};
use jieba_rs::Jieba;

/// One word of the normalized view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    /// The word as it appears in the normalized view.
    pub word: &'a str,
    /// Byte range in the normalized view.
    pub byte_start: usize,
    pub byte_end: usize,
    /// Character range (equal in view and clean text).
    pub start: usize,
    pub end: usize,
}

pub struct Segmenter {
    jieba: Jieba,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Segmenter").finish_non_exhaustive()
    }
}

impl Segmenter {
    pub fn new(rules: &RuleSet) -> Result<Segmenter, RuleError> {
        let mut jieba = Jieba::new();
        for file in rules.under("dict/") {
            for (n, line) in file.lines() {
                let mut parts = line.split_whitespace();
                let word = parts.next().unwrap_or_default();
                let freq = match parts.next() {
                    Some(f) => Some(f.parse::<usize>().map_err(|_| {
                        file.error(n, format!("frequency {f:?} is not a whole number"))
                    })?),
                    None => None,
                };
                let tag = parts.next();
                jieba.add_word(word, freq, tag);
            }
        }
        Ok(Segmenter { jieba })
    }

    pub fn jieba(&self) -> &Jieba {
        &self.jieba
    }

    /// Words of `view` with byte and character offsets.
    pub fn cut<'a>(&self, view: &'a str) -> Vec<Token<'a>> {
        self.jieba
            .cut(view, true)
            .into_iter()
            .map(|t| Token {
                word: t.word,
                byte_start: t.byte_start,
                byte_end: t.byte_end,
                start: t.start,
                end: t.end,
            })
            .collect()
    }
}
