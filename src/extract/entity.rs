//! Entity extraction (not yet implemented: finds nothing).

use super::{Document, Extraction, Extractor};
use crate::rules::{RuleError, RuleSet};

pub struct EntityExtractor {}

impl EntityExtractor {
    pub fn new(_rules: &RuleSet) -> Result<EntityExtractor, RuleError> {
        Ok(EntityExtractor {})
    }
}

impl Extractor for EntityExtractor {
    fn name(&self) -> &'static str {
        "entity"
    }

    fn extract(&self, _doc: &Document, _out: &mut Extraction) {}
}
