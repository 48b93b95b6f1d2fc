//! Stage 1: raw bytes to clean text, with a report of how.
//!
//! Detection order: `--encoding` (forced) > BOM > strict UTF-8 > legacy
//! encodings by detector. Repairs then run on the decoded text.

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
        let (encoding, detected_by, body) = if let Some(enc) = opts.forced {
            (enc, DetectedBy::Forced, bytes)
        } else if let Some((enc, len)) = Encoding::for_bom(bytes) {
            (enc, DetectedBy::Bom, &bytes[len..])
        } else if std::str::from_utf8(bytes).is_ok() {
            (encoding_rs::UTF_8, DetectedBy::Utf8, bytes)
        } else {
            let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            det.feed(bytes, true);
            (
                det.guess(None, chardetng::Utf8Detection::Deny),
                DetectedBy::Detector,
                bytes,
            )
        };
        if detected_by != DetectedBy::Bom
            && encoding != encoding_rs::UTF_16LE
            && encoding != encoding_rs::UTF_16BE
            && body.contains(&0)
        {
            return Err(ArticleError::new(
                ErrorKind::NotText,
                "binary data: contains NUL bytes",
            ));
        }
        let (text, had_errors) = encoding.decode_without_bom_handling(body);
        let mut repairs = Vec::new();
        if had_errors {
            let count = text.matches('\u{fffd}').count();
            repairs.push(Repair {
                kind: "invalid_bytes".into(),
                count,
                detail: None,
            });
        }
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        if text.trim().is_empty() {
            return Err(ArticleError::new(
                ErrorKind::Empty,
                "no text: only whitespace",
            ));
        }
        Ok(Decoded {
            text,
            encoding,
            detected_by,
            repairs,
            title: None,
        })
    }
}
