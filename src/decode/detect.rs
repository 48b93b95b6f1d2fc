//! Which encoding the bytes are in.
//!
//! Order: `--encoding` (forced) > BOM > `<meta charset>` of HTML when the
//! bytes agree > strict UTF-8 (never re-guessed) > UTF-16 without BOM >
//! UTF-8 with a few stray bytes > chardetng for legacy encodings.

use super::html;
use crate::error::ArticleError;
use crate::record::{DetectedBy, ErrorKind};
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// The decision: encoding, how it was found, and the BOM length to skip.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Detected {
    pub encoding: &'static Encoding,
    pub detected_by: DetectedBy,
    pub skip: usize,
}

pub(crate) fn detect(
    bytes: &[u8],
    forced: Option<&'static Encoding>,
    is_html: bool,
    valid_utf8: bool,
) -> Result<Detected, ArticleError> {
    let found = |encoding, detected_by, skip| Detected {
        encoding,
        detected_by,
        skip,
    };
    if let Some(enc) = forced {
        let skip = match Encoding::for_bom(bytes) {
            Some((bom_enc, len)) if bom_enc == enc => len,
            _ => 0,
        };
        return Ok(found(enc, DetectedBy::Forced, skip));
    }
    if let Some((enc, len)) = Encoding::for_bom(bytes) {
        return Ok(found(enc, DetectedBy::Bom, len));
    }
    let has_nul = bytes.contains(&0);
    let valid_utf8 = valid_utf8 && !has_nul;
    if is_html
        && !has_nul
        && let Some(enc) = html::declared_charset(bytes)
    {
        let agrees = if enc == UTF_8 {
            valid_utf8
        } else {
            !valid_utf8
                && enc
                    .decode_without_bom_handling_and_without_replacement(bytes)
                    .is_some()
        };
        if agrees {
            return Ok(found(enc, DetectedBy::Declared, 0));
        }
    }
    if valid_utf8 {
        return Ok(found(UTF_8, DetectedBy::Utf8, 0));
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        return Ok(found(enc, DetectedBy::Detector, 0));
    }
    if has_nul {
        return Err(ArticleError::new(
            ErrorKind::NotText,
            "binary data: contains NUL bytes",
        ));
    }
    if mostly_utf8(bytes) {
        return Ok(found(UTF_8, DetectedBy::Utf8, 0));
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(None, chardetng::Utf8Detection::Deny);
    Ok(found(enc, DetectedBy::Detector, 0))
}

/// UTF-8 with only a few invalid sequences (stray bytes, a truncated last
/// character) among many valid multi-byte characters.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut multi, mut invalid) = (0usize, 0usize);
    let mut last_invalid_at_end = false;
    for chunk in bytes.utf8_chunks() {
        multi += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        last_invalid_at_end = false;
        if !chunk.invalid().is_empty() {
            invalid += 1;
            last_invalid_at_end = true;
        }
    }
    // Only the last character cut short.
    if invalid == 1 && last_invalid_at_end && multi >= 1 {
        return true;
    }
    multi >= 4 && invalid * 10 <= multi.max(10)
}

/// Whether a UTF-16 code unit is one that text plausibly holds.
fn plausible_unit(u: u16) -> bool {
    matches!(u,
        0x09 | 0x0a | 0x0d
        | 0x20..=0x7e
        | 0xa0..=0xff
        | 0x2000..=0x206f
        | 0x3000..=0x30ff
        | 0x3400..=0x4dbf
        | 0x4e00..=0x9fff
        | 0xd800..=0xdfff
        | 0xff00..=0xffef)
}

/// UTF-16 without a BOM, told from how plausible the code units are in
/// each byte order (the NUL bytes of ASCII characters tip the balance).
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(16384) & !1];
    if sample.len() < 2 {
        return None;
    }
    let units = sample.len() / 2;
    let (mut le, mut be) = (0usize, 0usize);
    let (mut nul_even, mut nul_odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        le += plausible_unit(u16::from_le_bytes([pair[0], pair[1]])) as usize;
        be += plausible_unit(u16::from_be_bytes([pair[0], pair[1]])) as usize;
        nul_even += (pair[0] == 0) as usize;
        nul_odd += (pair[1] == 0) as usize;
    }
    let enough = |n: usize| n * 100 >= units * 95;
    let prefer_le = le > be || (le == be && nul_odd > nul_even);
    let (enc, score) = if prefer_le {
        (UTF_16LE, le)
    } else {
        (UTF_16BE, be)
    };
    if !enough(score) {
        return None;
    }
    // Without NULs, require the text to be mostly CJK in that byte order
    // (ASCII-only UTF-16 always has NULs).
    if nul_even + nul_odd == 0 {
        let cjk = sample
            .chunks_exact(2)
            .map(|p| {
                if prefer_le {
                    u16::from_le_bytes([p[0], p[1]])
                } else {
                    u16::from_be_bytes([p[0], p[1]])
                }
            })
            .filter(|&u| (0x3000..=0x9fff).contains(&u) || (0xff00..=0xffef).contains(&u))
            .count();
        if cjk * 10 < units * 8 {
            return None;
        }
    }
    Some(enc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str, le: bool) -> Vec<u8> {
        s.encode_utf16()
            .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
            .collect()
    }

    #[test]
    fn utf16_without_bom_both_orders() {
        let s = "新华社北京电 国务院常务会议今日召开，部署稳就业工作。";
        assert_eq!(utf16_without_bom(&utf16(s, true)), Some(UTF_16LE));
        assert_eq!(utf16_without_bom(&utf16(s, false)), Some(UTF_16BE));
        let ascii = "Reuters reported on Monday.";
        assert_eq!(utf16_without_bom(&utf16(ascii, true)), Some(UTF_16LE));
        assert_eq!(utf16_without_bom(&utf16(ascii, false)), Some(UTF_16BE));
    }

    #[test]
    fn gbk_is_not_utf16() {
        let (gbk, _, _) = encoding_rs::GBK.encode("国务院常务会议今日召开，部署稳就业工作。");
        assert_eq!(utf16_without_bom(&gbk), None);
        let d = detect(&gbk, None, false, false).expect("text");
        assert_eq!(d.encoding, encoding_rs::GBK);
        assert_eq!(d.detected_by, DetectedBy::Detector);
    }

    #[test]
    fn truncated_utf8_stays_utf8() {
        let mut b = "公司宣布完成融资".as_bytes().to_vec();
        b.pop();
        let d = detect(&b, None, false, false).expect("text");
        assert_eq!(d.encoding, UTF_8);
        assert_eq!(d.detected_by, DetectedBy::Utf8);
    }

    #[test]
    fn binary_is_not_text() {
        let bytes = [
            0x89u8, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49,
        ];
        let e = detect(&bytes, None, false, false).expect_err("binary");
        assert_eq!(e.kind, ErrorKind::NotText);
    }
}
