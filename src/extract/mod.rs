//! Stage 4: extractors, run in order over one document.
//!
//! Each extractor is a small type in its own file behind [`Extractor`],
//! built once from the rules and shared by `&self`. They run in a fixed
//! order and each may read what the earlier ones found in [`Extraction`]
//! (valuations read money and organisations; events read everything).
//!
//! Extractors match on the normalized view (`Document::view`), whose
//! character offsets equal those of the clean text, and report text from
//! the clean text (`Document::clean_slice`).

pub mod date;
pub mod entity;
pub mod event;
pub mod money;
pub mod number;
pub mod percent;
pub mod valuation;

use crate::record::{DateMention, Event, Money, Organization, Percentage, Person, Span, Valuation};
use crate::rules::{RuleError, RuleSet};
use crate::segment::Token;
use crate::text::{CharIndex, CharSet};
pub use date::Date;

/// One article as the extractors see it.
pub struct Document<'a> {
    /// The clean text (original script).
    pub clean: &'a str,
    /// The normalized view: Simplified, half-width, same characters count.
    pub view: &'a str,
    pub title: Option<&'a str>,
    /// Publication date, from `--date`; the date extractor may also find
    /// it in a dateline.
    pub pub_date: Option<Date>,
    /// Words of the view.
    pub tokens: Vec<Token<'a>>,
    /// Sentences as character spans.
    pub sentences: Vec<Span>,
    /// `None` when the clean text and the view are the same string (the
    /// common case): `view_index` serves both.
    clean_index: Option<CharIndex>,
    view_index: CharIndex,
    /// The figure extractors' text, built by the first that asks.
    work: std::cell::OnceCell<number::Work>,
    /// Characters whose places the work text records (see [`Extractors::marks`]).
    marks: Option<&'a CharSet>,
}

impl<'a> Document<'a> {
    pub fn new(clean: &'a str, view: &'a str, tokens: Vec<Token<'a>>) -> Document<'a> {
        let view_index = CharIndex::new(view);
        let clean_index = (clean != view).then(|| CharIndex::new(clean));
        debug_assert_eq!(
            clean_index
                .as_ref()
                .map_or(view_index.len(), CharIndex::len),
            view_index.len()
        );
        let sentences = split_sentences(view, &view_index);
        Document {
            clean,
            view,
            title: None,
            pub_date: None,
            tokens,
            sentences,
            clean_index,
            view_index,
            work: std::cell::OnceCell::new(),
            marks: None,
        }
    }

    /// Has the work text record where the characters of `marks` stand, in
    /// the pass that builds it: the pipeline passes [`Extractors::marks`].
    pub fn with_marks(mut self, marks: &'a CharSet) -> Document<'a> {
        self.marks = Some(marks);
        self
    }

    /// The text the figure extractors (money, percentages, dates,
    /// valuations) match on: see [`number::Work`].
    pub fn work(&self) -> &number::Work {
        self.work
            .get_or_init(|| number::Work::build(self.view, &self.view_index, self.marks))
    }

    /// Number of characters.
    pub fn len(&self) -> usize {
        self.view_index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Clean text of the character span `[start, end)`.
    pub fn clean_slice(&self, start: usize, end: usize) -> &'a str {
        let index = self.clean_index.as_ref().unwrap_or(&self.view_index);
        &self.clean[index.bytes(start, end)]
    }

    /// View text of the character span `[start, end)`.
    pub fn view_slice(&self, start: usize, end: usize) -> &'a str {
        &self.view[self.view_index.bytes(start, end)]
    }

    /// Character offset of a byte offset in the view.
    pub fn char_at(&self, view_byte: usize) -> usize {
        self.view_index.char(view_byte)
    }

    /// Byte offset in the view of a character offset.
    pub fn byte_at(&self, ch: usize) -> usize {
        self.view_index.byte(ch)
    }

    /// Character span of a byte range of the view.
    pub fn span(&self, view_bytes: std::ops::Range<usize>) -> Span {
        [self.char_at(view_bytes.start), self.char_at(view_bytes.end)]
    }

    /// The sentence containing character `ch`.
    pub fn sentence_of(&self, ch: usize) -> Span {
        let i = self.sentences.partition_point(|s| s[1] <= ch);
        self.sentences.get(i).copied().unwrap_or([ch, ch])
    }
}

/// Sentence spans: split after 。！？!?； and at line breaks.
fn split_sentences(view: &str, index: &CharIndex) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0usize;
    for (b, c) in view.char_indices() {
        if matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';' | '\n') {
            let end = index.char(b) + 1;
            if view[index.byte(start)..b].trim().is_empty() {
                start = end;
                continue;
            }
            out.push([start, if c == '\n' { end - 1 } else { end }]);
            start = end;
        }
    }
    let n = index.len();
    if start < n && !view[index.byte(start)..].trim().is_empty() {
        out.push([start, n]);
    }
    out
}

/// What the extractors found in one document, filled in order.
#[derive(Debug, Default, Clone)]
pub struct Extraction {
    pub money: Vec<Money>,
    pub valuations: Vec<Valuation>,
    pub percentages: Vec<Percentage>,
    pub dates: Vec<DateMention>,
    pub persons: Vec<Person>,
    pub organizations: Vec<Organization>,
    pub events: Vec<Event>,
}

/// One extraction stage.
pub trait Extractor: Send + Sync {
    /// Short name, for benchmarks and diagnostics.
    fn name(&self) -> &'static str;
    fn extract(&self, doc: &Document, out: &mut Extraction);
}

/// The extractors of a pipeline, in the order they run.
pub struct Extractors {
    list: Vec<Box<dyn Extractor>>,
    marks: CharSet,
}

impl Extractors {
    pub fn new(rules: &RuleSet) -> Result<Extractors, RuleError> {
        // Built in this order so that the extractors that need no
        // segmenter are ready while jieba loads (see `Pipeline::new`);
        // they run in the order of the list.
        let event = event::EventExtractor::new(rules)?;
        let money = money::MoneyExtractor::new(rules)?;
        let date = date::DateExtractor::new(rules)?;
        let percent = percent::PercentExtractor::new(rules)?;
        let valuation = valuation::ValuationExtractor::new(rules)?;
        let marks = money.anchors().clone();
        // The extractors that read no words run once on a sample, so that
        // the patterns they compile on first use are ready while jieba
        // still loads; the entity extractor below waits for it. Only a
        // head start: a failure here is left for the articles to report.
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let view = crate::normalize::Normalizer::new()
                .normalize(crate::WARM_UP)
                .text;
            let sample = Document::new(crate::WARM_UP, &view, Vec::new()).with_marks(&marks);
            let mut found = Extraction::default();
            for ex in [&date as &dyn Extractor, &percent, &money, &event] {
                ex.extract(&sample, &mut found);
            }
        }));
        let entity = entity::EntityExtractor::new(rules)?;
        let list: Vec<Box<dyn Extractor>> = vec![
            Box::new(date),
            Box::new(percent),
            Box::new(money),
            Box::new(entity),
            Box::new(valuation),
            Box::new(event),
        ];
        Ok(Extractors { list, marks })
    }

    /// The characters a document's work text records in its one pass (the
    /// characters money amounts' currency words end with), for
    /// [`Document::with_marks`].
    pub fn marks(&self) -> &CharSet {
        &self.marks
    }

    /// A document for these extractors: its work text records the places
    /// of [`Extractors::marks`].
    pub fn document<'a>(
        &'a self,
        clean: &'a str,
        view: &'a str,
        tokens: Vec<Token<'a>>,
    ) -> Document<'a> {
        Document::new(clean, view, tokens).with_marks(&self.marks)
    }

    pub fn iter(&self) -> impl Iterator<Item = &dyn Extractor> {
        self.list.iter().map(|b| b.as_ref())
    }

    pub fn run(&self, doc: &Document) -> Extraction {
        let mut out = Extraction::default();
        for ex in &self.list {
            ex.extract(doc, &mut out);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_on_terminators_and_lines() {
        let text = "标题\n第一句。第二句！\n\n第三句";
        let doc = Document::new(text, text, Vec::new());
        let got: Vec<&str> = doc
            .sentences
            .iter()
            .map(|s| doc.view_slice(s[0], s[1]))
            .collect();
        assert_eq!(got, vec!["标题", "第一句。", "第二句！", "第三句"]);
        assert_eq!(doc.sentence_of(4), [3, 7]);
    }
}
