//! Dates and time expressions: `2015 年`, `2023 年初`, `8 月`, `五月份`,
//! `5月14日`, `今年`, `去年`, `今天凌晨`, `九年前`, resolved to ISO 8601
//! (`2015`, `2023-01`, `2024-10-03`) against the publication date (`--date`,
//! or a dateline such as `财联社5月14日电` with the year of `--date`).
//! Without one, relative expressions get `value: null`.

use super::{Document, Extraction, Extractor};
use crate::record::DateMention;
use crate::rules::{RuleError, RuleSet};
use regex::Regex;
use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

/// A calendar date, e.g. a publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = String;

    /// `YYYY-MM-DD`.
    fn from_str(s: &str) -> Result<Date, String> {
        let err = || format!("invalid date {s:?}: expected YYYY-MM-DD");
        let mut it = s.splitn(3, '-');
        let y = it.next().and_then(|v| v.parse().ok()).ok_or_else(err)?;
        let m = it.next().and_then(|v| v.parse().ok()).ok_or_else(err)?;
        let d = it.next().and_then(|v| v.parse().ok()).ok_or_else(err)?;
        Date::new(y, m, d).ok_or_else(err)
    }
}

impl Date {
    /// Days since 1970-01-01.
    pub fn to_days(&self) -> i64 {
        let y = self.year as i64 - if self.month <= 2 { 1 } else { 0 };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = self.month as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }

    /// The date `days` after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719468;
        let era = z.div_euclid(146097);
        let doe = z - era * 146097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + if month <= 2 { 1 } else { 0 }) as i32;
        Date { year, month, day }
    }

    pub fn add_days(&self, n: i64) -> Date {
        Date::from_days(self.to_days() + n)
    }
}

/// Year and month shifted by `n` months.
fn add_months(year: i32, month: u32, n: i64) -> (i32, u32) {
    let total = year as i64 * 12 + (month as i64 - 1) + n;
    (
        total.div_euclid(12) as i32,
        (total.rem_euclid(12) + 1) as u32,
    )
}

const CN_NUM: &str = "[0-9]{1,2}|[一二三四五六七八九十]{1,3}";

static DATE_RE: LazyLock<Regex> = LazyLock::new(|| {
    let n = CN_NUM;
    let pat = format!(
        concat!(
            r"(?P<iso>(?P<iy>[0-9]{{4}})[-/.](?P<im>[0-9]{{1,2}})[-/.](?P<id>[0-9]{{1,2}}))",
            r"|(?P<y>[0-9]{{4}}|[〇零一二三四五六七八九]{{4}}) ?年(?: ?(?P<m>{n}) ?月(?:份)?(?: ?(?P<d>{n}) ?[日号])?| ?(?P<part>上半年|下半年|年初|年底|年末|年中|初|底|末|中))?",
            r"|(?P<ry>今年|去年|明年|前年|后年|本年|上年)(?: ?(?P<rm>{n}) ?月(?:份)?(?: ?(?P<rd>{n}) ?[日号])?|(?P<rpart>上半年|下半年|年初|年底|年末|年中|初|底|末))?",
            r"|(?P<rday>今天|今日|昨天|昨日|明天|明日|前天|后天|今晨|昨晚|今晚)(?: ?(?P<tod>凌晨|清晨|早上|早间|上午|中午|下午|傍晚|晚上|晚间|夜间|盘中|盘前|盘后))?",
            r"|(?P<rmon>本月|上月|上个月|下月|下个月|本周|上周|下周|这周|本季度|上季度|下季度)",
            r"|(?P<ago>[0-9]+|[一二两三四五六七八九十百]+) ?(?P<unit>年|个月|天|周|日) ?(?P<dir>以前|之前|以后|之后|前|后)",
            r"|(?P<m3>{n}) ?月(?:份)?(?: ?(?P<d3>{n}) ?[日号])?",
            r"|(?P<part2>年初|年底|年末|年中)",
        ),
        n = n
    );
    Regex::new(&pat).expect("date pattern")
});

static DATELINE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(?P<y>[0-9]{4})年)?(?P<m>[0-9]{1,2})月(?P<d>[0-9]{1,2})日(?:电|讯|消息)")
        .expect("dateline pattern")
});

fn small_number(s: &str) -> Option<u32> {
    let n = super::number::parse_at(s, 0)?;
    if n.end != s.len() || n.max.is_some() || n.fuzzy {
        return None;
    }
    u32::try_from(n.value.to_i128()?).ok()
}

fn year_of(s: &str) -> Option<i32> {
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok();
    }
    let mut v = 0i32;
    for c in s.chars() {
        v = v * 10 + super::number::cn_digit(c)? as i32;
    }
    Some(v)
}

/// The reference date of a document: `--date`, or a dateline such as
/// `5月14日电` with the year of `--date` (or its own year).
pub fn reference_date(view: &str, pub_date: Option<Date>) -> Option<Date> {
    let cut = view.char_indices().nth(120).map_or(view.len(), |(b, _)| b);
    let head = &view[..cut];
    if !(head.contains("日电") || head.contains("日讯") || head.contains("日消息")) {
        return pub_date;
    }
    let Some(c) = DATELINE_RE.captures(head) else {
        return pub_date;
    };
    let m: u32 = c.name("m")?.as_str().parse().ok()?;
    let d: u32 = c.name("d")?.as_str().parse().ok()?;
    let year = match c.name("y") {
        Some(y) => y.as_str().parse().ok()?,
        None => {
            let p = pub_date?;
            // A December dateline published in January is last year's.
            if m > p.month + 6 { p.year - 1 } else { p.year }
        }
    };
    Date::new(year, m, d).or(pub_date)
}

fn ym(y: i32, m: u32) -> Option<String> {
    (1..=12).contains(&m).then(|| format!("{y:04}-{m:02}"))
}

fn ymd(y: i32, m: u32, d: u32) -> Option<String> {
    Date::new(y, m, d).map(|d| d.to_string())
}

fn with_part(y: i32, part: Option<&str>) -> Option<String> {
    match part {
        Some("初" | "年初") => ym(y, 1),
        Some("底" | "末" | "年底" | "年末") => ym(y, 12),
        _ => Some(format!("{y:04}")),
    }
}

/// Value and relative flag of one date match.
fn resolve(c: &regex::Captures, r: Option<Date>) -> Option<(Option<String>, bool)> {
    let get = |n: &str| c.name(n).map(|m| m.as_str());
    if c.name("iso").is_some() {
        let y = get("iy")?.parse().ok()?;
        let m = get("im")?.parse().ok()?;
        let d = get("id")?.parse().ok()?;
        return Some((Some(ymd(y, m, d)?), false));
    }
    if let Some(y) = get("y") {
        let y = year_of(y)?;
        if !(1000..=2999).contains(&y) {
            return None;
        }
        let v = match (get("m"), get("d")) {
            (Some(m), Some(d)) => ymd(y, small_number(m)?, small_number(d)?)?,
            (Some(m), None) => ym(y, small_number(m)?)?,
            _ => with_part(y, get("part"))?,
        };
        return Some((Some(v), false));
    }
    if let Some(ry) = get("ry") {
        let off = match ry {
            "今年" | "本年" => 0,
            "去年" | "上年" => -1,
            "明年" => 1,
            "前年" => -2,
            _ => 2,
        };
        let Some(r) = r else {
            // A month must still be a month.
            if let Some(m) = get("rm") {
                small_number(m).filter(|m| (1..=12).contains(m))?;
            }
            return Some((None, true));
        };
        let y = r.year + off;
        let v = match (get("rm"), get("rd")) {
            (Some(m), Some(d)) => ymd(y, small_number(m)?, small_number(d)?)?,
            (Some(m), None) => ym(y, small_number(m)?)?,
            _ => with_part(y, get("rpart"))?,
        };
        return Some((Some(v), true));
    }
    if let Some(day) = get("rday") {
        let off = match day {
            "今天" | "今日" | "今晨" | "今晚" => 0,
            "昨天" | "昨日" | "昨晚" => -1,
            "明天" | "明日" => 1,
            "前天" => -2,
            _ => 2,
        };
        return Some((r.map(|r| r.add_days(off).to_string()), true));
    }
    if let Some(w) = get("rmon") {
        let off = match w {
            "本月" => Some(0),
            "上月" | "上个月" => Some(-1),
            "下月" | "下个月" => Some(1),
            _ => None,
        };
        let v = match (r, off) {
            (Some(r), Some(o)) => {
                let (y, m) = add_months(r.year, r.month, o);
                ym(y, m)
            }
            _ => None,
        };
        return Some((v, true));
    }
    if let Some(n) = get("ago") {
        let n = small_number(n)? as i64;
        let sign = if get("dir")?.ends_with('前') { -1 } else { 1 };
        let v = r.and_then(|r| match get("unit") {
            Some("年") => Some(format!("{:04}", r.year as i64 + sign * n)),
            Some("个月") => {
                let (y, m) = add_months(r.year, r.month, sign * n);
                ym(y, m)
            }
            Some("周") => Some(r.add_days(sign * 7 * n).to_string()),
            _ => Some(r.add_days(sign * n).to_string()),
        });
        return Some((v, true));
    }
    if let Some(m) = get("m3") {
        let m = small_number(m)?;
        if !(1..=12).contains(&m) {
            return None;
        }
        let d = match get("d3") {
            Some(d) => Some(small_number(d)?).filter(|d| (1..=31).contains(d)),
            None => None,
        };
        if get("d3").is_some() && d.is_none() {
            return None;
        }
        let v = r.and_then(|r| {
            let y = if m > r.month + 6 { r.year - 1 } else { r.year };
            match d {
                Some(d) => ymd(y, m, d),
                None => ym(y, m),
            }
        });
        return Some((v, true));
    }
    if let Some(p) = get("part2") {
        return Some((r.and_then(|r| with_part(r.year, Some(p))), true));
    }
    None
}

pub struct DateExtractor {}

impl DateExtractor {
    pub fn new(_rules: &RuleSet) -> Result<DateExtractor, RuleError> {
        Ok(DateExtractor {})
    }

    /// Dates of a work text as `(start, end, value, relative)` bytes.
    pub fn find(&self, s: &str, r: Option<Date>) -> Vec<(usize, usize, Option<String>, bool)> {
        let mut out = Vec::new();
        // The lazy DFA finds each match; the capture engine, much slower,
        // then runs on that match alone.
        for m in DATE_RE.find_iter(s) {
            let Some(c) = DATE_RE.captures(m.as_str()) else {
                continue;
            };
            let prev = s[..m.start()].chars().next_back();
            let next = s[m.end()..].chars().next();
            let first = m.as_str().chars().next();
            // Not the tail of a longer number, and not `3个月` counted
            // from a digit we did not see.
            if first.is_some_and(|f| f.is_ascii_digit() || super::number::cn_digit(f).is_some())
                && prev.is_some_and(|p| {
                    p.is_ascii_digit()
                        || p == '.'
                        || super::number::cn_digit(p).is_some()
                        || p == '第'
                })
            {
                continue;
            }
            // `5月` of `5月份的营收` is a date; `3个月` is a duration (no
            // match); `1700%` never matches.
            if c.name("m3").is_some() && next == Some('%') {
                continue;
            }
            if let Some((v, rel)) = resolve(&c, r) {
                out.push((m.start(), m.end(), v, rel));
            }
        }
        out
    }
}

impl Extractor for DateExtractor {
    fn name(&self) -> &'static str {
        "date"
    }

    fn extract(&self, doc: &Document, out: &mut Extraction) {
        let w = doc.work();
        let r = reference_date(&w.text, doc.pub_date);
        for (a, b, value, relative) in self.find(&w.text, r) {
            let (start, end) = (w.char_at(a), w.char_at(b));
            out.dates.push(DateMention {
                text: doc.clean_slice(start, end).to_string(),
                start,
                end,
                value,
                relative,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_iso_dates() {
        assert_eq!(
            "2024-10-03".parse::<Date>(),
            Ok(Date {
                year: 2024,
                month: 10,
                day: 3
            })
        );
        assert!("2023-02-29".parse::<Date>().is_err());
        assert!("2024-13-01".parse::<Date>().is_err());
        assert!("yesterday".parse::<Date>().is_err());
    }

    fn run(text: &str, pub_date: Option<&str>) -> Vec<(String, Option<String>, bool)> {
        let view = crate::normalize::Normalizer::new().normalize(text).text;
        let mut doc = Document::new(text, &view, Vec::new());
        doc.pub_date = pub_date.map(|d| d.parse().unwrap());
        let mut out = Extraction::default();
        DateExtractor::new(&RuleSet::builtin())
            .unwrap()
            .extract(&doc, &mut out);
        out.dates
            .into_iter()
            .map(|d| (d.text, d.value, d.relative))
            .collect()
    }

    fn one(text: &str, pub_date: Option<&str>) -> (String, Option<String>, bool) {
        let mut all = run(text, pub_date);
        assert_eq!(all.len(), 1, "{text}: {all:?}");
        all.remove(0)
    }

    fn t(text: &str, value: Option<&str>, relative: bool) -> (String, Option<String>, bool) {
        (text.to_string(), value.map(str::to_string), relative)
    }

    #[test]
    fn day_arithmetic() {
        let d: Date = "2024-03-01".parse().unwrap();
        assert_eq!(d.add_days(-1).to_string(), "2024-02-29");
        assert_eq!(d.add_days(365).to_string(), "2025-03-01");
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        assert_eq!(add_months(2024, 1, -1), (2023, 12));
    }

    #[test]
    fn explicit_dates() {
        assert_eq!(
            one("成立于 2015 年的公司", None),
            t("2015 年", Some("2015"), false)
        );
        assert_eq!(
            one("自 2023 年初以来", None),
            t("2023 年初", Some("2023-01"), false)
        );
        assert_eq!(
            one("2024年10月3日发布", None),
            t("2024年10月3日", Some("2024-10-03"), false)
        );
        assert_eq!(
            one("二〇二四年十月三日", None),
            t("二〇二四年十月三日", Some("2024-10-03"), false)
        );
        assert_eq!(
            one("于2024-10-03公布", None),
            t("2024-10-03", Some("2024-10-03"), false)
        );
        assert_eq!(
            one("2023年底前", None),
            t("2023年底", Some("2023-12"), false)
        );
    }

    #[test]
    fn months_and_days_take_the_reference_year() {
        let p = Some("2024-10-03");
        assert_eq!(
            one("这家公司 8 月份的营收", p),
            t("8 月份", Some("2024-08"), true)
        );
        assert_eq!(one("在五月份离职", p), t("五月份", Some("2024-05"), true));
        assert_eq!(one("於五月份離職", p), t("五月份", Some("2024-05"), true));
        assert_eq!(
            one("5月14日举行", p),
            t("5月14日", Some("2024-05-14"), true)
        );
        assert_eq!(one("5月14日舉行", None), t("5月14日", None, true));
        assert_eq!(one("8 月", None), t("8 月", None, true));
    }

    #[test]
    fn relative_dates() {
        let p = Some("2024-10-03");
        assert_eq!(one("今年收入", p), t("今年", Some("2024"), true));
        assert_eq!(one("去年收入", p), t("去年", Some("2023"), true));
        assert_eq!(one("明年收入", p), t("明年", Some("2025"), true));
        assert_eq!(
            one("今天凌晨，公司宣布", p),
            t("今天凌晨", Some("2024-10-03"), true)
        );
        assert_eq!(one("昨日收盘", p), t("昨日", Some("2024-10-02"), true));
        assert_eq!(one("自九年前创立", p), t("九年前", Some("2015"), true));
        assert_eq!(one("上个月宣布", p), t("上个月", Some("2024-09"), true));
        assert_eq!(
            one("今年 8 月离开", p),
            t("今年 8 月", Some("2024-08"), true)
        );
        assert_eq!(one("今年收入", None), t("今年", None, true));
        assert_eq!(one("今天凌晨", None), t("今天凌晨", None, true));
        assert_eq!(one("自九年前", None), t("九年前", None, true));
    }

    #[test]
    fn dateline_gives_the_reference() {
        let got = run(
            "财联社5月14日电，公司今天宣布，去年营收增长。",
            Some("2026-05-20"),
        );
        assert_eq!(
            got,
            vec![
                t("5月14日", Some("2026-05-14"), true),
                t("今天", Some("2026-05-14"), true),
                t("去年", Some("2025"), true),
            ]
        );
        let got = run("財聯社5月14日電，公司今天宣布", Some("2026-05-20"));
        assert_eq!(got[1], t("今天", Some("2026-05-14"), true));
    }

    #[test]
    fn not_dates() {
        assert!(run("增长了 1700%", None).is_empty());
        assert!(run("持续3个月", None).is_empty());
        assert!(run("营收300846.5万元", None).is_empty());
    }
}
