//! Exact decimal numbers for amounts and percentages.
//!
//! A value is an integer mantissa and a power-of-ten scale, so `1.1` times
//! `10^12` is exactly `1100000000000`: no floating-point residue ever reaches a
//! record. Whole values serialize as JSON integers.

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

/// `mantissa / 10^scale`, kept with no trailing zeros in the mantissa when
/// `scale > 0`, so equal values have equal parts and derived equality holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Decimal {
    mantissa: i128,
    scale: u32,
}

/// Largest scale kept; digits past it are not meaningful in news figures.
const MAX_SCALE: u32 = 18;

impl Decimal {
    pub const ZERO: Decimal = Decimal {
        mantissa: 0,
        scale: 0,
    };

    /// `mantissa / 10^scale`.
    pub fn new(mantissa: i128, scale: u32) -> Decimal {
        Decimal { mantissa, scale }.normalized()
    }

    pub fn from_int(v: i128) -> Decimal {
        Decimal {
            mantissa: v,
            scale: 0,
        }
    }

    pub fn mantissa(&self) -> i128 {
        self.mantissa
    }

    pub fn scale(&self) -> u32 {
        self.scale
    }

    fn normalized(mut self) -> Decimal {
        while self.scale > 0 && self.mantissa % 10 == 0 {
            self.mantissa /= 10;
            self.scale -= 1;
        }
        if self.mantissa == 0 {
            self.scale = 0;
        }
        self
    }

    pub fn is_integer(&self) -> bool {
        self.scale == 0
    }

    pub fn is_zero(&self) -> bool {
        self.mantissa == 0
    }

    pub fn is_negative(&self) -> bool {
        self.mantissa < 0
    }

    /// The value as an integer, when it is whole and fits.
    pub fn to_i128(&self) -> Option<i128> {
        (self.scale == 0).then_some(self.mantissa)
    }

    /// Multiplies by `10^exp` exactly; `None` on overflow.
    pub fn checked_mul_pow10(&self, exp: u32) -> Option<Decimal> {
        if exp <= self.scale {
            return Some(Decimal::new(self.mantissa, self.scale - exp));
        }
        let up = exp - self.scale;
        let factor = 10i128.checked_pow(up)?;
        Some(Decimal::new(self.mantissa.checked_mul(factor)?, 0))
    }

    /// Exact product; `None` on overflow.
    pub fn checked_mul(&self, other: Decimal) -> Option<Decimal> {
        let m = self.mantissa.checked_mul(other.mantissa)?;
        let s = self.scale + other.scale;
        if s > MAX_SCALE * 2 {
            return None;
        }
        Some(Decimal::new(m, s))
    }

    /// Exact sum; `None` on overflow.
    pub fn checked_add(&self, other: Decimal) -> Option<Decimal> {
        let s = self.scale.max(other.scale);
        let a = self
            .mantissa
            .checked_mul(10i128.checked_pow(s - self.scale)?)?;
        let b = other
            .mantissa
            .checked_mul(10i128.checked_pow(s - other.scale)?)?;
        Some(Decimal::new(a.checked_add(b)?, s))
    }

    pub fn neg(&self) -> Decimal {
        Decimal {
            mantissa: -self.mantissa,
            scale: self.scale,
        }
    }

    /// Nearest `f64`, for display and rough comparisons only.
    pub fn to_f64(&self) -> f64 {
        self.to_string().parse().unwrap_or(f64::NAN)
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> Ordering {
        let s = self.scale.max(other.scale);
        let widen = |d: &Decimal| {
            10i128
                .checked_pow(s - d.scale)
                .and_then(|f| d.mantissa.checked_mul(f))
        };
        match (widen(self), widen(other)) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => self.to_f64().total_cmp(&other.to_f64()),
        }
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl From<i64> for Decimal {
    fn from(v: i64) -> Self {
        Decimal::from_int(v as i128)
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.scale == 0 {
            return write!(f, "{}", self.mantissa);
        }
        let neg = self.mantissa < 0;
        let digits = self.mantissa.unsigned_abs().to_string();
        let scale = self.scale as usize;
        let (int, frac) = if digits.len() > scale {
            let (a, b) = digits.split_at(digits.len() - scale);
            (a.to_string(), b.to_string())
        } else {
            (
                "0".to_string(),
                format!("{}{}", "0".repeat(scale - digits.len()), digits),
            )
        };
        write!(f, "{}{}.{}", if neg { "-" } else { "" }, int, frac)
    }
}

/// Error for text that is not a plain decimal number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseDecimalError(pub String);

impl fmt::Display for ParseDecimalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a decimal number: {:?}", self.0)
    }
}

impl std::error::Error for ParseDecimalError {}

impl FromStr for Decimal {
    type Err = ParseDecimalError;

    /// Parses `-12.5`, `1e9`, `3.0E-2` (plain ASCII; the Chinese number
    /// grammar lives in `extract::number`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || ParseDecimalError(s.to_string());
        let (body, exp) = match s.find(['e', 'E']) {
            Some(i) => (&s[..i], s[i + 1..].parse::<i32>().map_err(|_| err())?),
            None => (s, 0),
        };
        let (neg, body) = match body.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, body.strip_prefix('+').unwrap_or(body)),
        };
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        if (int.is_empty() && frac.is_empty())
            || !int.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(err());
        }
        let mut mantissa: i128 = 0;
        for b in int.bytes().chain(frac.bytes()) {
            mantissa = mantissa
                .checked_mul(10)
                .and_then(|m| m.checked_add((b - b'0') as i128))
                .ok_or_else(err)?;
        }
        if neg {
            mantissa = -mantissa;
        }
        let scale = frac.len() as i64 - exp as i64;
        if scale >= 0 {
            if scale > (MAX_SCALE * 2) as i64 {
                return Err(err());
            }
            Ok(Decimal::new(mantissa, scale as u32))
        } else {
            Decimal::new(mantissa, 0)
                .checked_mul_pow10((-scale) as u32)
                .ok_or_else(err)
        }
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.scale == 0 {
            if let Ok(v) = i64::try_from(self.mantissa) {
                return s.serialize_i64(v);
            }
            return s.serialize_i128(self.mantissa);
        }
        // The shortest representation of the nearest double prints the same
        // digits as the decimal for every value with up to 15 significant
        // digits, which covers figures written in news.
        s.serialize_f64(self.to_f64())
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Decimal;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
                Ok(Decimal::from_int(v as i128))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
                Ok(Decimal::from_int(v as i128))
            }
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<Decimal, E> {
                Ok(Decimal::from_int(v))
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<Decimal, E> {
                i128::try_from(v)
                    .map(Decimal::from_int)
                    .map_err(|_| E::custom("number too large"))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
                if !v.is_finite() {
                    return Err(E::custom("number is not finite"));
                }
                // `{}` prints the shortest digits that round-trip.
                format!("{v}").parse().map_err(E::custom)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
                v.parse().map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn scaling_is_exact() {
        assert_eq!(
            d("1.1").checked_mul_pow10(12).unwrap().to_i128(),
            Some(1_100_000_000_000)
        );
        assert_eq!(
            d("0.35").checked_mul_pow10(8).unwrap().to_i128(),
            Some(35_000_000)
        );
        assert_eq!(
            d("66").checked_mul_pow10(8).unwrap().to_i128(),
            Some(6_600_000_000)
        );
        assert_eq!(d("1.0753").to_string(), "1.0753");
    }

    #[test]
    fn normalizes_and_compares() {
        assert_eq!(d("1.50"), d("1.5"));
        assert_eq!(d("2.000"), Decimal::from_int(2));
        assert!(d("0.9") < d("1"));
        assert!(d("-5") < d("0.1"));
        assert_eq!(d("0.5").checked_add(d("0.25")).unwrap(), d("0.75"));
        assert_eq!(d("1.5").checked_mul(d("1.5")).unwrap(), d("2.25"));
    }

    #[test]
    fn serializes_whole_values_as_integers() {
        let v = d("1.1").checked_mul_pow10(12).unwrap();
        assert_eq!(serde_json::to_string(&v).unwrap(), "1100000000000");
        assert_eq!(serde_json::to_string(&d("1.95")).unwrap(), "1.95");
        assert_eq!(serde_json::to_string(&d("-0.001")).unwrap(), "-0.001");
        let back: Decimal = serde_json::from_str("1.95").unwrap();
        assert_eq!(back, d("1.95"));
        let big: Decimal = serde_json::from_str("157000000000").unwrap();
        assert_eq!(big.to_i128(), Some(157_000_000_000));
    }

    #[test]
    fn rejects_garbage() {
        assert!("".parse::<Decimal>().is_err());
        assert!("1.2.3".parse::<Decimal>().is_err());
        assert!("abc".parse::<Decimal>().is_err());
        assert!(
            "99999999999999999999999999999999999999999"
                .parse::<Decimal>()
                .is_err()
        );
    }
}
