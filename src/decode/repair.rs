//! Mojibake repair, stretch by stretch.
//!
//! A stretch of decoded text is re-encoded with the encoding it was wrongly
//! read as and decoded with the encoding it was written in. The result
//! replaces the stretch only when it decodes without error and scores as
//! clearly better Chinese ([`super::freq`]); text that is already fine
//! either does not re-encode into valid bytes or scores worse, and is left
//! as it is.
//!
//! Kinds handled: UTF-8 read as GBK/GB18030 (`鍏徃`), UTF-8 read as
//! Windows-1252 or Latin-1 (`å…¬å¸`, once or twice), GBK read as
//! Windows-1252 or Latin-1 (`¹«Ë¾`), Big5 read as GBK, GBK read as Big5.

use super::freq::{self, RARE};
use crate::record::Repair;
use encoding_rs::{BIG5, EncoderResult, Encoding, GB18030, GBK};
use std::sync::LazyLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Utf8AsGbk,
    Utf8AsLatin,
    Utf8AsLatinTwice,
    GbkAsLatin,
    Big5AsGbk,
    GbkAsBig5,
}

const KINDS: [Kind; 6] = [
    Kind::Utf8AsGbk,
    Kind::Utf8AsLatin,
    Kind::Utf8AsLatinTwice,
    Kind::GbkAsLatin,
    Kind::Big5AsGbk,
    Kind::GbkAsBig5,
];

impl Kind {
    pub(crate) fn detail(self) -> &'static str {
        match self {
            Kind::Utf8AsGbk => "UTF-8 read as GBK",
            Kind::Utf8AsLatin => "UTF-8 read as Windows-1252",
            Kind::Utf8AsLatinTwice => "UTF-8 read as Windows-1252 twice",
            Kind::GbkAsLatin => "GBK read as Windows-1252",
            Kind::Big5AsGbk => "Big5 read as GBK",
            Kind::GbkAsBig5 => "GBK read as Big5",
        }
    }
}

/// What the repair did to one text.
#[derive(Debug, Default)]
pub(crate) struct Report {
    counts: [usize; 6],
    pub(crate) unrecoverable: usize,
}

impl Report {
    fn add(&mut self, kind: Kind) {
        if let Some(i) = KINDS.iter().position(|&k| k == kind) {
            self.counts[i] += 1;
        }
    }

    pub(crate) fn push_repairs(&self, out: &mut Vec<Repair>) {
        for (kind, &count) in KINDS.iter().zip(&self.counts) {
            if count > 0 {
                out.push(Repair {
                    kind: "mojibake".into(),
                    count,
                    detail: Some(kind.detail().into()),
                });
            }
        }
        if self.unrecoverable > 0 {
            out.push(Repair {
                kind: "unrecoverable_mojibake".into(),
                count: self.unrecoverable,
                detail: None,
            });
        }
    }
}

/// True when `text` holds any character worth a closer look: rare or
/// unknown non-ASCII characters (Latin-1 letters, private-use code points,
/// characters Chinese words hardly use).
pub(crate) fn suspicious(text: &str) -> bool {
    let table = &*SUSPICIOUS;
    text.chars()
        .any(|c| !c.is_ascii() && table.get(c as usize).copied().unwrap_or(true))
}

pub(crate) fn suspicious_char(c: char) -> bool {
    !c.is_ascii() && SUSPICIOUS.get(c as usize).copied().unwrap_or(true)
}

/// `suspicious_char` for every BMP character, built on first use.
static SUSPICIOUS: LazyLock<Vec<bool>> = LazyLock::new(|| {
    (0u32..0x10000)
        .map(|cp| {
            char::from_u32(cp).is_some_and(|c| {
                // What mojibake is made of: Latin-1 and Windows-1252
                // letters, rare Han characters, kana, box drawing and
                // private-use characters (GBK and Big5 rows that misread
                // text lands in), and GBK characters that start UTF-8.
                let maybe = latin_byte(c).is_some()
                    || is_han(c)
                    || matches!(cp, 0x3040..=0x30ff | 0x2500..=0x257f | 0xe000..=0xf8ff | 0xfffd);
                (maybe && freq::score(c) < RARE) || shape(c) == Shape::Lead
            })
        })
        .collect()
});

/// Repairs the mojibake stretches of `text`; `None` when nothing changed.
pub(crate) fn repair(text: &str, report: &mut Report) -> Option<String> {
    if !suspicious(text) {
        return None;
    }
    let pass1 = repair_latin(text, report);
    let cur = pass1.as_deref().unwrap_or(text);
    let pass2 = repair_cjk(cur, report);
    pass2.or(pass1)
}

/// The Windows-1252 byte for `c`, or its Latin-1 byte (C1 controls
/// included): the inverse of reading bytes as either.
fn latin_byte(c: char) -> Option<u8> {
    let cp = c as u32;
    if cp <= 0xff {
        return Some(cp as u8);
    }
    const HIGH: [u16; 32] = [
        0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039,
        0x0152, 0, 0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc,
        0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
    ];
    HIGH.iter()
        .position(|&h| h as u32 == cp && h != 0)
        .map(|i| 0x80 + i as u8)
}

fn latin_bytes(s: &str) -> Option<Vec<u8>> {
    s.chars().map(latin_byte).collect()
}

/// Encodes `s` with `enc`, failing on anything it cannot map (no `&#...;`).
fn encode_strict(enc: &'static Encoding, s: &str) -> Option<Vec<u8>> {
    let mut encoder = enc.new_encoder();
    let cap = encoder.max_buffer_length_from_utf8_without_replacement(s.len())?;
    let mut out = vec![0u8; cap];
    let (result, read, written) = encoder.encode_from_utf8_without_replacement(s, &mut out, true);
    match result {
        EncoderResult::InputEmpty if read == s.len() => {
            out.truncate(written);
            Some(out)
        }
        _ => None,
    }
}

/// GBK bytes of `s`, with GB18030 for what GBK cannot encode (text read
/// with the GBK decoder may hold four-byte GB18030 characters).
fn gbk_bytes(s: &str) -> Option<Vec<u8>> {
    encode_strict(GBK, s).or_else(|| encode_strict(GB18030, s))
}

fn decode_strict(enc: &'static Encoding, bytes: &[u8]) -> Option<String> {
    enc.decode_without_bom_handling_and_without_replacement(bytes)
        .map(|c| c.into_owned())
}

/// GBK bytes where every double-byte character has a high trail byte and
/// there are at least two of them: Windows-1252 text with an ASCII letter
/// after a symbol (`°C`) must not be read as GBK.
fn gbk_high_pairs(bytes: &[u8]) -> bool {
    let (mut i, mut pairs) = (0, 0);
    while i < bytes.len() {
        if bytes[i] < 0x80 {
            i += 1;
            continue;
        }
        match bytes.get(i + 1) {
            Some(&t) if t >= 0x80 => {
                pairs += 1;
                i += 2;
            }
            _ => return false,
        }
    }
    pairs >= 2
}

/// Whether `repaired` is clearly better Chinese than `broken`.
fn better(broken: &str, repaired: &str) -> bool {
    let (sb, _) = freq::mean_score(broken);
    let (sr, nr) = freq::mean_score(repaired);
    if nr == 0
        || repaired
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return false;
    }
    let zero = repaired
        .chars()
        .filter(|&c| !c.is_ascii() && freq::score(c) == 0)
        .count();
    zero * 10 <= nr && sr >= 11.0 && sr >= sb + 2.0
}

fn is_high_latin(c: char) -> bool {
    // Latin-1 and the Windows-1252 letters (U+0152..U+2122); Han text
    // never gets to the table.
    let cp = c as u32;
    (0x80..=0xff).contains(&cp) || ((0x152..=0x2122).contains(&cp) && latin_byte(c).is_some())
}

/// Pass 1: stretches of Latin-1 / Windows-1252 characters.
fn repair_latin(text: &str, report: &mut Report) -> Option<String> {
    if !text
        .chars()
        .any(|c| is_high_latin(c) && freq::score(c) < RARE)
    {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut rest = text;
    while !rest.is_empty() {
        // Next run of Latin-encodable characters on one line.
        let Some(start) = rest.find(|c: char| is_high_latin(c)) else {
            out.push_str(rest);
            break;
        };
        // Extend backwards over ASCII letters only when they could be bytes
        // of the stretch: keep them out, they decode to themselves anyway.
        let tail = &rest[start..];
        let len = tail
            .find(|c: char| c == '\n' || latin_byte(c).is_none())
            .unwrap_or(tail.len());
        let run = &tail[..len];
        // Trim trailing ASCII, which decodes to itself.
        let core_len = run
            .char_indices()
            .rfind(|&(_, c)| !c.is_ascii())
            .map(|(i, c)| i + c.len_utf8())
            .unwrap_or(0);
        out.push_str(&rest[..start]);
        let high = run.chars().filter(|&c| is_high_latin(c)).count();
        let mut done = false;
        if high >= 2 {
            // GBK may take one trailing ASCII byte as a trail byte.
            let with_next = run[core_len..]
                .chars()
                .next()
                .map(|c| core_len + c.len_utf8());
            for (end, try_gbk) in [(core_len, true), (with_next.unwrap_or(0), true)] {
                if end == 0 || (end != core_len && !try_gbk) {
                    continue;
                }
                let core = &run[..end];
                if let Some((fixed, kind)) = fix_latin(core) {
                    out.push_str(&fixed);
                    out.push_str(&run[end..]);
                    report.add(kind);
                    changed = true;
                    done = true;
                    break;
                }
            }
        }
        if !done {
            out.push_str(run);
        }
        rest = &tail[len..];
    }
    changed.then_some(out)
}

/// The best repair of one Latin stretch.
fn fix_latin(core: &str) -> Option<(String, Kind)> {
    let bytes = latin_bytes(core)?;
    let mut best: Option<(String, Kind, f32)> = None;
    let mut consider = |s: String, kind: Kind| {
        if better(core, &s) {
            let (score, _) = freq::mean_score(&s);
            if best.as_ref().is_none_or(|b| score > b.2) {
                best = Some((s, kind, score));
            }
        }
    };
    if let Ok(once) = std::str::from_utf8(&bytes) {
        if let Some(twice) = latin_bytes(once).and_then(|b| String::from_utf8(b).ok())
            && twice != once
        {
            consider(twice, Kind::Utf8AsLatinTwice);
        }
        consider(once.to_string(), Kind::Utf8AsLatin);
    }
    if let Some(s) = decode_strict(GBK, &bytes)
        && gbk_high_pairs(&bytes)
    {
        consider(s, Kind::GbkAsLatin);
    }
    best.map(|(s, k, _)| (s, k))
}

/// How the GBK bytes of a character fit UTF-8 read as GBK.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Not a piece of UTF-8.
    No,
    /// Every byte could be a UTF-8 lead or continuation byte.
    Utf8,
    /// Like `Utf8`, starting with a lead byte of a three-byte UTF-8
    /// character (E1..EF) followed by a continuation byte: every two Han
    /// characters of UTF-8 read as GBK give one of these, and clean text
    /// seldom holds them (they are rare GBK characters).
    Lead,
    /// A UTF-8 byte followed by an ASCII byte that GBK took as its trail
    /// byte: the last character of a stretch before ASCII text.
    Bridge,
}

fn shape_of_bytes(b: &[u8]) -> Shape {
    let cont = |x: u8| (0x80..=0xbf).contains(&x);
    let lead = |x: u8| (0xc2..=0xf4).contains(&x);
    match b {
        [x, y] if (0xe1..=0xef).contains(x) && cont(*y) => Shape::Lead,
        [x] if cont(*x) => Shape::Utf8,
        [x, y] if (cont(*x) && (cont(*y) || lead(*y))) || (lead(*x) && cont(*y)) => Shape::Utf8,
        [x, y] if (cont(*x) || lead(*x)) && (0x40..=0x7e).contains(y) => Shape::Bridge,
        [_, _, _, _] if b.iter().all(|&x| cont(x) || lead(x)) => Shape::Utf8,
        _ => Shape::No,
    }
}

fn compute_shape(c: char) -> Shape {
    let mut buf = [0u8; 4];
    match gbk_bytes(c.encode_utf8(&mut buf)) {
        Some(b) => shape_of_bytes(&b),
        None => Shape::No,
    }
}

/// `Shape` of every BMP character, built on first use by decoding every
/// double-byte GBK sequence (characters outside them are four-byte GB18030
/// sequences, never UTF-8-shaped, or not GBK at all).
static SHAPES: LazyLock<Vec<Shape>> = LazyLock::new(|| {
    let mut shapes = vec![Shape::No; 0x10000];
    shapes[0x20ac] = Shape::Utf8; // GBK 0x80
    let mut buf = [0u16; 4];
    for lead in 0x81u8..=0xfe {
        for trail in (0x40u8..=0x7e).chain(0x80..=0xfe) {
            let pair = [lead, trail];
            let shape = shape_of_bytes(&pair);
            if shape == Shape::No {
                continue;
            }
            let mut decoder = GBK.new_decoder_without_bom_handling();
            let (result, _, written) =
                decoder.decode_to_utf16_without_replacement(&pair, &mut buf, true);
            if result == encoding_rs::DecoderResult::InputEmpty && written == 1 {
                shapes[buf[0] as usize] = shape;
            }
        }
    }
    shapes
});

fn shape(c: char) -> Shape {
    if c.is_ascii() {
        Shape::No
    } else if (c as u32) <= 0xffff {
        SHAPES[c as usize]
    } else {
        compute_shape(c)
    }
}

/// Pass 2: stretches of CJK characters (UTF-8 read as GBK, Big5 <-> GBK).
fn repair_cjk(text: &str, report: &mut Report) -> Option<String> {
    // The text is copied only from the first repaired run on.
    let mut out = String::new();
    let mut pos = 0;
    for (start, run) in non_ascii_runs(text) {
        if !run.chars().any(suspicious_char) {
            continue;
        }
        match fix_cjk_run(run, report) {
            Some(fixed) => {
                out.push_str(&text[pos..start]);
                out.push_str(&fixed);
                pos = start + run.len();
            }
            None => {
                if looks_unrecoverable(run) {
                    report.unrecoverable += 1;
                }
            }
        }
    }
    if pos == 0 {
        return None;
    }
    out.push_str(&text[pos..]);
    Some(out)
}

/// Maximal runs of non-ASCII characters, with their byte offsets.
fn non_ascii_runs(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() && bytes[i] < 0x80 {
            i += 1;
        }
        if i >= bytes.len() {
            return None;
        }
        let start = i;
        while i < bytes.len() && bytes[i] >= 0x80 {
            i += 1;
        }
        Some((start, &text[start..i]))
    })
}

/// Repairs what can be repaired inside one run of non-ASCII characters.
fn fix_cjk_run(run: &str, report: &mut Report) -> Option<String> {
    // UTF-8 read as GBK: sub-runs whose GBK bytes look like UTF-8, with a
    // bridge character at the end (its trail byte is an ASCII character
    // that GBK swallowed).
    let mut out = String::with_capacity(run.len());
    let mut changed = false;
    let mut pos = 0;
    let mut chars = run.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !matches!(shape(c), Shape::Utf8 | Shape::Lead) || i < pos {
            continue;
        }
        let start = i;
        let mut end = i + c.len_utf8();
        let mut leads = (shape(c) == Shape::Lead) as usize;
        while let Some(&(j, d)) = chars.peek() {
            match shape(d) {
                Shape::Utf8 | Shape::Lead => {
                    end = j + d.len_utf8();
                    leads += (shape(d) == Shape::Lead) as usize;
                    chars.next();
                }
                Shape::Bridge => {
                    end = j + d.len_utf8();
                    chars.next();
                    break;
                }
                Shape::No => break,
            }
        }
        let sub = &run[start..end];
        // Misread UTF-8 is made of rare characters (鍏徃 for 公司); a stretch
        // of common ones that merely has the shape is clean text.
        if leads == 0 || sub.chars().nth(1).is_none() || !sub.chars().any(suspicious_char) {
            continue;
        }
        // A character cut short by the misreading shows as U+FFFD next.
        let lost_next = run[end..].starts_with('\u{fffd}');
        if let Some((a, b, fixed, truncated)) = fix_utf8_as_gbk(sub, lost_next) {
            out.push_str(&run[pos..start + a]);
            out.push_str(&fixed);
            pos = start + b;
            if truncated {
                // The U+FFFD after the stretch stands for the lost character.
                out.push('\u{fffd}');
                pos = end + '\u{fffd}'.len_utf8();
                report.unrecoverable += 1;
            }
            report.add(Kind::Utf8AsGbk);
            changed = true;
        }
    }
    if changed {
        out.push_str(&run[pos.min(run.len())..]);
        return Some(out);
    }
    // Big5 read as GBK, GBK read as Big5: the whole run at once.
    // Too short a run cannot tell the two apart from rare names: four or
    // five characters with two rare ones (党珺珺局) read as Big5 give common
    // characters (絨拾拾擁) as often as real misreadings do.
    let (score, n) = freq::mean_score(run);
    let rare = run.chars().filter(|&c| freq::score(c) < RARE).count();
    if score < 12.0 && n >= 6 && rare >= 2 {
        let mut best: Option<(String, Kind, f32)> = None;
        for (kind, from, to) in [(Kind::Big5AsGbk, GBK, BIG5), (Kind::GbkAsBig5, BIG5, GBK)] {
            let Some(bytes) = (if from == GBK {
                gbk_bytes(run)
            } else {
                encode_strict(from, run)
            }) else {
                continue;
            };
            if let Some(s) = decode_strict(to, &bytes)
                && better(run, &s)
            {
                let (sc, _) = freq::mean_score(&s);
                if best.as_ref().is_none_or(|b| sc > b.2) {
                    best = Some((s, kind, sc));
                }
            }
        }
        if let Some((s, kind, _)) = best {
            report.add(kind);
            return Some(s);
        }
    }
    None
}

/// UTF-8 read as GBK in `sub`: tries the whole sub-run, then with up to two
/// characters trimmed at either end (clean neighbours that happen to be
/// UTF-8-shaped). Returns the repaired byte range of `sub`, its text, and
/// whether its last character was cut short (allowed only when
/// `lost_next`, and only for the untrimmed end).
fn fix_utf8_as_gbk(sub: &str, lost_next: bool) -> Option<(usize, usize, String, bool)> {
    let bounds: Vec<usize> = sub
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(sub.len()))
        .collect();
    let n = bounds.len() - 1;
    // GBK bytes of the whole sub-run, encoded once: every trimmed piece is
    // a slice of them, cut at `gbk_at`. Each character is two bytes except
    // the euro sign (GBK 0x80); when the lengths do not add up (or GBK
    // cannot encode the sub-run) each piece is encoded on its own.
    let mut gbk_at = Vec::with_capacity(n + 1);
    gbk_at.push(0);
    for c in sub.chars() {
        let last = gbk_at[gbk_at.len() - 1];
        gbk_at.push(last + if c == '\u{20ac}' { 1 } else { 2 });
    }
    let whole = encode_strict(GBK, sub).filter(|b| b.len() == gbk_at[n]);
    for trim in 0..=4usize {
        for front in 0..=trim.min(2) {
            let back = trim - front;
            if back > 2 || front + back + 2 > n {
                continue;
            }
            let (a, b) = (bounds[front], bounds[n - back]);
            let piece = &sub[a..b];
            let owned;
            let bytes: &[u8] = match &whole {
                Some(w) => &w[gbk_at[front]..gbk_at[n - back]],
                None => match gbk_bytes(piece) {
                    Some(v) => {
                        owned = v;
                        &owned
                    }
                    None => continue,
                },
            };
            let (fixed, truncated) = match std::str::from_utf8(bytes) {
                Ok(s) => (s, false),
                Err(err) => {
                    if !(lost_next && back == 0 && err.error_len().is_none()) {
                        continue;
                    }
                    match std::str::from_utf8(&bytes[..err.valid_up_to()]) {
                        Ok(s) if !s.is_empty() => (s, true),
                        _ => continue,
                    }
                }
            };
            if better(piece, fixed) && !fixed.starts_with(|c: char| c.is_ascii()) {
                return Some((a, b, fixed.to_string(), truncated));
            }
        }
    }
    None
}

/// A run that reads like UTF-8 read as GBK whose bytes are already lost:
/// Han characters that Chinese words never use and whose GBK bytes look
/// like pieces of UTF-8, close together with other rare ones. (Rare
/// characters of real text, such as the names of birds or bronzes, mostly
/// do not have that byte shape.)
fn looks_unrecoverable(run: &str) -> bool {
    let marks: Vec<(bool, bool)> = run
        .chars()
        .map(|c| {
            let s = freq::score(c);
            let han = is_han(c);
            let unknown = han && s <= 3 && matches!(shape(c), Shape::Utf8 | Shape::Lead);
            (unknown, han && s < RARE)
        })
        .collect();
    marks.windows(8).any(|w| {
        let unknown = w.iter().filter(|m| m.0).count();
        let rare = w.iter().filter(|m| m.1).count();
        unknown >= 2 && rare >= 3
    })
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0x20000..=0x3134f)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> (String, Report) {
        let mut report = Report::default();
        let out = repair(s, &mut report).unwrap_or_else(|| s.to_string());
        (out, report)
    }

    fn misread(text: &str, written: &'static Encoding, read: &'static Encoding) -> String {
        let (bytes, _, bad) = written.encode(text);
        assert!(!bad);
        let (s, bad) = read.decode_without_bom_handling(&bytes);
        assert!(!bad, "lossy misreading of {text}");
        s.into_owned()
    }

    #[test]
    fn utf8_read_as_gbk() {
        let clean = "科技公司推出新款手机";
        let broken = misread(clean, encoding_rs::UTF_8, GBK);
        assert_ne!(broken, clean);
        let (fixed, report) = run(&broken);
        assert_eq!(fixed, clean);
        assert_eq!(report.counts[0], 1);
    }

    #[test]
    fn utf8_read_as_latin_once_and_twice() {
        let clean = "市政府公布了新的交通规划";
        let once: String = clean.bytes().map(|b| b as char).collect();
        assert_eq!(run(&once).0, clean);
        let twice: String = once
            .chars()
            .flat_map(|c| c.to_string().into_bytes())
            .map(|b| b as char)
            .collect();
        assert_eq!(run(&twice).0, clean);
    }

    #[test]
    fn gbk_read_as_latin() {
        let clean = "公司股价上涨";
        let broken = misread(clean, GBK, encoding_rs::WINDOWS_1252);
        assert_eq!(run(&broken).0, clean);
    }

    #[test]
    fn utf8_read_as_gbk_before_ascii() {
        // GBK swallowed the `C` as a trail byte: still fully recoverable.
        let broken = misread("该公司今年营收CEO表示", encoding_rs::UTF_8, GBK);
        assert_eq!(run(&broken).0, "该公司今年营收CEO表示");
        // A character cut short before a line break is lost for good.
        let bytes = "该公司营收\n增长".as_bytes();
        let (broken, lossy) = GBK.decode_without_bom_handling(bytes);
        assert!(lossy);
        let (fixed, report) = run(&broken);
        assert_eq!(fixed, "该公司营\u{fffd}\n增长");
        assert_eq!(report.unrecoverable, 1);
    }

    #[test]
    fn symbols_before_ascii_are_not_gbk() {
        for s in ["工作温度-40°C~150°C，性能稳定", "商品名为“益适纯®”。"] {
            let (out, report) = run(s);
            assert_eq!(out, s);
            assert_eq!(report.counts, [0; 6]);
        }
    }

    #[test]
    fn half_broken_text() {
        let clean_part = "今天上午，市场整体平稳。";
        let broken_part = misread("银行宣布下调贷款利率", encoding_rs::UTF_8, GBK);
        let text = format!("{clean_part}\n{broken_part}\n{clean_part}");
        let (fixed, _) = run(&text);
        assert_eq!(
            fixed,
            format!("{clean_part}\n银行宣布下调贷款利率\n{clean_part}")
        );
    }

    #[test]
    fn clean_text_untouched() {
        for s in [
            "王珺表示，公司将继续投资人工智能。",
            "Pokémon 與 Café 品牌在台北開設門市。",
            "他说……“这是好消息”。",
            "鑫源汽车与璟泰资本签署协议",
        ] {
            let (out, report) = run(s);
            assert_eq!(out, s);
            assert_eq!(report.counts, [0; 6]);
        }
    }
}
