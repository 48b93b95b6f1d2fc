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
use crate::normalize::{Normalized, Normalizer};
use crate::record::{ErrorKind, Record, SCHEMA_VERSION, Source};
pub use crate::rules::{RuleError, RuleSet};
use crate::segment::Segmenter;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// A short article that the stages run on while the pipeline is built, so
/// that the tables and patterns they build on first use are ready before
/// the first real article.
pub(crate) const WARM_UP: &str = "示例科技公司2025年3月12日宣布完成約5億元B輪融資，估值增长30%。";

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
        // thread while this one compiles the rules that do not need it and
        // builds what the stages would otherwise build on the first article
        // (jieba's part-of-speech model, the decoder's tables).
        std::thread::scope(|s| {
            let segmenter = s.spawn(|| Segmenter::new(rules));
            crate::segment::load_pos_model();
            let decoder = Decoder::new(rules);
            let normalizer = Normalizer::new();
            if let Ok(decoder) = &decoder {
                let _ = std::hint::black_box(
                    decoder.decode(WARM_UP.as_bytes(), &DecodeOptions::default()),
                );
            }
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
        let mut doc = self.extractors.document(clean, &view, tokens);
        doc.title = title;
        doc.pub_date = pub_date;
        self.extractors.run(&doc)
    }

    /// One article from bytes to record. Never panics: a failure inside the
    /// stages becomes an `internal` error record.
    pub fn process(&self, id: &str, bytes: &[u8], opts: &ProcessOptions) -> Record {
        let input = Input {
            id,
            bytes,
            opts: *opts,
        };
        self.process_many(&[input])
            .pop()
            .expect("one record per input")
    }

    /// Several articles, stage by stage: all are decoded and normalized,
    /// then all segmented, then each extractor runs over all of them. A
    /// stage that runs over many articles in a row finds its tables and
    /// caches still warm, which makes a batch faster than the same
    /// articles one by one; the records are the same, one per input, in
    /// input order. Never panics: a stage that fails on one article gives
    /// that article an `internal` error record and leaves the others alone.
    ///
    /// ```
    /// use zhnews::{Input, Pipeline, ProcessOptions};
    ///
    /// let pipeline = Pipeline::builtin();
    /// let opts = ProcessOptions::default();
    /// let record = pipeline.process("a.txt", "星海智能完成5亿元B轮融资。".as_bytes(), &opts);
    /// assert_eq!(record.money[0].value.to_string(), "500000000");
    /// let inputs = [
    ///     Input { id: "b.txt", bytes: "騰訊控股發佈財報。".as_bytes(), opts },
    ///     Input { id: "c.txt", bytes: b"", opts },
    /// ];
    /// let records = pipeline.process_many(&inputs);
    /// assert_eq!(records.len(), 2);
    /// assert!(records[0].error.is_none());
    /// assert!(records[1].error.is_some());
    /// ```
    pub fn process_many(&self, inputs: &[Input<'_>]) -> Vec<Record> {
        let mut failed: Vec<Option<Record>> = inputs.iter().map(|_| None).collect();
        let fail = |input: &Input, panic: Box<dyn std::any::Any + Send>| {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            Some(input.error(ErrorKind::Internal, format!("internal error: {msg}")))
        };
        // Stages 1 and 2.
        let mut texts: Vec<Option<(Decoded, Normalized)>> = Vec::with_capacity(inputs.len());
        for (input, failed) in inputs.iter().zip(failed.iter_mut()) {
            let text = match catch_unwind(AssertUnwindSafe(|| self.decode_normalize(input))) {
                Ok(Ok(t)) => Some(t),
                Ok(Err(e)) => {
                    *failed = Some(input.error(e.kind, e.message));
                    None
                }
                Err(panic) => {
                    *failed = fail(input, panic);
                    None
                }
            };
            texts.push(text);
        }
        let titles: Vec<Option<String>> = texts
            .iter()
            .map(|t| {
                let (decoded, _) = t.as_ref()?;
                decoded
                    .title
                    .clone()
                    .or_else(|| first_line_title(&decoded.text))
            })
            .collect();
        // Stage 3.
        let mut docs: Vec<Option<Document>> = Vec::with_capacity(inputs.len());
        for (i, text) in texts.iter().enumerate() {
            let Some((decoded, normalized)) = text else {
                docs.push(None);
                continue;
            };
            let doc = catch_unwind(AssertUnwindSafe(|| {
                let tokens = self.segmenter.cut(&normalized.text);
                self.extractors
                    .document(&decoded.text, &normalized.text, tokens)
            }));
            match doc {
                Ok(mut doc) => {
                    doc.title = titles[i].as_deref();
                    doc.pub_date = inputs[i].opts.pub_date;
                    docs.push(Some(doc));
                }
                Err(panic) => {
                    failed[i] = fail(&inputs[i], panic);
                    docs.push(None);
                }
            }
        }
        // Stage 4.
        let mut found: Vec<Extraction> = inputs.iter().map(|_| Extraction::default()).collect();
        for ex in self.extractors.iter() {
            for (i, doc) in docs.iter().enumerate() {
                let Some(doc) = doc else { continue };
                if failed[i].is_some() {
                    continue;
                }
                let out = &mut found[i];
                if let Err(panic) = catch_unwind(AssertUnwindSafe(|| ex.extract(doc, out))) {
                    failed[i] = fail(&inputs[i], panic);
                }
            }
        }
        drop(docs);
        let parts = texts.into_iter().zip(titles).zip(found).zip(failed);
        inputs
            .iter()
            .zip(parts)
            .map(
                |(input, (((text, title), found), failed))| match (failed, text) {
                    (None, Some((decoded, normalized))) => {
                        record(input, decoded, normalized, title, found)
                    }
                    // Every article without text has its error record.
                    (failed, _) => failed.unwrap_or_else(|| {
                        input.error(ErrorKind::Internal, "internal error: no text and no error")
                    }),
                },
            )
            .collect()
    }

    fn decode_normalize(&self, input: &Input) -> Result<(Decoded, Normalized), ArticleError> {
        #[cfg(test)]
        if input.bytes == tests::PANIC_INPUT {
            panic!("deliberate failure for tests");
        }
        let decoded = self.decoder.decode(input.bytes, &input.opts.decode)?;
        let normalized = self.normalizer.normalize(&decoded.text);
        Ok((decoded, normalized))
    }
}

/// One article for [`Pipeline::process_many`].
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The record's `id`.
    pub id: &'a str,
    pub bytes: &'a [u8],
    pub opts: ProcessOptions,
}

impl Input<'_> {
    /// The error record of this article.
    fn error(&self, kind: ErrorKind, message: impl Into<String>) -> Record {
        Record::error(self.id, self.bytes.len() as u64, kind, message)
    }
}

fn record(
    input: &Input,
    decoded: Decoded,
    normalized: Normalized,
    title: Option<String>,
    found: Extraction,
) -> Record {
    Record {
        id: input.id.to_string(),
        schema_version: SCHEMA_VERSION,
        source: Source {
            bytes: input.bytes.len() as u64,
            encoding: Some(decoded.encoding.name().to_string()),
            detected_by: Some(decoded.detected_by),
            repairs: decoded.repairs,
        },
        script: Some(normalized.script),
        title,
        text: input.opts.include_text.then_some(decoded.text),
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

    #[test]
    fn a_batch_gives_the_records_of_its_articles_one_by_one() {
        let p = Pipeline::builtin();
        let opts = ProcessOptions::default();
        let articles: Vec<(&str, &[u8])> = vec![
            ("a", "星海智能完成5亿元B轮融资，由红杉中国领投。".as_bytes()),
            ("b", b""),
            ("c", PANIC_INPUT),
            ("d", "騰訊控股發佈財報，營收達1,500億元人民幣。".as_bytes()),
            ("e", "张伟出任华林证券首席执行官。".as_bytes()),
        ];
        let inputs: Vec<Input> = articles
            .iter()
            .map(|&(id, bytes)| Input { id, bytes, opts })
            .collect();
        let batch = p.process_many(&inputs);
        assert_eq!(batch.len(), articles.len());
        for ((id, bytes), rec) in articles.iter().zip(&batch) {
            let alone = p.process(id, bytes, &opts);
            assert_eq!(
                serde_json::to_string(rec).unwrap(),
                serde_json::to_string(&alone).unwrap(),
                "{id}"
            );
        }
        assert_eq!(batch[1].error.as_ref().unwrap().kind, ErrorKind::Empty);
        assert_eq!(batch[2].error.as_ref().unwrap().kind, ErrorKind::Internal);
        assert_eq!(batch[0].money.len(), 1);
        assert_eq!(batch[3].money[0].value.to_string(), "150000000000");
        assert!(batch[4].persons.iter().any(|p| p.name == "张伟"));
    }
}
