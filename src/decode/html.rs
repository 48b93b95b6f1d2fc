//! HTML input: charset declaration, title, text with block boundaries as
//! line breaks; and character references, which also appear in plain text.

use encoding_rs::Encoding;

/// Whether the bytes start like an HTML document: `<html` or `<!doctype`
/// in the first kilobyte.
pub(crate) fn sniff(bytes: &[u8]) -> bool {
    // HTML starts with markup (after a BOM and blank space): plain text
    // is told apart from its first byte.
    let start = bytes
        .iter()
        .position(|&b| {
            !matches!(
                b,
                b' ' | b'\t' | b'\n' | b'\r' | 0xef | 0xbb | 0xbf | 0xff | 0xfe | 0
            )
        })
        .unwrap_or(bytes.len());
    if bytes.get(start) != Some(&b'<') {
        return false;
    }
    let head = &bytes[..bytes.len().min(1024)];
    let mut i = 0;
    while let Some(p) = head[i..].iter().position(|&b| b == b'<') {
        let at = &head[i + p..];
        let starts = |n: &[u8]| at.len() >= n.len() && at[..n.len()].eq_ignore_ascii_case(n);
        if starts(b"<html") || starts(b"<!doctype") {
            return true;
        }
        i += p + 1;
    }
    false
}

/// Case-insensitive search for an ASCII needle.
fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let (lo, up) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        let p = hay[i..].iter().position(|&b| b == lo || b == up)?;
        let at = i + p;
        if at + needle.len() > hay.len() {
            return None;
        }
        if hay[at + 1..at + needle.len()].eq_ignore_ascii_case(rest) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// The encoding declared by `<meta charset=...>` or
/// `<meta http-equiv=... content="...; charset=...">` in the first 4 KB.
pub(crate) fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let mut from = 0;
    while let Some(i) = find_ci(&head[from..], b"charset") {
        let mut j = from + i + b"charset".len();
        while j < head.len() && matches!(head[j], b' ' | b'=' | b'"' | b'\'') {
            j += 1;
        }
        let start = j;
        while j < head.len() && (head[j].is_ascii_alphanumeric() || matches!(head[j], b'-' | b'_'))
        {
            j += 1;
        }
        if j > start
            && let Some(enc) = Encoding::for_label(&head[start..j])
        {
            // A UTF-16 declaration in bytes without a BOM is not trusted.
            if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                return None;
            }
            return Some(enc);
        }
        from = j.max(from + i + 1);
    }
    None
}

const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "hr",
    "dd",
    "dt",
    "dl",
    "figure",
    "figcaption",
    "aside",
    "nav",
    "main",
    "form",
    "address",
    "body",
    "td",
    "th",
];

/// The text of an HTML document and its `<title>`. Scripts, styles and
/// comments are dropped; block elements end lines; character references
/// are decoded (their count is returned).
pub(crate) fn to_text(html: &str) -> (String, Option<String>, usize) {
    let mut raw = String::with_capacity(html.len() / 2);
    let mut title: Option<String> = None;
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        raw.push_str(&rest[..lt]);
        let after = &rest[lt + 1..];
        if let Some(comment) = after.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |e| &comment[e + 3..]);
            continue;
        }
        let name_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '/' || c == '!'))
            .unwrap_or(after.len());
        let name = after[..name_len]
            .trim_start_matches('/')
            .to_ascii_lowercase();
        let Some(gt) = after.find('>') else {
            // A lone `<`: keep it as text.
            raw.push('<');
            rest = after;
            continue;
        };
        let tag_end = &after[gt + 1..];
        let closing = after.starts_with('/');
        if !closing && matches!(name.as_str(), "script" | "style" | "title" | "noscript") {
            let close = format!("</{name}");
            let end = find_ci(tag_end.as_bytes(), close.as_bytes()).unwrap_or(tag_end.len());
            if name == "title" && title.is_none() {
                let t = tag_end[..end]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                let t = decode_entities(&t).map_or(t, |(s, _)| s);
                if !t.is_empty() {
                    title = Some(t);
                }
            }
            let after_close = &tag_end[end..];
            rest = after_close.find('>').map_or("", |g| &after_close[g + 1..]);
            continue;
        }
        if BLOCK_TAGS.contains(&name.as_str()) {
            raw.push('\n');
        }
        rest = tag_end;
    }
    raw.push_str(rest);
    let mut text = String::with_capacity(raw.len());
    for line in raw.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if !line.is_empty() {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&line);
        }
    }
    match decode_entities(&text) {
        Some((decoded, n)) => (decoded, title, n),
        None => (text, title, 0),
    }
}

/// Named references decoded in any text.
const NAMED: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", ' '),
    ("ensp", ' '),
    ("emsp", ' '),
    ("thinsp", ' '),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("hellip", '…'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("middot", '·'),
    ("bull", '•'),
    ("times", '×'),
    ("divide", '÷'),
    ("yen", '¥'),
    ("euro", '€'),
    ("pound", '£'),
    ("cent", '¢'),
    ("deg", '°'),
    ("plusmn", '±'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("sect", '§'),
    ("permil", '‰'),
    ("larr", '←'),
    ("rarr", '→'),
    ("uarr", '↑'),
    ("darr", '↓'),
];

/// One reference at the start of `s` (just after `&`): its character and
/// length including the `;`.
fn reference(s: &str) -> Option<(char, usize)> {
    let semi = s.as_bytes().iter().take(12).position(|&b| b == b';')?;
    let body = &s[..semi];
    let c = if let Some(num) = body.strip_prefix('#') {
        let cp = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            if num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            num.parse::<u32>().ok()?
        };
        if cp == 0 {
            return None;
        }
        char::from_u32(cp)?
    } else {
        NAMED.iter().find(|(n, _)| *n == body).map(|&(_, c)| c)?
    };
    Some((c, semi + 1))
}

fn decode_once(text: &str) -> Option<(String, usize)> {
    let mut out = String::with_capacity(text.len());
    let mut count = 0;
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match reference(after) {
            Some((c, len)) => {
                out.push(c);
                count += 1;
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    (count > 0).then_some((out, count))
}

/// Decodes character references (`&#x5168;`, `&#20840;`, `&amp;`, named
/// ones, and double-escaped `&amp;#x5168;`). Returns the text and how many
/// references were decoded, or `None` when there were none.
pub(crate) fn decode_entities(text: &str) -> Option<(String, usize)> {
    if !text.contains('&') {
        return None;
    }
    let (once, n) = decode_once(text)?;
    // Double escaping: `&amp;#x5168;` became `&#x5168;`; decode once more
    // only where the first pass produced new references.
    if once.contains('&') && text.contains("&amp;") {
        let double = text.replace("&amp;", "&");
        if let Some((twice, _)) = decode_once(&double)
            && twice != once
        {
            return Some((twice, n));
        }
    }
    Some((once, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(
            decode_entities("&#x5168;&#29699;市场 &amp; 资本&hellip;"),
            Some(("全球市场 & 资本…".to_string(), 4))
        );
        assert_eq!(
            decode_entities("&amp;#x5168;面上涨"),
            Some(("全面上涨".to_string(), 1))
        );
        assert_eq!(decode_entities("R&D 投入 & 产出"), None);
        assert_eq!(decode_entities("A&B;C"), None);
    }

    #[test]
    fn html_text_and_title() {
        let html = "<!DOCTYPE html><html><head><meta charset=\"gbk\"><title>央行 &amp; 利率</title>\
                    <style>p{color:red}</style><script>var a='<p>';</script></head>\
                    <body><h1>央行宣布降息</h1><p>今日，<b>央行</b>宣布下调利率。</p><!-- 注释 -->\
                    <div>市场反应&#x79EF;极</div></body></html>";
        let (text, title, n) = to_text(html);
        assert_eq!(title.as_deref(), Some("央行 & 利率"));
        assert_eq!(text, "央行宣布降息\n今日，央行宣布下调利率。\n市场反应积极");
        assert_eq!(n, 1);
        assert_eq!(declared_charset(html.as_bytes()), Some(encoding_rs::GBK));
        assert!(sniff(html.as_bytes()));
        assert!(!sniff("公司 <b>".as_bytes()));
    }

    #[test]
    fn http_equiv_charset() {
        let html = b"<html><meta http-equiv=\"Content-Type\" content=\"text/html; charset=big5\">";
        assert_eq!(declared_charset(html), Some(encoding_rs::BIG5));
        assert_eq!(declared_charset(b"<html><p>no</p>"), None);
    }
}
