//! Stage 2: the clean text's Simplified, half-width view.
//!
//! The view has exactly as many characters as the clean text and character
//! `i` of the view stands for character `i` of the clean text, so every
//! offset found on the view is an offset into the clean text.
//!
//! Traditional characters are mapped to Simplified with the OpenCC /
//! MediaWiki tables shipped by `zhconv`. Lines that hold Traditional
//! characters go through zhconv's phrase-aware converter (so that context
//! decides characters such as 乾 or 著); its output is used when it keeps the
//! line's character count, and the character table is used otherwise. The
//! tables are built on first use, so a process that only sees Simplified
//! text never pays for the phrase converter.

use crate::record::Script;
use std::sync::LazyLock;

/// The normalized view of one clean text.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    pub script: Script,
}

/// Traditional-to-Simplified and full-width-to-half-width, character for
/// character.
#[derive(Debug, Default)]
pub struct Normalizer {}

/// Flag: the character is Traditional-only (the Simplified table changes it).
const TRAD: u8 = 1;
/// Flag: the character is Simplified-only (the Traditional table changes it
/// and the Simplified table does not).
const SIMP: u8 = 2;
/// Flag: `half_width` changes the character.
const WIDE: u8 = 4;

/// Character-level conversion tables over the Basic Multilingual Plane.
pub(crate) struct CharTables {
    /// Simplified form of each BMP character, 0 when unchanged.
    t2s: Vec<u16>,
    /// `TRAD` / `SIMP` flags per BMP character.
    flags: Vec<u8>,
}

impl CharTables {
    fn build() -> CharTables {
        let mut t2s = vec![0u16; 0x10000];
        let mut flags = vec![0u8; 0x10000];
        for (from, to) in zhconv::tables::expand_table(zhconv::tables::ZH_HANS_TABLE) {
            let (Some(f), Some(t)) = (single_char(&from), single_char(&to)) else {
                continue;
            };
            if f == t || !(0x2e80..=0xffff).contains(&(f as u32)) || (t as u32) > 0xffff {
                continue;
            }
            t2s[f as usize] = t as u16;
            flags[f as usize] |= TRAD;
        }
        for (from, to) in zhconv::tables::expand_table(zhconv::tables::ZH_HANT_TABLE) {
            let (Some(f), Some(t)) = (single_char(&from), single_char(&to)) else {
                continue;
            };
            if f == t || !(0x2e80..=0xffff).contains(&(f as u32)) {
                continue;
            }
            if flags[f as usize] & TRAD == 0 {
                flags[f as usize] |= SIMP;
            }
        }
        for (cp, f) in flags.iter_mut().enumerate() {
            if let Some(c) = char::from_u32(cp as u32)
                && half_width(c) != c
            {
                *f |= WIDE;
            }
        }
        CharTables { t2s, flags }
    }

    /// The Simplified form of `c` by the character table.
    #[inline]
    pub(crate) fn to_simplified(&self, c: char) -> char {
        let cp = c as u32;
        if !(0x2e80..=0xffff).contains(&cp) {
            return c;
        }
        match self.t2s[cp as usize] {
            0 => c,
            s => char::from_u32(s as u32).unwrap_or(c),
        }
    }

    #[inline]
    fn flags(&self, c: char) -> u8 {
        self.flags.get(c as usize).copied().unwrap_or(0)
    }
}

fn single_char(s: &str) -> Option<char> {
    let mut it = s.chars();
    let c = it.next()?;
    it.next().is_none().then_some(c)
}

pub(crate) static TABLES: LazyLock<CharTables> = LazyLock::new(CharTables::build);

impl Normalizer {
    pub fn new() -> Normalizer {
        Normalizer {}
    }

    pub fn normalize(&self, clean: &str) -> Normalized {
        let tables = &*TABLES;
        // One pass: count the script's characters and copy the text,
        // half-widthing on the way. Unchanged stretches are copied whole.
        let mut text = String::with_capacity(clean.len());
        let (mut trad, mut simp, mut copied) = (0usize, 0usize, 0usize);
        for (i, c) in clean.char_indices() {
            // Counted without branching: Simplified-only characters are
            // common and interleave with the rest.
            let f = tables.flags(c);
            trad += (f & TRAD) as usize;
            simp += ((f & SIMP) >> 1) as usize;
            if f & WIDE != 0 {
                text.push_str(&clean[copied..i]);
                text.push(half_width(c));
                copied = i + c.len_utf8();
            }
        }
        text.push_str(&clean[copied..]);
        let script = script_of(trad, simp);
        if trad > 0 {
            text.clear();
            for line in clean.split_inclusive('\n') {
                convert_line(tables, line, &mut text);
            }
        }
        Normalized { text, script }
    }
}

fn script_of(trad: usize, simp: usize) -> Script {
    let total = trad + simp;
    if total == 0 || trad * 10 <= total {
        Script::Simplified
    } else if simp * 10 <= total {
        Script::Traditional
    } else {
        Script::Mixed
    }
}

/// One line to Simplified and half-width, keeping its character count.
fn convert_line(tables: &CharTables, line: &str, out: &mut String) {
    if !line.chars().any(|c| tables.flags(c) & TRAD != 0) {
        out.extend(line.chars().map(half_width));
        return;
    }
    let converted = zhconv::zhconv(line, zhconv::Variant::ZhHans);
    if converted.chars().count() == line.chars().count() {
        // Only ideographs take the converter's choice: punctuation such as
        // 「」 stays as written.
        out.extend(line.chars().zip(converted.chars()).map(|(o, c)| {
            if is_ideograph(o) {
                half_width(c)
            } else {
                half_width(o)
            }
        }));
    } else {
        out.extend(line.chars().map(|c| half_width(tables.to_simplified(c))));
    }
}

fn is_ideograph(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff | 0x20000..=0x3134f)
}

/// Full-width ASCII and the ideographic space to their half-width forms.
/// The full-width sentence punctuation of Chinese text (，；：！？) stays.
pub fn half_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '，' | '；' | '：' | '！' | '？' => c,
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        _ => c,
    }
}

/// The `normalized` form of a name: Simplified, half-width, single spaces.
pub fn normalize_name(normalizer: &Normalizer, name: &str) -> String {
    let view = normalizer.normalize(name).text;
    view.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(s: &str) -> String {
        Normalizer::new().normalize(s).text
    }

    #[test]
    fn traditional_to_simplified_keeps_length() {
        let clean = "臺灣積體電路製造公司於週四發佈財報，營收達新臺幣７５９億元。";
        let n = Normalizer::new().normalize(clean);
        assert_eq!(n.script, Script::Traditional);
        assert_eq!(n.text.chars().count(), clean.chars().count());
        assert_eq!(
            n.text,
            "台湾积体电路制造公司于周四发布财报，营收达新台币759亿元。"
        );
    }

    #[test]
    fn simplified_text_is_only_half_widthed() {
        let n = Normalizer::new().normalize("公司营收增长１２．５％，达到３０亿元。");
        assert_eq!(n.script, Script::Simplified);
        assert_eq!(n.text, "公司营收增长12.5%，达到30亿元。");
    }

    #[test]
    fn context_dependent_characters() {
        // 乾 is 干 in 乾淨 but stays in 乾隆; 著 is 着 as a particle.
        assert_eq!(view("乾淨"), "干净");
        assert_eq!(view("乾隆年間"), "乾隆年间");
    }

    #[test]
    fn mixed_script() {
        let n = Normalizer::new().normalize("这家公司发布了財報，營收與利潤双双增长");
        assert_eq!(n.script, Script::Mixed);
        assert_eq!(n.text, "这家公司发布了财报，营收与利润双双增长");
    }

    #[test]
    fn ideographic_space_and_chinese_punctuation() {
        assert_eq!(view("「騰訊」　《報告》，。"), "「腾讯」 《报告》，。");
    }

    #[test]
    fn names_are_normalized() {
        let n = Normalizer::new();
        assert_eq!(normalize_name(&n, "  騰訊  控股 "), "腾讯 控股");
        assert_eq!(normalize_name(&n, "ＯｐｅｎＡＩ"), "OpenAI");
        assert_eq!(normalize_name(&n, "微軟"), "微软");
    }
}
