//! Stage 1: raw bytes to clean text, with a report of how.
//!
//! Detection order ([`detect`]): `--encoding` (forced) > BOM > HTML
//! `<meta charset>` when the bytes agree > strict UTF-8 > UTF-16 without
//! BOM > legacy encodings by detector. Then, on the decoded text: HTML to
//! text ([`html`]), character references, mojibake ([`repair`]), control
//! and zero-width characters, pinyin annotations ([`pinyin`]). Every change
//! is counted in `Decoded::repairs`.
//!
//! Clean UTF-8 with nothing suspicious costs a validation, one scan and a
//! copy.

mod detect;
mod freq;
mod html;
mod pinyin;
mod repair;

use crate::error::ArticleError;
use crate::record::{DetectedBy, ErrorKind, Repair};
use crate::rules::{RuleError, RuleSet};
use encoding_rs::Encoding;

/// How the caller wants an article decoded.
#[derive(Debug, Clone, Copy, Default)]
pub struct DecodeOptions {
    /// `--encoding LABEL`: overrides all detection.
    pub forced: Option<&'static Encoding>,
    /// The input is known to be HTML (e.g. by file extension).
    pub html: bool,
}

/// The clean text of one article and how it was obtained.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    pub detected_by: DetectedBy,
    pub repairs: Vec<Repair>,
    /// The headline, when the input says which it is (HTML `<title>`).
    pub title: Option<String>,
}

/// Decoder and repairer, built once from the rules.
#[derive(Debug, Default)]
pub struct Decoder {}

fn repair(kind: &str, count: usize) -> Repair {
    Repair {
        kind: kind.into(),
        count,
        detail: None,
    }
}

impl Decoder {
    pub fn new(_rules: &RuleSet) -> Result<Decoder, RuleError> {
        Ok(Decoder {})
    }

    pub fn decode(&self, bytes: &[u8], opts: &DecodeOptions) -> Result<Decoded, ArticleError> {
        if bytes.is_empty() {
            return Err(ArticleError::new(
                ErrorKind::Empty,
                "file is empty (0 bytes)",
            ));
        }
        let is_html = opts.html || html::sniff(bytes);
        // SIMD validation: on CJK text std's byte-wise check costs more
        // than all the scans after it.
        let utf8 = simdutf8::basic::from_utf8(bytes).ok();
        let det = detect::detect(bytes, opts.forced, is_html, utf8.is_some())?;
        let body = &bytes[det.skip..];
        let mut repairs = Vec::new();
        let valid = match utf8 {
            Some(s) if det.encoding == encoding_rs::UTF_8 => s.get(det.skip..),
            _ => None,
        };
        let (mut text, mut scan) = if let Some(s) = valid {
            let scan = Scan::of(s);
            if scan.controls && utf8_binary(s) {
                return Err(not_text(det.encoding));
            }
            (s.to_string(), scan)
        } else {
            let (text, had_errors) = det.encoding.decode_without_bom_handling(body);
            if had_errors {
                let before = count_replacements(body, det.encoding);
                let count = text.matches('\u{fffd}').count().saturating_sub(before);
                repairs.push(repair("invalid_bytes", count.max(1)));
            }
            let unicode = matches!(det.encoding.name(), "UTF-8" | "UTF-16LE" | "UTF-16BE");
            if looks_binary(&text, unicode) {
                return Err(not_text(det.encoding));
            }
            let scan = Scan::of(&text);
            (text.into_owned(), scan)
        };
        // Each step below runs only when the scan saw what it works on; a
        // step that changes the text scans it again.
        if scan.cr {
            text = text.replace("\r\n", "\n").replace('\r', "\n");
            scan = Scan::of(&text);
        }
        let mut title = None;
        if is_html {
            let (t, head, n) = html::to_text(&text);
            text = t;
            title = head;
            scan = Scan::of(&text);
            if n > 0 {
                repairs.push(repair("html_entity", n));
            }
        } else if scan.amp
            && let Some((t, n)) = html::decode_entities(&text)
        {
            text = t;
            scan = Scan::of(&text);
            repairs.push(repair("html_entity", n));
        }
        let mut report = repair::Report::default();
        if scan.suspicious
            && let Some(t) = repair::repair(&text, &mut report)
        {
            text = t;
            scan = Scan::of(&text);
        }
        if let Some(t) = title.as_deref()
            && let Some(fixed) = repair::repair(t, &mut repair::Report::default())
        {
            title = Some(fixed);
        }
        report.push_repairs(&mut repairs);
        if scan.controls
            && let Some((t, n)) = remove_controls(&text)
        {
            text = t;
            repairs.push(repair("control_char", n));
        }
        // Removing controls adds no parenthesis: the count still holds.
        if scan.parens >= pinyin::MIN_ANNOTATIONS
            && let Some((t, n)) = pinyin::strip(&text)
        {
            text = t;
            repairs.push(repair("pinyin_annotation", n));
        }
        if text.trim().is_empty() {
            return Err(ArticleError::new(
                ErrorKind::Empty,
                "no text: only whitespace",
            ));
        }
        Ok(Decoded {
            text,
            encoding: det.encoding,
            detected_by: det.detected_by,
            repairs,
            title,
        })
    }
}

fn not_text(enc: &'static Encoding) -> ArticleError {
    ArticleError::new(
        ErrorKind::NotText,
        format!("binary data: does not decode to text as {}", enc.name()),
    )
}

/// Valid UTF-8 that is mostly C0 control bytes is not text.
fn utf8_binary(s: &str) -> bool {
    let b = s.as_bytes();
    let bad = b
        .iter()
        .filter(|&&x| (x < 0x20 && !matches!(x, b'\n' | b'\r' | b'\t' | 0x0c)) || x == 0x7f)
        .count();
    b.len() >= 4 && bad * 20 > b.len()
}

/// U+FFFD characters already present in the input (not decoding errors).
fn count_replacements(body: &[u8], enc: &'static Encoding) -> usize {
    if enc == encoding_rs::UTF_8 {
        body.windows(3).filter(|w| *w == [0xef, 0xbf, 0xbd]).count()
    } else {
        0
    }
}

/// Text that holds many control or replacement characters is not text.
/// C1 controls count only for legacy encodings: in UTF-8 they are more
/// likely mojibake (UTF-8 read as Latin-1), which is repaired later.
fn looks_binary(text: &str, unicode: bool) -> bool {
    let (mut bad, mut total) = (0usize, 0usize);
    for c in text.chars().take(65536) {
        total += 1;
        let control = if unicode {
            c < ' ' || c == '\x7f'
        } else {
            c.is_control()
        };
        if (control && !matches!(c, '\n' | '\r' | '\t' | '\x0c')) || c == '\u{fffd}' {
            bad += 1;
        }
    }
    total >= 4 && bad * 20 > total
}

/// Whether `c` is removed from clean text: control characters other than
/// line breaks and tabs, zero-width and bidi formatting characters, the
/// soft hyphen and stray BOMs.
fn is_removed(c: char) -> bool {
    matches!(c,
        '\0'..='\x08' | '\x0b'..='\x1f' | '\x7f'..='\u{9f}'
        | '\u{ad}'
        | '\u{200b}'..='\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}'
        | '\u{feff}')
}

/// What one pass over a text saw: which of the later steps have work.
#[derive(Debug, Clone, Copy, Default)]
struct Scan {
    /// A character `remove_controls` changes.
    controls: bool,
    /// A carriage return.
    cr: bool,
    /// An ampersand (possible character reference).
    amp: bool,
    /// Opening parentheses, half- or full-width (possible pinyin).
    parens: usize,
    /// A character mojibake is made of (see `repair::suspicious`).
    suspicious: bool,
}

const CONTROL: u8 = 1;
const CR: u8 = 2;
const AMP: u8 = 4;
const PAREN: u8 = 8;
const SUSPICIOUS: u8 = 16;

/// The `Scan` flags of each BMP character, built on first use. Characters
/// beyond the BMP are suspicious (see `repair::suspicious_char`).
static SCAN_FLAGS: std::sync::LazyLock<Vec<u8>> = std::sync::LazyLock::new(|| {
    (0u32..0x10000)
        .map(|cp| {
            let Some(c) = char::from_u32(cp) else {
                return 0;
            };
            let mut f = 0;
            if is_removed(c) || c == '\u{2028}' || c == '\u{2029}' {
                f |= CONTROL;
            }
            match c {
                '\r' => f |= CR,
                '&' => f |= AMP,
                '(' | '（' => f |= PAREN,
                _ => {}
            }
            if repair::suspicious_char(c) {
                f |= SUSPICIOUS;
            }
            f
        })
        .collect()
});

impl Scan {
    fn of(text: &str) -> Scan {
        let table = &*SCAN_FLAGS;
        let (mut f, mut parens) = (0u8, 0usize);
        for c in text.chars() {
            let g = table.get(c as usize).copied().unwrap_or(SUSPICIOUS);
            f |= g;
            parens += usize::from(g & PAREN != 0);
        }
        Scan {
            controls: f & CONTROL != 0,
            cr: f & CR != 0,
            amp: f & AMP != 0,
            parens,
            suspicious: f & SUSPICIOUS != 0,
        }
    }
}

/// Removes control and zero-width characters; U+2028/U+2029 become line
/// breaks. Returns the text and how many characters changed.
fn remove_controls(text: &str) -> Option<(String, usize)> {
    let mut out = String::with_capacity(text.len());
    let mut n = 0;
    for c in text.chars() {
        if c == '\u{2028}' || c == '\u{2029}' {
            out.push('\n');
            n += 1;
        } else if is_removed(c) {
            n += 1;
        } else {
            out.push(c);
        }
    }
    (n > 0).then_some((out, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> Result<Decoded, ArticleError> {
        Decoder::default().decode(bytes, &DecodeOptions::default())
    }

    fn kinds(d: &Decoded) -> Vec<(String, usize)> {
        d.repairs
            .iter()
            .map(|r| (r.kind.clone(), r.count))
            .collect()
    }

    #[test]
    fn clean_utf8_is_untouched() {
        let s = "国家统计局今天发布数据，一季度GDP同比增长5.3%。\n\t第二段。";
        let d = decode(s.as_bytes()).expect("text");
        assert_eq!(d.text, s);
        assert_eq!(d.encoding, encoding_rs::UTF_8);
        assert_eq!(d.detected_by, DetectedBy::Utf8);
        assert!(d.repairs.is_empty());
    }

    #[test]
    fn controls_zero_width_and_line_endings() {
        let s = "公司\u{200b}宣布\r\n融资\x07完成\u{feff}\r结束";
        let d = decode(s.as_bytes()).expect("text");
        assert_eq!(d.text, "公司宣布\n融资完成\n结束");
        assert_eq!(kinds(&d), vec![("control_char".to_string(), 3)]);
    }

    #[test]
    fn entities_in_plain_text() {
        let d = decode("&#x5168;球市场&amp;资本&#20840;面".as_bytes()).expect("text");
        assert_eq!(d.text, "全球市场&资本全面");
        assert_eq!(kinds(&d), vec![("html_entity".to_string(), 3)]);
    }

    #[test]
    fn empty_and_whitespace() {
        assert_eq!(decode(b"").expect_err("empty").kind, ErrorKind::Empty);
        assert_eq!(
            decode(" \n\t\r\n ".as_bytes()).expect_err("empty").kind,
            ErrorKind::Empty
        );
    }

    #[test]
    fn invalid_bytes_are_counted() {
        let mut b = "公司宣布完成新一轮融资，金额达到十亿元".as_bytes().to_vec();
        b.insert(6, 0xff);
        let d = decode(&b).expect("text");
        assert_eq!(d.text, "公司\u{fffd}宣布完成新一轮融资，金额达到十亿元");
        assert_eq!(kinds(&d), vec![("invalid_bytes".to_string(), 1)]);
    }

    #[test]
    fn html_declared_charset() {
        let html = "<html><head><meta charset=\"gb2312\"><title>股市收盘</title></head>\
                    <body><p>沪指今日上涨。</p><p>成交额放大。</p></body></html>";
        let (bytes, _, _) = encoding_rs::GBK.encode(html);
        let d = decode(&bytes).expect("text");
        assert_eq!(d.detected_by, DetectedBy::Declared);
        assert_eq!(d.encoding, encoding_rs::GBK);
        assert_eq!(d.title.as_deref(), Some("股市收盘"));
        assert_eq!(d.text, "沪指今日上涨。\n成交额放大。");
    }
}
