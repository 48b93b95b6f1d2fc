//! Money extraction (not yet implemented: finds nothing).

use super::{Document, Extraction, Extractor};
use crate::rules::{RuleError, RuleSet};

pub struct MoneyExtractor {}

impl MoneyExtractor {
    pub fn new(_rules: &RuleSet) -> Result<MoneyExtractor, RuleError> {
        Ok(MoneyExtractor {})
    }
}

impl Extractor for MoneyExtractor {
    fn name(&self) -> &'static str {
        "money"
    }

    fn extract(&self, _doc: &Document, _out: &mut Extraction) {}
}
