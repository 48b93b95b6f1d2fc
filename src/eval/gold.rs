//! Gold annotations: the `NAME.gold.json` file beside an article.
//!
//! A gold file holds the record's lists, each item with at least the fields
//! used for matching. Items may also carry any other field the record
//! contract defines for them (offsets, qualifiers, mentions, ...); those are
//! checked for shape and otherwise ignored. A field the contract does not
//! have is refused, so a typo (`valeu`) never silently drops an item from
//! the comparison.

use crate::decimal::Decimal;
use crate::record::{CurrencySource, EventStatus, OrgKind, Qualifier, Span};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The annotations of one article.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Gold {
    #[serde(default)]
    pub money: Vec<GoldMoney>,
    #[serde(default)]
    pub valuations: Vec<GoldValuation>,
    #[serde(default)]
    pub percentages: Vec<GoldPercentage>,
    /// Accepted for completeness; dates are not scored.
    #[serde(default)]
    pub dates: Vec<GoldDate>,
    #[serde(default)]
    pub persons: Vec<GoldName>,
    #[serde(default)]
    pub organizations: Vec<GoldOrganization>,
    #[serde(default)]
    pub events: Vec<GoldEvent>,
}

/// A monetary amount; matched by `(value, max, currency)`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GoldMoney {
    pub text: String,
    pub value: Decimal,
    #[serde(default)]
    pub max: Option<Decimal>,
    pub currency: String,
    #[serde(default)]
    pub start: Option<usize>,
    #[serde(default)]
    pub end: Option<usize>,
    #[serde(default)]
    pub currency_source: Option<CurrencySource>,
    #[serde(default)]
    pub qualifier: Option<Qualifier>,
    #[serde(default)]
    pub equivalent_of: Option<usize>,
    #[serde(default)]
    pub per: Option<String>,
}

/// A percentage; matched by `value`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GoldPercentage {
    pub text: String,
    pub value: Decimal,
    #[serde(default)]
    pub start: Option<usize>,
    #[serde(default)]
    pub end: Option<usize>,
    #[serde(default)]
    pub points: Option<bool>,
}

/// A valuation; matched by `(company, value, currency)`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GoldValuation {
    pub company: Option<String>,
    pub value: Decimal,
    pub currency: String,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub start: Option<usize>,
    #[serde(default)]
    pub end: Option<usize>,
    #[serde(default)]
    pub money_index: Option<usize>,
}

/// A date mention (not scored).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GoldDate {
    pub text: String,
    #[serde(default)]
    pub start: Option<usize>,
    #[serde(default)]
    pub end: Option<usize>,
    #[serde(default)]
    pub value: Option<String>,
    #[serde(default)]
    pub relative: Option<bool>,
}

/// A person; matched by name (see [`super::score`]).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GoldName {
    pub name: String,
    #[serde(default)]
    pub canonical: Option<String>,
    #[serde(default)]
    pub normalized: Option<String>,
    #[serde(default)]
    pub mentions: Option<Vec<Span>>,
    #[serde(default)]
    pub titles: Option<Vec<GoldTitle>>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GoldTitle {
    pub title: String,
    #[serde(default)]
    pub organization: Option<String>,
    #[serde(default)]
    pub former: Option<bool>,
}

/// An organisation; matched by name like a person.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GoldOrganization {
    pub name: String,
    #[serde(default)]
    pub canonical: Option<String>,
    #[serde(default)]
    pub normalized: Option<String>,
    #[serde(default)]
    pub kind: Option<OrgKind>,
    #[serde(default)]
    pub mentions: Option<Vec<Span>>,
}

impl GoldOrganization {
    pub fn as_name(&self) -> GoldName {
        GoldName {
            name: self.name.clone(),
            canonical: self.canonical.clone(),
            normalized: self.normalized.clone(),
            mentions: None,
            titles: None,
        }
    }
}

/// A business event; matched by `(type, subject)`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GoldEvent {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub status: Option<EventStatus>,
    #[serde(default)]
    pub args: BTreeMap<String, serde_json::Value>,
    #[serde(default)]
    pub trigger: Option<GoldTrigger>,
    #[serde(default)]
    pub sentence: Option<Span>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GoldTrigger {
    pub text: String,
    #[serde(default)]
    pub start: Option<usize>,
    #[serde(default)]
    pub end: Option<usize>,
}

/// The event types of the contract with their arguments; the first
/// argument is the subject used for matching.
pub const EVENT_TYPES: &[(&str, &[&str])] = &[
    (
        "funding",
        &[
            "company",
            "amount",
            "valuation",
            "round",
            "lead_investors",
            "investors",
        ],
    ),
    ("acquisition", &["acquirer", "target", "amount", "stake"]),
    ("ipo", &["company", "exchange", "amount", "price"]),
    (
        "departure",
        &["person", "organization", "title", "destination"],
    ),
    ("appointment", &["person", "organization", "title"]),
    ("founding", &["company", "founders"]),
    (
        "financial_report",
        &["company", "metric", "amount", "period"],
    ),
    ("layoff", &["company", "count"]),
    ("launch", &["company", "product"]),
];

/// The argument naming an event's subject (`company`, `acquirer` or
/// `person`), or `None` for a type the contract does not have.
pub fn subject_arg(kind: &str) -> Option<&'static str> {
    EVENT_TYPES
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, args)| args[0])
}

impl GoldEvent {
    /// The subject as written in the gold file: a name, or the first name
    /// of a list.
    pub fn subject(&self) -> Option<&str> {
        let key = subject_arg(&self.kind)?;
        match self.args.get(key)? {
            serde_json::Value::String(s) => Some(s.as_str()),
            serde_json::Value::Array(v) => v.first().and_then(|x| x.as_str()),
            _ => None,
        }
    }
}

impl Gold {
    /// Parses and checks a gold file's text. The error says what is wrong
    /// and where (serde's line and column, or the item at fault).
    pub fn parse(text: &str) -> Result<Gold, String> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if !text.trim_start().starts_with('{') {
            return Err("expected a JSON object with the record's lists".to_string());
        }
        let gold: Gold = serde_json::from_str(text).map_err(|e| e.to_string())?;
        gold.check()?;
        Ok(gold)
    }

    /// Checks what serde cannot: event types and argument names, and
    /// non-empty names and currencies.
    fn check(&self) -> Result<(), String> {
        for (i, m) in self.money.iter().enumerate() {
            if m.currency.trim().is_empty() {
                return Err(format!("money[{i}]: currency is empty"));
            }
        }
        for (i, v) in self.valuations.iter().enumerate() {
            if v.currency.trim().is_empty() {
                return Err(format!("valuations[{i}]: currency is empty"));
            }
        }
        for (i, p) in self.persons.iter().enumerate() {
            if p.name.trim().is_empty() {
                return Err(format!("persons[{i}]: name is empty"));
            }
        }
        for (i, o) in self.organizations.iter().enumerate() {
            if o.name.trim().is_empty() {
                return Err(format!("organizations[{i}]: name is empty"));
            }
        }
        for (i, e) in self.events.iter().enumerate() {
            let Some((_, args)) = EVENT_TYPES.iter().find(|(k, _)| *k == e.kind) else {
                let known: Vec<&str> = EVENT_TYPES.iter().map(|(k, _)| *k).collect();
                return Err(format!(
                    "events[{i}]: unknown event type {:?} (expected one of {})",
                    e.kind,
                    known.join(", ")
                ));
            };
            for key in e.args.keys() {
                if !args.contains(&key.as_str()) {
                    return Err(format!(
                        "events[{i}]: unknown argument {key:?} for a {} event (expected one of {})",
                        e.kind,
                        args.join(", ")
                    ));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_full_gold_file() {
        let g = Gold::parse(
            r#"{
              "money": [{"text": "66億美元", "value": 6600000000, "max": null, "currency": "USD"},
                        {"text": "1.5亿至2亿元", "value": 150000000, "max": 200000000, "currency": "CNY",
                         "qualifier": "about", "start": 3, "end": 10}],
              "percentages": [{"text": "三成", "value": 30}],
              "valuations": [{"company": "星河科技", "value": 1000000000, "currency": "USD"}],
              "persons": [{"name": "張偉", "canonical": null}],
              "organizations": [{"name": "微軟", "canonical": "Microsoft", "kind": "company"}],
              "events": [{"type": "funding", "status": "asserted",
                          "args": {"company": "星河科技", "amount": {"text": "1亿元", "value": 100000000, "currency": "CNY"},
                                   "lead_investors": ["红杉中国"]}}]
            }"#,
        )
        .unwrap();
        assert_eq!(g.money.len(), 2);
        assert_eq!(g.money[1].max, Some(Decimal::from_int(200_000_000)));
        assert_eq!(g.money[1].qualifier, Some(Qualifier::About));
        assert_eq!(g.percentages[0].value, Decimal::from_int(30));
        assert_eq!(g.organizations[0].canonical.as_deref(), Some("Microsoft"));
        assert_eq!(g.events[0].subject(), Some("星河科技"));
        assert!(g.dates.is_empty());
    }

    #[test]
    fn empty_object_is_an_article_without_annotations() {
        assert_eq!(Gold::parse("{}").unwrap(), Gold::default());
        assert_eq!(Gold::parse("\u{feff}{}").unwrap(), Gold::default());
    }

    #[test]
    fn refuses_fields_the_contract_does_not_have() {
        let e = Gold::parse(r#"{"money": [{"text": "5元", "valeu": 5, "currency": "CNY"}]}"#)
            .unwrap_err();
        assert!(e.contains("unknown field `valeu`"), "{e}");
        let e = Gold::parse(r#"{"people": []}"#).unwrap_err();
        assert!(e.contains("unknown field `people`"), "{e}");
        let e = Gold::parse(r#"{"events": [{"type": "merger", "args": {}}]}"#).unwrap_err();
        assert!(
            e.contains("events[0]: unknown event type \"merger\""),
            "{e}"
        );
        let e = Gold::parse(r#"{"events": [{"type": "ipo", "args": {"acquirer": "甲公司"}}]}"#)
            .unwrap_err();
        assert!(
            e.contains("unknown argument \"acquirer\" for a ipo event"),
            "{e}"
        );
    }

    #[test]
    fn refuses_wrong_shapes() {
        assert_eq!(
            Gold::parse("[]").unwrap_err(),
            "expected a JSON object with the record's lists"
        );
        assert!(Gold::parse(r#"{"money": [{"text": "5元", "currency": "CNY"}]}"#).is_err());
        assert!(Gold::parse(r#"{"percentages": [{"text": "5%", "value": "five"}]}"#).is_err());
        assert!(
            Gold::parse(r#"{"events": [{"type": "ipo", "status": "rumoured", "args": {}}]}"#)
                .is_err()
        );
        let e = Gold::parse(r#"{"persons": [{"name": "  "}]}"#).unwrap_err();
        assert_eq!(e, "persons[0]: name is empty");
        assert!(Gold::parse("{\"money\": [").is_err());
    }

    proptest::proptest! {
        #[test]
        fn any_text_gives_a_gold_or_a_reason(
            s in r#"\{("(money|events|persons|valuations)": \[(\{("(text|value|max|currency|name|type|args|company)": ("[^"]{0,3}"|-?[0-9]{1,40}(\.[0-9]{0,3})?(e[0-9]{1,3})?|null|\{\}|\[\])(, )?){0,4}\}(, )?){0,3}\](, )?){0,3}\}|.{0,40}"#
        ) {
            let _ = Gold::parse(&s);
        }
    }

    #[test]
    fn subject_per_type() {
        assert_eq!(subject_arg("acquisition"), Some("acquirer"));
        assert_eq!(subject_arg("departure"), Some("person"));
        assert_eq!(subject_arg("layoff"), Some("company"));
        assert_eq!(subject_arg("merger"), None);
    }
}
