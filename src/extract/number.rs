//! The one number parser for Chinese news: Arabic and Chinese numerals,
//! magnitudes, fuzzy counts and ranges, with exact decimals.
//!
//! Every stage that reads figures (money, percentages, dates) parses them
//! here. Values are [`Decimal`]s built by exact shifts and sums: `1.1萬億`
//! is `1100000000000`, never a float product.
//!
//! The parser works on a [`Work`] text: the document's view with a few
//! Traditional characters folded to Simplified one for one (so rules match
//! whatever the normalizer already did) and full-width commas kept, because
//! `1,100` and `1，100` do not mean the same thing.

use crate::decimal::Decimal;
use crate::rules::{RuleError, RuleSet};
use crate::text::{CharIndex, CharSet};
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// One bit per BMP character: whether [`fold`] changes it.
static FOLDS: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut bits = vec![0u64; 0x10000 / 64];
    for cp in 0..0x10000u32 {
        if let Some(c) = char::from_u32(cp)
            && fold(c) != c
        {
            debug_assert_eq!(c.len_utf8(), fold(c).len_utf8());
            bits[cp as usize / 64] |= 1 << (cp % 64);
        }
    }
    bits
});

/// Traditional to Simplified, one character for one, for the characters
/// the figure rules use. Both sides are three-byte characters, so the
/// folded text keeps every byte offset of the view.
pub fn fold(c: char) -> char {
    match c {
        '億' => '亿',
        '電' => '电',
        '訊' => '讯',
        '盤' => '盘',
        '後' => '后',
        '萬' => '万',
        '兩' => '两',
        '貳' => '贰',
        '參' => '叁',
        '陸' => '陆',
        '幾' => '几',
        '數' => '数',
        '餘' => '余',
        '約' => '约',
        '過' => '过',
        '幣' => '币',
        '臺' => '台',
        '圓' => '圆',
        '達' => '达',
        '為' => '为',
        '於' => '于',
        '將' => '将',
        '個' => '个',
        '點' => '点',
        '鎊' => '镑',
        '韓' => '韩',
        '塊' => '块',
        '錢' => '钱',
        '負' => '负',
        '號' => '号',
        '週' => '周',
        '盧' => '卢',
        '銖' => '铢',
        '門' => '门',
        '蘭' => '兰',
        '爾' => '尔',
        '歐' => '欧',
        '亞' => '亚',
        '躍' => '跃',
        '從' => '从',
        '漲' => '涨',
        '飆' => '飙',
        '値' => '值',
        '價' => '价',
        '額' => '额',
        '總' => '总',
        '資' => '资',
        '隨' => '随',
        '戶' => '户',
        '輛' => '辆',
        '張' => '张',
        '項' => '项',
        '場' => '场',
        '頓' => '顿',
        '噸' => '吨',
        '來' => '来',
        '劃' => '划',
        '僅' => '仅',
        '僱' => '雇',
        '買' => '买',
        '賣' => '卖',
        '實' => '实',
        '際' => '际',
        '權' => '权',
        '兌' => '兑',
        '淨' => '净',
        '營' => '营',
        '虧' => '亏',
        '損' => '损',
        '齡' => '龄',
        '臉' => '脸',
        '銷' => '销',
        '訂' => '订',
        '單' => '单',
        '絲' => '丝',
        '載' => '载',
        '閱' => '阅',
        '讀' => '读',
        '瀏' => '浏',
        '覽' => '览',
        '訪' => '访',
        '問' => '问',
        '觀' => '观',
        '層' => '层',
        '條' => '条',
        '間' => '间',
        '計' => '计',
        '設' => '设',
        '備' => '备',
        '對' => '对',
        '現' => '现',
        '開' => '开',
        '發' => '发',
        '佈' => '布',
        '當' => '当',
        '馬' => '马',
        _ => c,
    }
}

/// The text the figure extractors match on, with its own character index.
pub struct Work {
    pub text: String,
    pub index: CharIndex,
    /// Byte offsets of the characters of `marked_set` in `text` (after
    /// folding), found in the same pass that folds.
    marked: Vec<u32>,
    marked_set: Option<u64>,
}

impl Work {
    /// The document's view with the figure rules' Traditional characters
    /// folded (see [`fold`]). Each fold keeps the character's three bytes,
    /// so the view's character index serves the work text as well. The
    /// same pass records where the characters of `marks` stand (see
    /// [`Work::marked`]). Built once per document by
    /// [`super::Document::work`].
    pub(crate) fn build(view: &str, index: &CharIndex, marks: Option<&CharSet>) -> Work {
        let folds = &*FOLDS;
        let is_fold = |c: char| {
            folds
                .get(c as usize / 64)
                .is_some_and(|w| w >> (c as usize % 64) & 1 != 0)
        };
        let mut hits: Vec<(usize, char)> = Vec::new();
        let mut marked: Vec<u32> = Vec::new();
        for (i, c) in view.char_indices() {
            let c = if is_fold(c) {
                let f = fold(c);
                hits.push((i, f));
                f
            } else {
                c
            };
            if marks.is_some_and(|m| m.contains(c)) {
                marked.push(i as u32);
            }
        }
        let mut text = view.to_string();
        let mut buf = [0u8; 4];
        for (i, f) in hits {
            let f = f.encode_utf8(&mut buf);
            text.replace_range(i..i + f.len(), f);
        }
        Work {
            text,
            index: index.clone(),
            marked,
            marked_set: marks.map(CharSet::id),
        }
    }

    /// A work text from a plain string (for tests and tools).
    pub fn from_text(s: &str) -> Work {
        let text: String = s
            .chars()
            .map(|c| {
                if c == '，' {
                    c
                } else {
                    fold(crate::normalize::half_width(c))
                }
            })
            .collect();
        let index = CharIndex::new(&text);
        Work {
            text,
            index,
            marked: Vec::new(),
            marked_set: None,
        }
    }

    /// Byte offsets of the characters of `set` in the text: recorded when
    /// the text was built with this set, found now otherwise.
    pub fn marked(&self, set: &CharSet) -> std::borrow::Cow<'_, [u32]> {
        if self.marked_set == Some(set.id()) {
            std::borrow::Cow::Borrowed(&self.marked)
        } else {
            std::borrow::Cow::Owned(set.positions(&self.text))
        }
    }

    pub fn char_at(&self, b: usize) -> usize {
        self.index.char(b)
    }

    pub fn byte_at(&self, c: usize) -> usize {
        self.index.byte(c)
    }
}

/// A parsed number.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    /// Byte range in the text parsed.
    pub start: usize,
    pub end: usize,
    pub value: Decimal,
    /// Upper bound of a range such as `八九亿`.
    pub max: Option<Decimal>,
    /// A fuzzy count (`三十几万`, `一千多万`, `上百万`): `value` is the
    /// lower bound.
    pub fuzzy: bool,
    /// One Chinese digit with no magnitude (`一`, `两`): a number only where
    /// the context says so (`九块九`), never on its own (`一直`, `统一`).
    pub weak: bool,
    /// Written with Arabic digits (at least partly).
    pub arabic: bool,
    /// Has a magnitude of 万 or more.
    pub large: bool,
    /// Any magnitude at all (十 and up).
    pub has_magnitude: bool,
    /// Power of ten of the magnitude run after the last digit (`3万` 4,
    /// `2千万` 7, `1亿` 8): carried to the lower end of a range.
    pub trailing_exp: u32,
}

/// A fixed-size list for the parser's tokens: no allocation per number.
/// Pushing past the end marks the list full and is ignored.
struct Buf<T: Copy> {
    items: [T; 24],
    len: usize,
    full: bool,
}

impl<T: Copy> Buf<T> {
    fn new(fill: T) -> Buf<T> {
        Buf {
            items: [fill; 24],
            len: 0,
            full: false,
        }
    }

    fn push(&mut self, t: T) {
        if self.len < self.items.len() {
            self.items[self.len] = t;
            self.len += 1;
        } else {
            self.full = true;
        }
    }

    fn pop(&mut self) -> Option<T> {
        (self.len > 0).then(|| {
            self.len -= 1;
            self.items[self.len]
        })
    }

    fn clear(&mut self) {
        self.len = 0;
    }
}

impl<T: Copy> std::ops::Deref for Buf<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.items[..self.len]
    }
}

impl<T: Copy> std::ops::DerefMut for Buf<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        &mut self.items[..self.len]
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok {
    Num(Decimal, bool),
    Range(u8, u8),
    Small(u32),
    Large(u32),
    Zero,
}

/// Magnitude characters, from `rules/units.tsv`.
#[derive(Debug, Clone)]
pub struct Magnitudes {
    /// `(exp, large)` per character.
    map: FxHashMap<char, (u32, bool)>,
    /// Sub-units of a currency (`角` -1, `毛` -1, `分` -2).
    pub subunits: FxHashMap<char, u32>,
    /// Units of per-unit prices (`股`, `盎司`, `吨`), longest first.
    pub per_units: Vec<String>,
    /// Bytes of the longest per-unit.
    pub per_unit_bytes: usize,
}

pub const UNITS_FILE: &str = "units.tsv";

impl Magnitudes {
    pub fn new(rules: &RuleSet) -> Result<Magnitudes, RuleError> {
        let file = rules.require(UNITS_FILE)?;
        let mut map = FxHashMap::default();
        let mut subunits = FxHashMap::default();
        let mut per_units = Vec::new();
        for (n, f) in file.rows(2, 3)? {
            let kind = f.get(2).copied().unwrap_or("");
            if kind == "per" {
                per_units.push(f[0].chars().map(fold).collect());
                continue;
            }
            let mut chars = f[0].chars();
            let (Some(c), None) = (chars.next(), chars.next()) else {
                return Err(file.error(n, format!("unit {:?} must be one character", f[0])));
            };
            let c = fold(c);
            match kind {
                "small" | "large" => {
                    let exp: u32 = f[1]
                        .parse()
                        .ok()
                        .filter(|e| (1..=16).contains(e))
                        .ok_or_else(|| {
                            file.error(n, format!("exponent {:?} is not 1 to 16", f[1]))
                        })?;
                    map.insert(c, (exp, kind == "large"));
                }
                "subunit" => {
                    let exp: i32 = f[1].parse().map_err(|_| {
                        file.error(n, format!("exponent {:?} is not a number", f[1]))
                    })?;
                    if !(-4..=-1).contains(&exp) {
                        return Err(file.error(n, "a sub-unit exponent is -1 to -4"));
                    }
                    subunits.insert(c, (-exp) as u32);
                }
                other => {
                    return Err(file.error(
                        n,
                        format!("kind {other:?} is not small, large, subunit or per"),
                    ));
                }
            }
        }
        if !map.values().any(|&(_, large)| large) {
            return Err(file.file_error("no large magnitude (万, 亿) is defined"));
        }
        per_units.sort_by_key(|u: &String| std::cmp::Reverse(u.chars().count()));
        let per_unit_bytes = per_units.iter().map(String::len).max().unwrap_or(0);
        Ok(Magnitudes {
            map,
            subunits,
            per_units,
            per_unit_bytes,
        })
    }

    /// The magnitudes of the built-in rules.
    pub fn builtin() -> &'static Magnitudes {
        static M: LazyLock<Magnitudes> = LazyLock::new(|| {
            Magnitudes::new(&RuleSet::builtin()).expect("built-in units are valid")
        });
        &M
    }

    pub fn get(&self, c: char) -> Option<(u32, bool)> {
        self.map.get(&c).copied()
    }
}

/// Value of a Chinese digit character.
pub fn cn_digit(c: char) -> Option<u8> {
    Some(match c {
        '〇' | '零' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

fn char_before(s: &str, b: usize) -> Option<char> {
    s.get(..b).and_then(|p| p.chars().next_back())
}

fn char_after(s: &str, b: usize) -> Option<char> {
    s.get(b..).and_then(|p| p.chars().next())
}

/// Parses an Arabic run at `i`: digits, separators, decimals. Returns the
/// value and the end.
fn arabic_at(s: &str, i: usize) -> Option<(Decimal, usize)> {
    let b = s.as_bytes();
    let mut mantissa: i128 = 0;
    let add = |d: u8, m: &mut i128| -> Option<()> {
        *m = m.checked_mul(10)?.checked_add((d - b'0') as i128)?;
        Some(())
    };
    let mut j = i;
    while j < b.len() && b[j].is_ascii_digit() {
        add(b[j], &mut mantissa)?;
        j += 1;
    }
    if j == i {
        return None;
    }
    // Thousands separators: strict groups of three after a 1-3 digit head.
    // A full-width comma is a list separator unless the figure goes
    // straight on into a magnitude or unit (`1，100万`).
    if j - i <= 3 {
        let mut k = j;
        let mut grouped = mantissa;
        let mut full_width = false;
        loop {
            let sep_len = if s[k..].starts_with(',') {
                1
            } else if s[k..].starts_with('，') {
                3
            } else {
                break;
            };
            let g = k + sep_len;
            let digits = b[g..].iter().take_while(|c| c.is_ascii_digit()).count();
            if digits != 3 {
                break;
            }
            full_width |= sep_len == 3;
            for &d in &b[g..g + 3] {
                add(d, &mut grouped)?;
            }
            k = g + 3;
        }
        // Or into a decimal part (`24，041，300.00元`): list items do not
        // carry one.
        let ok = !full_width
            || char_after(s, k).is_some_and(|c| {
                is_cjk(c) && !matches!(c, '和' | '与' | '及' | '或' | '个' | '家' | '人')
            })
            || (b.get(k) == Some(&b'.') && b.get(k + 1).is_some_and(u8::is_ascii_digit));
        if k > j && ok {
            mantissa = grouped;
            j = k;
        }
    }
    let mut scale = 0u32;
    if j + 1 < b.len() && b[j] == b'.' && b[j + 1].is_ascii_digit() {
        let mut k = j + 1;
        while k < b.len() && b[k].is_ascii_digit() {
            if scale < 30 {
                add(b[k], &mut mantissa)?;
                scale += 1;
            }
            k += 1;
        }
        j = k;
    }
    Some((Decimal::new(mantissa, scale), j))
}

/// Parses the longest number starting at byte `i` of `s`.
pub fn parse_at(s: &str, i: usize) -> Option<Number> {
    parse_with(Magnitudes::builtin(), s, i)
}

/// [`parse_at`] with the given magnitudes.
pub fn parse_with(m: &Magnitudes, s: &str, i: usize) -> Option<Number> {
    let mut j = i;
    let mut neg = false;
    if s[j..].starts_with('-') || s[j..].starts_with('−') {
        let prev = char_before(s, i);
        if prev.is_some_and(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        neg = true;
        j += if s[j..].starts_with('-') { 1 } else { 3 };
    } else if s[j..].starts_with('负') {
        neg = true;
        j += 3;
    } else if s[j..].starts_with('+') {
        j += 1;
    }
    // A lone Chinese digit (`一直`, `统一`): weak, decided without the
    // full grammar.
    if !neg
        && let Some(c) = char_after(s, j)
        && c != '零'
        && c != '〇'
        && let Some(d) = cn_digit(c)
        && char_after(s, j + c.len_utf8()).is_none_or(|n| {
            !(n.is_ascii_digit()
                || cn_digit(n).is_some()
                || m.get(n).is_some()
                || matches!(n, '几' | '多' | '余' | '个' | '廿' | '卅'))
        })
    {
        return Some(Number {
            start: i,
            end: j + c.len_utf8(),
            value: Decimal::from_int(d as i128),
            max: None,
            fuzzy: false,
            weak: true,
            arabic: false,
            large: false,
            has_magnitude: false,
            trailing_exp: 0,
        });
    }
    let mut toks: Buf<Tok> = Buf::new(Tok::Zero);
    let mut fuzzy = false;
    let mut arabic = false;
    let mut cn_digits = 0usize;
    let mut positional: Buf<u8> = Buf::new(0);
    let mut end = j;
    let mut lead_fuzzy = false;
    let mut bare_lead = false;
    // `数百万`, `上亿`: a fuzzy lead before a magnitude.
    if let Some(c) = char_after(s, j)
        && matches!(c, '数' | '上' | '几')
        && char_after(s, j + 3).is_some_and(|n| m.get(n).is_some())
    {
        lead_fuzzy = true;
        fuzzy = true;
        toks.push(Tok::Num(Decimal::from_int(1), false));
        j += 3;
        end = j;
    } else if let Some(c) = char_after(s, j)
        && matches!(c, '百' | '千' | '佰' | '仟')
    {
        // `百亿元`, `千万元`: a bare magnitude before a larger one counts
        // one of it (一百亿, 一千万); alone (百度, 千家万户) it is no figure.
        // Weak, like a lone digit: a figure only before a currency
        // (`千万不要` is an adverb).
        if !char_after(s, j + 3).is_some_and(|n| matches!(n, '万' | '亿' | '萬' | '億')) {
            return None;
        }
        bare_lead = true;
        toks.push(Tok::Num(Decimal::from_int(1), false));
    }
    let flush_positional = |positional: &mut Buf<u8>, toks: &mut Buf<Tok>| {
        match positional.len() {
            0 => {}
            1 => toks.push(Tok::Num(Decimal::from_int(positional[0] as i128), false)),
            2 if positional[0] != 0 && positional[1] == positional[0] + 1 => {
                toks.push(Tok::Range(positional[0], positional[1]))
            }
            _ => {
                let mut v: i128 = 0;
                for d in positional.iter() {
                    v = v.saturating_mul(10).saturating_add(*d as i128);
                }
                toks.push(Tok::Num(Decimal::from_int(v), false));
            }
        }
        positional.clear();
    };
    while let Some(c) = char_after(s, j) {
        if c.is_ascii_digit() {
            if !positional.is_empty()
                || matches!(toks.last(), Some(Tok::Num(..)) | Some(Tok::Range(..)))
            {
                break;
            }
            let Some((v, k)) = arabic_at(s, j) else { break };
            toks.push(Tok::Num(v, true));
            arabic = true;
            j = k;
            end = j;
            // `1570 亿`: a space before a magnitude.
            let mut k2 = j;
            while s[k2..].starts_with(' ') && k2 - j < 2 {
                k2 += 1;
            }
            if k2 > j && char_after(s, k2).is_some_and(|n| m.get(n).is_some()) {
                j = k2;
            }
            continue;
        }
        if let Some(d) = cn_digit(c) {
            if matches!(toks.last(), Some(Tok::Num(_, true))) {
                break;
            }
            if d == 0 && (c == '零') && positional.is_empty() && !toks.is_empty() {
                toks.push(Tok::Zero);
            } else {
                positional.push(d);
                cn_digits += 1;
            }
            j += c.len_utf8();
            end = j;
            continue;
        }
        if c == '廿' || c == '卅' {
            flush_positional(&mut positional, &mut toks);
            toks.push(Tok::Num(
                Decimal::from_int(if c == '廿' { 2 } else { 3 }),
                false,
            ));
            toks.push(Tok::Small(1));
            cn_digits += 1;
            j += 3;
            end = j;
            continue;
        }
        if let Some((exp, large)) = m.get(c) {
            flush_positional(&mut positional, &mut toks);
            if toks.is_empty() && (large || exp != 1) {
                // Only 十 may open a number (`千万` alone is an adverb).
                break;
            }
            toks.push(if large {
                Tok::Large(exp)
            } else {
                Tok::Small(exp)
            });
            j += c.len_utf8();
            end = j;
            continue;
        }
        if c == '几' && !toks.is_empty() {
            flush_positional(&mut positional, &mut toks);
            fuzzy = true;
            j += 3;
            end = j;
            continue;
        }
        if (c == '多' || c == '余') && !toks.is_empty() {
            // Inside a number only before a magnitude: `一千多万`.
            if char_after(s, j + 3).is_some_and(|n| m.get(n).is_some()) {
                flush_positional(&mut positional, &mut toks);
                fuzzy = true;
                j += 3;
                continue;
            }
            break;
        }
        if c == '个'
            && (!toks.is_empty() || !positional.is_empty())
            && char_after(s, j + 3).is_some_and(|n| m.get(n).is_some_and(|(e, l)| l && e >= 8))
        {
            // `3个亿`.
            j += 3;
            continue;
        }
        break;
    }
    // A lone `零` at the start is a plain zero.
    flush_positional(&mut positional, &mut toks);
    while matches!(toks.last(), Some(Tok::Zero)) {
        toks.pop();
    }
    if toks.is_empty() || toks.full || positional.full {
        return None;
    }
    if lead_fuzzy && toks.len() == 1 {
        return None;
    }
    // Colloquial tail: `一万五` is 15000, `两千三` 2300.
    let n = toks.len();
    if n >= 2
        && !arabic
        && let (Tok::Small(e) | Tok::Large(e), Tok::Num(v, false)) = (toks[n - 2], toks[n - 1])
        && e >= 2
        && v < Decimal::from_int(10)
        && let Some(scaled) = v.checked_mul_pow10(e - 1)
    {
        toks[n - 1] = Tok::Num(scaled, false);
    }
    let lo = accumulate(&toks, false)?;
    let hi = if toks.iter().any(|t| matches!(t, Tok::Range(..))) {
        Some(accumulate(&toks, true)?)
    } else {
        None
    };
    let has_magnitude = toks
        .iter()
        .any(|t| matches!(t, Tok::Small(_) | Tok::Large(_)));
    let large = toks.iter().any(|t| matches!(t, Tok::Large(_)));
    let mut trailing_exp = 0;
    for t in toks.iter().rev() {
        match t {
            Tok::Small(e) | Tok::Large(e) => trailing_exp += e,
            _ => break,
        }
    }
    let weak = bare_lead || (!arabic && !has_magnitude && cn_digits == 1 && hi.is_none());
    let (value, max) = if neg {
        (lo.neg(), hi.map(|h| h.neg()))
    } else {
        (lo, hi)
    };
    Some(Number {
        start: i,
        end,
        value,
        max,
        fuzzy,
        weak,
        arabic,
        large,
        has_magnitude,
        trailing_exp,
    })
}

fn accumulate(toks: &[Tok], hi: bool) -> Option<Decimal> {
    let mut total = Decimal::ZERO;
    let mut section = Decimal::ZERO;
    let mut cur: Option<Decimal> = None;
    for t in toks {
        match *t {
            Tok::Num(v, _) => {
                if let Some(c) = cur {
                    // Two numbers side by side: `3万4000` after a magnitude
                    // never lands here; anything else ends the value.
                    section = section.checked_add(c)?;
                }
                cur = Some(v);
            }
            Tok::Range(a, b) => cur = Some(Decimal::from_int(if hi { b } else { a } as i128)),
            Tok::Small(e) => {
                let d = cur.take().unwrap_or(Decimal::from_int(1));
                section = section.checked_add(d.checked_mul_pow10(e)?)?;
            }
            Tok::Large(e) => {
                if let Some(c) = cur.take() {
                    section = section.checked_add(c)?;
                }
                if section.is_zero() {
                    // `万亿` after a magnitude that already closed, or a
                    // bare magnitude: counts as one.
                    if total.is_zero() {
                        section = Decimal::from_int(1);
                    } else {
                        total = total.checked_mul_pow10(e)?;
                        continue;
                    }
                }
                if e >= 8 {
                    total = total.checked_add(section)?.checked_mul_pow10(e)?;
                    section = Decimal::ZERO;
                } else {
                    section = section.checked_mul_pow10(e)?;
                }
            }
            Tok::Zero => {}
        }
    }
    let mut v = total.checked_add(section)?;
    if let Some(c) = cur {
        v = v.checked_add(c)?;
    }
    Some(v)
}

/// Whether `c` can open a number.
pub fn starts_number(c: char) -> bool {
    c.is_ascii_digit()
        || cn_digit(c).is_some()
        || matches!(
            c,
            '十' | '拾' | '廿' | '卅' | '负' | '-' | '数' | '上' | '几' | '百' | '千' | '佰' | '仟'
        )
}

/// Byte ranges of phone numbers in `s`.
fn phone_spans(s: &str) -> Vec<(usize, usize)> {
    static PHONE: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"\(?0[0-9]{2,3}\)?-[0-9]{7,8}|400-?[0-9]{3}-?[0-9]{4}|1[3-9][0-9]{9}|[0-9]{3}-[0-9]{3,4}-[0-9]{4}",
        )
        .expect("phone pattern")
    });
    let b = s.as_bytes();
    // Every alternative of the pattern holds at least ten ASCII digits:
    // most texts are ruled out by one pass over the bytes.
    if b.iter().filter(|c| c.is_ascii_digit()).count() < 10 {
        return Vec::new();
    }
    PHONE
        .find_iter(s)
        .filter(|m| {
            let before = m.start() == 0 || !b[m.start() - 1].is_ascii_digit();
            let after = m.end() >= b.len() || !b[m.end()].is_ascii_digit();
            before && after
        })
        .map(|m| (m.start(), m.end()))
        .collect()
}

/// Why a parsed number is not a figure in running text.
pub fn not_a_figure(s: &str, n: &Number) -> bool {
    let before = char_before(s, n.start);
    let after = char_after(s, n.end);
    if n.arabic {
        // `GPT-4o`, `A3`, `5G`: glued to Latin letters.
        let first = char_after(s, n.start);
        let glued_before = before.is_some_and(|c| c.is_ascii_alphabetic())
            || (first == Some('-')
                && char_before(s, n.start).is_some_and(|c| c.is_ascii_alphanumeric()));
        if glued_before || after.is_some_and(|c| c.is_ascii_alphabetic()) {
            return true;
        }
        // `300846.SZ`.
        if s[n.end..].starts_with('.')
            && char_after(s, n.end + 1).is_some_and(|c| c.is_ascii_uppercase())
        {
            return true;
        }
        // `iPhone 16`: a model number after a Latin word.
        if before == Some(' ')
            && char_before(s, n.start - 1).is_some_and(|c| c.is_ascii_alphabetic())
            && !n.has_magnitude
            && !after.is_some_and(|c| c == ' ' || is_cjk(c))
        {
            return true;
        }
        if before == Some(' ')
            && char_before(s, n.start - 1).is_some_and(|c| c.is_ascii_alphabetic())
            && !n.has_magnitude
            && after.is_none()
        {
            return true;
        }
    }
    false
}

/// Every number in `s` that reads as a figure, in text order: weak single
/// digits (`一直`), model names, stock codes and phone numbers left out.
pub fn find_numbers(s: &str) -> Vec<Number> {
    let phones = phone_spans(s);
    let mut out = Vec::new();
    for n in scan(Magnitudes::builtin(), s) {
        if n.weak || not_a_figure(s, &n) {
            continue;
        }
        if phones.iter().any(|&(a, b)| n.start < b && a < n.end) {
            continue;
        }
        if s[..n.start].ends_with(' ')
            && s[..n.start]
                .trim_end()
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphabetic())
            && !n.has_magnitude
            && s[n.end..]
                .trim_start()
                .chars()
                .next()
                .is_none_or(|c| !is_cjk(c))
        {
            continue;
        }
        out.push(n);
    }
    out
}

/// Moves byte `b` back to the start of the figure it falls in, so a scan
/// from there reads the whole figure.
pub fn figure_start(s: &str, b: usize) -> usize {
    let mut b = b;
    while let Some(c) = char_before(s, b)
        && (c.is_ascii_digit()
            || matches!(
                c,
                ',' | '.' | '，' | '-' | '负' | '十' | '廿' | '卅' | '几' | '数' | '上'
            )
            || cn_digit(c).is_some()
            || Magnitudes::builtin().get(c).is_some())
    {
        b -= c.len_utf8();
    }
    b
}

/// Every parse in `s`, weak ones included, in text order.
pub fn scan(m: &Magnitudes, s: &str) -> Vec<Number> {
    let mut out = Vec::new();
    scan_range(m, s, 0, s.len(), &mut out);
    out
}

/// The parses starting in bytes `from..to` of `s` (char boundaries),
/// appended to `out`.
pub fn scan_range(m: &Magnitudes, s: &str, from: usize, to: usize, out: &mut Vec<Number>) {
    static STARTS: LazyLock<CharSet> = LazyLock::new(|| {
        CharSet::new(
            (0..0x10000)
                .filter_map(char::from_u32)
                .filter(|&c| starts_number(c)),
        )
    });
    let starts = &*STARTS;
    let mut i = from;
    while i < to {
        let Some((skip, c)) = s[i..to].char_indices().find(|&(_, c)| starts.contains(c)) else {
            break;
        };
        i += skip;
        // Not inside an Arabic run or right after a digit.
        let prev = char_before(s, i);
        let inside = c.is_ascii_digit() && prev.is_some_and(|p| p.is_ascii_digit() || p == '.');
        if !inside && let Some(n) = parse_with(m, s, i) {
            i = n.end.max(i + c.len_utf8());
            out.push(n);
            continue;
        }
        i += c.len_utf8();
    }
}

/// Words looked up by longest match at a position, after folding.
#[derive(Debug, Clone)]
pub struct Lexicon<V> {
    map: FxHashMap<String, V>,
    max_chars: usize,
    /// First and last characters of the words, sorted: most positions are
    /// refused without hashing.
    firsts: Vec<char>,
    lasts: Vec<char>,
}

impl<V> Default for Lexicon<V> {
    fn default() -> Self {
        Lexicon {
            map: FxHashMap::default(),
            max_chars: 0,
            firsts: Vec::new(),
            lasts: Vec::new(),
        }
    }
}

impl<V> Lexicon<V> {
    pub fn new() -> Lexicon<V> {
        Lexicon::default()
    }

    /// Adds a word (folded); returns false when it was already there.
    pub fn insert(&mut self, word: &str, v: V) -> bool {
        let w: String = word.chars().map(fold).collect();
        self.max_chars = self.max_chars.max(w.chars().count());
        for (list, c) in [
            (&mut self.firsts, w.chars().next()),
            (&mut self.lasts, w.chars().next_back()),
        ] {
            if let Some(c) = c
                && let Err(i) = list.binary_search(&c)
            {
                list.insert(i, c);
            }
        }
        self.map.insert(w, v).is_none()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Whether some word starts with `c`.
    pub fn may_start(&self, c: char) -> bool {
        self.firsts.binary_search(&c).is_ok()
    }

    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(String::as_str)
    }

    /// The longest word starting at byte `pos` of `s`: its value and end.
    pub fn at(&self, s: &str, pos: usize) -> Option<(&V, usize)> {
        let rest = s.get(pos..)?;
        self.firsts.binary_search(&rest.chars().next()?).ok()?;
        let mut ends = [0usize; 16];
        let mut n = 0;
        for (b, c) in rest.char_indices().take(self.max_chars.min(16)) {
            ends[n] = b + c.len_utf8();
            n += 1;
        }
        for &e in ends[..n].iter().rev() {
            if let Some(v) = self.map.get(&rest[..e]) {
                return Some((v, pos + e));
            }
        }
        None
    }

    /// The longest word ending at byte `pos` of `s`: its value and start.
    pub fn before(&self, s: &str, pos: usize) -> Option<(&V, usize)> {
        let head = s.get(..pos)?;
        self.lasts.binary_search(&head.chars().next_back()?).ok()?;
        let mut starts = [0usize; 16];
        let mut n = 0;
        for (b, _) in head.char_indices().rev().take(self.max_chars.min(16)) {
            starts[n] = b;
            n += 1;
        }
        for &b in starts[..n].iter().rev() {
            if let Some(v) = self.map.get(&head[b..]) {
                return Some((v, b));
            }
        }
        None
    }
}

/// Skips up to `max` spaces forward from `pos`.
pub fn skip_spaces(s: &str, pos: usize, max: usize) -> usize {
    let mut p = pos;
    while p < s.len() && s.as_bytes()[p] == b' ' && p - pos < max {
        p += 1;
    }
    p
}

/// Skips up to `max` spaces backward from `pos`.
pub fn skip_spaces_back(s: &str, pos: usize, max: usize) -> usize {
    let mut p = pos;
    while p > 0 && s.as_bytes()[p - 1] == b' ' && pos - p < max {
        p -= 1;
    }
    p
}

pub fn is_cjk_char(c: char) -> bool {
    is_cjk(c)
}

pub fn prev_char(s: &str, b: usize) -> Option<char> {
    char_before(s, b)
}

pub fn next_char(s: &str, b: usize) -> Option<char> {
    char_after(s, b)
}

/// Byte ranges of phone numbers.
pub fn phones(s: &str) -> Vec<(usize, usize)> {
    phone_spans(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn val(s: &str) -> Decimal {
        let w = Work::from_text(s);
        let n = parse_at(&w.text, 0).unwrap_or_else(|| panic!("no number in {s}"));
        assert_eq!(
            n.end,
            w.text.len(),
            "{s} parsed only to {}",
            &w.text[..n.end]
        );
        n.value
    }

    #[test]
    fn arabic_numbers() {
        assert_eq!(val("66"), d("66"));
        assert_eq!(val("７．５"), d("7.5"));
        assert_eq!(val("１．０７５３"), d("1.0753"));
        assert_eq!(val("1,100万"), d("11000000"));
        assert_eq!(val("12,345,678"), d("12345678"));
        assert_eq!(val("-5亿"), d("-500000000"));
        assert_eq!(val("负1.1"), d("-1.1"));
        assert_eq!(val("負1.1"), d("-1.1"));
        assert_eq!(val("0.35亿"), d("35000000"));
        assert_eq!(val("1570 億"), d("157000000000"));
        assert_eq!(val("1.1 萬億"), d("1100000000000"));
        assert_eq!(val("1.1万亿"), d("1100000000000"));
        assert_eq!(val("3个亿"), d("300000000"));
    }

    #[test]
    fn full_width_comma_only_as_separator() {
        // Straight into a magnitude: a separator.
        let w = Work::from_text("1，100万");
        let n = parse_at(&w.text, 0).unwrap();
        assert_eq!(n.value, d("11000000"));
        // Between two list items: not a separator.
        let w = Work::from_text("1，100，");
        assert_eq!(parse_at(&w.text, 0).unwrap().value, d("1"));
        // Into a decimal part: a separator.
        let w = Work::from_text("成交额24，041，300.00元");
        let n = parse_at(&w.text, "成交额".len()).unwrap();
        assert_eq!(n.value, d("24041300.00"));
        assert_eq!(&w.text[n.end..], "元");
        let w = Work::from_text("3，665，817，008.54");
        assert_eq!(parse_at(&w.text, 0).unwrap().value, d("3665817008.54"));
        let w = Work::from_text("分别为3，200。");
        let all = find_numbers(&w.text);
        assert_eq!(
            all.iter().map(|n| n.value).collect::<Vec<_>>(),
            vec![d("3"), d("200")]
        );
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(val("三"), d("3"));
        assert_eq!(val("十二"), d("12"));
        assert_eq!(val("二十"), d("20"));
        assert_eq!(val("一百零五"), d("105"));
        assert_eq!(val("一万零十二"), d("10012"));
        assert_eq!(val("两千三百"), d("2300"));
        assert_eq!(val("一万五千亿"), d("1500000000000"));
        assert_eq!(val("二十万亿"), d("20000000000000"));
        assert_eq!(val("1亿2千万"), d("120000000"));
        assert_eq!(val("3万4000"), d("34000"));
        assert_eq!(val("25万6千"), d("256000"));
        assert_eq!(val("五亿三千万"), d("530000000"));
        assert_eq!(val("廿五"), d("25"));
        assert_eq!(val("卅"), d("30"));
        assert_eq!(val("壹仟贰佰叁拾肆"), d("1234"));
        assert_eq!(val("貳佰參拾陸萬"), d("2360000"));
        assert_eq!(val("陆万"), d("60000"));
        assert_eq!(val("一万五"), d("15000"));
        assert_eq!(val("二〇二四"), d("2024"));
        assert_eq!(val("一千万"), d("10000000"));
    }

    #[test]
    fn fuzzy_counts_give_lower_bound() {
        for (s, v) in [
            ("三十几万", "300000"),
            ("二百余万", "2000000"),
            ("一千多万", "10000000"),
            ("上百万", "1000000"),
            ("数百万", "1000000"),
            ("數百萬", "1000000"),
            ("100多万", "1000000"),
            ("十几亿", "1000000000"),
        ] {
            let w = Work::from_text(s);
            let n = parse_at(&w.text, 0).unwrap();
            assert_eq!((n.value, n.fuzzy), (d(v), true), "{s}");
            assert_eq!(n.end, w.text.len(), "{s}");
        }
    }

    #[test]
    fn adjacent_digits_make_a_range() {
        let w = Work::from_text("八九亿");
        let n = parse_at(&w.text, 0).unwrap();
        assert_eq!((n.value, n.max), (d("800000000"), Some(d("900000000"))));
        let w = Work::from_text("三四十萬");
        let n = parse_at(&w.text, 0).unwrap();
        assert_eq!((n.value, n.max), (d("300000"), Some(d("400000"))));
    }

    #[test]
    fn not_numbers() {
        for s in [
            "他一直在做",
            "一家公司",
            "统一部署",
            "GPT-4o",
            "新款iPhone 16",
            "股票300846.SZ",
            "电话13800138000",
            "热线010-12345678",
            "千万不要",
        ] {
            let w = Work::from_text(s);
            let got = find_numbers(&w.text);
            assert!(got.is_empty(), "{s}: {got:?}");
        }
        let w = Work::from_text("一直有3家");
        let got = find_numbers(&w.text);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].value, d("3"));
    }

    #[test]
    fn trailing_magnitude_is_recorded() {
        let w = Work::from_text("2千万");
        assert_eq!(parse_at(&w.text, 0).unwrap().trailing_exp, 7);
        let w = Work::from_text("3万");
        assert_eq!(parse_at(&w.text, 0).unwrap().trailing_exp, 4);
        let w = Work::from_text("1亿");
        assert_eq!(parse_at(&w.text, 0).unwrap().trailing_exp, 8);
    }

    #[test]
    fn bad_units_file_is_refused() {
        let mut rules = RuleSet::builtin();
        rules.insert(crate::rules::RuleFile::new(
            UNITS_FILE,
            "my/units.tsv",
            "万\t4\tlarge\n亿\tx\tlarge\n",
        ));
        let err = Magnitudes::new(&rules).unwrap_err();
        assert_eq!(
            err.to_string(),
            "my/units.tsv:2: exponent \"x\" is not 1 to 16"
        );
        rules.insert(crate::rules::RuleFile::new(
            UNITS_FILE,
            "my/units.tsv",
            "万\t4\thuge\n",
        ));
        let err = Magnitudes::new(&rules).unwrap_err();
        assert!(err.to_string().starts_with("my/units.tsv:1: kind \"huge\""));
    }
}
