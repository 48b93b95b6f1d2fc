//! People and organisations: one entry each per article, with all mentions.
//!
//! Candidates come from several signals, none trusted alone:
//! - names the rules know (`rules/aliases.tsv`, `rules/org_kinds.tsv`, the
//!   `nt`/`nr` words of `rules/dict/*.txt`);
//! - organisation endings (`rules/org_suffixes.tsv`) with the name-like
//!   words before them, stock codes (`首都在线(300846.SZ)`), media in 《》,
//!   jieba's `nt`;
//! - Chinese names from the surname table (`rules/surnames.tsv`) and
//!   jieba's `nr` and HMM, transliterated names with `·`, Latin names;
//! - context: job titles (`rules/titles.tsv`) before or after a name,
//!   verbs of speech and office after it, 和/与 beside another person.
//!
//! Overlapping candidates are resolved by strength and length; mentions
//! of one entity are merged by canonical or normalized name, partial Latin
//! names (`Murati` with `Mira Murati`), surname forms (`秦总` with `秦湘`)
//! and shortened company names (`兴发集团` with `宜昌兴发集团有限责任公司`).

mod lexicon;
mod org;
mod person;

use super::{Document, Extraction, Extractor};
use crate::record::{OrgKind, Organization, Person, Span, Title};
use crate::rules::{RuleError, RuleSet};
use crate::segment::{Segmenter, Token};
pub use lexicon::Lexicon;
use lexicon::is_han;
use std::collections::HashMap;

/// What a candidate is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    Person,
    Org(OrgKind),
}

/// What a candidate needs before it is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Need {
    Nothing,
    /// A title, a verb of speech or office, or a person beside it.
    PersonContext,
    /// Organisation context (公司 before, a title and person after, 领投...).
    OrgContext,
    /// A sentence about business (苹果 the company, not the fruit).
    Business,
}

/// The forms of one candidate's name.
struct Named {
    name: String,
    normalized: String,
    canonical: Option<String>,
    key: String,
}

#[derive(Debug, Clone)]
struct Cand {
    s: usize,
    e: usize,
    ty: Ty,
    prio: u8,
    need: Need,
    canonical: Option<String>,
}

/// A run of job titles (`创始人兼 CEO`), with 前/原/时任 before it.
#[derive(Debug, Clone)]
struct Chain {
    s: usize,
    e: usize,
    /// Where the chain and its former marker begin.
    lead: usize,
    titles: Vec<String>,
    former: bool,
}

pub struct EntityExtractor {
    lex: Lexicon,
    seg: Segmenter,
}

impl EntityExtractor {
    pub fn new(rules: &RuleSet) -> Result<EntityExtractor, RuleError> {
        // The lexicon needs only the user dictionaries' words, so it
        // compiles while jieba's dictionary loads on the pipeline's other
        // thread; the segmenter is asked for last, when little is left.
        let lex = Lexicon::new(rules, &crate::segment::user_words(rules)?)?;
        let seg = Segmenter::new(rules)?;
        Ok(EntityExtractor { lex, seg })
    }

    /// Persons and organisations of one document.
    pub fn find(&self, doc: &Document) -> (Vec<Person>, Vec<Organization>) {
        Ctx::new(doc, &self.lex, &self.seg, Vec::new()).run()
    }
}

impl Extractor for EntityExtractor {
    fn name(&self) -> &'static str {
        "entity"
    }

    fn extract(&self, doc: &Document, out: &mut Extraction) {
        // The amounts found so far may stand between a name and its verb
        // (`巴林铝业以22亿美元收购`).
        let money = out.money.iter().map(|m| [m.start, m.end]).collect();
        let (persons, orgs) = Ctx::new(doc, &self.lex, &self.seg, money).run();
        out.persons = persons;
        out.organizations = orgs;
    }
}

/// One document under analysis.
pub(crate) struct Ctx<'d, 'a> {
    doc: &'d Document<'a>,
    lex: &'d Lexicon,
    seg: &'d Segmenter,
    chars: Vec<char>,
    /// Token index of each character.
    pub(crate) tok_of: Vec<usize>,
    /// Character spans of the money amounts found before this stage.
    money: Vec<[usize; 2]>,
}

const FORMER: [&str; 4] = ["时任", "前任", "前", "原"];

/// Time words and adverbs that may stand between a name and the verb that
/// gives its context.
const BRIDGE: [&str; 20] = [
    "上周", "本周", "周一", "周二", "周三", "周四", "周五", "周六", "周日", "近日", "日前", "今日",
    "昨日", "今天", "昨天", "此前", "随后", "已经", "已", "也",
];

impl<'d, 'a> Ctx<'d, 'a> {
    fn new(
        doc: &'d Document<'a>,
        lex: &'d Lexicon,
        seg: &'d Segmenter,
        money: Vec<[usize; 2]>,
    ) -> Self {
        let chars: Vec<char> = doc.view.chars().collect();
        let mut tok_of = vec![usize::MAX; chars.len()];
        for (i, t) in doc.tokens.iter().enumerate() {
            for slot in tok_of.iter_mut().take(t.end.min(chars.len())).skip(t.start) {
                *slot = i;
            }
        }
        Ctx {
            doc,
            lex,
            seg,
            chars,
            tok_of,
            money,
        }
    }

    /// The dictionary tag of the word of two or more characters that starts
    /// at `i` (None for a single character, a position inside a word, or a
    /// word jieba does not know).
    fn word_tag_at(&self, i: usize) -> Option<String> {
        let k = self.tok_of.get(i).copied().unwrap_or(usize::MAX);
        self.doc
            .tokens
            .get(k)
            .filter(|t| t.start == i && t.end - t.start >= 2)
            .and_then(|_| self.tok_tag(k))
    }

    /// The dictionary tag of token `k` (None for words jieba does not know).
    fn tok_tag(&self, k: usize) -> Option<String> {
        let t = self.doc.tokens.get(k)?;
        self.seg.jieba().has_word(t.word).then(|| t.tag.to_string())
    }

    fn n(&self) -> usize {
        self.chars.len()
    }

    fn view(&self, s: usize, e: usize) -> &'a str {
        self.doc.view_slice(s, e.min(self.n()))
    }

    fn ch(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    fn is_tok_start(&self, i: usize) -> bool {
        i == 0
            || i >= self.n()
            || self.tok_of[i] != self.tok_of[i - 1]
            || self.tok_of[i] == usize::MAX
    }

    /// Is `[s, e)` a whole-word span: token boundaries for Chinese, no
    /// letter or digit glued on for Latin.
    fn aligned(&self, s: usize, e: usize) -> bool {
        let glued = |a: Option<char>, b: Option<char>| match (a, b) {
            (Some(a), Some(b)) => {
                (a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric()) || (is_han(a) && is_han(b))
            }
            _ => false,
        };
        let left_ok = s == 0 || !glued(self.ch(s - 1), self.ch(s)) || self.is_tok_start(s);
        let right_ok = e >= self.n() || !glued(self.ch(e - 1), self.ch(e)) || self.is_tok_start(e);
        let latin_glued = |a: Option<char>, b: Option<char>| matches!((a, b), (Some(a), Some(b)) if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric());
        left_ok
            && right_ok
            && !(s > 0 && latin_glued(self.ch(s - 1), self.ch(s)))
            && !latin_glued(self.ch(e.wrapping_sub(1)), self.ch(e))
    }

    fn skip_space_fwd(&self, mut i: usize) -> usize {
        while i < self.n() && self.chars[i] == ' ' {
            i += 1;
        }
        i
    }

    fn skip_space_back(&self, mut i: usize) -> usize {
        while i > 0 && self.chars[i - 1] == ' ' {
            i -= 1;
        }
        i
    }

    /// Does the view at `i` start with one of `words`? Returns its length.
    fn starts_with_any<S: AsRef<str>>(&self, i: usize, words: &[S]) -> Option<usize> {
        let rest = self.view(i, i + 8);
        words
            .iter()
            .filter(|w| rest.starts_with(w.as_ref()))
            .map(|w| w.as_ref().chars().count())
            .max()
    }

    /// Does one of `words` start at `i`, or right after a time word or an
    /// adverb there (`Jan Leike 上周离职`)?
    fn followed_by<S: AsRef<str>>(&self, i: usize, words: &[S]) -> bool {
        self.starts_with_any(i, words).is_some()
            || self.starts_with_any(i, &BRIDGE).is_some_and(|n| {
                self.starts_with_any(self.skip_space_fwd(i + n), words)
                    .is_some()
            })
    }

    /// Does a purchase start at `i`: 收购/并购 right there, or after 拟/将 and
    /// 以 an amount the money stage found (`以27.5亿美元收购`)?
    pub(super) fn buys_at(&self, i: usize) -> bool {
        const BUY: [&str; 4] = ["收购", "并购", "斥资", "入股"];
        let mut i = i;
        if let Some(n) = self.starts_with_any(i, &["拟", "将", "计划"]) {
            i += n;
        }
        if self.starts_with_any(i, &["以"]).is_some()
            && let Some(m) = self.money.iter().find(|m| m[0] == i + 1)
        {
            i = m[1];
            if let Some(n) = self.starts_with_any(i, &["的价格", "现金", "的对价"]) {
                i += n;
            }
        }
        self.starts_with_any(self.skip_space_fwd(i), &BUY).is_some()
    }

    /// Does the view before `i` end with one of `words`? Returns its length.
    fn ends_with_any<S: AsRef<str>>(&self, i: usize, words: &[S]) -> Option<usize> {
        let before = self.view(i.saturating_sub(8), i);
        words
            .iter()
            .filter(|w| before.ends_with(w.as_ref()))
            .map(|w| w.as_ref().chars().count())
            .max()
    }

    fn sentence(&self, i: usize) -> &'a str {
        let [s, e] = self.doc.sentence_of(i);
        self.view(s, e)
    }

    /// Every job title of the article, as character spans, in text order
    /// (one scan: the person candidates read them too).
    fn title_matches(&self) -> Vec<Span> {
        self.lex
            .titles
            .find_iter(self.doc.view)
            .map(|m| [self.doc.char_at(m.start()), self.doc.char_at(m.end())])
            .collect()
    }

    fn chains(&self, titles: &[Span]) -> Vec<Chain> {
        let mut out: Vec<Chain> = Vec::new();
        for &[s, e] in titles {
            let title = self.view(s, e).to_string();
            if let Some(last) = out.last_mut() {
                let gap = self.view(last.e, s);
                // 创始人兼 CEO; 联合创始人兼首席科学家; 创始人兼顶级科学家.
                let joined = gap
                    .trim()
                    .strip_prefix('兼')
                    .map(|r| r.trim().chars().count() <= 2 && r.chars().all(is_han));
                if joined == Some(true)
                    || gap.chars().count() <= 3
                        && gap
                            .chars()
                            .all(|c| matches!(c, ' ' | '、' | '及' | '/' | '暨'))
                {
                    last.e = e;
                    last.titles.push(title);
                    continue;
                }
            }
            let b = self.skip_space_back(s);
            let (former, lead) = match self.ends_with_any(b, &FORMER) {
                Some(k) => (true, b - k),
                None => (false, s),
            };
            out.push(Chain {
                s,
                e,
                lead,
                titles: vec![title],
                former,
            });
        }
        out
    }

    fn run(&self) -> (Vec<Person>, Vec<Organization>) {
        if self.n() == 0 {
            return (Vec::new(), Vec::new());
        }
        let title_matches = self.title_matches();
        let titles: Vec<Span> = title_matches
            .iter()
            .copied()
            .filter(|&[s, e]| self.aligned(s, e))
            .collect();
        let chains = self.chains(&titles);
        let mut blocked = vec![false; self.n()];
        for &[s, e] in &titles {
            blocked[s..e].iter_mut().for_each(|b| *b = true);
        }
        let mut cands = Vec::new();
        self.known(&mut cands);
        org::candidates(self, &mut cands, &mut blocked);
        person::candidates(self, &mut cands, &title_matches);
        org::latin(self, &mut cands, &blocked);
        org::subjects(self, &mut cands);
        // `2025年度公司营业收入`: a year opens a time phrase, never a name.
        cands.retain(|c| {
            let t = self.view(c.s, c.e);
            let digits = t.chars().take_while(char::is_ascii_digit).count();
            !(digits >= 2 && t.chars().nth(digits) == Some('年'))
        });

        // Strongest, then longest, first; a candidate may not overlap one
        // already taken, a title or a book title.
        // Known names, endings, stock codes and dotted names compete by
        // length (纳斯达克证券交易所 over 纳斯达克, 马克·扎克伯格 over
        // 扎克伯格); weaker signals come after.
        cands.sort_by_key(|c| {
            (
                std::cmp::Reverse(c.prio.min(10).max(if c.prio >= 7 { 8 } else { 0 })),
                std::cmp::Reverse(c.e - c.s),
                std::cmp::Reverse(c.prio),
                c.s,
            )
        });
        let mut taken: Vec<Cand> = Vec::new();
        for c in cands {
            if c.e > c.s && !blocked[c.s..c.e].iter().any(|&b| b) {
                blocked[c.s..c.e].iter_mut().for_each(|b| *b = true);
                taken.push(c);
            }
        }
        taken.sort_by_key(|c| c.s);

        // Context decisions; persons may spread by 和/与 and by name.
        let near = Near::new(self, &chains);
        let mut kept = KeptPersons::default();
        let mut keep = vec![false; taken.len()];
        for _round in 0..3 {
            let mut changed = false;
            for i in 0..taken.len() {
                if keep[i] {
                    continue;
                }
                let c = &taken[i];
                let mut ok = match c.need {
                    Need::Nothing => true,
                    Need::Business => self.business(c),
                    Need::OrgContext => self.org_context(c, &chains, &near, &kept),
                    Need::PersonContext => self.person_context(c, &chains, &near, &kept),
                };
                // One Latin word is a person or a firm (`Coinbase宣布推出`):
                // without a person's context, a firm's will do.
                if !ok
                    && c.ty == Ty::Person
                    && self.one_latin_word(c)
                    && !self.model_name(c.s)
                    && !org::LATIN_NOUNS.contains(&self.view(c.s, c.e))
                    && self.org_context(c, &chains, &near, &kept)
                {
                    taken[i].ty = Ty::Org(OrgKind::Company);
                    ok = true;
                }
                let c = &taken[i];
                if ok {
                    keep[i] = true;
                    changed = true;
                    if c.ty == Ty::Person {
                        kept.add(c, self.view(c.s, c.e));
                    }
                }
            }
            if !changed {
                break;
            }
        }
        let taken: Vec<Cand> = taken
            .into_iter()
            .zip(keep)
            .filter_map(|(c, k)| k.then_some(c))
            .collect();
        self.assemble(taken, &chains)
    }

    /// Is a candidate one Latin word (`Coinbase`, not `Jan Leike`)?
    fn one_latin_word(&self, c: &Cand) -> bool {
        let text = self.view(c.s, c.e);
        text.is_ascii() && !text.contains([' ', '·'])
    }

    /// Does a Latin word starting at `s` follow a number (`小米17 Max`), as
    /// the last part of a model's name does?
    fn model_name(&self, s: usize) -> bool {
        let b = self.skip_space_back(s);
        b > 0 && self.chars[b - 1].is_ascii_digit()
    }

    /// Names the rules know, wherever they stand as whole words.
    fn known(&self, out: &mut Vec<Cand>) {
        for m in self.lex.known_ac.find_iter(self.doc.view) {
            let s = self.doc.char_at(m.start());
            let e = self.doc.char_at(m.end());
            let Some(k) = self
                .lex
                .known
                .get(&self.lex.known_keys[m.pattern().as_usize()])
            else {
                continue;
            };
            let long_han = e - s >= 3 && self.chars[s..e].iter().all(|&c| is_han(c));
            if !self.aligned(s, e) && (!long_han || self.ends_inside_word(e)) {
                continue;
            }
            // Another country's or a province's ministry is not the one the
            // bare name stands for (美国司法部, 俄罗斯外交部, 广东省财政厅).
            let (mut s, mut e) = (s, e);
            let mut canonical = k.canonical.clone();
            if k.ty == Ty::Org(OrgKind::Government) {
                if let Some(p) = self.place_before(s) {
                    s = p;
                    canonical = None;
                } else if let Some(t) = self.nt_around(s, e)
                    && !matches!(self.view(t.start, s), "中国" | "我国")
                {
                    (s, e) = (t.start, t.end);
                    canonical = None;
                }
            }
            out.push(Cand {
                s,
                e,
                ty: k.ty,
                prio: 9,
                need: if k.ambiguous {
                    Need::Business
                } else {
                    Need::Nothing
                },
                canonical,
            });
        }
    }

    /// Whether position `e` falls inside a dictionary word that goes on
    /// to name a sector or a department instead (中国银行 in 中国/银行业,
    /// 教育部 in 教育部门).
    fn ends_inside_word(&self, e: usize) -> bool {
        self.token_holding(e).is_some_and(|t| {
            t.start < e
                && matches!(self.view(e, t.end), "业" | "门" | "界")
                && self.seg.jieba().has_word(t.word)
        })
    }

    /// The organisation word (`nt`) of the dictionary that holds `s..e`
    /// and more (美国司法部 around 司法部).
    fn nt_around(&self, s: usize, e: usize) -> Option<&Token<'a>> {
        self.token_holding(s)
            .filter(|t| t.start <= s && e <= t.end && t.end - t.start > e - s && t.tag == "nt")
    }

    /// The first token that ends after position `c` (the one holding
    /// character `c`, when tokens cover it).
    fn token_holding(&self, c: usize) -> Option<&Token<'a>> {
        let tokens = &self.doc.tokens;
        tokens.get(tokens.partition_point(|t| t.end <= c))
    }

    /// Start of a place name (a dictionary word tagged `ns`, other than the
    /// home country) that ends right at `s`.
    fn place_before(&self, s: usize) -> Option<usize> {
        let t = self
            .token_holding(s.checked_sub(1)?)
            .filter(|t| t.end == s && t.end - t.start >= 2)?;
        let home = matches!(t.word, "中国" | "我国" | "国家" | "中央" | "全国");
        let place = t.tag == "ns" && self.seg.jieba().has_word(t.word);
        (!home && place).then_some(t.start)
    }

    /// A sentence about business, and not about food.
    fn business(&self, c: &Cand) -> bool {
        const FOOD: [&str; 12] = [
            "吃", "水果", "果园", "种植", "香蕉", "橙子", "梨", "斤", "果汁", "新鲜", "果农", "甜",
        ];
        const TRADE: [&str; 24] = [
            "公司",
            "融资",
            "投资",
            "股价",
            "市值",
            "发布",
            "手机",
            "iPhone",
            "财报",
            "营收",
            "宣布",
            "决定",
            "退出",
            "收购",
            "供应商",
            "芯片",
            "员工",
            "CEO",
            "库克",
            "上市",
            "合作",
            "产品",
            "业务",
            "系统",
        ];
        let s = self.sentence(c.s);
        !FOOD.iter().any(|w| s.contains(w)) && TRADE.iter().any(|w| s.contains(w))
    }

    fn org_context(&self, c: &Cand, chains: &[Chain], near: &Near, kept: &KeptPersons) -> bool {
        const AFTER: [&str; 22] = [
            "公司",
            "集团",
            "旗下",
            "宣布",
            "发布",
            "推出",
            "领投",
            "跟投",
            "参投",
            "估值",
            "融资",
            "完成",
            "获得",
            "首席",
            "创始人",
            "联合创始人",
            "CEO",
            "内部",
            "官方",
            "股价",
            "市值",
            "员工",
        ];
        const BEFORE: [&str; 10] = [
            "公司", "机构", "企业", "平台", "创立", "创办", "成立", "收购", "投资", "对手",
        ];
        let after = self.skip_space_fwd(c.e);
        let before = self.skip_space_back(c.s);
        if self.followed_by(after, &AFTER) || self.ends_with_any(before, &BEFORE).is_some() {
            return true;
        }
        // ORG TITLE PERSON
        if let Some(&i) = near.chain_at.get(&after) {
            let p = self.skip_space_fwd(chains[i].e);
            return kept.starts.contains(&p);
        }
        false
    }

    fn person_context(
        &self,
        c: &Cand,
        chains: &[Chain],
        near: &Near,
        kept: &KeptPersons<'a>,
    ) -> bool {
        let (before_words, after_words) = (&self.lex.person_before, &self.lex.person_after);
        let after = self.skip_space_fwd(c.e);
        let before = self.skip_space_back(c.s);
        if near.after_chain.contains(&c.s) {
            return true;
        }
        let text = self.view(c.s, c.e);
        // One Latin word before 宣布 is a firm more often than a person
        // (`Coinbase宣布推出`); its organisation reading takes it there.
        let after_word = self.starts_with_any(after, after_words);
        let announces = self.one_latin_word(c)
            && after_word.is_some_and(|n| self.view(after, after + n) == "宣布");
        if after_word.is_some() && !announces
            || after_word.is_none() && self.followed_by(after, after_words)
            || self.ends_with_any(before, before_words).is_some()
        {
            return true;
        }
        if self.titled_after(c, after, chains, near, kept) {
            return true;
        }
        // `范洁恩（Jane Fraser）`: the Latin form of a name just told.
        let paren = (before > 0 && matches!(self.ch(before - 1), Some('(' | '（')))
            .then(|| self.skip_space_back(before - 1));
        if text.is_ascii() && paren.is_some_and(|p| kept.ends.contains(&p)) {
            return true;
        }
        // The same name kept elsewhere, or part of a longer kept name.
        if kept.names.contains(text) || (text.is_ascii() && kept.words.contains(text)) {
            return true;
        }
        // 和/与/、 between two people. Kept persons never overlap, so only
        // the nearest one on each side can be separated by a connector alone.
        let connects = |gap: &str| matches!(gap.trim(), "和" | "与" | "、" | "及" | "以及");
        let before_kept = kept.ends.range(..=c.s).next_back();
        let after_kept = kept.starts.range(c.e..).next();
        before_kept.is_some_and(|&e| connects(self.view(e, c.s)))
            || after_kept.is_some_and(|&s| connects(self.view(c.e, s)))
    }

    /// A Chinese name with a title after it (`习近平主席发表`, `温家宝总理说`)
    /// and no name after the title: `腾讯 CEO 马化腾` and `Figure创始人Brett`
    /// name the firm first. The name is made of words the dictionary tags
    /// as names (or does not know), and is neither an office (宣传部/nr 部长)
    /// or a place (梁赞州州长), nor a firm the rules know (任天堂社长), nor a
    /// preposition before a name (向普京/nr 总统), nor the tail of a longer
    /// name (帕夫洛|普洛斯 总统, 诺思/nrt 兰德 董事长).
    fn titled_after(
        &self,
        c: &Cand,
        after: usize,
        chains: &[Chain],
        near: &Near,
        kept: &KeptPersons<'a>,
    ) -> bool {
        let Some(&i) = near.chain_at.get(&after) else {
            return false;
        };
        let text = self.view(c.s, c.e);
        let (Some(first), Some(last)) = (text.chars().next(), text.chars().last()) else {
            return false;
        };
        let office_or_place = "部办厅局委处室署区县市省州镇村乡".contains(last);
        let firm = self.lex.known.get(text).is_some_and(|k| k.ty != Ty::Person);
        if !text.chars().all(is_han) || person::JOINING.contains(first) || office_or_place || firm {
            return false;
        }
        let (k0, k1) = (self.tok_of[c.s], self.tok_of[c.e - 1]);
        let named = k0 != usize::MAX
            && k1 != usize::MAX
            && (k0..=k1).all(|k| self.tok_tag(k).is_none_or(|g| g.starts_with("nr")));
        let prev = (c.s > 0).then(|| self.tok_of[c.s - 1]);
        let trans_tail = prev.is_some_and(|k| {
            person::all_trans(self, c.s - 1, c.e)
                || k != usize::MAX
                    && self.doc.tokens[k].end == c.s
                    && self.tok_tag(k).is_some_and(|g| g.starts_with("nr"))
        });
        if !named || trans_tail {
            return false;
        }
        let p = self.skip_space_fwd(chains[i].e);
        // What follows the title is no name: punctuation, a function word,
        // a verb of speech, or a verb or adverb (`主席发表`, `总统随后`), and
        // not a noun (`合伙人委员会`).
        let verb = self
            .word_tag_at(p)
            .is_some_and(|g| ["v", "d", "p", "c", "u"].iter().any(|f| g.starts_with(f)));
        let ends = verb
            || self.ch(p).is_none_or(|ch| {
                !(is_han(ch) || ch.is_alphanumeric())
                    || person::NOT_GIVEN.contains(ch)
                    || self.followed_by(p, &self.lex.person_after)
            });
        ends && !kept.starts.contains(&p)
    }

    /// A candidate's name as written, its normalized and canonical forms,
    /// and the key its mentions are grouped by (canonical, else normalized).
    fn named(&self, c: &Cand) -> Named {
        let name = self.doc.clean_slice(c.s, c.e).to_string();
        let normalized = self.lex.norm(self.view(c.s, c.e));
        // A registered name is the known name it registers
        // (中国工商银行股份有限公司 is ICBC).
        let canonical = c
            .canonical
            .clone()
            .or_else(|| self.lex.canonical(&normalized))
            .or_else(|| {
                let core = org::LEGAL.iter().find_map(|l| normalized.strip_suffix(l))?;
                self.lex.canonical(core)
            });
        let key = canonical.clone().unwrap_or_else(|| normalized.clone());
        Named {
            name,
            normalized,
            canonical,
            key,
        }
    }

    fn assemble(&self, taken: Vec<Cand>, chains: &[Chain]) -> (Vec<Person>, Vec<Organization>) {
        // Organisations first (titles name them).
        let mut orgs: Vec<Organization> = Vec::new();
        let mut org_at: Vec<(Span, usize)> = Vec::new();
        let mut org_index: HashMap<String, usize> = HashMap::new();
        for c in taken.iter().filter(|c| matches!(c.ty, Ty::Org(_))) {
            let Ty::Org(kind) = c.ty else { continue };
            let Named {
                name,
                normalized,
                canonical,
                key,
            } = self.named(c);
            let idx = *org_index.entry(key).or_insert_with(|| {
                orgs.push(Organization {
                    name,
                    normalized,
                    canonical,
                    kind,
                    mentions: Vec::new(),
                });
                orgs.len() - 1
            });
            orgs[idx].mentions.push([c.s, c.e]);
            org_at.push(([c.s, c.e], idx));
        }
        org::merge_short_names(self, &mut orgs, &mut org_at);
        org::merge_parenthesized(self, &mut orgs, &mut org_at);
        org::name_from_mentions(self, &mut orgs);
        org::acting_investors(self, &mut orgs);

        let mut persons: Vec<Person> = Vec::new();
        let mut person_index: HashMap<String, usize> = HashMap::new();
        for c in taken.iter().filter(|c| c.ty == Ty::Person) {
            let Named {
                name,
                normalized,
                canonical,
                key,
            } = self.named(c);
            let idx = *person_index.entry(key).or_insert_with(|| {
                persons.push(Person {
                    name,
                    normalized,
                    canonical,
                    mentions: Vec::new(),
                    titles: Vec::new(),
                });
                persons.len() - 1
            });
            persons[idx].mentions.push([c.s, c.e]);
            for t in self.titles_of(c, chains, &org_at, &orgs) {
                if !persons[idx].titles.contains(&t) {
                    persons[idx].titles.push(t);
                }
            }
        }
        let persons = person::merge(self, persons);
        for o in &mut orgs {
            o.mentions.sort();
            o.mentions.dedup();
        }
        orgs.sort_by_key(|o| o.mentions.first().copied());
        (persons, orgs)
    }

    /// Titles of one person mention: a chain right before it (`前 CTO
    /// Mira`), with the organisation before the chain; or an office verb and
    /// a chain after it (`秦湘辞去首席执行官`), with the organisation before
    /// the person.
    fn titles_of(
        &self,
        c: &Cand,
        chains: &[Chain],
        org_at: &[(Span, usize)],
        orgs: &[Organization],
    ) -> Vec<Title> {
        let org_ending = |i: usize| -> Option<String> {
            let mut b = self.skip_space_back(i);
            if b > 0 && self.chars[b - 1] == '的' {
                b = self.skip_space_back(b - 1);
            }
            org_at
                .iter()
                .find(|(sp, _)| sp[1] == b)
                .map(|(_, idx)| orgs[*idx].normalized.clone())
        };
        let mut out = Vec::new();
        if let Some(ch) = chains.iter().find(|ch| self.skip_space_fwd(ch.e) == c.s) {
            let org = org_ending(ch.lead);
            for t in &ch.titles {
                out.push(Title {
                    title: t.clone(),
                    organization: org.clone(),
                    former: ch.former,
                });
            }
        }
        const OFFICE: [&str; 12] = [
            "辞去",
            "辞任",
            "卸任",
            "出任",
            "担任",
            "接任",
            "就任",
            "升任",
            "转任",
            "兼任",
            "不再担任",
            "任",
        ];
        let after = self.skip_space_fwd(c.e);
        if let Some(k) = self.starts_with_any(after, &OFFICE) {
            let at = self.skip_space_fwd(after + k);
            if let Some(ch) = chains.iter().find(|ch| ch.lead == at || ch.s == at) {
                let org = org_ending(c.s).or_else(|| org_ending(ch.lead));
                let former = ch.former;
                for t in &ch.titles {
                    out.push(Title {
                        title: t.clone(),
                        organization: org.clone(),
                        former,
                    });
                }
            }
        }
        out
    }
}

/// Where title chains stand, for the context tests: looked up by position
/// instead of searched for each candidate.
struct Near {
    /// The first chain (in chain order) whose lead starts at a position.
    chain_at: HashMap<usize, usize>,
    /// First non-space position after each chain.
    after_chain: std::collections::HashSet<usize>,
}

impl Near {
    fn new(ctx: &Ctx, chains: &[Chain]) -> Near {
        let mut chain_at = HashMap::new();
        for (i, ch) in chains.iter().enumerate() {
            chain_at.entry(ch.lead).or_insert(i);
        }
        let after_chain = chains.iter().map(|ch| ctx.skip_space_fwd(ch.e)).collect();
        Near {
            chain_at,
            after_chain,
        }
    }
}

/// The persons kept so far by the context rounds, indexed so that each
/// candidate's tests cost the same in a long document as in a short one.
#[derive(Default)]
struct KeptPersons<'a> {
    starts: std::collections::BTreeSet<usize>,
    ends: std::collections::BTreeSet<usize>,
    names: std::collections::HashSet<&'a str>,
    /// The parts of each name between spaces and middle dots.
    words: std::collections::HashSet<&'a str>,
}

impl<'a> KeptPersons<'a> {
    fn add(&mut self, c: &Cand, text: &'a str) {
        self.starts.insert(c.s);
        self.ends.insert(c.e);
        self.names.insert(text);
        self.words.extend(text.split([' ', '·']));
    }
}
