//! Valuations: `估值达到 X`, `投后估值 X`, `估值从 X 一跃到 Y`, `以 X 的估值`,
//! `X 估值`. The amount stays in `money`; the valuation points at it and
//! names the organisation valued: the nearest organisation the entity stage
//! found before the amount in its sentence, else the sentence's first one,
//! else (entities empty) the nearest organisation-like name before it (a
//! Latin-letter name, or a name ending in 公司, 集团, 科技, ...).
//!
//! Rules: `rules/valuation.tsv`.

use super::number::{Lexicon, Work, fold};
use super::{Document, Extraction, Extractor};
use crate::record::{Money, OrgKind, Valuation};
use crate::rules::{RuleError, RuleSet};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

pub const VALUATION_FILE: &str = "valuation.tsv";

/// Longest gap, in characters, between a trigger and its amount.
const MAX_GAP: usize = 16;
/// Longest gap between two amounts of one change (`从 X 一跃到 Y`).
const MAX_CHAIN_GAP: usize = 8;

pub struct ValuationExtractor {
    triggers: AhoCorasick,
    /// Per trigger pattern: (before, after).
    kinds: Vec<(bool, bool)>,
    block: Vec<String>,
    change: Vec<String>,
    not_company: HashSet<String>,
    org_suffix: Lexicon<()>,
    anaphora: HashSet<String>,
}

static LATIN_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z][A-Za-z0-9]*(?:[.&-][A-Za-z0-9]+)*(?: [A-Z][A-Za-z0-9]*)*")
        .expect("latin name pattern")
});

fn folded(s: &str) -> String {
    s.chars().map(fold).collect()
}

impl ValuationExtractor {
    pub fn new(rules: &RuleSet) -> Result<ValuationExtractor, RuleError> {
        let file = rules.require(VALUATION_FILE)?;
        let mut words: Vec<String> = Vec::new();
        let mut kinds: Vec<(bool, bool)> = Vec::new();
        let (mut block, mut change) = (Vec::new(), Vec::new());
        let mut not_company = HashSet::new();
        let mut org_suffix = Lexicon::new();
        let mut anaphora = HashSet::new();
        for (n, f) in file.rows(2, 2)? {
            let w = folded(f[0]);
            match f[1] {
                "before" | "after" => {
                    let i = match words.iter().position(|x| *x == w) {
                        Some(i) => i,
                        None => {
                            words.push(w);
                            kinds.push((false, false));
                            kinds.len() - 1
                        }
                    };
                    if f[1] == "before" {
                        kinds[i].0 = true;
                    } else {
                        kinds[i].1 = true;
                    }
                }
                "block" => block.push(w),
                "change" => change.push(w),
                "not_company" => {
                    not_company.insert(w);
                }
                "org_suffix" => {
                    org_suffix.insert(&w, ());
                }
                "anaphora" => {
                    anaphora.insert(w);
                }
                other => {
                    return Err(file.error(
                        n,
                        format!(
                            "kind {other:?} is not before, after, block, change, not_company, org_suffix or anaphora"
                        ),
                    ));
                }
            }
        }
        if words.is_empty() {
            return Err(file.file_error("no valuation trigger is defined"));
        }
        let triggers = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&words)
            .map_err(|e| file.file_error(e.to_string()))?;
        Ok(ValuationExtractor {
            triggers,
            kinds,
            block,
            change,
            not_company,
            org_suffix,
            anaphora,
        })
    }

    fn usable(m: &Money) -> bool {
        m.equivalent_of.is_none() && m.per.is_none()
    }

    /// Indexes in `money` of the amounts valued, in text order.
    fn valued(&self, doc: &Document, w: &Work, money: &[Money]) -> Vec<usize> {
        let s = w.text.as_str();
        let mut out: Vec<usize> = Vec::new();
        let gap_of = |a: usize, b: usize| -> &str {
            if a > b {
                ""
            } else {
                &s[w.byte_at(a)..w.byte_at(b)]
            }
        };
        let _ = doc;
        for t in self.triggers.find_iter(s) {
            let (before, after) = self.kinds[t.pattern().as_usize()];
            let (ts, te) = (w.char_at(t.start()), w.char_at(t.end()));
            // `X 估值`, `以 X 的估值`.
            if after
                && let Some(i) = money.iter().rposition(|m| m.end <= ts)
                && Self::usable(&money[i])
                && matches!(gap_of(money[i].end, ts).trim(), "" | "的")
            {
                out.push(i);
                continue;
            }
            if !before {
                continue;
            }
            let Some(first) = money.iter().position(|m| m.start >= te) else {
                continue;
            };
            // The first usable amount after the trigger, close and in the
            // same sentence, with no other figure's word between.
            let Some(i) = (first..money.len()).find(|&i| Self::usable(&money[i])) else {
                continue;
            };
            let gap = gap_of(te, money[i].start);
            if gap.chars().count() > MAX_GAP
                || gap.contains(['。', ';', '；', '\n', '!', '?', '！', '？'])
                || self.block.iter().any(|b| gap.contains(b.as_str()))
                || (first..i).any(|j| money[j].start >= te && Self::usable(&money[j]))
            {
                continue;
            }
            out.push(i);
            // `从 X 一跃到 Y`: a change links the next amount.
            let mut last = i;
            while let Some(j) = (last + 1..money.len()).find(|&j| Self::usable(&money[j])) {
                let g = gap_of(money[last].end, money[j].start);
                let ok = g.chars().count() <= MAX_CHAIN_GAP
                    && !g.contains(['，', ',', '。', ';', '；', '\n'])
                    && !self.block.iter().any(|b| g.contains(b.as_str()))
                    && self.change.iter().any(|c| g.contains(c.as_str()));
                if !ok {
                    break;
                }
                out.push(j);
                last = j;
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The organisation valued by the amount starting at character `at`.
    ///
    /// Investors (`由红杉中国领投，投后估值…`), media and government bodies
    /// are told around valuations but are not what is valued.
    fn company(&self, doc: &Document, w: &Work, out: &Extraction, at: usize) -> Option<String> {
        let sent = doc.sentence_of(at);
        let mut best: Option<(usize, &str)> = None;
        let mut first_in_sentence: Option<(usize, &str)> = None;
        let valued = out.organizations.iter().filter(|o| {
            !matches!(
                o.kind,
                OrgKind::Investor | OrgKind::Media | OrgKind::Government
            )
        });
        for o in valued {
            for m in &o.mentions {
                if m[1] <= at && best.is_none_or(|b| m[1] > b.0) {
                    best = Some((m[1], o.normalized.as_str()));
                }
                if m[0] >= sent[0]
                    && m[1] <= sent[1]
                    && first_in_sentence.is_none_or(|f| m[0] < f.0)
                {
                    first_in_sentence = Some((m[0], o.normalized.as_str()));
                }
            }
        }
        if let Some((end, name)) = best
            && end > sent[0]
        {
            return Some(name.to_string());
        }
        if let Some((_, name)) = first_in_sentence {
            return Some(name.to_string());
        }
        if let Some((_, name)) = best {
            return Some(name.to_string());
        }
        self.nearest_name(doc, w, at)
    }

    /// The nearest organisation-like name before character `at`, looking
    /// back over the sentence and up to three before it.
    fn nearest_name(&self, doc: &Document, w: &Work, at: usize) -> Option<String> {
        let s = w.text.as_str();
        let mut sent = doc.sentence_of(at);
        for _ in 0..4 {
            let (a, b) = (w.byte_at(sent[0]), w.byte_at(at.min(sent[1]).max(sent[0])));
            let region = &s[a..b];
            let mut cands: Vec<(usize, usize)> = Vec::new();
            for m in LATIN_NAME.find_iter(region) {
                let name = m.as_str().trim();
                if self.not_company.contains(name) || name.chars().count() < 2 {
                    continue;
                }
                cands.push((a + m.start(), a + m.start() + name.len()));
            }
            for (i, _) in region.char_indices() {
                if let Some(((), e)) = self.org_suffix.at(region, i)
                    && let Some(start) = self.name_start(doc, w, a + i)
                {
                    cands.push((start, a + e));
                }
            }
            // The last name, unless an anaphora is the last word: then the
            // one it refers to is further back, which is still the last
            // real name found here or before.
            if let Some(&(x, y)) = cands.iter().max_by_key(|c| (c.1, std::cmp::Reverse(c.0))) {
                let name = &s[x..y];
                if !self.anaphora.contains(name) {
                    let (cx, cy) = (w.char_at(x), w.char_at(y));
                    let v = doc.view_slice(cx, cy);
                    return Some(v.split_whitespace().collect::<Vec<_>>().join(" "));
                }
            }
            if sent[0] == 0 {
                break;
            }
            sent = doc.sentence_of(sent[0] - 1);
        }
        None
    }

    /// Where a Chinese name ending in an organisation suffix at byte `b`
    /// starts: the word before the suffix when it is two or more Han
    /// characters, and the word before that too when it opens the phrase
    /// (`，字节跳动公司`).
    fn name_start(&self, doc: &Document, w: &Work, b: usize) -> Option<usize> {
        let ch = w.char_at(b);
        let han_word = |i: usize| {
            doc.tokens.get(i).is_some_and(|t| {
                t.end - t.start >= 2
                    && t.word
                        .chars()
                        .all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
                    && !self.anaphora.contains(&folded(t.word))
            })
        };
        let i = doc.tokens.iter().position(|t| t.end == ch)?;
        if !han_word(i) {
            return None;
        }
        let opens = |k: usize| {
            k == 0
                || doc.tokens.get(k - 1).is_some_and(|t| {
                    t.end - t.start == 1 || !t.word.chars().all(|c| c.is_alphanumeric())
                })
        };
        let first = if i >= 1 && han_word(i - 1) && opens(i - 1) {
            i - 1
        } else {
            i
        };
        Some(w.byte_at(doc.tokens[first].start))
    }
}

impl Extractor for ValuationExtractor {
    fn name(&self) -> &'static str {
        "valuation"
    }

    fn extract(&self, doc: &Document, out: &mut Extraction) {
        if out.money.is_empty() {
            return;
        }
        let w = doc.work();
        let mut seen = HashSet::new();
        let mut found = Vec::new();
        for i in self.valued(doc, w, &out.money) {
            let m = &out.money[i];
            let company = self.company(doc, w, out, m.start);
            // One valuation per organisation, value and currency.
            if !seen.insert((company.clone(), m.value, m.currency.clone())) {
                continue;
            }
            found.push(Valuation {
                company,
                value: m.value,
                currency: m.currency.clone(),
                text: m.text.clone(),
                start: m.start,
                end: m.end,
                money_index: i,
            });
        }
        out.valuations.extend(found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decimal::Decimal;
    use crate::extract::money::MoneyExtractor;
    use crate::normalize::Normalizer;
    use crate::record::Organization;
    use crate::rules::RuleFile;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn run_with(text: &str, orgs: Vec<Organization>) -> (Vec<Money>, Vec<Valuation>) {
        let view = Normalizer::new().normalize(text).text;
        let seg = crate::segment::Segmenter::new(&RuleSet::builtin()).unwrap();
        let tokens = seg.cut(&view);
        let doc = Document::new(text, &view, tokens);
        let rules = RuleSet::builtin();
        let mut out = Extraction::default();
        MoneyExtractor::new(&rules).unwrap().extract(&doc, &mut out);
        out.organizations = orgs;
        ValuationExtractor::new(&rules)
            .unwrap()
            .extract(&doc, &mut out);
        (out.money, out.valuations)
    }

    fn run(text: &str) -> Vec<(Option<String>, Decimal, String, usize)> {
        run_with(text, Vec::new())
            .1
            .into_iter()
            .map(|v| (v.company, v.value, v.currency, v.money_index))
            .collect()
    }

    fn v(c: &str, value: &str, cur: &str, i: usize) -> (Option<String>, Decimal, String, usize) {
        (Some(c.to_string()), d(value), cur.to_string(), i)
    }

    #[test]
    fn trigger_before_the_amount() {
        assert_eq!(
            run("OpenAI本轮筹得66亿美元，投后估值达到1570亿美元。"),
            vec![v("OpenAI", "157000000000", "USD", 1)]
        );
        assert_eq!(
            run("OpenAI本輪籌得66億美元，投後估值達到1570億美元。"),
            vec![v("OpenAI", "157000000000", "USD", 1)]
        );
        assert_eq!(
            run("Anthropic估值为600亿美元"),
            vec![v("Anthropic", "60000000000", "USD", 0)]
        );
        assert_eq!(
            run("Stripe的估值翻倍至1000亿美元"),
            vec![v("Stripe", "100000000000", "USD", 0)]
        );
        assert_eq!(
            run("此轮融资后，字节跳动公司投后估值3000亿美元。"),
            vec![v("字节跳动公司", "300000000000", "USD", 0)]
        );
        assert_eq!(
            run("Databricks估值升至620亿美元，超过此前的430亿美元。"),
            vec![v("Databricks", "62000000000", "USD", 0)]
        );
    }

    #[test]
    fn a_change_gives_two_valuations() {
        let got = run("OpenAI 的估值不到一年翻了一倍多，从 700 亿美元一跃到1570 亿美元。");
        assert_eq!(
            got,
            vec![
                v("OpenAI", "70000000000", "USD", 0),
                v("OpenAI", "157000000000", "USD", 1)
            ]
        );
        let got = run("OpenAI 的估值不到一年翻了一倍多,從 700 億美元一躍到1570 億美元。");
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn amount_before_the_trigger() {
        assert_eq!(
            run("xAI以500亿美元的估值完成融资"),
            vec![v("xAI", "50000000000", "USD", 0)]
        );
        assert_eq!(
            run("Mistral获得60亿欧元估值，"),
            vec![v("Mistral", "6000000000", "EUR", 0)]
        );
    }

    #[test]
    fn other_figures_are_not_valuations() {
        assert!(run("估值方面，公司营收100亿元").is_empty());
        // A restatement is not a second valuation.
        let got = run("OpenAI 最新估值為 1570 億美元(約合 1.1 萬億人民幣)。");
        assert_eq!(got, vec![v("OpenAI", "157000000000", "USD", 0)]);
        assert!(run("该公司营收100亿元").is_empty());
    }

    #[test]
    fn organisations_from_the_entity_stage_win() {
        let org = Organization {
            name: "月之暗面".into(),
            normalized: "月之暗面".into(),
            canonical: None,
            kind: OrgKind::Company,
            mentions: vec![[0, 4]],
        };
        let (_, vals) = run_with("月之暗面完成新一轮融资，投后估值达30亿美元。", vec![org]);
        assert_eq!(vals.len(), 1);
        assert_eq!(vals[0].company.as_deref(), Some("月之暗面"));
        assert_eq!(vals[0].value, d("3000000000"));
    }

    #[test]
    fn investors_and_media_are_not_valued() {
        let org = |name: &str, kind: OrgKind, at: [usize; 2]| Organization {
            name: name.into(),
            normalized: name.into(),
            canonical: None,
            kind,
            mentions: vec![at],
        };
        let text = "星海智能科技公司宣布完成5亿元B轮融资，由红杉中国领投，投后估值约40亿元。";
        let orgs = vec![
            org("星海智能科技公司", OrgKind::Company, [0, 8]),
            org("红杉中国", OrgKind::Investor, [21, 25]),
        ];
        let (_, vals) = run_with(text, orgs);
        assert_eq!(vals.len(), 1);
        assert_eq!(vals[0].company.as_deref(), Some("星海智能科技公司"));
        assert_eq!(vals[0].value, d("4000000000"));
        let text = "據《華爾街日報》報道，該公司估值達到300億美元。";
        let (_, vals) = run_with(text, vec![org("華爾街日報", OrgKind::Media, [2, 7])]);
        assert_eq!(vals.len(), 1);
        assert_ne!(vals[0].company.as_deref(), Some("華爾街日報"));
    }

    #[test]
    fn bad_rule_file_is_refused() {
        let mut rules = RuleSet::builtin();
        rules.insert(RuleFile::new(
            VALUATION_FILE,
            "x/valuation.tsv",
            "估值\tbefore\n市值\tsomewhere\n",
        ));
        let err = ValuationExtractor::new(&rules).err().unwrap();
        assert!(
            err.to_string()
                .starts_with("x/valuation.tsv:2: kind \"somewhere\""),
            "{err}"
        );
    }
}
