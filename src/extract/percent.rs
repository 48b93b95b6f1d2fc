//! Percent extraction (not yet implemented: finds nothing).

use super::{Document, Extraction, Extractor};
use crate::rules::{RuleError, RuleSet};

pub struct PercentExtractor {}

impl PercentExtractor {
    pub fn new(_rules: &RuleSet) -> Result<PercentExtractor, RuleError> {
        Ok(PercentExtractor {})
    }
}

impl Extractor for PercentExtractor {
    fn name(&self) -> &'static str {
        "percent"
    }

    fn extract(&self, _doc: &Document, _out: &mut Extraction) {}
}
