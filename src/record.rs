//! The record contract: one JSON object per article (see `docs/schema.md`).
//!
//! Field names and meanings follow the published contract exactly; fields
//! beyond it are additions, never renames.

use crate::decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const SCHEMA_VERSION: u32 = 1;

/// A `[start, end)` span in characters of the clean text.
pub type Span = [usize; 2];

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Record {
    pub id: String,
    pub schema_version: u32,
    pub source: Source,
    /// `None` only on error records.
    pub script: Option<Script>,
    pub title: Option<String>,
    /// The clean text, with `--text`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    pub error: Option<ErrorInfo>,
    pub money: Vec<Money>,
    pub valuations: Vec<Valuation>,
    pub percentages: Vec<Percentage>,
    pub dates: Vec<DateMention>,
    pub persons: Vec<Person>,
    pub organizations: Vec<Organization>,
    pub events: Vec<Event>,
}

impl Record {
    /// A record for an article that could not be processed.
    pub fn error(
        id: impl Into<String>,
        bytes: u64,
        kind: ErrorKind,
        message: impl Into<String>,
    ) -> Record {
        Record {
            id: id.into(),
            schema_version: SCHEMA_VERSION,
            source: Source {
                bytes,
                ..Source::default()
            },
            error: Some(ErrorInfo {
                kind,
                message: message.into(),
            }),
            ..Record::default()
        }
    }
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Source {
    pub bytes: u64,
    /// encoding_rs name: `UTF-8`, `UTF-16LE`, `GBK`, `gb18030`, `Big5`, ...
    pub encoding: Option<String>,
    pub detected_by: Option<DetectedBy>,
    pub repairs: Vec<Repair>,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum DetectedBy {
    Bom,
    Utf8,
    Detector,
    Declared,
    Forced,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Repair {
    /// `mojibake`, `pinyin_annotation`, `html_entity`, `control_char`,
    /// `invalid_bytes`, `unrecoverable_mojibake`, `zero_width`, ...
    pub kind: String,
    pub count: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Script {
    Simplified,
    Traditional,
    Mixed,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct ErrorInfo {
    pub kind: ErrorKind,
    pub message: String,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    Unreadable,
    NotText,
    Empty,
    TooLarge,
    Internal,
}

impl ErrorKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            ErrorKind::Unreadable => "unreadable",
            ErrorKind::NotText => "not_text",
            ErrorKind::Empty => "empty",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::Internal => "internal",
        }
    }
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum CurrencySource {
    Explicit,
    Inferred,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    About,
    Over,
    AtLeast,
    Under,
    AtMost,
    Nearly,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Money {
    /// Number and unit as written, qualifiers excluded.
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// Whole currency units; the lower bound of a range.
    pub value: Decimal,
    /// Upper bound of a range, else `None`.
    pub max: Option<Decimal>,
    /// ISO 4217 code.
    pub currency: String,
    pub currency_source: CurrencySource,
    pub qualifier: Option<Qualifier>,
    /// Index in `money` of the amount this one restates.
    pub equivalent_of: Option<usize>,
    /// Unit of a per-unit price (`股` for 每股, `盎司` for /盎司).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Valuation {
    /// The valued organisation's `normalized` name.
    pub company: Option<String>,
    pub value: Decimal,
    pub currency: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub money_index: usize,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Percentage {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub value: Decimal,
    /// True for a change in percentage points (`个百分点`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub points: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct DateMention {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// ISO 8601 date or partial date when resolved.
    pub value: Option<String>,
    pub relative: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Title {
    pub title: String,
    pub organization: Option<String>,
    pub former: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Person {
    pub name: String,
    pub normalized: String,
    pub canonical: Option<String>,
    pub mentions: Vec<Span>,
    pub titles: Vec<Title>,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    Company,
    Media,
    Government,
    Investor,
    Other,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Organization {
    pub name: String,
    pub normalized: String,
    pub canonical: Option<String>,
    pub kind: OrgKind,
    pub mentions: Vec<Span>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Trigger {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum EventStatus {
    Asserted,
    Forecast,
    Negated,
    Withdrawn,
}

/// An event argument: a name, a list of names, an amount, or plain text
/// (a round such as `B轮`, a metric such as `revenue`).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum Arg {
    Money(Box<Money>),
    Names(Vec<String>),
    Text(String),
    Number(Decimal),
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Event {
    #[serde(rename = "type")]
    pub kind: String,
    pub trigger: Trigger,
    pub sentence: Span,
    pub status: EventStatus,
    pub args: BTreeMap<String, Arg>,
    /// Every telling of the event, in text order, when the article reports
    /// it more than once and the tellings were merged (the first is the
    /// event's own `trigger` and `sentence`); empty otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<EventMention>,
}

/// One telling of a merged event: its trigger and sentence.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct EventMention {
    pub trigger: Trigger,
    pub sentence: Span,
}
