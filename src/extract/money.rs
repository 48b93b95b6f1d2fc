//! Money: a number, its magnitude and a currency, in every order news
//! writes them (`66億美元`, `人民币5000万元`, `港币3.5亿`, `九块九`,
//! `每股1.95港元`, `89.11美元/盎司`), with ranges, qualifiers, restated
//! equivalents and amounts whose currency comes from context.
//!
//! Rules: `rules/currencies.tsv` (names to ISO codes), `rules/units.tsv`
//! (magnitudes, sub-units, per-unit price units), `rules/qualifiers.tsv`
//! and `rules/money_context.tsv`.

use super::number::{
    self, Lexicon, Magnitudes, Number, Work, is_cjk_char, next_char, prev_char, skip_spaces,
    skip_spaces_back,
};
use super::{Document, Extraction, Extractor};
use crate::decimal::Decimal;
use crate::record::{CurrencySource, Money, Qualifier};
use crate::rules::{RuleError, RuleSet};
use crate::text::CharSet;
use std::sync::LazyLock;

pub const CURRENCIES_FILE: &str = "currencies.tsv";
pub const QUALIFIERS_FILE: &str = "qualifiers.tsv";
pub const CONTEXT_FILE: &str = "money_context.tsv";

#[derive(Debug, Clone)]
struct Currency {
    code: String,
    suffix: bool,
    prefix: bool,
}

/// Qualifier words before and after an amount, from `rules/qualifiers.tsv`.
#[derive(Debug, Clone, Default)]
pub struct Qualifiers {
    pub before: Lexicon<Qualifier>,
    pub after: Lexicon<Qualifier>,
}

impl Qualifiers {
    pub fn new(rules: &RuleSet) -> Result<Qualifiers, RuleError> {
        let file = rules.require(QUALIFIERS_FILE)?;
        let mut q = Qualifiers::default();
        for (n, f) in file.rows(3, 3)? {
            let kind = match f[1] {
                "about" => Qualifier::About,
                "over" => Qualifier::Over,
                "at_least" => Qualifier::AtLeast,
                "under" => Qualifier::Under,
                "at_most" => Qualifier::AtMost,
                "nearly" => Qualifier::Nearly,
                other => {
                    return Err(file.error(
                        n,
                        format!(
                            "qualifier {other:?} is not about, over, at_least, under, at_most or nearly"
                        ),
                    ));
                }
            };
            match f[2] {
                "before" => q.before.insert(f[0], kind),
                "after" => q.after.insert(f[0], kind),
                other => {
                    return Err(file.error(n, format!("position {other:?} is not before or after")));
                }
            };
        }
        Ok(q)
    }

    /// The qualifier written just before byte `pos` (one space allowed):
    /// its kind, its start and the word.
    pub fn before_at<'s>(&self, s: &'s str, pos: usize) -> Option<(Qualifier, usize, &'s str)> {
        let p = skip_spaces_back(s, pos, 1);
        let (&q, start) = self.before.before(s, p)?;
        let word = &s[start..p];
        let prev = prev_char(s, start);
        // 最近, 附近 are not 近; 组合, 结合 are not 合; 高超 is not 超.
        let bad = match word {
            "近" => prev.is_some_and(|c| "最附临靠亲接将逼".contains(c)),
            "合" => prev.is_some_and(|c| is_cjk_char(c) && !"约折".contains(c)),
            "超" => prev.is_some_and(|c| "高赶".contains(c)),
            "约" => prev.is_some_and(|c| "合签节契条公预制".contains(c)),
            _ => false,
        };
        (!bad).then_some((q, start, word))
    }

    /// The qualifier written just after byte `pos`: its kind and end.
    pub fn after_at(&self, s: &str, pos: usize) -> Option<(Qualifier, usize)> {
        let p = skip_spaces(s, pos, 1);
        let (&q, end) = self.after.at(s, p)?;
        let word = &s[p..end];
        // `多` and `余` after an amount only at the end of the phrase.
        if (word == "多" || word == "余")
            && next_char(s, end).is_some_and(|c| is_cjk_char(c) && c != '的')
        {
            return None;
        }
        Some((q, end))
    }
}

/// One amount being built, in bytes of the work text.
#[derive(Debug, Clone)]
struct Found {
    /// Start of the amount text (number or prefix currency).
    start: usize,
    end: usize,
    /// Start including a qualifier before it.
    lead: usize,
    value: Decimal,
    max: Option<Decimal>,
    currency: String,
    source: CurrencySource,
    qualifier: Option<Qualifier>,
    qualifier_word: String,
    per: Option<String>,
}

pub struct MoneyExtractor {
    mags: Magnitudes,
    currencies: Lexicon<Currency>,
    pub qualifiers: Qualifiers,
    counts: Lexicon<()>,
    rates: Lexicon<()>,
    not_after: Lexicon<()>,
    /// Last characters of currency words, and opening sub-units.
    anchors: CharSet,
}

/// Start of the clause that holds byte `at` of `s`: just after the last of
/// `ends` before it, or 0.
fn clause_start(s: &str, at: usize, ends: &[char]) -> usize {
    s[..at]
        .rfind(ends)
        .map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8))
}

impl MoneyExtractor {
    /// Drops the figures of an exchange rate, which name no amount of
    /// money: both sides of `1美元兑162日元`, and the quote after a
    /// currency pair in its clause (`人民币兑美元报7.25元`). A rate word
    /// (the `rate` entries of the context rules: 兑, 汇率) counts only
    /// between currencies or figures, so `承兑汇票` and `兑付债券` keep
    /// their amounts.
    fn drop_exchange_rates(&self, s: &str, found: &mut Vec<Found>) {
        // End of a rate word at `at` (兑, 兑换, 汇率), if one starts there.
        let rate_word = |at: usize| {
            let rest = s.get(at..).unwrap_or("");
            self.rates
                .words()
                .filter(|r| rest.starts_with(r))
                .map(|r| at + r.len())
                .max()
                .map(|e| {
                    if s[e..].starts_with('换') {
                        e + '换'.len_utf8()
                    } else {
                        e
                    }
                })
        };
        // A currency pair `美元兑人民币` in `text` (from byte `from` of s):
        // the end of the pair's rate word.
        let pair_end = |from: usize, to: usize| {
            let mut best = None;
            for (i, _) in s[from..to].char_indices() {
                let at = from + i;
                if let Some(e) = rate_word(at)
                    && (self.currencies.before(s, at).is_some()
                        || self.currencies.at(s, e).is_some())
                {
                    best = Some(e);
                }
            }
            best
        };
        let reach = self.rates.words().map(str::len).max().unwrap_or(0) + '换'.len_utf8();
        let mut drop = vec![false; found.len()];
        for i in 0..found.len() {
            let f = &found[i];
            // `1美元兑162日元`: a rate word right after, then the next figure.
            let after = skip_spaces(s, f.end, 2);
            if let (Some(e), Some(next)) = (rate_word(after), found.get(i + 1))
                && next.lead == skip_spaces(s, e, 2)
            {
                drop[i] = true;
                drop[i + 1] = true;
            }
            // `人民币兑美元报7.25元`: a pair earlier in the clause, with no
            // other figure between.
            // The pair's rate word ends at most 24 bytes before the figure:
            // only the end of the clause is searched.
            let from = clause_start(s, f.lead, &['，', ',', '。', '；', ';', '！', '？', '\n'])
                .max(s.floor_char_boundary(f.lead.saturating_sub(24 + reach)));
            if let Some(e) = pair_end(from, f.lead) {
                let between = found[..i].iter().any(|g| g.start >= e);
                if !between && f.lead - e <= 24 {
                    drop[i] = true;
                }
            }
        }
        let mut k = 0;
        found.retain(|_| {
            k += 1;
            !drop[k - 1]
        });
    }

    pub fn new(rules: &RuleSet) -> Result<MoneyExtractor, RuleError> {
        let mags = Magnitudes::new(rules)?;
        let file = rules.require(CURRENCIES_FILE)?;
        let mut currencies: Lexicon<Currency> = Lexicon::new();
        for (n, f) in file.rows(3, 3)? {
            let code = f[1];
            if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(file.error(n, format!("{code:?} is not an ISO 4217 code")));
            }
            let (suffix, prefix) = match f[2] {
                "suffix" => (true, false),
                "prefix" => (false, true),
                "both" => (true, true),
                other => {
                    return Err(file.error(n, format!("{other:?} is not suffix, prefix or both")));
                }
            };
            let c = Currency {
                code: code.to_string(),
                suffix,
                prefix,
            };
            // A Traditional name may fold onto its Simplified twin; a name
            // with two different codes is a mistake.
            let folded: String = f[0].chars().map(number::fold).collect();
            if let Some((prev, _)) = currencies.at(&folded, 0)
                && currencies
                    .at(&folded, 0)
                    .is_some_and(|(_, e)| e == folded.len())
                && prev.code != c.code
            {
                return Err(file.error(
                    n,
                    format!("currency name {:?} is listed with two codes", f[0]),
                ));
            }
            currencies.insert(f[0], c);
        }
        if currencies.is_empty() {
            return Err(file.file_error("no currency is defined"));
        }
        let qualifiers = Qualifiers::new(rules)?;
        let file = rules.require(CONTEXT_FILE)?;
        let (mut counts, mut rates, mut not_after) =
            (Lexicon::new(), Lexicon::new(), Lexicon::new());
        for (n, f) in file.rows(2, 2)? {
            match f[1] {
                "count" => counts.insert(f[0], ()),
                "rate" => rates.insert(f[0], ()),
                "not_after" => not_after.insert(f[0], ()),
                other => {
                    return Err(
                        file.error(n, format!("kind {other:?} is not count, rate or not_after"))
                    );
                }
            };
        }
        // Where an amount's currency can be: the last characters of the
        // currency words (fewer and rarer than their first), and the
        // sub-units that open an amount (毛 and 角, `两毛五`; 分 follows one
        // of them or 元).
        let anchors = CharSet::new(
            currencies
                .words()
                .filter_map(|w| w.chars().next_back())
                .chain(
                    mags.subunits
                        .iter()
                        .filter(|&(_, &e)| e == 1)
                        .map(|(&c, _)| c),
                ),
        );
        Ok(MoneyExtractor {
            mags,
            currencies,
            qualifiers,
            counts,
            rates,
            not_after,
            anchors,
        })
    }

    /// The characters an amount's currency word or opening sub-unit ends
    /// with: where [`MoneyExtractor::find`] looks.
    pub fn anchors(&self) -> &CharSet {
        &self.anchors
    }

    /// A currency name starting at `pos` (one space allowed before it).
    fn suffix_at(&self, s: &str, pos: usize) -> Option<(&Currency, usize)> {
        let p = skip_spaces(s, pos, 1);
        let (c, end) = self.currencies.at(s, p)?;
        if !c.suffix {
            return None;
        }
        let word = &s[p..end];
        let next = next_char(s, end);
        if word.bytes().all(|b| b.is_ascii_alphabetic())
            && next.is_some_and(|c| c.is_ascii_alphabetic())
        {
            return None;
        }
        if self.not_after.at(s, end).is_some() {
            return None;
        }
        // 块 is also a measure word (三块屏幕): money only before 钱, a
        // digit (九块九), a qualifier or the end of the phrase.
        if word == "块" {
            let ok = next.is_none_or(|c| {
                !is_cjk_char(c) || number::cn_digit(c).is_some() || "钱多左上以".contains(c)
            });
            if !ok {
                return None;
            }
        }
        Some((c, end))
    }

    /// A prefix currency name ending at `pos` (one space allowed).
    fn prefix_before(&self, s: &str, pos: usize) -> Option<(&Currency, usize)> {
        let p = skip_spaces_back(s, pos, 1);
        let (c, start) = self.currencies.before(s, p)?;
        if !c.prefix {
            return None;
        }
        let word = &s[start..p];
        if word.bytes().all(|b| b.is_ascii_alphabetic())
            && prev_char(s, start).is_some_and(|c| c.is_ascii_alphabetic())
        {
            return None;
        }
        // An exchange rate (美元兑人民币7.1, 美元/人民币) names no amount.
        let before = &s[..start];
        let from = before
            .char_indices()
            .rev()
            .take(3)
            .last()
            .map_or(start, |(b, _)| b);
        let tail = &before[from..];
        if tail.ends_with('/') || self.rates.words().any(|r| tail.contains(r)) {
            return None;
        }
        Some((c, start))
    }

    /// Sub-units after a unit at power `level` (0 for 元, 1 for 毛):
    /// `1角1分`, and with `colloquial` the bare digit one step down
    /// (`九块九` 0.9, `两毛五` 0.05).
    fn subunits(
        &self,
        s: &str,
        pos: usize,
        value: &mut Decimal,
        level: u32,
        colloquial: bool,
    ) -> usize {
        let mut p = pos;
        let mut level = level;
        while let Some(c) = next_char(s, p)
            && number::starts_number(c)
            && !matches!(c, '-' | '负' | '数' | '上' | '几')
        {
            let Some(n) = number::parse_with(&self.mags, s, p) else {
                break;
            };
            if n.has_magnitude
                || n.max.is_some()
                || n.value.is_negative()
                || n.value >= Decimal::from_int(10)
                || !n.value.is_integer()
            {
                break;
            }
            if let Some(u) = next_char(s, n.end)
                && let Some(&exp) = self.mags.subunits.get(&u)
                && exp > level
            {
                if let Some(add) = shift_down(n.value, exp) {
                    *value = value.checked_add(add).unwrap_or(*value);
                }
                level = exp;
                p = n.end + u.len_utf8();
                continue;
            }
            if colloquial
                && level < 2
                && !next_char(s, n.end).is_some_and(|c| is_cjk_char(c) && !"钱的".contains(c))
                && let Some(add) = shift_down(n.value, level + 1)
            {
                *value = value.checked_add(add).unwrap_or(*value);
                p = n.end;
            }
            break;
        }
        if s[p..].starts_with('钱') {
            p += '钱'.len_utf8();
        }
        p
    }

    /// The per-unit of a price: `/盎司` after the amount.
    fn per_after(&self, s: &str, pos: usize) -> Option<(String, usize)> {
        let rest = &s[pos..];
        let body = rest.strip_prefix('/').or_else(|| rest.strip_prefix('每'))?;
        let start = pos + (rest.len() - body.len());
        self.mags
            .per_units
            .iter()
            .find(|u| body.starts_with(u.as_str()))
            .map(|u| (u.clone(), start + u.len()))
    }

    /// The per-unit written before the amount: `每股`.
    fn per_before(&self, s: &str, pos: usize) -> Option<(String, usize)> {
        let p = skip_spaces_back(s, pos, 1);
        // Only a 每 just before can open one: look for it first.
        let from =
            s.floor_char_boundary(p.saturating_sub(self.mags.per_unit_bytes + '每'.len_utf8()));
        if !s[from..p].contains('每') {
            return None;
        }
        for u in &self.mags.per_units {
            if s[..p].ends_with(u.as_str()) {
                let b = p - u.len();
                if s[..b].ends_with('每') {
                    return Some((u.clone(), b - '每'.len_utf8()));
                }
            }
        }
        None
    }

    fn find(&self, doc: &Document, w: &Work) -> Vec<Found> {
        let s = w.text.as_str();
        // Numbers are read only near a currency word (where an amount can
        // end or start) and, in its sentence and the next, near 万 and 亿
        // (amounts whose currency is inferred).
        let mut windows: Vec<(usize, usize)> = Vec::new();
        let mut sentences: Vec<(usize, usize)> = Vec::new();
        for &last in w.marked(&self.anchors).iter() {
            let last = last as usize;
            let Some(c) = next_char(s, last) else {
                continue;
            };
            let end = last + c.len_utf8();
            let at = match self.currencies.before(s, end) {
                Some((_, start)) => start,
                None if self.mags.subunits.get(&c) == Some(&1) => last,
                None => continue,
            };
            let from = number::figure_start(s, s.floor_char_boundary(at.saturating_sub(60)));
            let to = s.ceil_char_boundary((end + 40).min(s.len()));
            windows.push((from, to));
            let ch = w.char_at(at);
            let sent = doc.sentence_of(ch);
            let next = doc.sentence_of(sent[1]);
            let end = if next[0] >= sent[1] { next[1] } else { sent[1] };
            let (a, b) = (w.byte_at(sent[0]), w.byte_at(end.max(ch + 1)));
            match sentences.last_mut() {
                Some(r) if r.1 >= a => r.1 = r.1.max(b),
                _ => sentences.push((a, b)),
            }
        }
        if windows.is_empty() {
            return Vec::new();
        }
        static MAGNITUDES: LazyLock<[memchr::memmem::Finder<'static>; 2]> = LazyLock::new(|| {
            ["亿", "万"].map(|m| memchr::memmem::Finder::new(m.as_bytes()).into_owned())
        });
        for &(a, b) in &sentences {
            for finder in MAGNITUDES.iter() {
                for i in finder.find_iter(&s.as_bytes()[a..b]) {
                    let p = a + i;
                    let from = number::figure_start(s, s.floor_char_boundary(p.saturating_sub(30)));
                    windows.push((from, s.ceil_char_boundary((p + 6).min(s.len()))));
                }
            }
        }
        windows.sort_unstable();
        let mut regions: Vec<(usize, usize)> = Vec::new();
        for (a, b) in windows {
            match regions.last_mut() {
                Some(r) if r.1 >= a => r.1 = r.1.max(b),
                _ => regions.push((a, b)),
            }
        }
        let mut nums: Vec<Number> = Vec::new();
        for &(a, b) in &regions {
            let before = nums.len();
            let a = a.max(nums.last().map_or(0, |n: &Number| n.end));
            if a >= b {
                continue;
            }
            number::scan_range(&self.mags, s, a, b, &mut nums);
            let phones: Vec<(usize, usize)> = number::phones(&s[a..b])
                .into_iter()
                .map(|(x, y)| (a + x, a + y))
                .collect();
            if !phones.is_empty() {
                let mut k = before;
                while k < nums.len() {
                    if phones
                        .iter()
                        .any(|&(x, y)| nums[k].start < y && x < nums[k].end)
                    {
                        nums.remove(k);
                    } else {
                        k += 1;
                    }
                }
            }
        }
        let mut found: Vec<Found> = Vec::new();
        let mut bare: Vec<(Number, usize)> = Vec::new();
        let mut k = 0;
        let mut consumed = 0usize;
        while k < nums.len() {
            let n = nums[k].clone();
            k += 1;
            if n.start < consumed {
                continue;
            }
            // A lone Chinese digit matters only right before a currency,
            // a sub-unit or the other end of a range (`两到三万港元`).
            if n.weak {
                let p = skip_spaces(s, n.end, 1);
                let ok = next_char(s, p).is_some_and(|c| {
                    self.currencies.may_start(c)
                        || matches!(c, '毛' | '角' | '到' | '至' | '-' | '~')
                });
                if !ok {
                    continue;
                }
            }
            // A range: `5000万至1亿元`, `两到三万港元`, `1-2亿美元`.
            let mut lo = n.value;
            let mut hi = n.max;
            let mut end = n.end;
            let mut fuzzy = n.fuzzy;
            let mut weak = n.weak;
            if let Some(m) = nums.get(k) {
                let gap = s[n.end..m.start].trim();
                if is_range_word(gap)
                    && !m.weak
                    && n.max.is_none()
                    && m.max.is_none()
                    && !m.value.is_negative()
                    && self.suffix_at(s, m.end).is_some()
                {
                    let mut l = n.value;
                    if !n.has_magnitude && m.trailing_exp > 0 {
                        l = l.checked_mul_pow10(m.trailing_exp).unwrap_or(l);
                    }
                    if l < m.value {
                        lo = l;
                        hi = Some(m.value);
                        end = m.end;
                        fuzzy |= m.fuzzy;
                        weak = false;
                        k += 1;
                    }
                }
            }
            let glued = number::not_a_figure(s, &n);
            // Fuzzy `多`/`余` between the number and the currency.
            let mut after_num = end;
            let p = skip_spaces(s, after_num, 1);
            if (s[p..].starts_with('多') || s[p..].starts_with('余'))
                && self.suffix_at(s, p + 3).is_some()
            {
                fuzzy = true;
                after_num = p + 3;
            }
            let mut cur: Option<(String, usize)> = None;
            let mut start = n.start;
            let mut small_word = "";
            if let Some((c, cend)) = self.suffix_at(s, after_num) {
                let word = &s[skip_spaces(s, after_num, 1)..cend];
                let small = matches!(word, "元" | "块" | "块钱");
                if weak && !small {
                    continue;
                }
                if !glued || self.prefix_before(s, n.start).is_some() {
                    cur = Some((c.code.clone(), cend));
                    if small {
                        small_word = if word == "元" { "元" } else { "块" };
                    }
                }
            }
            // A prefix currency: `人民币5000万元`, `US$100`.
            let mut inner_q: Option<(Qualifier, String)> = None;
            if !weak {
                let qual_inside = self.qualifiers.before_at(s, n.start);
                let at = qual_inside.map(|q| q.1).unwrap_or(n.start);
                if let Some((c, pstart)) = self.prefix_before(s, at)
                    && pstart >= consumed
                {
                    let code = c.code.clone();
                    // A generic 元 after a named currency belongs to it
                    // (`新台币1,200元`).
                    let same = cur.as_ref().is_none_or(|(sc, _)| *sc == code) || small_word == "元";
                    if same {
                        // `人民币5000万元`: the 元 stays part of it.
                        let cend = cur.as_ref().map(|c| c.1).unwrap_or(after_num);
                        cur = Some((code, cend));
                        start = pstart;
                        inner_q = qual_inside.map(|q| (q.0, q.2.to_string()));
                        if code_is_not_cny(&cur) {
                            small_word = "";
                        }
                    }
                }
            }
            if glued && start == n.start {
                continue;
            }
            let mut value = lo;
            let mut end_b;
            let code;
            if let Some((c, cend)) = cur {
                code = c;
                end_b = cend;
                if code == "CNY" && hi.is_none() && !small_word.is_empty() && value.is_integer() {
                    end_b = self.subunits(s, cend, &mut value, 0, small_word == "块");
                }
            } else if let Some(u) = next_char(s, skip_spaces(s, end, 1))
                && let Some(&exp) = self.mags.subunits.get(&u)
                && exp == 1
                && next_char(s, skip_spaces(s, end, 1) + u.len_utf8()).is_none_or(|c| {
                    !is_cjk_char(c) || number::cn_digit(c).is_some() || "钱左多".contains(c)
                })
                && !n.has_magnitude
                && hi.is_none()
                && n.value.is_integer()
                && n.value < Decimal::from_int(100)
            {
                // `两毛五`, `5角`.
                let ustart = skip_spaces(s, end, 1);
                let Some(v) = shift_down(lo, exp) else {
                    continue;
                };
                value = v;
                code = "CNY".to_string();
                end_b = self.subunits(s, ustart + u.len_utf8(), &mut value, 1, true);
            } else {
                if n.large && !n.weak && hi.is_none() {
                    bare.push((n.clone(), end));
                }
                continue;
            }
            let mut per = None;
            if let Some((u, _)) = self.per_before(s, start) {
                per = Some(u);
            }
            let text_end = end_b;
            if per.is_none()
                && let Some((u, _)) = self.per_after(s, end_b)
            {
                per = Some(u);
            }
            // Qualifiers.
            let mut qualifier = None;
            let mut qualifier_word = String::new();
            let mut lead = start;
            if let Some((q, word)) = inner_q {
                qualifier = Some(q);
                qualifier_word = word;
            } else if let Some((q, qs, word)) = self.qualifiers.before_at(s, start) {
                qualifier = Some(q);
                qualifier_word = word.to_string();
                lead = qs;
            }
            if qualifier.is_none() {
                let mut p = text_end;
                if let Some((u, e)) = self.per_after(s, p) {
                    let _ = u;
                    p = e;
                }
                if let Some((q, _)) = self.qualifiers.after_at(s, p) {
                    qualifier = Some(q);
                }
            }
            if qualifier.is_none() && fuzzy {
                qualifier = Some(Qualifier::Over);
            }
            consumed = text_end;
            let _ = doc;
            found.push(Found {
                start,
                end: text_end,
                lead,
                value,
                max: hi,
                currency: code,
                source: CurrencySource::Explicit,
                qualifier,
                qualifier_word,
                per,
            });
        }
        merge_ranges(s, &mut found);
        self.infer(doc, w, &mut found, bare);
        found
    }

    /// Bare amounts (`其中 13 亿`) take the currency of money in the same
    /// or the previous sentence.
    fn infer(&self, doc: &Document, w: &Work, found: &mut Vec<Found>, bare: Vec<(Number, usize)>) {
        let s = w.text.as_str();
        let mut added = Vec::new();
        for (n, end) in bare {
            if found.iter().any(|f| n.start < f.end && f.start < end) {
                continue;
            }
            // It must end its phrase: punctuation, a qualifier or the end.
            let p = skip_spaces(s, end, 2);
            let (qualifier, p) = match self.qualifiers.after_at(s, p) {
                Some((q, e)) => (Some(q), skip_spaces(s, e, 2)),
                None => (None, p),
            };
            let ends_phrase =
                next_char(s, p).is_none_or(|c| "，,。；;、)）!！?？\n\"”」』".contains(c));
            if !ends_phrase {
                continue;
            }
            // A count in the clause (用户数达1亿) is not money.
            let from = clause_start(s, n.start, &['，', ',', '。', '；', ';', '：', ':', '\n']);
            let clause = &s[from..n.start];
            let has_count = clause.char_indices().any(|(b, _)| {
                self.counts.at(clause, b).is_some_and(|(_, e)| {
                    clause[b..e].chars().count() >= 2 || &clause[b..e] == "股"
                })
            });
            if has_count {
                continue;
            }
            let ch = w.char_at(n.start);
            let sent = doc.sentence_of(ch);
            let prev_sent = doc.sentence_of(sent[0].saturating_sub(1));
            let from = if prev_sent[1] <= sent[0] {
                prev_sent[0]
            } else {
                sent[0]
            };
            let from_b = w.byte_at(from);
            let ctx = found.iter().rfind(|f| {
                f.source == CurrencySource::Explicit && f.start >= from_b && f.end <= n.start
            });
            let Some(ctx) = ctx else { continue };
            let (q_before, lead) = match self.qualifiers.before_at(s, n.start) {
                Some((q, qs, _)) => (Some(q), qs),
                None => (None, n.start),
            };
            added.push(Found {
                start: n.start,
                end,
                lead,
                value: n.value,
                max: n.max,
                currency: ctx.currency.clone(),
                source: CurrencySource::Inferred,
                qualifier: q_before
                    .or(qualifier)
                    .or(n.fuzzy.then_some(Qualifier::Over)),
                qualifier_word: String::new(),
                per: None,
            });
        }
        found.extend(added);
        found.sort_by_key(|f| f.start);
    }
}

fn code_is_not_cny(cur: &Option<(String, usize)>) -> bool {
    cur.as_ref().is_some_and(|(c, _)| c != "CNY")
}

/// Words joining the two ends of a range.
fn is_range_word(gap: &str) -> bool {
    matches!(
        gap,
        "至" | "到" | "-" | "~" | "—" | "–" | "－" | "～" | "—至"
    )
}

/// `v / 10^exp`, exactly.
fn shift_down(v: Decimal, exp: u32) -> Option<Decimal> {
    Some(Decimal::new(v.mantissa(), v.scale().checked_add(exp)?))
}

/// `1亿元至2亿元`: two amounts of one currency joined by 至/到/- become
/// one range.
fn merge_ranges(s: &str, found: &mut Vec<Found>) {
    let mut i = 0;
    while i + 1 < found.len() {
        let (a, b) = (&found[i], &found[i + 1]);
        let mut gap = s.get(a.end..b.lead).unwrap_or("").trim();
        // `95.59元/股至97.54元/股`: the first unit's per-unit goes too.
        if let Some(per) = &a.per {
            for lead in ["/", "每"] {
                if let Some(rest) = gap
                    .strip_prefix(lead)
                    .and_then(|r| r.strip_prefix(per.as_str()))
                {
                    gap = rest.trim();
                }
            }
        }
        // `3000万元-5000万元`: the dash was read as a sign.
        let dash = gap.is_empty() && b.value.is_negative() && s[b.start..].starts_with('-');
        if (is_range_word(gap) || dash)
            && a.currency == b.currency
            && a.max.is_none()
            && b.max.is_none()
            && b.qualifier.is_none()
            && a.per == b.per
            && a.value < if dash { b.value.neg() } else { b.value }
        {
            let mut b = found.remove(i + 1);
            if dash {
                b.value = b.value.neg();
            }
            let a = &mut found[i];
            a.max = Some(b.value);
            a.end = b.end;
            continue;
        }
        i += 1;
    }
}

impl Extractor for MoneyExtractor {
    fn name(&self) -> &'static str {
        "money"
    }

    fn extract(&self, doc: &Document, out: &mut Extraction) {
        let w = doc.work();
        let mut found = self.find(doc, w);
        let s = w.text.as_str();
        self.drop_exchange_rates(s, &mut found);
        let base = out.money.len();
        for (i, f) in found.iter().enumerate() {
            let (start, end) = (w.char_at(f.start), w.char_at(f.end));
            // A restatement in another currency: `66億美元(約合464億人民幣)`.
            let mut equivalent_of = None;
            // The words between allow at most a few characters (and some
            // spaces): amounts farther apart are never checked.
            if i > 0 && found[i - 1].end + 64 >= f.lead {
                let a = &found[i - 1];
                let gap = s.get(a.end..f.lead).unwrap_or("");
                let g: String = gap.chars().filter(|c| !c.is_whitespace()).collect();
                let paren = matches!(g.as_str(), "(" | "（" | "(即" | "（即");
                // `12亿元融资（约合1.65亿美元）`: a short word may sit between
                // when the restatement says 约合.
                let head = g.trim_end_matches(['(', '（']);
                let says = matches!(f.qualifier_word.as_str(), "约合" | "折合" | "合")
                    && (matches!(g.as_str(), "" | "," | "，" | "(" | "（" | "即")
                        || (head.chars().count() <= 4
                            && head.len() < g.len()
                            && head.chars().all(is_cjk_char)));
                let equal = matches!(
                    g.as_str(),
                    "相当于" | ",相当于" | "，相当于" | "(相当于" | "（相当于"
                );
                if a.currency != f.currency && (paren || says || equal) {
                    equivalent_of = Some(base + i - 1);
                }
            }
            out.money.push(Money {
                text: doc.clean_slice(start, end).to_string(),
                start,
                end,
                value: f.value,
                max: f.max,
                currency: f.currency.clone(),
                currency_source: f.source,
                qualifier: f.qualifier,
                equivalent_of,
                per: f.per.clone(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Normalizer;
    use crate::rules::RuleFile;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    /// Amounts of `text`, read as the pipeline reads them: the work text
    /// records where the currency words end.
    fn run(text: &str) -> Vec<Money> {
        let view = Normalizer::new().normalize(text).text;
        let ex = MoneyExtractor::new(&RuleSet::builtin()).unwrap();
        let doc = Document::new(text, &view, Vec::new()).with_marks(ex.anchors());
        let mut out = Extraction::default();
        ex.extract(&doc, &mut out);
        out.money
    }

    #[test]
    fn full_width_thousands_separators_before_a_decimal_part() {
        assert_eq!(
            brief("成交额24，041，300.00元；今日无单向竞价。"),
            vec![(
                "24，041，300.00元".to_string(),
                d("24041300.00"),
                None,
                "CNY".to_string()
            )]
        );
    }

    #[test]
    fn currency_places_recorded_or_found_give_the_same_amounts() {
        let ex = MoneyExtractor::new(&RuleSet::builtin()).unwrap();
        for text in [
            "OpenAI完成66億美元(約合464億人民幣)融資，其中13億由Thrive Capital領投。",
            "公司拟以5000万至1亿元回购，每股不超过12.5港元，两毛五一份。",
            "元人民币2亿元；US$100；3万元欧元；新臺幣1,200元。",
        ] {
            let view = Normalizer::new().normalize(text).text;
            let marked = Document::new(text, &view, Vec::new()).with_marks(ex.anchors());
            let bare = Document::new(text, &view, Vec::new());
            // The recorded places are those a scan finds.
            assert_eq!(
                marked.work().marked(ex.anchors()).into_owned(),
                ex.anchors().positions(&bare.work().text),
                "{text}"
            );
            let (mut a, mut b) = (Extraction::default(), Extraction::default());
            ex.extract(&marked, &mut a);
            ex.extract(&bare, &mut b);
            assert!(!a.money.is_empty(), "{text}");
            let key = |m: &Money| (m.start, m.end, m.value, m.max, m.currency.clone());
            assert_eq!(
                a.money.iter().map(key).collect::<Vec<_>>(),
                b.money.iter().map(key).collect::<Vec<_>>(),
                "{text}"
            );
        }
    }

    /// (text, value, max, currency) of each amount.
    fn brief(text: &str) -> Vec<(String, Decimal, Option<Decimal>, String)> {
        run(text)
            .into_iter()
            .map(|m| (m.text, m.value, m.max, m.currency))
            .collect()
    }

    fn one(text: &str) -> Money {
        let mut all = run(text);
        assert_eq!(all.len(), 1, "{text}: {all:?}");
        all.remove(0)
    }

    #[test]
    fn number_unit_currency_in_every_order() {
        let cases = [
            ("公司获得66億美元融资", "66億美元", "6600000000", "USD"),
            ("公司获得66亿美元融资", "66亿美元", "6600000000", "USD"),
            (
                "注册资本人民币5000万元。",
                "人民币5000万元",
                "50000000",
                "CNY",
            ),
            (
                "注冊資本人民幣5000萬元。",
                "人民幣5000萬元",
                "50000000",
                "CNY",
            ),
            ("募资港币3.5亿，", "港币3.5亿", "350000000", "HKD"),
            ("募資港幣3.5億，", "港幣3.5億", "350000000", "HKD"),
            ("这件衣服九块九。", "九块九", "9.9", "CNY"),
            ("這件衣服九塊九。", "九塊九", "9.9", "CNY"),
            ("一根冰棍两毛五。", "两毛五", "0.25", "CNY"),
            ("一根冰棍兩毛五。", "兩毛五", "0.25", "CNY"),
            ("共计123元1角1分。", "123元1角1分", "123.11", "CNY"),
            ("票价新台币1,200元", "新台币1,200元", "1200", "TWD"),
            ("票價新臺幣1,200元", "新臺幣1,200元", "1200", "TWD"),
            ("罚款1.1万亿日元", "1.1万亿日元", "1100000000000", "JPY"),
            ("损失0.35亿英镑", "0.35亿英镑", "35000000", "GBP"),
            ("收购价3亿欧元", "3亿欧元", "300000000", "EUR"),
            ("收購價3億歐元", "3億歐元", "300000000", "EUR"),
            ("投资50万亿韩元", "50万亿韩元", "50000000000000", "KRW"),
            ("成本2000万瑞郎", "2000万瑞郎", "20000000", "CHF"),
            ("售价１２０万澳元", "１２０万澳元", "1200000", "AUD"),
            ("估计40亿加元", "40亿加元", "4000000000", "CAD"),
            ("共5亿新加坡元", "5亿新加坡元", "500000000", "SGD"),
            ("赔偿300亿卢布", "300亿卢布", "30000000000", "RUB"),
            ("融资50亿卢比", "50亿卢比", "5000000000", "INR"),
            ("投资100亿泰铢", "100亿泰铢", "10000000000", "THB"),
            ("营收为 1570 億美元，", "1570 億美元", "157000000000", "USD"),
            ("这笔钱相当于US$1.5亿，", "US$1.5亿", "150000000", "USD"),
        ];
        for (text, want, v, cur) in cases {
            let m = one(text);
            assert_eq!(
                (m.text.as_str(), m.value, m.currency.as_str()),
                (want, d(v), cur),
                "{text}"
            );
            assert_eq!(m.currency_source, CurrencySource::Explicit);
        }
    }

    #[test]
    fn offsets_are_characters_of_the_clean_text() {
        let m = one("Stripe 本週籌得 66 億美元資金");
        assert_eq!((m.start, m.end), (12, 18));
        assert_eq!(m.text, "66 億美元");
    }

    #[test]
    fn per_unit_prices() {
        let m = one("每股1.95港元");
        assert_eq!(
            (m.value, m.currency.as_str(), m.per.as_deref()),
            (d("1.95"), "HKD", Some("股"))
        );
        assert_eq!(m.text, "1.95港元");
        let m = one("现货白银现报89.11美元/盎司。");
        assert_eq!(
            (m.value, m.currency.as_str(), m.per.as_deref()),
            (d("89.11"), "USD", Some("盎司"))
        );
        let m = one("現貨白銀現報89.11美元/盎司。");
        assert_eq!((m.value, m.per.as_deref()), (d("89.11"), Some("盎司")));
        let m = one("每股派息0.5元");
        assert_eq!(m.per, None);
    }

    #[test]
    fn ranges_carry_the_unit_to_the_lower_end() {
        assert_eq!(
            brief("融资额5000万至1亿元"),
            vec![(
                "5000万至1亿元".into(),
                d("50000000"),
                Some(d("100000000")),
                "CNY".into()
            )]
        );
        assert_eq!(
            brief("年薪两到三万港元"),
            vec![(
                "两到三万港元".into(),
                d("20000"),
                Some(d("30000")),
                "HKD".into()
            )]
        );
        assert_eq!(
            brief("年薪兩到三萬港元"),
            vec![(
                "兩到三萬港元".into(),
                d("20000"),
                Some(d("30000")),
                "HKD".into()
            )]
        );
        assert_eq!(
            brief("规模1-2亿美元"),
            vec![(
                "1-2亿美元".into(),
                d("100000000"),
                Some(d("200000000")),
                "USD".into()
            )]
        );
        assert_eq!(
            brief("预计1亿元至2亿元"),
            vec![(
                "1亿元至2亿元".into(),
                d("100000000"),
                Some(d("200000000")),
                "CNY".into()
            )]
        );
        assert_eq!(
            brief("拟3000万元-5000万元回购"),
            vec![(
                "3000万元-5000万元".into(),
                d("30000000"),
                Some(d("50000000")),
                "CNY".into()
            )]
        );
        assert_eq!(
            brief("报价50–65.7美元/公斤"),
            vec![("50–65.7美元".into(), d("50"), Some(d("65.7")), "USD".into())]
        );
        let all = run("价格区间95.59元/股至97.54元/股，");
        assert_eq!(
            (all.len(), all[0].max, all[0].per.as_deref()),
            (1, Some(d("97.54")), Some("股"))
        );
        assert_eq!(
            brief("约八九亿元"),
            vec![(
                "八九亿元".into(),
                d("800000000"),
                Some(d("900000000")),
                "CNY".into()
            )]
        );
    }

    #[test]
    fn qualifiers_before_and_after() {
        let cases = [
            ("约5亿元", Qualifier::About, "5亿元"),
            ("約5億元", Qualifier::About, "5億元"),
            ("大约 70 亿美元用于训练", Qualifier::About, "70 亿美元"),
            ("5亿元左右", Qualifier::About, "5亿元"),
            ("5亿元上下", Qualifier::About, "5亿元"),
            ("超过5亿元", Qualifier::Over, "5亿元"),
            ("超過5億元", Qualifier::Over, "5億元"),
            ("逾5亿元", Qualifier::Over, "5亿元"),
            ("5亿元以上", Qualifier::Over, "5亿元"),
            ("100多万元", Qualifier::Over, "100多万元"),
            ("3亿多元", Qualifier::Over, "3亿多元"),
            ("二百余万元", Qualifier::Over, "二百余万元"),
            ("至少5亿元", Qualifier::AtLeast, "5亿元"),
            ("不少于5亿元", Qualifier::AtLeast, "5亿元"),
            ("不低於5億元", Qualifier::AtLeast, "5億元"),
            ("不到5亿元", Qualifier::Under, "5亿元"),
            ("不足5亿元", Qualifier::Under, "5亿元"),
            ("低于5亿元", Qualifier::Under, "5亿元"),
            ("5亿元以下", Qualifier::Under, "5亿元"),
            ("至多5亿元", Qualifier::AtMost, "5亿元"),
            ("最多5亿元", Qualifier::AtMost, "5亿元"),
            ("不超过5亿元", Qualifier::AtMost, "5亿元"),
            ("不超過5億元", Qualifier::AtMost, "5億元"),
            ("回购价不超25元", Qualifier::AtMost, "25元"),
            ("近5亿元", Qualifier::Nearly, "5亿元"),
            ("将近5亿元", Qualifier::Nearly, "5亿元"),
            ("接近5亿元", Qualifier::Nearly, "5亿元"),
            ("將近5億元", Qualifier::Nearly, "5億元"),
        ];
        for (text, q, t) in cases {
            let m = one(text);
            assert_eq!((m.qualifier, m.text.as_str()), (Some(q), t), "{text}");
        }
        assert_eq!(one("100多万元").value, d("1000000"));
        assert_eq!(one("3亿多元").value, d("300000000"));
        // A verb, not a qualifier.
        let m = one("規模超過了馬斯克的60億美元融資");
        assert_eq!((m.qualifier, m.value), (None, d("6000000000")));
        let m = one("规模超过了马斯克的60亿美元融资");
        assert_eq!(m.qualifier, None);
        assert_eq!(one("最近5亿元").qualifier, None);
    }

    #[test]
    fn equivalents_link_back() {
        let all = run(
            "本輪募得 66 億美元(約合 464 億人民幣)，投後估值 1570 億美元(約合 1.1 萬億人民幣)。",
        );
        let got: Vec<_> = all
            .iter()
            .map(|m| (m.text.as_str(), m.value, m.equivalent_of, m.qualifier))
            .collect();
        assert_eq!(
            got,
            vec![
                ("66 億美元", d("6600000000"), None, None),
                (
                    "464 億人民幣",
                    d("46400000000"),
                    Some(0),
                    Some(Qualifier::About)
                ),
                ("1570 億美元", d("157000000000"), None, None),
                (
                    "1.1 萬億人民幣",
                    d("1100000000000"),
                    Some(2),
                    Some(Qualifier::About)
                ),
            ]
        );
        let all = run("公司获得66亿美元（约合464亿人民币）融资");
        assert_eq!(all[1].equivalent_of, Some(0));
        assert_eq!(all[1].text, "464亿人民币");
        // Two amounts of one sentence are not restatements.
        let all = run("营收10亿美元，利润5亿元");
        assert_eq!(all[1].equivalent_of, None);
    }

    #[test]
    fn inferred_currency_from_context() {
        let all = run("本轮融资66億美元，其中 13 億 ，由基金领投。");
        assert_eq!(all.len(), 2);
        assert_eq!(
            (all[1].text.as_str(), all[1].value),
            ("13 億", d("1300000000"))
        );
        assert_eq!(
            (all[1].currency.as_str(), all[1].currency_source),
            ("USD", CurrencySource::Inferred)
        );
        let all = run("公司融资66亿美元。其中13亿来自一家基金，另有7亿，");
        assert_eq!(all.len(), 2, "{all:?}");
        assert_eq!(all[1].value, d("700000000"));
        // No money context, or a count: not money.
        assert!(run("该应用拥有超过 2.5 亿每周活跃用户。").is_empty());
        assert!(run("擁有超過 2.5 億每週活躍用戶，").is_empty());
        assert!(run("有至少100个人参加").is_empty());
        assert!(run("全国人口14亿，").is_empty());
        let all = run("融资10亿元，用户数达到1亿，");
        assert_eq!(all.len(), 1);
    }

    #[test]
    fn false_friends() {
        assert!(run("李四人民币").is_empty());
        let all = run("估值从700亿美元一跃到1570亿美元");
        assert_eq!(
            all.iter().map(|m| m.value).collect::<Vec<_>>(),
            vec![d("70000000000"), d("157000000000")]
        );
        let all = run("從 700 億美元一躍到1570 億美元");
        assert_eq!(all.len(), 2);
        let all = run("3万元欧元");
        assert!(all.len() <= 1);
        assert_eq!(all[0].value, d("30000"));
        assert!(run("2024元旦").is_empty());
        assert!(run("买了三块屏幕").is_empty());
        assert!(run("美元兑人民币7.1，").is_empty());
        // A currency already used by one amount does not open the next.
        let all = run("置换约8.584亿美元2028到期债券");
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].value, d("858400000"));
        assert!(run("GPT-4o美元").is_empty());
        assert!(run("电话13800138000元").is_empty());
        for junk in [
            "元",
            "美元",
            "-",
            "人民币-",
            "块九",
            "毛",
            "一块",
            "US$",
            "9999999999999999999999999999999999999999亿元",
        ] {
            let _ = run(junk);
        }
    }

    #[test]
    fn bad_rule_files_are_refused() {
        let mut rules = RuleSet::builtin();
        rules.insert(RuleFile::new(
            CURRENCIES_FILE,
            "x/currencies.tsv",
            "美元\tUSD\tsuffix\n比特币\tbtc\tsuffix\n",
        ));
        let err = MoneyExtractor::new(&rules).err().unwrap();
        assert_eq!(
            err.to_string(),
            "x/currencies.tsv:2: \"btc\" is not an ISO 4217 code"
        );
        rules.insert(RuleFile::new(
            CURRENCIES_FILE,
            "x/currencies.tsv",
            "# c\n美元\tUSD\tafter\n",
        ));
        let err = MoneyExtractor::new(&rules).err().unwrap();
        assert_eq!(
            err.to_string(),
            "x/currencies.tsv:2: \"after\" is not suffix, prefix or both"
        );
        let mut rules = RuleSet::builtin();
        rules.insert(RuleFile::new(
            QUALIFIERS_FILE,
            "x/q.tsv",
            "约\tabout\tbefore\n逾\tmore\tbefore\n",
        ));
        let err = MoneyExtractor::new(&rules).err().unwrap();
        assert!(
            err.to_string().starts_with("x/q.tsv:2: qualifier \"more\""),
            "{err}"
        );
        let mut rules = RuleSet::builtin();
        rules.insert(RuleFile::new(CONTEXT_FILE, "x/c.tsv", "用户\n"));
        let err = MoneyExtractor::new(&rules).err().unwrap();
        assert_eq!(
            err.to_string(),
            "x/c.tsv:1: expected 2 tab-separated fields, found 1"
        );
    }

    /// Text and value of each amount of `text`.
    fn amounts(text: &str) -> Vec<(String, Decimal)> {
        run(text)
            .iter()
            .map(|m| (m.text.clone(), m.value))
            .collect()
    }

    #[test]
    fn exchange_rates_are_not_amounts() {
        let texts: Vec<String> = run("1美元兑162日元。离岸人民币兑美元报7.25元。欧元兑美元上涨0.3%至1.1636美元。1美元兑换约17600印尼盾。")
            .iter()
            .map(|m| m.text.clone())
            .collect();
        assert!(texts.is_empty(), "{texts:?}");
        // 兑 inside other words, and amounts beside a rate in another clause.
        assert_eq!(
            amounts(
                "银行承兑汇票增加513亿元。公司斥资1亿美元兑付债券。美元兑人民币汇率升至7.1，公司营收12亿元。"
            ),
            vec![
                ("513亿元".to_string(), d("51300000000")),
                ("1亿美元".to_string(), d("100000000")),
                ("12亿元".to_string(), d("1200000000")),
            ]
        );
    }

    #[test]
    fn a_bare_magnitude_before_a_larger_one_is_one_of_it() {
        assert_eq!(
            amounts("市场规模将破百亿元，营收突破千亿元，奖金百万元。"),
            vec![
                ("百亿元".to_string(), d("10000000000")),
                ("千亿元".to_string(), d("100000000000")),
                ("百万元".to_string(), d("1000000")),
            ]
        );
        // Without a currency it is no figure, and alone it is no number.
        assert!(run("百度千万不要百亿补贴。").is_empty());
    }
}
