//! Event extraction (not yet implemented: finds nothing).

use super::{Document, Extraction, Extractor};
use crate::rules::{RuleError, RuleSet};

pub struct EventExtractor {}

impl EventExtractor {
    pub fn new(_rules: &RuleSet) -> Result<EventExtractor, RuleError> {
        Ok(EventExtractor {})
    }
}

impl Extractor for EventExtractor {
    fn name(&self) -> &'static str {
        "event"
    }

    fn extract(&self, _doc: &Document, _out: &mut Extraction) {}
}
