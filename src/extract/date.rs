//! Dates and time expressions (extraction not yet implemented).

use super::{Document, Extraction, Extractor};
use crate::rules::{RuleError, RuleSet};
use std::fmt;
use std::str::FromStr;

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

pub struct DateExtractor {}

impl DateExtractor {
    pub fn new(_rules: &RuleSet) -> Result<DateExtractor, RuleError> {
        Ok(DateExtractor {})
    }
}

impl Extractor for DateExtractor {
    fn name(&self) -> &'static str {
        "date"
    }

    fn extract(&self, _doc: &Document, _out: &mut Extraction) {}
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
}
