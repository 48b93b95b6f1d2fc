//! Matching records against gold annotations, and the scores.
//!
//! Everything here is a pure function of a [`Record`] and a [`Gold`]:
//!
//! - money by `(value, max, currency)` as a multiset;
//! - percentages by `value` as a multiset;
//! - valuations by `(company, value, currency)`;
//! - persons and organisations by name: a predicted entity matches a gold
//!   name when the gold name's normalized form equals the entity's
//!   `normalized` or its normalized `canonical`, or when the gold item's
//!   `canonical` equals the entity's `canonical`;
//! - events by `(type, subject)`, the subject being `company`, `acquirer`
//!   or `person` as the type says.
//!
//! Company and subject names compare by normalized form, and also match
//! through the canonical name of the record's entity of that name (gold
//! `Microsoft` matches a predicted subject `微软` when the record's `微软`
//! has canonical `Microsoft`).
//!
//! Each item is matched at most once (a maximum matching), so duplicates
//! count as often as they occur.

use super::gold::{Gold, GoldEvent, GoldName, subject_arg};
use crate::decimal::Decimal;
use crate::normalize::{Normalizer, normalize_name};
use crate::record::{Arg, Event, Record};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use std::collections::{BTreeMap, HashMap};

/// The scored lists, in report order (event types follow `events`).
pub const LISTS: &[&str] = &[
    "money",
    "valuations",
    "percentages",
    "persons",
    "organizations",
    "events",
];

/// The outcome of one list on one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListOutcome {
    /// `money`, ..., `events`, or `events.TYPE`.
    pub list: String,
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
    /// Indices into the gold list (`Gold::events` for event types) of the
    /// items no prediction matched.
    pub missed: Vec<usize>,
    /// Indices into the record's list of the predictions that matched no
    /// gold item.
    pub false_positives: Vec<usize>,
}

/// Matches one record against its gold annotations: one outcome per list of
/// [`LISTS`], then one per event type present on either side (sorted).
pub fn score_article(record: &Record, gold: &Gold, normalizer: &Normalizer) -> Vec<ListOutcome> {
    let norm = |s: &str| normalize_name(normalizer, s);
    let names = NameIndex::new(record, normalizer);
    let mut out = Vec::new();

    // money: (value, max, currency)
    let gk: Vec<_> = gold
        .money
        .iter()
        .map(|m| (m.value, m.max, currency_key(&m.currency)))
        .collect();
    let pk: Vec<_> = record
        .money
        .iter()
        .map(|m| (m.value, m.max, currency_key(&m.currency)))
        .collect();
    out.push(outcome("money", multiset_match(&gk, &pk)));

    // valuations: (company, value, currency)
    let gold_companies: Vec<Option<String>> = gold
        .valuations
        .iter()
        .map(|v| v.company.as_deref().map(norm))
        .collect();
    let m = max_matching(gold.valuations.len(), record.valuations.len(), |g, p| {
        let (gv, pv) = (&gold.valuations[g], &record.valuations[p]);
        gv.value == pv.value
            && currency_key(&gv.currency) == currency_key(&pv.currency)
            && match (&gold_companies[g], &pv.company) {
                (None, None) => true,
                (Some(gc), Some(pc)) => names.same(gc, pc),
                _ => false,
            }
    });
    out.push(outcome("valuations", m));

    // percentages: value
    let gk: Vec<Decimal> = gold.percentages.iter().map(|p| p.value).collect();
    let pk: Vec<Decimal> = record.percentages.iter().map(|p| p.value).collect();
    out.push(outcome("percentages", multiset_match(&gk, &pk)));

    // persons and organizations: by name
    let m = max_matching(gold.persons.len(), record.persons.len(), |g, p| {
        let e = &record.persons[p];
        name_matches(
            &gold.persons[g],
            &e.normalized,
            e.canonical.as_deref(),
            &norm,
        )
    });
    out.push(outcome("persons", m));
    let gold_orgs: Vec<GoldName> = gold.organizations.iter().map(|o| o.as_name()).collect();
    let m = max_matching(gold_orgs.len(), record.organizations.len(), |g, p| {
        let e = &record.organizations[p];
        name_matches(&gold_orgs[g], &e.normalized, e.canonical.as_deref(), &norm)
    });
    out.push(outcome("organizations", m));

    // events: (type, subject), overall and per type
    let gold_subjects: Vec<Option<String>> =
        gold.events.iter().map(|e| e.subject().map(norm)).collect();
    let event_match = |g: usize, p: usize| {
        let (ge, pe) = (&gold.events[g], &record.events[p]);
        ge.kind == pe.kind
            && match (&gold_subjects[g], event_subject(pe)) {
                (None, None) => true,
                (Some(gs), Some(ps)) => names.same(gs, &norm(ps)),
                _ => false,
            }
    };
    let m = max_matching(gold.events.len(), record.events.len(), event_match);
    out.push(outcome("events", m));
    let mut kinds: Vec<&str> = gold
        .events
        .iter()
        .map(|e| e.kind.as_str())
        .chain(record.events.iter().map(|e| e.kind.as_str()))
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    for kind in kinds {
        let gi: Vec<usize> = (0..gold.events.len())
            .filter(|&i| gold.events[i].kind == kind)
            .collect();
        let pi: Vec<usize> = (0..record.events.len())
            .filter(|&i| record.events[i].kind == kind)
            .collect();
        let m = max_matching(gi.len(), pi.len(), |g, p| event_match(gi[g], pi[p]));
        let mut o = outcome(&format!("events.{kind}"), m);
        o.missed = o.missed.iter().map(|&i| gi[i]).collect();
        o.false_positives = o.false_positives.iter().map(|&i| pi[i]).collect();
        out.push(o);
    }
    out
}

/// The subject argument of a predicted event, as a name.
pub fn event_subject(e: &Event) -> Option<&str> {
    match e.args.get(subject_arg(&e.kind)?)? {
        Arg::Text(s) => Some(s),
        Arg::Names(v) => v.first().map(String::as_str),
        _ => None,
    }
}

/// The subject of a gold event, for messages.
pub fn gold_event_subject(e: &GoldEvent) -> Option<&str> {
    e.subject()
}

fn currency_key(c: &str) -> String {
    c.trim().to_ascii_uppercase()
}

fn name_matches(
    gold: &GoldName,
    normalized: &str,
    canonical: Option<&str>,
    norm: &impl Fn(&str) -> String,
) -> bool {
    let g = norm(&gold.name);
    g == normalized
        || canonical.is_some_and(|c| norm(c) == g)
        || matches!((&gold.canonical, canonical), (Some(gc), Some(pc)) if gc == pc)
}

/// The names a record's entities are known by: normalized name to the
/// normalized forms of its canonical name.
struct NameIndex {
    canonical: HashMap<String, Vec<String>>,
}

impl NameIndex {
    fn new(record: &Record, normalizer: &Normalizer) -> NameIndex {
        let mut canonical: HashMap<String, Vec<String>> = HashMap::new();
        let pairs = record
            .organizations
            .iter()
            .map(|o| (&o.normalized, &o.canonical))
            .chain(record.persons.iter().map(|p| (&p.normalized, &p.canonical)));
        for (n, c) in pairs {
            if let Some(c) = c {
                canonical
                    .entry(normalize_name(normalizer, n))
                    .or_default()
                    .push(normalize_name(normalizer, c));
            }
        }
        NameIndex { canonical }
    }

    /// Whether a gold name and a predicted name (both normalized) name the
    /// same entity.
    fn same(&self, gold: &str, predicted: &str) -> bool {
        gold == predicted
            || self
                .canonical
                .get(predicted)
                .is_some_and(|cs| cs.iter().any(|c| c == gold))
    }
}

/// Which gold item each prediction matched.
struct Matching {
    gold: usize,
    /// For each prediction, the gold item it matched.
    pred_to_gold: Vec<Option<usize>>,
}

fn outcome(list: &str, m: Matching) -> ListOutcome {
    let mut gold_hit = vec![false; m.gold];
    for g in m.pred_to_gold.iter().flatten() {
        gold_hit[*g] = true;
    }
    ListOutcome {
        list: list.to_string(),
        gold: m.gold,
        predicted: m.pred_to_gold.len(),
        matched: m.pred_to_gold.iter().flatten().count(),
        missed: (0..m.gold).filter(|&g| !gold_hit[g]).collect(),
        false_positives: (0..m.pred_to_gold.len())
            .filter(|&p| m.pred_to_gold[p].is_none())
            .collect(),
    }
}

/// Equal keys match in order of appearance on both sides.
fn multiset_match<K: Eq + std::hash::Hash>(gold: &[K], pred: &[K]) -> Matching {
    let mut free: HashMap<&K, std::collections::VecDeque<usize>> = HashMap::new();
    for (i, k) in gold.iter().enumerate() {
        free.entry(k).or_default().push_back(i);
    }
    let pred_to_gold = pred
        .iter()
        .map(|k| free.get_mut(k).and_then(|q| q.pop_front()))
        .collect();
    Matching {
        gold: gold.len(),
        pred_to_gold,
    }
}

/// A maximum bipartite matching (augmenting paths), trying gold items and
/// predictions in order so the result is deterministic.
fn max_matching(gold: usize, pred: usize, ok: impl Fn(usize, usize) -> bool) -> Matching {
    let adj: Vec<Vec<usize>> = (0..gold)
        .map(|g| (0..pred).filter(|&p| ok(g, p)).collect())
        .collect();
    let mut pred_to_gold: Vec<Option<usize>> = vec![None; pred];
    fn augment(
        g: usize,
        adj: &[Vec<usize>],
        seen: &mut [bool],
        pred_to_gold: &mut [Option<usize>],
    ) -> bool {
        for &p in &adj[g] {
            if seen[p] {
                continue;
            }
            seen[p] = true;
            let free = match pred_to_gold[p] {
                None => true,
                Some(other) => augment(other, adj, seen, pred_to_gold),
            };
            if free {
                pred_to_gold[p] = Some(g);
                return true;
            }
        }
        false
    }
    for g in 0..gold {
        let mut seen = vec![false; pred];
        augment(g, &adj, &mut seen, &mut pred_to_gold);
    }
    Matching { gold, pred_to_gold }
}

/// Counts of one list summed over a corpus, and the micro-averaged scores.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub struct Counts {
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
}

impl Counts {
    /// `matched / predicted`; `None` when nothing was predicted.
    pub fn precision(&self) -> Option<f64> {
        (self.predicted > 0).then(|| self.matched as f64 / self.predicted as f64)
    }

    /// `matched / gold`; `None` when there is nothing to find.
    pub fn recall(&self) -> Option<f64> {
        (self.gold > 0).then(|| self.matched as f64 / self.gold as f64)
    }

    /// `2·matched / (gold + predicted)`, the harmonic mean of precision and
    /// recall; `1` when there was nothing to find and nothing was found.
    pub fn f1(&self) -> f64 {
        let d = self.gold + self.predicted;
        if d == 0 {
            1.0
        } else {
            2.0 * self.matched as f64 / d as f64
        }
    }
}

impl Serialize for Counts {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let round = |x: f64| (x * 1e6).round() / 1e6;
        let mut m = s.serialize_map(Some(6))?;
        m.serialize_entry("gold", &self.gold)?;
        m.serialize_entry("predicted", &self.predicted)?;
        m.serialize_entry("matched", &self.matched)?;
        m.serialize_entry("precision", &self.precision().map(round))?;
        m.serialize_entry("recall", &self.recall().map(round))?;
        m.serialize_entry("f1", &round(self.f1()))?;
        m.end()
    }
}

/// Scores per list over a corpus, in report order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scores {
    lists: Vec<(String, Counts)>,
}

impl Scores {
    /// Empty scores with every list of [`LISTS`] present.
    pub fn new() -> Scores {
        Scores {
            lists: LISTS
                .iter()
                .map(|l| (l.to_string(), Counts::default()))
                .collect(),
        }
    }

    /// Adds one article's outcomes.
    pub fn add(&mut self, outcomes: &[ListOutcome]) {
        for o in outcomes {
            let c = match self.lists.iter().position(|(l, _)| *l == o.list) {
                Some(i) => &mut self.lists[i].1,
                None => {
                    self.lists.push((o.list.clone(), Counts::default()));
                    self.sort();
                    let i = self
                        .lists
                        .iter()
                        .position(|(l, _)| *l == o.list)
                        .unwrap_or(0);
                    &mut self.lists[i].1
                }
            };
            c.gold += o.gold;
            c.predicted += o.predicted;
            c.matched += o.matched;
        }
    }

    fn sort(&mut self) {
        let rank = |l: &str| {
            LISTS
                .iter()
                .position(|x| *x == l)
                .unwrap_or(LISTS.len() - 1)
        };
        self.lists.sort_by(|(a, _), (b, _)| {
            rank(a)
                .cmp(&rank(b))
                .then_with(|| (a != "events").cmp(&(b != "events")))
                .then_with(|| a.cmp(b))
        });
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Counts)> {
        self.lists.iter().map(|(l, c)| (l.as_str(), c))
    }

    pub fn get(&self, list: &str) -> Option<&Counts> {
        self.lists.iter().find(|(l, _)| l == list).map(|(_, c)| c)
    }
}

impl Serialize for Scores {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.lists.len()))?;
        for (l, c) in &self.lists {
            m.serialize_entry(l, c)?;
        }
        m.end()
    }
}

/// A list whose F1 fell below its baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub list: String,
    pub before: f64,
    pub after: f64,
}

/// Lists whose F1 moved by more than `tolerance` against `baseline` (list
/// name to F1): `(fell, rose)`. A list missing from the current scores has
/// neither gold nor predictions, so its F1 is 1.
pub fn compare(
    scores: &Scores,
    baseline: &BTreeMap<String, f64>,
    tolerance: f64,
) -> (Vec<Change>, Vec<Change>) {
    let mut fell = Vec::new();
    let mut rose = Vec::new();
    let mut names: Vec<&str> = scores.iter().map(|(l, _)| l).collect();
    for l in baseline.keys() {
        if !names.contains(&l.as_str()) {
            names.push(l);
        }
    }
    for list in names {
        let after = scores.get(list).map_or(1.0, Counts::f1);
        let Some(&before) = baseline.get(list) else {
            continue;
        };
        let change = Change {
            list: list.to_string(),
            before,
            after,
        };
        if before - after > tolerance {
            fell.push(change);
        } else if after - before > tolerance {
            rose.push(change);
        }
    }
    (fell, rose)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::gold::Gold;
    use crate::record::{
        CurrencySource, Money, OrgKind, Organization, Percentage, Person, Valuation,
    };

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn money(value: &str, max: Option<&str>, currency: &str) -> Money {
        Money {
            text: format!("{value}{currency}"),
            start: 0,
            end: 1,
            value: d(value),
            max: max.map(d),
            currency: currency.into(),
            currency_source: CurrencySource::Explicit,
            qualifier: None,
            equivalent_of: None,
            per: None,
        }
    }

    fn pct(value: &str) -> Percentage {
        Percentage {
            text: format!("{value}%"),
            start: 0,
            end: 1,
            value: d(value),
            points: false,
        }
    }

    fn org(name: &str, normalized: &str, canonical: Option<&str>) -> Organization {
        Organization {
            name: name.into(),
            normalized: normalized.into(),
            canonical: canonical.map(String::from),
            kind: OrgKind::Company,
            mentions: vec![[0, 1]],
        }
    }

    fn person(name: &str, canonical: Option<&str>) -> Person {
        Person {
            name: name.into(),
            normalized: name.into(),
            canonical: canonical.map(String::from),
            mentions: vec![[0, 1]],
            titles: vec![],
        }
    }

    /// Built from JSON, so fields added to events later keep their
    /// defaults here.
    fn event(kind: &str, key: &str, subject: &str) -> Event {
        serde_json::from_value(serde_json::json!({
            "type": kind,
            "trigger": {"text": "融资", "start": 0, "end": 2},
            "sentence": [0, 10],
            "status": "asserted",
            "args": {key: subject},
        }))
        .unwrap()
    }

    fn find<'a>(o: &'a [ListOutcome], list: &str) -> &'a ListOutcome {
        o.iter().find(|x| x.list == list).unwrap()
    }

    fn gold(json: &str) -> Gold {
        Gold::parse(json).unwrap()
    }

    #[test]
    fn money_is_a_multiset_of_value_max_currency() {
        let g = gold(
            r#"{"money": [
                {"text": "5亿元", "value": 500000000, "currency": "CNY"},
                {"text": "5亿元", "value": 500000000, "currency": "CNY"},
                {"text": "1亿至2亿美元", "value": 100000000, "max": 200000000, "currency": "USD"},
                {"text": "3.5港元", "value": 3.5, "currency": "HKD"}]}"#,
        );
        let rec = Record {
            money: vec![
                money("500000000", None, "CNY"),
                money("100000000", None, "USD"), // max missing
                money("3.50", None, "hkd"),      // same value and code
                money("500000000", None, "CNY"),
                money("500000000", None, "CNY"), // third copy: one too many
            ],
            ..Record::default()
        };
        let o = score_article(&rec, &g, &Normalizer::new());
        let m = find(&o, "money");
        assert_eq!((m.gold, m.predicted, m.matched), (4, 5, 3));
        assert_eq!(m.missed, vec![2]);
        assert_eq!(m.false_positives, vec![1, 4]);
        let mut s = Scores::new();
        s.add(&o);
        let c = s.get("money").unwrap();
        assert_eq!(c.precision(), Some(0.6));
        assert_eq!(c.recall(), Some(0.75));
        assert_eq!(c.f1(), 6.0 / 9.0);
    }

    #[test]
    fn percentages_by_value() {
        let g = gold(
            r#"{"percentages": [{"text": "三成", "value": 30}, {"text": "12.5%", "value": 12.5}]}"#,
        );
        let rec = Record {
            percentages: vec![pct("30"), pct("12.50"), pct("7")],
            ..Record::default()
        };
        let o = score_article(&rec, &g, &Normalizer::new());
        let p = find(&o, "percentages");
        assert_eq!((p.gold, p.predicted, p.matched), (2, 3, 2));
        assert_eq!(p.false_positives, vec![2]);
        assert!(p.missed.is_empty());
    }

    #[test]
    fn names_match_by_normalized_or_canonical() {
        let g = gold(
            r#"{"organizations": [
                  {"name": "Ｍｉｃｒｏｓｏｆｔ"},
                  {"name": "谷歌", "canonical": "Google"},
                  {"name": "星河 科技"},
                  {"name": "远山资本"}],
                "persons": [{"name": "张伟"}, {"name": "李娜"}]}"#,
        );
        let rec = Record {
            organizations: vec![
                // canonical equals the normalized gold name
                org("微软", "微软", Some("Microsoft")),
                // both sides give the same canonical
                org("Alphabet", "Alphabet", Some("Google")),
                // normalized gold name equals normalized
                org("星河  科技", "星河 科技", None),
                org("近山资本", "近山资本", None),
            ],
            persons: vec![person("张伟", None), person("王芳", None)],
            ..Record::default()
        };
        let o = score_article(&rec, &g, &Normalizer::new());
        let orgs = find(&o, "organizations");
        assert_eq!((orgs.gold, orgs.predicted, orgs.matched), (4, 4, 3));
        assert_eq!(orgs.missed, vec![3]);
        assert_eq!(orgs.false_positives, vec![3]);
        let p = find(&o, "persons");
        assert_eq!((p.gold, p.predicted, p.matched), (2, 2, 1));
        let mut s = Scores::new();
        s.add(&o);
        assert_eq!(s.get("organizations").unwrap().precision(), Some(0.75));
        assert_eq!(s.get("persons").unwrap().recall(), Some(0.5));
    }

    #[test]
    fn each_prediction_matches_one_gold_item() {
        // The first gold name could take either prediction; a maximum
        // matching gives the second gold name the one only it can use.
        let g = gold(r#"{"organizations": [{"name": "甲", "canonical": "A"}, {"name": "乙"}]}"#);
        let rec = Record {
            organizations: vec![org("乙", "乙", Some("A")), org("甲", "甲", None)],
            ..Record::default()
        };
        let o = score_article(&rec, &g, &Normalizer::new());
        assert_eq!(find(&o, "organizations").matched, 2);
    }

    #[test]
    fn valuations_by_company_value_currency() {
        let g = gold(
            r#"{"valuations": [
                {"company": "Microsoft", "value": 3000000000000, "currency": "USD"},
                {"company": "星河科技", "value": 1000000000, "currency": "USD"}]}"#,
        );
        let val = |company: &str, value: &str, currency: &str| Valuation {
            company: Some(company.into()),
            value: d(value),
            currency: currency.into(),
            text: String::new(),
            start: 0,
            end: 1,
            money_index: 0,
        };
        let rec = Record {
            organizations: vec![org("微软", "微软", Some("Microsoft"))],
            valuations: vec![
                val("微软", "3000000000000", "USD"),
                val("星河科技", "1000000000", "CNY"),
            ],
            ..Record::default()
        };
        let o = score_article(&rec, &g, &Normalizer::new());
        let v = find(&o, "valuations");
        assert_eq!((v.gold, v.predicted, v.matched), (2, 2, 1));
        assert_eq!(v.missed, vec![1]);
        assert_eq!(v.false_positives, vec![1]);
    }

    #[test]
    fn events_by_type_and_subject_with_per_type_lists() {
        let g = gold(
            r#"{"events": [
                {"type": "funding", "status": "asserted", "args": {"company": "星河科技"}},
                {"type": "acquisition", "status": "asserted", "args": {"acquirer": "Ｍｉｃｒｏｓｏｆｔ", "target": "甲公司"}},
                {"type": "departure", "status": "asserted", "args": {"person": "张伟"}},
                {"type": "launch", "status": "forecast", "args": {"company": "星河科技"}}]}"#,
        );
        let rec = Record {
            events: vec![
                event("funding", "company", "星河科技"),
                // subject known by its canonical name
                event("acquisition", "acquirer", "微软"),
                // right type, wrong subject
                event("departure", "person", "李娜"),
                // subject under the wrong argument name is no subject
                event("launch", "product", "星河科技"),
                event("layoff", "company", "乙公司"),
            ],
            organizations: vec![org("微软", "微软", Some("Microsoft"))],
            ..Record::default()
        };
        let o = score_article(&rec, &g, &Normalizer::new());
        let e = find(&o, "events");
        assert_eq!((e.gold, e.predicted, e.matched), (4, 5, 2));
        assert_eq!(e.missed, vec![2, 3]);
        assert_eq!(e.false_positives, vec![2, 3, 4]);
        let types: Vec<&str> = o
            .iter()
            .filter(|x| x.list.starts_with("events."))
            .map(|x| x.list.as_str())
            .collect();
        assert_eq!(
            types,
            [
                "events.acquisition",
                "events.departure",
                "events.funding",
                "events.launch",
                "events.layoff"
            ]
        );
        let dep = find(&o, "events.departure");
        assert_eq!((dep.gold, dep.predicted, dep.matched), (1, 1, 0));
        assert_eq!(
            (dep.missed.clone(), dep.false_positives.clone()),
            (vec![2], vec![2])
        );
        let lay = find(&o, "events.layoff");
        assert_eq!((lay.gold, lay.predicted, lay.matched), (0, 1, 0));
        assert_eq!(lay.false_positives, vec![4]);
    }

    #[test]
    fn scores_sum_over_articles_micro_averaged() {
        let g1 =
            gold(r#"{"percentages": [{"text": "1%", "value": 1}, {"text": "2%", "value": 2}]}"#);
        let r1 = Record {
            percentages: vec![pct("1"), pct("2")],
            ..Record::default()
        };
        let g2 =
            gold(r#"{"percentages": [{"text": "3%", "value": 3}, {"text": "4%", "value": 4}]}"#);
        let r2 = Record {
            percentages: vec![pct("5"), pct("4"), pct("6"), pct("7")],
            ..Record::default()
        };
        let n = Normalizer::new();
        let mut s = Scores::new();
        s.add(&score_article(&r1, &g1, &n));
        s.add(&score_article(&r2, &g2, &n));
        let c = s.get("percentages").unwrap();
        assert_eq!(
            *c,
            Counts {
                gold: 4,
                predicted: 6,
                matched: 3
            }
        );
        assert_eq!(c.precision(), Some(0.5));
        assert_eq!(c.recall(), Some(0.75));
        assert_eq!(c.f1(), 0.6);
        // Lists with nothing on either side are perfect; precision and
        // recall are undefined.
        let money = s.get("money").unwrap();
        assert_eq!(
            (money.precision(), money.recall(), money.f1()),
            (None, None, 1.0)
        );
        let names: Vec<&str> = s.iter().map(|(l, _)| l).collect();
        assert_eq!(names, LISTS);
        let json = serde_json::to_string(&s).unwrap();
        assert!(
            json.contains(r#""percentages":{"gold":4,"predicted":6,"matched":3,"precision":0.5,"recall":0.75,"f1":0.6}"#),
            "{json}"
        );
        assert!(json.starts_with(r#"{"money":{"gold":0,"predicted":0,"matched":0,"precision":null,"recall":null,"f1":1.0}"#), "{json}");
    }

    #[test]
    fn event_types_sort_after_events() {
        let mut s = Scores::new();
        let o = |l: &str| ListOutcome {
            list: l.into(),
            gold: 1,
            predicted: 0,
            matched: 0,
            missed: vec![0],
            false_positives: vec![],
        };
        s.add(&[o("events.ipo"), o("events.funding"), o("money")]);
        let names: Vec<&str> = s.iter().map(|(l, _)| l).collect();
        assert_eq!(
            names,
            [
                "money",
                "valuations",
                "percentages",
                "persons",
                "organizations",
                "events",
                "events.funding",
                "events.ipo"
            ]
        );
    }

    #[test]
    fn compare_names_lists_that_fell_beyond_tolerance() {
        let mut s = Scores::new();
        s.add(&score_article(
            &Record {
                percentages: vec![pct("1"), pct("9")],
                ..Record::default()
            },
            &gold(r#"{"percentages": [{"text": "1%", "value": 1}]}"#),
            &Normalizer::new(),
        ));
        // percentages F1 = 2/3
        let base: BTreeMap<String, f64> = [
            ("percentages".to_string(), 0.67),
            ("money".to_string(), 1.0),
            ("persons".to_string(), 0.9),
            ("events.ipo".to_string(), 0.5),
        ]
        .into_iter()
        .collect();
        let (fell, rose) = compare(&s, &base, 0.005);
        assert_eq!(fell.len(), 0, "{fell:?}");
        let names: Vec<&str> = rose.iter().map(|c| c.list.as_str()).collect();
        assert_eq!(names, ["persons", "events.ipo"]);
        let base: BTreeMap<String, f64> = [("percentages".to_string(), 0.8)].into_iter().collect();
        let (fell, _) = compare(&s, &base, 0.005);
        assert_eq!(fell.len(), 1);
        assert_eq!(fell[0].list, "percentages");
        assert_eq!(fell[0].before, 0.8);
        assert_eq!(fell[0].after, 2.0 / 3.0);
    }
}
