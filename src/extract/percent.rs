//! Percentages: `1700%`, `３．５％`, `百分之三十`, `千分之一` (0.1),
//! `三成` (30), and percentage-point changes (`2个百分点`, marked
//! `points`).

use super::number::{self, Magnitudes, is_cjk_char, next_char, skip_spaces};
use super::{Document, Extraction, Extractor};
use crate::decimal::Decimal;
use crate::record::Percentage;
use crate::rules::{RuleError, RuleSet};
use aho_corasick::{AhoCorasick, AhoCorasickKind};
use std::sync::LazyLock;

static ANCHORS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .build(["%", "‰", "分之", "百分点", "成"])
        .expect("percent anchors")
});

pub struct PercentExtractor {
    mags: Magnitudes,
}

impl PercentExtractor {
    pub fn new(rules: &RuleSet) -> Result<PercentExtractor, RuleError> {
        Ok(PercentExtractor {
            mags: Magnitudes::new(rules)?,
        })
    }

    /// Percentages of a work text as `(start, end, value, points)` bytes.
    fn find(&self, s: &str) -> Vec<(usize, usize, Decimal, bool)> {
        let mut out = Vec::new();
        // Numbers are read only near a percent word.
        let mut nums = Vec::new();
        let mut last_end = 0;
        for m in ANCHORS.find_iter(s) {
            let a = number::figure_start(s, s.floor_char_boundary(m.start().saturating_sub(48)));
            let b = s.ceil_char_boundary((m.end() + 40).min(s.len()));
            let a = a.max(last_end);
            if a < b {
                number::scan_range(&self.mags, s, a, b, &mut nums);
            }
            last_end = last_end.max(nums.last().map_or(b, |n: &number::Number| n.end.max(b)));
        }
        let mut consumed = 0;
        for n in &nums {
            if n.start < consumed || n.max.is_some() && !s[n.end..].starts_with('%') {
                continue;
            }
            let head = &s[..n.start];
            // 百分之三十, 千分之一.
            if let Some(scale) = if head.ends_with("百分之") {
                Some(0)
            } else if head.ends_with("千分之") {
                Some(1)
            } else if head.ends_with("万分之") {
                Some(2)
            } else {
                None
            } {
                if n.has_magnitude && n.large {
                    continue;
                }
                let start = n.start - "百分之".len();
                let v = Decimal::new(n.value.mantissa(), n.value.scale() + scale);
                out.push((start, n.end, v, false));
                consumed = n.end;
                continue;
            }
            if n.weak && !matches!(next_char(s, n.end), Some('成')) {
                continue;
            }
            if number::not_a_figure(s, n) {
                continue;
            }
            let p = skip_spaces(s, n.end, 1);
            let rest = &s[p..];
            if rest.starts_with('%') {
                out.push((n.start, p + 1, n.value, false));
                consumed = p + 1;
            } else if rest.starts_with('‰') {
                let v = Decimal::new(n.value.mantissa(), n.value.scale() + 1);
                out.push((n.start, p + '‰'.len_utf8(), v, false));
                consumed = p + '‰'.len_utf8();
            } else if let Some(tail) = ["个百分点", "百分点"]
                .iter()
                .find(|t| rest.starts_with(**t))
            {
                out.push((n.start, p + tail.len(), n.value, true));
                consumed = p + tail.len();
            } else if rest.starts_with('成')
                && !n.arabic
                && !n.large
                && n.value <= Decimal::from_int(10)
                && n.value > Decimal::ZERO
                && n.value.is_integer()
            {
                // 三成, 三成五; not 一成不变, 成为, 成立.
                let after = p + '成'.len_utf8();
                let mut v = n.value.checked_mul_pow10(1).unwrap_or(n.value);
                let mut end = after;
                if let Some(c) = next_char(s, after)
                    && let Some(d) = number::cn_digit(c)
                    && next_char(s, after + c.len_utf8())
                        .is_none_or(|x| number::cn_digit(x).is_none())
                {
                    v = v.checked_add(Decimal::from_int(d as i128)).unwrap_or(v);
                    end = after + c.len_utf8();
                }
                let next = next_char(s, end);
                let ok =
                    next.is_none_or(|c| !is_cjk_char(c) || "的以左多上下半至到和或".contains(c));
                let idiom = s[n.start..].starts_with("一成不变");
                if ok && !idiom {
                    out.push((n.start, end, v, false));
                    consumed = end;
                }
            }
        }
        out
    }
}

impl Extractor for PercentExtractor {
    fn name(&self) -> &'static str {
        "percent"
    }

    fn extract(&self, doc: &Document, out: &mut Extraction) {
        let w = doc.work();
        for (a, b, value, points) in self.find(&w.text) {
            let (start, end) = (w.char_at(a), w.char_at(b));
            out.percentages.push(Percentage {
                text: doc.clean_slice(start, end).to_string(),
                start,
                end,
                value,
                points,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Normalizer;

    fn run(text: &str) -> Vec<(String, Decimal, bool)> {
        let view = Normalizer::new().normalize(text).text;
        let doc = Document::new(text, &view, Vec::new());
        let mut out = Extraction::default();
        PercentExtractor::new(&RuleSet::builtin())
            .unwrap()
            .extract(&doc, &mut out);
        out.percentages
            .into_iter()
            .map(|p| (p.text, p.value, p.points))
            .collect()
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn percent_forms() {
        assert_eq!(
            run("自年初以来增长了 1700%。"),
            vec![("1700%".into(), d("1700"), false)]
        );
        assert_eq!(
            run("增長了 1700%。"),
            vec![("1700%".into(), d("1700"), false)]
        );
        assert_eq!(
            run("利率３．５％"),
            vec![("３．５％".into(), d("3.5"), false)]
        );
        assert_eq!(run("下跌-2.5%"), vec![("-2.5%".into(), d("-2.5"), false)]);
        assert_eq!(
            run("占百分之三十"),
            vec![("百分之三十".into(), d("30"), false)]
        );
        assert_eq!(
            run("佔百分之三十"),
            vec![("百分之三十".into(), d("30"), false)]
        );
        assert_eq!(
            run("不良率千分之一，"),
            vec![("千分之一".into(), d("0.1"), false)]
        );
        assert_eq!(run("市场份额三成，"), vec![("三成".into(), d("30"), false)]);
        assert_eq!(
            run("市場份額約三成。"),
            vec![("三成".into(), d("30"), false)]
        );
        assert_eq!(run("增长三成五，"), vec![("三成五".into(), d("35"), false)]);
        assert_eq!(
            run("毛利率提升2个百分点"),
            vec![("2个百分点".into(), d("2"), true)]
        );
        assert_eq!(
            run("毛利率提升2.5個百分點"),
            vec![("2.5個百分點".into(), d("2.5"), true)]
        );
    }

    #[test]
    fn not_percentages() {
        assert!(run("一成不变").is_empty());
        assert!(run("三成员").is_empty());
        assert!(run("公司成立于2015年").is_empty());
        assert!(run("GPT-4o").is_empty());
    }
}
