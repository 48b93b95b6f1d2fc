//! zhnews turns raw Chinese news articles into structured JSON records.
//!
//! A [`Pipeline`] is built once from a [`RuleSet`] and shared by `&self`
//! across threads. Each article passes through the stages
//!
//! 1. [`decode`]: bytes to clean text, with encoding and repairs reported;
//! 2. [`normalize`]: a Simplified, half-width view aligned to the clean text;
//! 3. [`segment`]: words from jieba-rs with the user dictionaries;
//! 4. [`extract`]: money, valuations, percentages, dates, people,
//!    organisations and events;
//!
//! and comes out as one [`record::Record`]. [`batch`] runs many articles in
//! parallel with deterministic output; [`eval`] scores records against gold
//! annotations.

pub mod batch;
pub mod decimal;
pub mod decode;
pub mod error;
pub mod eval;
pub mod extract;
pub mod normalize;
pub mod output;
pub mod record;
pub mod rules;
pub mod segment;
pub mod text;

use crate::decode::{DecodeOptions, Decoded, Decoder};
use crate::error::ArticleError;
use crate::extract::{Date, Document, Extraction, Extractors};
use crate::normalize::Normalizer;
use crate::record::{ErrorKind, Record, SCHEMA_VERSION, Source};
pub use crate::rules::{RuleError, RuleSet};
use crate::segment::Segmenter;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Per-article options of a run.
#[derive(Debug, Clone, Copy, Default)]
pub struct ProcessOptions {
    pub decode: DecodeOptions,
    /// Publication date used to resolve relative dates (`--date`).
    pub pub_date: Option<Date>,
    /// Put the clean text in the record (`--text`).
    pub include_text: bool,
}

/// The whole processing chain, loaded once.
pub struct Pipeline {
    decoder: Decoder,
    normalizer: Normalizer,
    segmenter: Segmenter,
    extractors: Extractors,
}

impl Pipeline {
    /// Builds every stage from the rules; a rule file with a mistake is
    /// refused with its file, line and reason.
    pub fn new(rules: &RuleSet) -> Result<Pipeline, RuleError> {
        // jieba's dictionary takes most of the build; it loads on a second
        // thread while the rules that do not need it compile.
        std::thread::scope(|s| {
            let segmenter = s.spawn(|| Segmenter::new(rules));
            let decoder = Decoder::new(rules);
            let normalizer = Normalizer::new();
            let extractors = Extractors::new(rules);
            let segmenter = segmenter
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            Ok(Pipeline {
                decoder: decoder?,
                normalizer,
                segmenter: segmenter?,
                extractors: extractors?,
            })
        })
    }

    /// The pipeline with the rules built into the binary.
    pub fn builtin() -> Pipeline {
        Pipeline::new(&RuleSet::builtin()).expect("built-in rules are valid")
    }

    pub fn decoder(&self) -> &Decoder {
        &self.decoder
    }

    pub fn normalizer(&self) -> &Normalizer {
        &self.normalizer
    }

    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    pub fn extractors(&self) -> &Extractors {
        &self.extractors
    }

    /// Stage 1 alone: the clean text of an article.
    pub fn clean(&self, bytes: &[u8], opts: &DecodeOptions) -> Result<Decoded, ArticleError> {
        self.decoder.decode(bytes, opts)
    }

    /// Stages 2 to 4 on clean text.
    pub fn analyze(&self, clean: &str, title: Option<&str>, pub_date: Option<Date>) -> Extraction {
        let view = self.normalizer.normalize(clean).text;
        let tokens = self.segmenter.cut(&view);
        let mut doc = Document::new(clean, &view, tokens);
        doc.title = title;
        doc.pub_date = pub_date;
        self.extractors.run(&doc)
    }

    /// One article from bytes to record. Never panics: a failure inside the
    /// stages becomes an `internal` error record.
    pub fn process(&self, id: &str, bytes: &[u8], opts: &ProcessOptions) -> Record {
        match catch_unwind(AssertUnwindSafe(|| self.process_inner(id, bytes, opts))) {
            Ok(record) => record,
            Err(panic) => {
                let msg = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".to_string());
                Record::error(
                    id,
                    bytes.len() as u64,
                    ErrorKind::Internal,
                    format!("internal error: {msg}"),
                )
            }
        }
    }

    fn process_inner(&self, id: &str, bytes: &[u8], opts: &ProcessOptions) -> Record {
        #[cfg(test)]
        if bytes == tests::PANIC_INPUT {
            panic!("deliberate failure for tests");
        }
        let decoded = match self.decoder.decode(bytes, &opts.decode) {
            Ok(d) => d,
            Err(e) => return Record::error(id, bytes.len() as u64, e.kind, e.message),
        };
        let normalized = self.normalizer.normalize(&decoded.text);
        let tokens = self.segmenter.cut(&normalized.text);
        let title = decoded
            .title
            .clone()
            .or_else(|| first_line_title(&decoded.text));
        let mut doc = Document::new(&decoded.text, &normalized.text, tokens);
        doc.title = title.as_deref();
        doc.pub_date = opts.pub_date;
        let found = self.extractors.run(&doc);
        Record {
            id: id.to_string(),
            schema_version: SCHEMA_VERSION,
            source: Source {
                bytes: bytes.len() as u64,
                encoding: Some(decoded.encoding.name().to_string()),
                detected_by: Some(decoded.detected_by),
                repairs: decoded.repairs,
            },
            script: Some(normalized.script),
            title,
            text: opts.include_text.then(|| decoded.text.clone()),
            error: None,
            money: found.money,
            valuations: found.valuations,
            percentages: found.percentages,
            dates: found.dates,
            persons: found.persons,
            organizations: found.organizations,
            events: found.events,
        }
    }
}

/// The headline of a plain-text article: its first line, when that line is
/// short and does not end like a sentence.
fn first_line_title(text: &str) -> Option<String> {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    let n = line.chars().count();
    let ends_sentence = line.ends_with(['。', '！', '？', '!', '?', '；']);
    (n <= 60 && !ends_sentence && text.trim() != line).then(|| line.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Input on which `process` panics in test builds, to check the catch.
    pub(crate) const PANIC_INPUT: &[u8] = b"\xff panic hook \xff";

    #[test]
    fn a_panic_inside_an_article_becomes_an_internal_error_record() {
        let p = Pipeline::builtin();
        let rec = p.process("x/bad.txt", PANIC_INPUT, &ProcessOptions::default());
        let err = rec.error.as_ref().unwrap();
        assert_eq!(err.kind, ErrorKind::Internal);
        assert_eq!(err.message, "internal error: deliberate failure for tests");
        assert_eq!(rec.id, "x/bad.txt");
        assert_eq!(rec.source.bytes, PANIC_INPUT.len() as u64);
        assert!(rec.money.is_empty() && rec.events.is_empty());
        // The pipeline is still usable afterwards.
        let ok = p.process(
            "ok.txt",
            "星河科技发布新品。".as_bytes(),
            &ProcessOptions::default(),
        );
        assert!(ok.error.is_none());
    }

    #[test]
    fn a_panic_in_a_batch_keeps_every_other_record() {
        use crate::batch::{BatchOptions, Job, run};
        let p = Pipeline::builtin();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let jobs = (0..20).map(|i| Job::Bytes {
            id: format!("{i:02}"),
            bytes: if i == 7 {
                PANIC_INPUT.to_vec()
            } else {
                format!("第{i}条消息。").into_bytes()
            },
        });
        let mut out = Vec::new();
        let summary = run(&p, &pool, jobs, &BatchOptions::default(), &mut out, |_| {}).unwrap();
        assert_eq!(summary.articles, 20);
        assert_eq!(summary.errors.get(&ErrorKind::Internal), Some(&1));
        let recs: Vec<Record> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let ids: Vec<String> = recs.iter().map(|r| r.id.clone()).collect();
        let want: Vec<String> = (0..20).map(|i| format!("{i:02}")).collect();
        assert_eq!(ids, want);
        assert_eq!(recs[7].error.as_ref().unwrap().kind, ErrorKind::Internal);
        assert!(
            recs.iter()
                .enumerate()
                .all(|(i, r)| i == 7 || r.error.is_none())
        );
    }
}
