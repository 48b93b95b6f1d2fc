//! Business events (funding, acquisition, ipo, departure, appointment,
//! founding, financial_report, layoff, launch) with their arguments.
//!
//! Everything about the event types lives in `rules/events.toml`: trigger
//! words, trap phrases that look like a trigger but are not one (`融资余额`,
//! `上市公司`, `发布公告`), the argument roles with the cue words and the
//! position (before or after the cue, within the clause or sentence) where
//! their filler is found, and the status cue words. A user adds a type or a
//! trigger by editing that file.
//!
//! How one document is read:
//! 1. One Aho-Corasick pass over the normalized view finds every rule word
//!    (triggers, traps, cues, labels; Traditional forms included).
//! 2. Each trigger not covered by one of its traps or by a longer trigger
//!    of the same type starts an event. Its roles are filled in file order from the names, amounts,
//!    valuations, percentages and dates already in [`Extraction`]; a filler
//!    taken by one role is not offered to the next.
//! 3. Status: a negated, withdrawn or forecast cue shortly before the trigger
//!    in its clause (negated wins over withdrawn over forecast), or a
//!    withdrawn cue just after it; else asserted.
//! 4. Merging. The same event told twice becomes one event: first, events of
//!    one type in one sentence merge when their arguments agree; then events
//!    of one type, status and subject merge across the article when no
//!    argument disagrees (two names differ, two amounts differ; events with
//!    no subject must also share a plain argument, such as the product);
//!    last, an event without a subject whose sentence holds an anaphor
//!    (`本轮`, `这笔`) takes the subject of the most told earlier event of its
//!    type and merges with it when status and arguments agree. Name lists
//!    are united.
//!    A merged event keeps its first trigger and sentence and lists every
//!    telling in `mentions`.
//! 5. An event missing a role its rule requires is dropped; one missing a
//!    role listed in `forecast_if_missing` is at most a forecast.

mod rules;

use super::{Document, Extraction, Extractor};
use crate::decimal::Decimal;
use crate::record::{Arg, Event, EventMention, EventStatus, Span, Trigger};
use crate::rules::{RuleError, RuleSet};
use regex::Regex;
use rules::{Compiled, Cue, Fill, Role, Scope, Side};
use std::collections::BTreeMap;
use std::sync::LazyLock;

pub struct EventExtractor {
    rules: Compiled,
}

impl EventExtractor {
    pub fn new(rules: &RuleSet) -> Result<EventExtractor, RuleError> {
        let file = rules.require(rules::FILE)?;
        Ok(EventExtractor {
            rules: rules::compile(file)?,
        })
    }
}

impl Extractor for EventExtractor {
    fn name(&self) -> &'static str {
        "event"
    }

    fn extract(&self, doc: &Document, out: &mut Extraction) {
        let ctx = Ctx::new(&self.rules, doc, out);
        let mut found = Vec::new();
        for (hi, hit) in ctx.hits.iter().enumerate() {
            for &block in &self.rules.uses[hit.word].triggers {
                if ctx.is_trigger(hi, block) {
                    ctx.build(block, hit.span, &mut found);
                }
            }
        }
        found.sort_by_key(|e| (e.trigger[0], e.trigger[1]));
        let merged = merge(&self.rules, &ctx, found);
        out.events = merged.into_iter().map(|e| ctx.to_event(e)).collect();
    }
}

/// A rule word found in the view, in characters.
#[derive(Debug, Clone, Copy)]
struct Hit {
    span: Span,
    word: usize,
}

/// A name mention from the entity extractor.
#[derive(Debug, Clone)]
struct Mention {
    span: Span,
    person: bool,
    name: String,
}

/// An event being built.
#[derive(Debug, Clone)]
struct Draft {
    block: usize,
    trigger: Span,
    sentence: Span,
    status: EventStatus,
    args: BTreeMap<String, Arg>,
    mentions: Vec<(Span, Span)>,
    anaphor: bool,
}

struct Ctx<'a> {
    rules: &'a Compiled,
    doc: &'a Document<'a>,
    out: &'a Extraction,
    chars: Vec<char>,
    hits: Vec<Hit>,
    mentions: Vec<Mention>,
    valuation_money: Vec<usize>,
    /// The mention of the organisation whose announcement the article
    /// reports (`银禧科技(300221.SZ)公告称`): the company that a bare
    /// `公司` stands for.
    announcer: Option<usize>,
}

/// Words right after an organisation's name (and its stock code) that make
/// it the announcer.
const ANNOUNCES: [&str; 5] = ["公告", "发布公告", "晚间公告", "日前公告", "披露公告"];

fn overlaps(a: Span, b: Span) -> bool {
    a[0] < b[1] && b[0] < a[1]
}

/// The first organisation mention followed, past an optional stock code in
/// brackets, by one of [`ANNOUNCES`].
fn announcer(mentions: &[Mention], chars: &[char]) -> Option<usize> {
    mentions.iter().position(|m| {
        if m.person {
            return false;
        }
        let mut k = m.span[1];
        if matches!(chars.get(k), Some('(' | '（')) {
            match chars[k..]
                .iter()
                .take(16)
                .position(|&c| matches!(c, ')' | '）'))
            {
                Some(close) => k += close + 1,
                None => return false,
            }
        }
        let after: String = chars.iter().skip(k).take(4).collect();
        ANNOUNCES.iter().any(|w| after.starts_with(w))
    })
}

/// Most characters between a trigger and the object read after it (the
/// determiners and amounts of `收购其持有的`, `并购约5亿元的`).
const OBJECT_GAP: usize = 8;

/// Characters between two spans (0 when they touch or overlap).
fn distance(a: Span, b: Span) -> usize {
    if b[1] <= a[0] {
        a[0] - b[1]
    } else {
        b[0].saturating_sub(a[1])
    }
}

fn covers(outer: Span, inner: Span) -> bool {
    outer[0] <= inner[0] && inner[1] <= outer[1] && outer != inner
}

impl<'a> Ctx<'a> {
    fn new(rules: &'a Compiled, doc: &'a Document<'a>, out: &'a Extraction) -> Ctx<'a> {
        let chars: Vec<char> = doc.view.chars().collect();
        let mut hits: Vec<Hit> = rules
            .automaton
            .find_overlapping_iter(doc.view)
            .filter_map(|m| {
                let word = *rules.pattern_word.get(m.pattern().as_usize())?;
                Some(Hit {
                    span: doc.span(m.start()..m.end()),
                    word,
                })
            })
            .collect();
        hits.sort_by_key(|h| (h.span[0], h.span[1], h.word));
        hits.dedup_by_key(|h| (h.span, h.word));
        let mut mentions = Vec::new();
        for o in &out.organizations {
            if rules.ignore_org_kinds.contains(&o.kind)
                || rules
                    .ignore_org_suffixes
                    .iter()
                    .any(|w| o.normalized.ends_with(w.as_str()))
            {
                continue;
            }
            for m in &o.mentions {
                mentions.push(Mention {
                    span: *m,
                    person: false,
                    name: o.normalized.clone(),
                });
            }
        }
        // A byline (`记者 张三`) names who reports, never a party.
        let byline = |start: usize| {
            let mut i = start;
            while i > 0 && chars[i - 1] == ' ' {
                i -= 1;
            }
            let before: String = chars[i.saturating_sub(3)..i].iter().collect();
            ["记者", "通讯员", "编辑", "撰文"]
                .iter()
                .any(|w| before.ends_with(w))
        };
        for p in &out.persons {
            for m in p
                .mentions
                .iter()
                .filter(|m| m[0] <= chars.len() && !byline(m[0]))
            {
                mentions.push(Mention {
                    span: *m,
                    person: true,
                    name: p.normalized.clone(),
                });
            }
        }
        // Longest first at a start; a mention inside a longer one is dropped.
        mentions.sort_by_key(|m| (m.span[0], std::cmp::Reverse(m.span[1])));
        let mut kept: Vec<Mention> = Vec::with_capacity(mentions.len());
        // Hits are sorted by start: only those starting at most one hit's
        // length before a mention can cover it.
        let longest_hit = hits.iter().map(|h| h.span[1] - h.span[0]).max();
        for m in mentions {
            if m.span[0] >= m.span[1] || m.span[1] > chars.len() {
                continue;
            }
            // A name inside a longer trigger phrase
            // (`归属于上市公司股东的净利润`) is part of the phrase.
            let from = m.span[0].saturating_sub(longest_hit.unwrap_or(0));
            let near = &hits[hits.partition_point(|h| h.span[0] < from)
                ..hits.partition_point(|h| h.span[0] <= m.span[0])];
            let in_trigger = near.iter().any(|h| {
                !rules.uses[h.word].triggers.is_empty()
                    && covers(h.span, m.span)
                    && h.span[1] - h.span[0] > m.span[1] - m.span[0]
            });
            if in_trigger
                || kept.last().is_some_and(|k| overlaps(k.span, m.span))
                || rules.label_names.contains(&m.name)
            {
                continue;
            }
            kept.push(m);
        }
        let valuation_money = out.valuations.iter().map(|v| v.money_index).collect();
        let announcer = announcer(&kept, &chars);
        Ctx {
            rules,
            doc,
            out,
            chars,
            hits,
            announcer,
            mentions: kept,
            valuation_money,
        }
    }

    /// Hits starting within `[lo, hi)`.
    fn hits_in(&self, lo: usize, hi: usize) -> &[Hit] {
        let a = self.hits.partition_point(|h| h.span[0] < lo);
        let b = self.hits.partition_point(|h| h.span[0] < hi);
        &self.hits[a..b.max(a)]
    }

    fn is_trigger(&self, hi: usize, block: usize) -> bool {
        let hit = self.hits[hi];
        let kind = &self.rules.blocks[block].kind;
        let lo = hit.span[0].saturating_sub(24);
        for other in self.hits_in(lo, hit.span[1]) {
            if !covers(other.span, hit.span) {
                continue;
            }
            let u = &self.rules.uses[other.word];
            if u.traps.contains(&block) {
                return false;
            }
            if u.triggers
                .iter()
                .any(|&b| self.rules.blocks[b].kind == *kind)
            {
                return false;
            }
        }
        // `标的公司2025年实现营业收入`: the figures of a party the sentence
        // does not name, unless an organisation is named after it.
        let sentence = self.doc.sentence_of(hit.span[0]);
        let Some(party) = self
            .hits_in(sentence[0], hit.span[0])
            .iter()
            .rev()
            .find(|h| {
                h.span[1] <= hit.span[0] && self.rules.uses[h.word].other_party.contains(&block)
            })
        else {
            return true;
        };
        let (from, to) = self.mentions_within([party.span[1], hit.span[0]]);
        self.mentions[from..to].iter().any(|m| !m.person)
    }

    fn is_delim(&self, i: usize) -> bool {
        self.chars
            .get(i)
            .is_some_and(|c| self.rules.clause_delimiters.contains(c))
    }

    /// The clause around a span, within its sentence.
    fn clause(&self, span: Span, sentence: Span) -> Span {
        let mut lo = span[0].max(sentence[0]);
        while lo > sentence[0] && !self.is_delim(lo - 1) {
            lo -= 1;
        }
        let mut hi = span[1].min(sentence[1]).max(lo);
        while hi < sentence[1] && !self.is_delim(hi) {
            hi += 1;
        }
        [lo, hi]
    }

    /// Does `word` stand in the view at character `i`?
    fn word_at(&self, i: usize, word: &str) -> bool {
        let mut at = self.chars.get(i..).unwrap_or_default().iter();
        word.chars().all(|c| at.next() == Some(&c))
    }

    fn text(&self, lo: usize, hi: usize) -> String {
        self.chars
            .get(lo..hi.min(self.chars.len()))
            .map(|c| c.iter().collect())
            .unwrap_or_default()
    }

    fn status(&self, trigger: Span, sentence: Span) -> EventStatus {
        let clause = self.clause(trigger, sentence);
        let lo = clause[0].max(trigger[0].saturating_sub(self.rules.window + 4));
        let mut best: Option<Cue> = None;
        let window = self.hits_in(lo, trigger[0]);
        for h in window {
            let u = &self.rules.uses[h.word];
            let Some(cue) = u.cue else { continue };
            if h.span[1] > trigger[0] || trigger[0] - h.span[1] > self.rules.window {
                continue;
            }
            let hidden = window
                .iter()
                .chain(self.hits_in(h.span[0].saturating_sub(8), h.span[1]))
                .any(|o| self.rules.uses[o.word].ignore && covers(o.span, h.span));
            if hidden {
                continue;
            }
            best = best.max(Some(cue));
        }
        if best.is_none_or(|c| c < Cue::Withdrawn) {
            let hi = (trigger[1] + self.rules.after_window).min(clause[1]);
            for h in self.hits_in(trigger[1], hi) {
                if self.rules.uses[h.word].withdrawn_after {
                    best = Some(Cue::Withdrawn);
                }
            }
        }
        match best {
            Some(Cue::Negated) => EventStatus::Negated,
            Some(Cue::Withdrawn) => EventStatus::Withdrawn,
            Some(Cue::Forecast) => EventStatus::Forecast,
            None => EventStatus::Asserted,
        }
    }

    /// Builds the event(s) of one trigger into `found`.
    fn build(&self, block: usize, trigger: Span, found: &mut Vec<Draft>) {
        let sentence = self.doc.sentence_of(trigger[0]);
        let rule = &self.rules.blocks[block];
        // Other triggers of this type in the sentence: an amount nearer to
        // one of them belongs to that telling, not to this one.
        let others: Vec<Span> = self
            .hits_in(sentence[0], sentence[1])
            .iter()
            .filter(|h| !overlaps(h.span, trigger))
            .filter(|h| {
                self.rules.uses[h.word]
                    .triggers
                    .iter()
                    .any(|&b| self.rules.blocks[b].kind == rule.kind)
            })
            .map(|h| h.span)
            .collect();
        let mut used: Vec<Span> = vec![trigger];
        let mut args: BTreeMap<String, Arg> = BTreeMap::new();
        let mut each: Option<(String, Vec<String>)> = None;
        for role in &rule.roles {
            if args.contains_key(&role.name) {
                continue;
            }
            if let Some((arg, spans)) =
                self.fill(role, trigger, sentence, &used, &others, rule.objects_follow)
            {
                used.extend(spans);
                if role.each
                    && let Arg::Names(names) = &arg
                {
                    each = Some((role.name.clone(), names.clone()));
                }
                args.insert(role.name.clone(), arg);
            }
        }
        // One name cannot play two roles (`acquirer` equal to `target`, or
        // one holding the other: 武汉新芯 in 武汉新芯集成电路股份有限公司).
        let mut seen: Vec<String> = Vec::new();
        let mut done: Vec<&str> = Vec::new();
        for role in &rule.roles {
            if done.contains(&role.name.as_str()) {
                continue;
            }
            done.push(&role.name);
            if role.fill.names().is_none() {
                continue;
            }
            match args.get_mut(&role.name) {
                Some(Arg::Text(t)) => {
                    if seen.iter().any(|o| one_holds_other(o, t)) {
                        args.remove(&role.name);
                    } else {
                        seen.push(t.clone());
                    }
                }
                // A list keeps the names no earlier role holds
                // (`A 与 B 联合领投` names no company).
                Some(Arg::Names(list)) => {
                    list.retain(|t| !seen.iter().any(|o| one_holds_other(o, t)));
                    seen.extend(list.iter().cloned());
                    if list.is_empty() {
                        args.remove(&role.name);
                    }
                }
                _ => {}
            }
        }
        let anaphor = self
            .hits_in(sentence[0], sentence[1])
            .iter()
            .any(|h| self.rules.uses[h.word].anaphor);
        let draft = Draft {
            block,
            trigger,
            sentence,
            status: self.status(trigger, sentence),
            args,
            mentions: vec![(trigger, sentence)],
            anaphor,
        };
        match each {
            Some((role, names)) => {
                for n in names {
                    let mut d = draft.clone();
                    d.args.insert(role.clone(), Arg::Text(n));
                    found.push(d);
                }
            }
            None => found.push(draft),
        }
    }

    /// Anchors of a role: its cue hits in the sentence, nearest to the
    /// trigger first, or the trigger itself.
    fn anchors(&self, role: &Role, trigger: Span, sentence: Span) -> Vec<Span> {
        if role.cues.is_empty() {
            return vec![trigger];
        }
        let within = match role.cue_scope {
            Scope::Clause => self.clause(trigger, sentence),
            Scope::Sentence => sentence,
        };
        let mut a: Vec<Span> = self
            .hits_in(within[0], within[1])
            .iter()
            .filter(|h| role.cues.contains(&h.word) && h.span[1] <= within[1])
            .map(|h| h.span)
            .collect();
        // A cue inside a longer cue of the same role counts once.
        let all = a.clone();
        a.retain(|s| !all.iter().any(|o| covers(*o, *s)));
        a.sort_by_key(|s| (s[0].abs_diff(trigger[0]), s[0]));
        a
    }

    fn fill(
        &self,
        role: &Role,
        trigger: Span,
        sentence: Span,
        used: &[Span],
        others: &[Span],
        objects_follow: bool,
    ) -> Option<(Arg, Vec<Span>)> {
        let anchors = self.anchors(role, trigger, sentence);
        if let Some((orgs, persons, list)) = role.fill.names() {
            let mut names: Vec<String> = Vec::new();
            let mut spans = Vec::new();
            for a in anchors.iter().filter(|_| role.resolve.is_empty()) {
                let range =
                    Self::short_of_trigger(role, *a, trigger, self.range(role, *a, sentence));
                let mut got = self.names_near(role, *a, range, used, orgs, persons, list);
                // Read back across the sentence, a name standing right
                // after another telling's trigger is that telling's object
                // (`以收购A，将斥资…收购B`: A buys nothing); a headline's
                // trigger has no object in the body.
                if objects_follow
                    && role.scope == Scope::Sentence
                    && matches!(role.side, Side::Before)
                {
                    got.retain(|m| {
                        !others.iter().any(|o| {
                            o[1] <= m.span[0]
                                && m.span[1] <= trigger[0]
                                && m.span[0] - o[1] <= OBJECT_GAP
                                && !self.chars[o[1]..m.span[0]].contains(&'】')
                        })
                    });
                }
                for m in got {
                    if !names.contains(&m.name) {
                        names.push(m.name.clone());
                    }
                    spans.push(m.span);
                }
                if !names.is_empty() && !list {
                    break;
                }
            }
            if names.is_empty() && role.guess && !list {
                for a in &anchors {
                    let range = self.range(role, *a, sentence);
                    if let Some(span) = self.guess_name(role, *a, range, used) {
                        return Some((Arg::Text(self.text(span[0], span[1])), vec![span]));
                    }
                }
            }
            if names.is_empty() && !role.resolve.is_empty() {
                let (n, s) = self.resolve(role, trigger, sentence, &anchors, orgs, persons)?;
                names.push(n);
                spans.push(s);
            }
            if names.is_empty() {
                return None;
            }
            return Some(if list {
                (Arg::Names(names), spans)
            } else {
                (Arg::Text(names.swap_remove(0)), spans)
            });
        }
        for a in &anchors {
            let range = self.range(role, *a, sentence);
            let nearer_other = |s: Span| {
                role.scope == Scope::Sentence
                    && others
                        .iter()
                        .any(|o| distance(*o, s) < distance(trigger, s))
            };
            if let Some(x) = self.fill_value(role, *a, range, used, &nearer_other) {
                return Some(x);
            }
        }
        None
    }

    fn range(&self, role: &Role, anchor: Span, sentence: Span) -> Span {
        match role.scope {
            Scope::Clause => self.clause(anchor, sentence),
            Scope::Sentence => sentence,
        }
    }

    /// A cue on one side of the trigger looks for names up to the trigger,
    /// not past it (`向 A、B 与 C 收购其持有的 X`: X is no seller).
    fn short_of_trigger(role: &Role, anchor: Span, trigger: Span, range: Span) -> Span {
        match role.side {
            Side::After if anchor[1] <= trigger[0] => [range[0], range[1].min(trigger[0])],
            Side::Before if anchor[0] >= trigger[1] => [range[0].max(trigger[1]), range[1]],
            _ => range,
        }
    }

    /// Gap in characters from the anchor to a span on the wanted side.
    fn gap(role: &Role, anchor: Span, s: Span) -> Option<usize> {
        let before = s[1] <= anchor[0];
        let after = s[0] >= anchor[1];
        let g = match role.side {
            Side::Before if before => anchor[0] - s[1],
            Side::After if after => s[0] - anchor[1],
            Side::Any if before => anchor[0] - s[1],
            Side::Any if after => s[0] - anchor[1],
            _ => return None,
        };
        (g <= role.max_gap).then_some(g)
    }

    /// The mention with exactly this span.
    fn mention_at(&self, span: Span) -> Option<&Mention> {
        let i = self.mentions.partition_point(|m| m.span[0] < span[0]);
        self.mentions.get(i).filter(|m| m.span == span)
    }

    /// Index range of the mentions that lie inside `range` (mentions are
    /// sorted by start and never overlap, so their ends are sorted too).
    fn mentions_within(&self, range: Span) -> (usize, usize) {
        let lo = self.mentions.partition_point(|m| m.span[0] < range[0]);
        let hi = lo + self.mentions[lo..].partition_point(|m| m.span[1] <= range[1]);
        (lo, hi)
    }

    #[allow(clippy::too_many_arguments)]
    fn names_near(
        &self,
        role: &Role,
        anchor: Span,
        range: Span,
        used: &[Span],
        orgs: bool,
        persons: bool,
        list: bool,
    ) -> Vec<&Mention> {
        // A name another role holds, told again elsewhere, is not a second
        // party (蓝思科技 … 蓝思科技 收购).
        let used_names: Vec<&str> = used
            .iter()
            .filter_map(|u| self.mention_at(*u))
            .map(|x| x.name.as_str())
            .collect();
        let ok = |m: &Mention| {
            (if m.person { persons } else { orgs })
                && m.span[0] >= range[0]
                && m.span[1] <= range[1]
                && !used.iter().any(|u| overlaps(*u, m.span))
                && !used_names.contains(&m.name.as_str())
        };
        // Mentions are sorted and do not overlap: those inside the range
        // are one run of them.
        let (lo, hi) = self.mentions_within(range);
        let first = self.mentions[lo..hi]
            .iter()
            .enumerate()
            .filter(|(_, m)| ok(m))
            .filter_map(|(i, m)| Self::gap(role, anchor, m.span).map(|g| (g, lo + i)))
            .min();
        let Some((_, i)) = first else {
            return Vec::new();
        };
        let mut out = vec![&self.mentions[i]];
        if !list {
            return out;
        }
        let before = self.mentions[i].span[1] <= anchor[0];
        let joined = |a: Span, b: Span| {
            // `a` ends before `b` starts: the gap must hold a separator.
            let gap = self.text(a[1], b[0]);
            b[0] - a[1] <= self.rules.list_gap
                && gap.chars().any(|c| self.rules.list_separators.contains(&c))
        };
        let mut cur = self.mentions[i].span;
        if before {
            for m in self.mentions[lo..i].iter().rev() {
                if !ok(m) || m.span[1] > cur[0] {
                    continue;
                }
                if !joined(m.span, cur) {
                    break;
                }
                cur = m.span;
                out.push(m);
            }
            out.reverse();
        } else {
            for m in &self.mentions[i + 1..hi] {
                if !ok(m) || m.span[0] < cur[1] {
                    continue;
                }
                if !joined(cur, m.span) {
                    break;
                }
                cur = m.span;
                out.push(m);
            }
        }
        out
    }

    /// A pronoun or `该公司` on the role's side stands for the first name
    /// of the kind in the sentence before it, or else in the nearest earlier
    /// sentence (up to three back) that has one.
    fn resolve(
        &self,
        role: &Role,
        trigger: Span,
        sentence: Span,
        anchors: &[Span],
        orgs: bool,
        persons: bool,
    ) -> Option<(String, Span)> {
        let pron = anchors.iter().find_map(|a| {
            let range = self.range(role, *a, sentence);
            self.hits_in(range[0], range[1])
                .iter()
                .filter(|h| {
                    role.resolve.contains(&h.word)
                        && h.span[1] <= range[1]
                        && !overlaps(h.span, trigger)
                })
                .filter_map(|h| Self::gap(role, *a, h.span).map(|g| (g, h.span)))
                .min()
                .map(|(_, s)| s)
        })?;
        // A bare 公司 in an announcement is the company announcing.
        if orgs
            && self.text(pron[0], pron[1]) == "公司"
            && let Some(m) = self.announcer.map(|i| &self.mentions[i])
            && m.span[1] <= pron[0]
        {
            return Some((m.name.clone(), m.span));
        }
        let kind_ok =
            |m: &&Mention| (if m.person { persons } else { orgs }) && m.span[1] <= pron[0];
        let first_in = |lo: usize, hi: usize| {
            let (from, to) = self.mentions_within([lo, hi]);
            self.mentions[from..to].iter().find(kind_ok)
        };
        if let Some(m) = first_in(sentence[0], pron[0]) {
            return Some((m.name.clone(), m.span));
        }
        let si = self.doc.sentences.partition_point(|s| s[1] <= sentence[0]);
        for back in 1..=3 {
            let Some(s) = si.checked_sub(back).and_then(|i| self.doc.sentences.get(i)) else {
                break;
            };
            if let Some(m) = first_in(s[0], s[1]) {
                return Some((m.name.clone(), m.span));
            }
        }
        None
    }

    fn fill_value(
        &self,
        role: &Role,
        anchor: Span,
        range: Span,
        used: &[Span],
        foreign: &dyn Fn(Span) -> bool,
    ) -> Option<(Arg, Vec<Span>)> {
        let inside = |s: Span| {
            s[0] >= range[0]
                && s[1] <= range[1]
                && !used.iter().any(|u| overlaps(*u, s))
                && !foreign(s)
        };
        let nearest = |spans: &mut dyn Iterator<Item = (usize, Span)>| {
            spans
                .filter(|(_, s)| inside(*s))
                .filter_map(|(i, s)| Self::gap(role, anchor, s).map(|g| (g, s[0], i, s)))
                .min()
                .map(|(_, _, i, s)| (i, s))
        };
        match role.fill {
            Fill::Money | Fill::Price => {
                let want_per = role.fill == Fill::Price;
                let (i, s) =
                    nearest(&mut self.out.money.iter().enumerate().filter_map(|(i, m)| {
                        (m.equivalent_of.is_none() && m.per.is_some() == want_per)
                            .then_some((i, [m.start, m.end]))
                    }))?;
                Some((Arg::Money(Box::new(self.out.money[i].clone())), vec![s]))
            }
            Fill::Valuation => {
                let (i, s) = nearest(&mut self.valuation_money.iter().filter_map(|&i| {
                    let m = self.out.money.get(i)?;
                    Some((i, [m.start, m.end]))
                }))?;
                Some((Arg::Money(Box::new(self.out.money[i].clone())), vec![s]))
            }
            Fill::Percent => {
                let (i, s) = nearest(
                    &mut self
                        .out
                        .percentages
                        .iter()
                        .enumerate()
                        .map(|(i, p)| (i, [p.start, p.end])),
                )?;
                Some((Arg::Number(self.out.percentages[i].value), vec![s]))
            }
            Fill::Date => {
                let (i, s) = nearest(
                    &mut self
                        .out
                        .dates
                        .iter()
                        .enumerate()
                        .map(|(i, d)| (i, [d.start, d.end])),
                )?;
                let d = &self.out.dates[i];
                Some((
                    Arg::Text(d.value.clone().unwrap_or_else(|| d.text.clone())),
                    vec![s],
                ))
            }
            Fill::Word => {
                // The anchor itself may be a label word (a trigger that
                // names its metric).
                let hits = self.hits_in(range[0], range[1]);
                let mut best: Option<(usize, usize, Span)> = None;
                for h in hits {
                    if !role.labels.contains_key(&h.word) || h.span[1] > range[1] {
                        continue;
                    }
                    if hits
                        .iter()
                        .any(|o| role.labels.contains_key(&o.word) && covers(o.span, h.span))
                    {
                        continue;
                    }
                    let g = if overlaps(h.span, anchor) {
                        Some(0)
                    } else if used.iter().any(|u| overlaps(*u, h.span)) {
                        None
                    } else {
                        Self::gap(role, anchor, h.span)
                    };
                    if let Some(g) = g
                        && best.is_none_or(|b| (g, h.span[0]) < (b.0, b.2[0]))
                    {
                        best = Some((g, h.word, h.span));
                    }
                }
                let (_, w, s) = best?;
                let label = role.labels.get(&w)?.clone();
                Some((
                    Arg::Text(label),
                    if overlaps(s, anchor) { vec![] } else { vec![s] },
                ))
            }
            Fill::Count => self.count(role, anchor, range),
            Fill::Text => self.product(role, anchor, range, used),
            _ => None,
        }
    }

    /// A head count after the anchor: `1000人`, `约1.2万名`.
    fn count(&self, role: &Role, anchor: Span, range: Span) -> Option<(Arg, Vec<Span>)> {
        static COUNT: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^[约近超逾了]{0,2}\s*(\d+(?:\.\d+)?)\s*(万|萬|千|百)?\s*(?:余|多)?\s*(?:名|人|个岗位)")
                .expect("valid regex")
        });
        if role.side == Side::Before || anchor[1] >= range[1] {
            return None;
        }
        for start in anchor[1]..=(anchor[1] + role.max_gap).min(range[1]) {
            let text = self.text(start, range[1]);
            let Some(c) = COUNT.captures(&text) else {
                continue;
            };
            let num: crate::decimal::Decimal = c.get(1)?.as_str().parse().ok()?;
            let exp = match c.get(2).map(|m| m.as_str()) {
                Some("万" | "萬") => 4,
                Some("千") => 3,
                Some("百") => 2,
                _ => 0,
            };
            let v = num.checked_mul_pow10(exp)?;
            let end = start + c.get(0)?.as_str().chars().count();
            return Some((Arg::Number(v), vec![[start, end]]));
        }
        None
    }

    /// A product name beside the anchor: a `《》`/`“”` title, a Latin name
    /// (`GPT-4o`), or a short run of Chinese up to the clause's end.
    fn product(
        &self,
        role: &Role,
        anchor: Span,
        range: Span,
        used: &[Span],
    ) -> Option<(Arg, Vec<Span>)> {
        let is_latin =
            |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '+' | '_' | ' ');
        let stop = |c: char| {
            self.rules.clause_delimiters.contains(&c)
                || matches!(
                    c,
                    '、' | '('
                        | ')'
                        | '（'
                        | '）'
                        | '的'
                        | '是'
                        | '和'
                        | '等'
                        | '及'
                        | '与'
                        | '并'
                        | '将'
                        | '在'
                )
        };
        let span = match role.side {
            Side::Before => {
                let mut e = anchor[0];
                while e > range[0] && self.chars[e - 1] == ' ' && anchor[0] - e < role.max_gap {
                    e -= 1;
                }
                let mut s = e;
                if s > range[0] && matches!(self.chars[s - 1], '》' | '”') {
                    let open = if self.chars[s - 1] == '》' {
                        '《'
                    } else {
                        '“'
                    };
                    while s > range[0] && self.chars[s - 1] != open {
                        s -= 1;
                    }
                    s = s.saturating_sub(1);
                } else {
                    while s > range[0] && is_latin(self.chars[s - 1]) {
                        s -= 1;
                    }
                }
                [s, e]
            }
            _ => {
                let mut s = anchor[1];
                let skip_ok = |s: &mut usize| {
                    while *s < range[1] && self.chars[*s] == ' ' {
                        *s += 1;
                    }
                    for w in &role.skip {
                        let n = w.chars().count();
                        if self.text(*s, *s + n) == *w {
                            *s += n;
                            return true;
                        }
                    }
                    false
                };
                let mut guard = 0;
                while skip_ok(&mut s) && guard < 4 {
                    guard += 1;
                }
                if s - anchor[1] > role.max_gap || s >= range[1] {
                    return None;
                }
                let c0 = self.chars[s];
                if stop(c0) || matches!(c0, '【' | '】' | '[' | ']' | '之' | '后' | '时') {
                    return None;
                }
                let mut e = s + 1;
                if matches!(c0, '《' | '“' | '"') {
                    let close = match c0 {
                        '《' => '》',
                        '“' => '”',
                        _ => '"',
                    };
                    while e < range[1] && self.chars[e] != close {
                        e += 1;
                    }
                    e = (e + 1).min(range[1]);
                    // `推出“X”的营销口号`, `发布“X”计划`: the noun after
                    // the quote tells what was put out.
                    let mut h = e;
                    while h < range[1]
                        && h - e < 6
                        && !self.rules.clause_delimiters.contains(&self.chars[h])
                    {
                        h += 1;
                    }
                    let head = zhconv::zhconv(&self.text(e, h), zhconv::Variant::ZhHans);
                    if role.reject.iter().any(|r| head.contains(r.as_str())) {
                        return None;
                    }
                } else if c0.is_ascii_alphanumeric() {
                    while e < range[1] && is_latin(self.chars[e]) {
                        e += 1;
                    }
                } else {
                    // A space goes on only inside a Latin model name
                    // (`旗舰手机Mate 60 Pro`).
                    let latin_space = |e: usize| {
                        self.chars[e - 1].is_ascii_alphanumeric()
                            && self
                                .chars
                                .get(e + 1)
                                .is_some_and(|c| c.is_ascii_alphanumeric())
                    };
                    while e < range[1]
                        && !stop(self.chars[e])
                        && (self.chars[e] != ' ' || latin_space(e))
                    {
                        e += 1;
                    }
                    // Words, not a clause: `推出能力更强的…` and
                    // `发布传言不属实` name no product.
                    return self
                        .guess_shape([s, e], Side::After, true)
                        .and_then(|sp| self.product_arg(role, sp, used));
                }
                [s, e]
            }
        };
        self.product_arg(role, span, used)
    }

    /// The product argument of a span found by [`Self::product`], unless
    /// its length, a reject word or an overlap rules it out.
    fn product_arg(&self, role: &Role, span: Span, used: &[Span]) -> Option<(Arg, Vec<Span>)> {
        let mut span = span;
        while span[1] > span[0] && matches!(self.chars[span[1] - 1], ' ' | '.' | '-') {
            span[1] -= 1;
        }
        while span[0] < span[1] && self.chars[span[0]] == ' ' {
            span[0] += 1;
        }
        let n = span[1] - span[0];
        if n < role.min_len || n > role.max_len || used.iter().any(|u| overlaps(*u, span)) {
            return None;
        }
        let text = self.text(span[0], span[1]);
        let simplified = zhconv::zhconv(&text, zhconv::Variant::ZhHans);
        // The word right after counts too: `发布FY27Q1业绩` tells results.
        let mut after = span[1];
        while self.chars.get(after) == Some(&' ') {
            after += 1;
        }
        if role.reject.iter().any(|r| simplified.contains(r.as_str()))
            || role.reject_after.iter().any(|r| self.word_at(after, r))
        {
            return None;
        }
        if !simplified.chars().any(|c| c.is_alphabetic()) || simplified.contains(['【', '】']) {
            return None;
        }
        Some((Arg::Text(simplified), vec![span]))
    }

    /// A name-like run of characters right beside the anchor: ideographs,
    /// letters and digits up to punctuation or a function word.
    fn guess_name(&self, role: &Role, anchor: Span, range: Span, used: &[Span]) -> Option<Span> {
        let stop = &self.rules.guess_stop_chars;
        let namey = |c: char| is_ideograph(c) || c.is_ascii_alphanumeric();
        let span = match role.side {
            Side::After => {
                let mut s = anchor[1];
                if s < range[1] && self.rules.guess_skip_chars.contains(&self.chars[s]) {
                    s += 1;
                }
                let mut e = s;
                while e < range[1] && namey(self.chars[e]) && !stop.contains(&self.chars[e]) {
                    if self
                        .rules
                        .guess_stop_words
                        .iter()
                        .any(|w| self.word_at(e, w))
                        && e > s
                    {
                        break;
                    }
                    e += 1;
                }
                [s, e]
            }
            _ => {
                let e = anchor[0];
                let mut s = e;
                while s > range[0] && namey(self.chars[s - 1]) && !stop.contains(&self.chars[s - 1])
                {
                    s -= 1;
                }
                [s, e]
            }
        };
        let span = self.guess_shape(span, role.side, false)?;
        let n = span[1].saturating_sub(span[0]);
        if !(2..=10).contains(&n) || used.iter().any(|u| overlaps(*u, span)) {
            return None;
        }
        let t = self.text(span[0], span[1]);
        // The name another role of the event holds, told again or shortened
        // (武汉新芯 … 武汉新芯集成电路股份有限公司), is not a second party.
        let taken = used.iter().any(|u| {
            let other = self.text(u[0], u[1]);
            other.chars().count() >= 2 && one_holds_other(&other, &t)
        });
        if taken
            || self.rules.guess_reject.contains(&t)
            || t.chars().all(|c| c.is_ascii_digit())
            || t.ends_with(['年', '月', '日'])
            || self
                .hits_in(span[0], span[1])
                .iter()
                .any(|h| !self.rules.uses[h.word].triggers.is_empty() && h.span[1] <= span[1])
        {
            return None;
        }
        Some(span)
    }

    /// A guessed name cut to the words that look like a name, by their
    /// tags ([guess] in events.toml): it ends (read away from the anchor)
    /// at the first verb, adverb or particle (`烟台伟岸有利于` gives
    /// `烟台伟岸`), and needs a proper name, a single character or a Latin
    /// word among its words (`股份数量` has none). Without words (a document
    /// not segmented) the span is kept as it is.
    fn guess_shape(&self, span: Span, side: Side, product: bool) -> Option<Span> {
        let toks = &self.doc.tokens;
        let first = toks.partition_point(|t| t.end <= span[0]);
        let mut words: Vec<_> = toks[first..]
            .iter()
            .take_while(|t| t.start < span[1])
            .collect();
        if words.is_empty() {
            return Some(span);
        }
        if !matches!(side, Side::After) {
            words.reverse();
        }
        let has = |tag: &str, list: &[String]| list.iter().any(|p| tag.starts_with(p.as_str()));
        let mut kept = Vec::new();
        for w in words {
            let single = w.end - w.start == 1;
            // In a product name, Latin words and numbers (`2.1Pro`) are
            // never function words.
            if product && w.word.is_ascii() {
                kept.push(w);
                continue;
            }
            if single && has(w.tag, &self.rules.guess_char_tags)
                || !single && has(w.tag, &self.rules.guess_word_tags)
            {
                break;
            }
            kept.push(w);
        }
        // A lone verb character at the far end belongs to the next words
        // (`结果需进一步确认`).
        while kept
            .last()
            .is_some_and(|w| w.end - w.start == 1 && w.tag.starts_with('v'))
        {
            kept.pop();
        }
        let namey = kept.iter().any(|w| {
            w.end - w.start == 1
                || !w.word.chars().all(is_ideograph)
                || has(w.tag, &self.rules.guess_proper_tags)
        });
        if !namey {
            return None;
        }
        let s = kept.iter().map(|w| w.start).min()?.max(span[0]);
        let e = kept.iter().map(|w| w.end).max()?.min(span[1]);
        Some([s, e])
    }

    fn to_event(&self, d: Draft) -> Event {
        let trig = |s: Span| Trigger {
            text: self.doc.clean_slice(s[0], s[1]).to_string(),
            start: s[0],
            end: s[1],
        };
        let mentions = if d.mentions.len() > 1 {
            d.mentions
                .iter()
                .map(|(t, s)| EventMention {
                    trigger: trig(*t),
                    sentence: *s,
                })
                .collect()
        } else {
            Vec::new()
        };
        Event {
            kind: self.rules.blocks[d.block].kind.clone(),
            trigger: trig(d.trigger),
            sentence: d.sentence,
            status: d.status,
            args: d.args,
            mentions,
        }
    }
}

/// A CJK unified ideograph of the basic block: what guessed names are
/// made of.
fn is_ideograph(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

fn same(a: &Arg, b: &Arg) -> bool {
    match (a, b) {
        (Arg::Money(x), Arg::Money(y)) => {
            x.currency == y.currency
                && close(x.value, y.value)
                && match (x.max, y.max) {
                    (None, None) => true,
                    (Some(a), Some(b)) => close(a, b),
                    _ => false,
                }
        }
        (Arg::Names(_), Arg::Names(_)) => true,
        (x, y) => x == y,
    }
}

/// Two amounts tell the same figure: equal, or within 1% of each other
/// (a headline rounds `747.34亿元` to `747亿元`).
fn close(a: Decimal, b: Decimal) -> bool {
    if a == b {
        return true;
    }
    let abs = |d: Decimal| if d.is_negative() { d.neg() } else { d };
    let Some(diff) = a.checked_add(b.neg()).map(abs) else {
        return false;
    };
    let Some(diff100) = diff.checked_mul(Decimal::from_int(100)) else {
        return false;
    };
    diff100 <= abs(a).max(abs(b))
}

/// Two names of which one holds the other (equal ones included): one
/// party told in full and shortened.
fn one_holds_other(a: &str, b: &str) -> bool {
    a.contains(b) || b.contains(a)
}

fn agree(a: &Draft, b: &Draft) -> bool {
    // One name in two roles (the acquirer of one telling is the target of
    // the other) is a disagreement too.
    let crossed = a.args.iter().any(|(k, v)| {
        matches!(v, Arg::Text(_))
            && b.args
                .iter()
                .any(|(l, w)| l != k && matches!(w, Arg::Text(_)) && same(v, w))
    });
    !crossed
        && a.args.iter().all(|(k, v)| {
            b.args.get(k).is_none_or(|w| {
                same(v, w)
                    || (k == "product"
                        && matches!((v, w), (Arg::Text(x), Arg::Text(y)) if same_product(x, y)))
            })
        })
}

/// Two product texts name one product: one holds the other, or both end
/// in the same model name of three or more Latin letters and digits
/// (`推理模型DeepSeek-R1`, `推理大模型DeepSeek-R1`).
fn same_product(a: &str, b: &str) -> bool {
    if a.contains(b) || b.contains(a) {
        return true;
    }
    let tail = |s: &str| -> String {
        let mut t: Vec<char> = s
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | ' '))
            .collect();
        t.reverse();
        t.into_iter().collect::<String>().trim().to_string()
    };
    let (x, y) = (tail(a), tail(b));
    x.chars().filter(|c| c.is_ascii_alphanumeric()).count() >= 3 && x == y
}

fn absorb(into: &mut Draft, from: Draft) {
    for (k, v) in from.args {
        match (into.args.get_mut(&k), v) {
            (Some(Arg::Names(xs)), Arg::Names(ys)) => {
                for y in ys {
                    if !xs.contains(&y) {
                        xs.push(y);
                    }
                }
            }
            (Some(_), _) => {}
            (None, v) => {
                into.args.insert(k, v);
            }
        }
    }
    for m in from.mentions {
        if !into.mentions.iter().any(|(_, s)| *s == m.1) {
            into.mentions.push(m);
        }
    }
    into.mentions.sort_by_key(|(t, _)| t[0]);
    into.anaphor |= from.anaphor;
}

fn merge(rules: &Compiled, ctx: &Ctx, found: Vec<Draft>) -> Vec<Draft> {
    let kind = |d: &Draft| rules.blocks[d.block].kind.as_str();
    let subject = |d: &Draft| -> Option<Arg> {
        let s = rules.blocks[d.block].subject.as_ref()?;
        d.args.get(s).cloned()
    };
    // 1. Within a sentence.
    let mut sent: Vec<Draft> = Vec::new();
    for d in found {
        let target = sent.iter_mut().rev().find(|p| {
            let loose = rules.blocks[p.block].merge_without_subject
                && rules.blocks[d.block].merge_without_subject;
            p.sentence == d.sentence
                && kind(p) == kind(&d)
                && p.status == d.status
                && agree(p, &d)
                && (loose || subject(p) == subject(&d))
        });
        match target {
            Some(p) => absorb(p, d),
            None => sent.push(d),
        }
    }
    // 1b. `X 营收 A；净利润 B`: a telling without its subject takes the
    //     subject of the nearest earlier telling of its type in its
    //     sentence or in the part before a semicolon.
    let previous = |s: Span| -> Option<Span> {
        let i = ctx.doc.sentences.partition_point(|x| x[1] <= s[0]);
        let p = i
            .checked_sub(1)
            .and_then(|i| ctx.doc.sentences.get(i))
            .copied()?;
        let last = p[1].checked_sub(1).and_then(|e| ctx.chars.get(e))?;
        matches!(last, '；' | ';').then_some(p)
    };
    for i in 0..sent.len() {
        let d = &sent[i];
        let Some(role) = rules.blocks[d.block].subject.clone() else {
            continue;
        };
        if !rules.blocks[d.block].inherit_subject || d.args.contains_key(&role) {
            continue;
        }
        let from = sent[..i]
            .iter()
            .rev()
            .filter(|p| {
                kind(p) == kind(d)
                    && (p.sentence == d.sentence || Some(p.sentence) == previous(d.sentence))
            })
            .find_map(|p| p.args.get(&role).cloned());
        if let Some(v) = from {
            sent[i].args.insert(role, v);
        }
    }
    // 2. Across the article: same type, status and subject, no
    //    disagreement; events without a subject merge when they share a
    //    plain argument (the same product) and disagree on none.
    let shares = |a: &Draft, b: &Draft| {
        a.args
            .iter()
            .any(|(k, v)| !matches!(v, Arg::Names(_)) && b.args.get(k).is_some_and(|w| same(v, w)))
    };
    let mut out: Vec<Draft> = Vec::new();
    let mut waiting: Vec<Draft> = Vec::new();
    for d in sent {
        let subj = subject(&d);
        let has_role = rules.blocks[d.block].subject.is_some();
        if has_role && subj.is_none() && d.anaphor {
            waiting.push(d);
            continue;
        }
        let target = out.iter_mut().find(|p| {
            kind(p) == kind(&d)
                && p.status == d.status
                && subject(p) == subj
                && agree(p, &d)
                && (subj.is_some() || shares(p, &d))
        });
        match target {
            Some(p) => absorb(p, d),
            None => out.push(d),
        }
    }
    // 3. Anaphora: `本轮融资` without a subject refers to the most told
    //    earlier event of its type (the latest of equals), takes its subject
    //    and merges with the event of that subject and status if they agree.
    for mut d in waiting {
        let role = rules.blocks[d.block].subject.clone().unwrap_or_default();
        let referent = out
            .iter()
            .filter(|p| kind(p) == kind(&d) && p.trigger[0] < d.trigger[0])
            .filter_map(|p| {
                p.args
                    .get(&role)
                    .map(|v| (p.mentions.len(), p.trigger[0], v.clone()))
            })
            .max_by_key(|(n, at, _)| (*n, *at))
            .map(|(_, _, v)| v);
        if let Some(v) = referent {
            d.args.insert(role, v);
        }
        let subj = subject(&d);
        let target = out.iter_mut().find(|p| {
            kind(p) == kind(&d)
                && p.status == d.status
                && subj.is_some()
                && subject(p) == subj
                && agree(p, &d)
        });
        match target {
            Some(p) => absorb(p, d),
            None => out.push(d),
        }
    }
    out.sort_by_key(|d| d.trigger[0]);
    // 4. Yielding: `募资` told in a sentence that tells a listing is the
    //    offering, not a round of its own.
    let told: Vec<(String, Span)> = out
        .iter()
        .filter(|d| {
            let b = &rules.blocks[d.block];
            b.requirements_met(&d.args)
        })
        .flat_map(|d| d.mentions.iter().map(|(_, s)| (kind(d).to_string(), *s)))
        .collect();
    out.retain(|d| {
        let b = &rules.blocks[d.block];
        if b.yield_to.is_empty() {
            return true;
        }
        let yields = |(t, s): &(Span, Span)| {
            let word = ctx.text(t[0], t[1]);
            (b.yield_triggers.is_empty() || b.yield_triggers.contains(&word))
                && told.iter().any(|(k, x)| x == s && b.yield_to.contains(k))
        };
        !d.mentions.iter().all(yields)
    });
    // 5. Requirements.
    out.retain_mut(|d| {
        let b = &rules.blocks[d.block];
        if !b.requirements_met(&d.args) {
            return false;
        }
        if d.status == EventStatus::Asserted
            && b.forecast_if_missing
                .iter()
                .any(|r| !d.args.contains_key(r))
        {
            d.status = EventStatus::Forecast;
        }
        true
    });
    out
}

#[cfg(test)]
mod tests;
