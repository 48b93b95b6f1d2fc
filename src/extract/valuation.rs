//! Valuation extraction (not yet implemented: finds nothing).

use super::{Document, Extraction, Extractor};
use crate::rules::{RuleError, RuleSet};

pub struct ValuationExtractor {}

impl ValuationExtractor {
    pub fn new(_rules: &RuleSet) -> Result<ValuationExtractor, RuleError> {
        Ok(ValuationExtractor {})
    }
}

impl Extractor for ValuationExtractor {
    fn name(&self) -> &'static str {
        "valuation"
    }

    fn extract(&self, _doc: &Document, _out: &mut Extraction) {}
}
