//! Pinyin annotations left by SEO crawls: `達(dá)到`, `領(lǐng)導(dǎo)`.
//!
//! An annotation is `(syllable)` right after a Han character where the
//! syllable is one of that character's readings (with tone marks, or
//! without them: `發光(guang)`), or the character repeated: `訪(訪)`. They
//! are removed only when a document holds several of them, so a single
//! genuine gloss in ordinary news (`王珺(jùn)`) stays, and so does any
//! parenthesis that is not a reading of the character before it (`(AGI)`,
//! `(app)`, `(約合 464 億人民幣)`).

use crate::normalize::TABLES;
use pinyin::ToPinyinMulti;

/// Fewest annotations that make a document an annotated one.
pub(crate) const MIN_ANNOTATIONS: usize = 3;

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff | 0x20000..=0x3134f)
}

fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ".contains(c)
}

/// Whether `syllable` is a reading of `han`, with tones or without.
fn is_reading(han: char, syllable: &str) -> bool {
    let toneless = syllable.is_ascii();
    let check = |c: char| {
        c.to_pinyin_multi().is_some_and(|multi| {
            multi.into_iter().any(|p| {
                if toneless {
                    p.plain() == syllable
                } else {
                    p.with_tone() == syllable
                }
            })
        })
    };
    check(han) || {
        let s = TABLES.to_simplified(han);
        s != han && check(s)
    }
}

/// The annotations of `text`: byte ranges to remove.
fn annotations(text: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    // memmem looks for the whole of `（`: a search for one character looks
    // for its last byte, which CJK text is full of.
    let mut opens: Vec<(usize, usize)> = memchr::memchr_iter(b'(', text.as_bytes())
        .map(|i| (i, 1))
        .chain(memchr::memmem::find_iter(text.as_bytes(), "（".as_bytes()).map(|i| (i, 3)))
        .collect();
    opens.sort_unstable();
    let mut from = 0;
    for (i, open_len) in opens {
        if i < from {
            continue;
        }
        let Some(han) = text[..i].chars().next_back().filter(|&c| is_han(c)) else {
            continue;
        };
        let body_start = i + open_len;
        let rest = &text[body_start..];
        let Some((j, d)) = rest
            .char_indices()
            .take(8)
            .find(|&(_, d)| d == ')' || d == '）')
        else {
            continue;
        };
        let body = &rest[..j];
        let end = body_start + j + d.len_utf8();
        let is_annotation = if body.is_empty() {
            false
        } else if body.chars().all(is_pinyin_letter) {
            is_reading(han, body)
        } else {
            let mut bc = body.chars();
            match (bc.next(), bc.next()) {
                (Some(r), None) if is_han(r) => {
                    r == han || TABLES.to_simplified(r) == TABLES.to_simplified(han)
                }
                _ => false,
            }
        };
        if is_annotation {
            found.push((i, end));
            from = end;
        }
    }
    found
}

/// Removes the pinyin annotations of `text` when it holds several; returns
/// the new text and how many were removed.
pub(crate) fn strip(text: &str) -> Option<(String, usize)> {
    let found = annotations(text);
    if found.len() < MIN_ANNOTATIONS {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for &(a, b) in &found {
        out.push_str(&text[pos..a]);
        pos = b;
    }
    out.push_str(&text[pos..]);
    Some((out, found.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_annotations_in_annotated_documents() {
        let text = "該公司宣布估值達(dá)到新高，領(lǐng)導(dǎo)層表示滿意。";
        let (out, n) = strip(text).expect("annotated");
        assert_eq!(out, "該公司宣布估值達到新高，領導層表示滿意。");
        assert_eq!(n, 3);
    }

    #[test]
    fn keeps_a_single_gloss_and_other_parentheses() {
        let text = "記者王珺(jùn)報道，人工智能(AI)應用(app)持續增長(約合 5 億元)。";
        assert_eq!(strip(text), None);
        assert!(annotations(text).len() == 1);
    }

    #[test]
    fn keeps_non_readings_in_annotated_documents() {
        let text = "進(jìn)入市場後，發(fā)展迅速，實現(xiàn)盈利。通用智能(AGI)與應用(app)";
        let (out, n) = strip(text).expect("annotated");
        assert_eq!(n, 3);
        assert_eq!(
            out,
            "進入市場後，發展迅速，實現盈利。通用智能(AGI)與應用(app)"
        );
    }

    #[test]
    fn toneless_and_repeated_variants() {
        let text = "這款產品發光(guang)效果好，受訪(訪)者稱價格(ge)合理。";
        let (out, n) = strip(text).expect("annotated");
        assert_eq!(n, 3);
        assert_eq!(out, "這款產品發光效果好，受訪者稱價格合理。");
    }

    #[test]
    fn simplified_text_with_pinyin() {
        let text = "经(jīng)济增长，达(dá)到预期，领(lǐng)先同行。";
        assert_eq!(strip(text).map(|x| x.1), Some(3));
    }
}
