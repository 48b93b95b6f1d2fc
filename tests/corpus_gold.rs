//! Checks the annotated corpus in `corpus/`: every `NAME.gold.json` parses
//! with exactly the fields of the record contract's gold annotations, sits
//! beside its article, names only text that occurs in the article's clean
//! text, and states numbers that agree with the text they annotate.
//!
//! Articles listed as damaged in `corpus/README.md` (mojibake, pinyin
//! annotations, HTML entities, UTF-16 without BOM) are checked against the
//! clean text only once the decoder reports the matching repair; until then
//! their text checks are reported as pending, not failed. Every other
//! article is always checked in full.

use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use zhnews::Pipeline;
use zhnews::decimal::Decimal;
use zhnews::decode::DecodeOptions;

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Gold {
    money: Vec<GoldMoney>,
    percentages: Vec<GoldPercentage>,
    valuations: Vec<GoldValuation>,
    persons: Vec<GoldName>,
    organizations: Vec<GoldName>,
    events: Vec<GoldEvent>,
}

#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
struct GoldMoney {
    text: String,
    value: Decimal,
    max: Option<Decimal>,
    currency: String,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct GoldPercentage {
    text: String,
    value: Decimal,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct GoldValuation {
    company: String,
    value: Decimal,
    currency: String,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct GoldName {
    name: String,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct GoldEvent {
    #[serde(rename = "type")]
    kind: String,
    status: String,
    args: BTreeMap<String, serde_json::Value>,
}

const STATUSES: &[&str] = &["asserted", "forecast", "negated", "withdrawn"];

/// Event types, their subject argument and every argument they may have.
const EVENT_TYPES: &[(&str, &str, &[&str])] = &[
    (
        "funding",
        "company",
        &[
            "company",
            "amount",
            "valuation",
            "round",
            "lead_investors",
            "investors",
        ],
    ),
    (
        "acquisition",
        "acquirer",
        &["acquirer", "target", "amount", "stake"],
    ),
    (
        "ipo",
        "company",
        &["company", "exchange", "amount", "price"],
    ),
    (
        "departure",
        "person",
        &["person", "organization", "title", "destination"],
    ),
    (
        "appointment",
        "person",
        &["person", "organization", "title"],
    ),
    ("founding", "company", &["company", "founders"]),
    (
        "financial_report",
        "company",
        &["company", "metric", "amount", "period"],
    ),
    ("layoff", "company", &["company", "count"]),
    ("launch", "company", &["company", "product"]),
];

const MONEY_ARGS: &[&str] = &["amount", "valuation", "price"];
const NAME_ARGS: &[&str] = &[
    "company",
    "acquirer",
    "target",
    "person",
    "organization",
    "destination",
    "exchange",
];
const NAME_LIST_ARGS: &[&str] = &["lead_investors", "investors", "founders"];
const NUMBER_ARGS: &[&str] = &["stake", "count"];
const METRICS: &[&str] = &["revenue", "profit", "loss", "cost"];

/// Currency words, longest first, and the code an amount written with them
/// must carry.
const CURRENCY_WORDS: &[(&str, &str)] = &[
    ("新台币", "TWD"),
    ("新臺幣", "TWD"),
    ("台币", "TWD"),
    ("臺幣", "TWD"),
    ("港元", "HKD"),
    ("港币", "HKD"),
    ("港幣", "HKD"),
    ("美元", "USD"),
    ("美金", "USD"),
    ("欧元", "EUR"),
    ("歐元", "EUR"),
    ("日元", "JPY"),
    ("日圓", "JPY"),
    ("英镑", "GBP"),
    ("澳元", "AUD"),
    ("澳幣", "AUD"),
    ("加元", "CAD"),
    ("瑞典克朗", "SEK"),
    ("英鎊", "GBP"),
    ("人民币", "CNY"),
    ("人民幣", "CNY"),
    ("元", "CNY"),
];

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).expect("constant decimal")
}

fn half_width(c: char) -> char {
    zhnews::normalize::half_width(c)
}

/// The `normalized` form of a name as the contract defines it: Simplified,
/// half-width, single spaces.
fn normalized(name: &str) -> String {
    let simplified = zhconv::zhconv(name, zhconv::Variant::ZhHans);
    let half: String = simplified.chars().map(half_width).collect();
    half.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' | '兩' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// A number written in Chinese numerals below 万: `三千`, `十五`, `二百零八`,
/// `三点五`.
fn cn_small(s: &str) -> Option<Decimal> {
    if s.is_empty() {
        return Some(d("0"));
    }
    if let Some((int, frac)) = s.split_once(['点', '點']) {
        let whole = cn_small(int)?;
        let mut digits = String::new();
        for c in frac.chars() {
            digits.push(char::from_digit(cn_digit(c)?, 10)?);
        }
        let frac = Decimal::from_str(&format!("0.{digits}")).ok()?;
        return whole.checked_add(frac);
    }
    let mut total: u64 = 0;
    let mut pending: Option<u64> = None;
    for c in s.chars() {
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => {
                pending = Some(u64::from(cn_digit(c)?));
                continue;
            }
        };
        total += pending.take().unwrap_or(1) * unit;
    }
    total += pending.unwrap_or(0);
    Some(Decimal::from(total as i64))
}

/// A number in Chinese numerals, with 万 and 亿 sections: `一万五千亿`.
fn cn_number(s: &str) -> Option<Decimal> {
    for (mark, exp) in [('亿', 8), ('億', 8), ('万', 4), ('萬', 4)] {
        if let Some(i) = s.rfind(mark) {
            let (high, low) = (&s[..i], &s[i + mark.len_utf8()..]);
            let high = cn_number(high)?.checked_mul_pow10(exp)?;
            return high.checked_add(cn_number(low)?);
        }
    }
    cn_small(s)
}

/// Digits (Arabic, possibly full-width, with thousands commas) followed by
/// magnitude characters: `66亿`, `1,200万`, `3千万`, `0.35亿`.
fn arabic_number(s: &str) -> Option<(Decimal, bool)> {
    let s: String = s.chars().map(half_width).collect();
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(s.len());
    let (num, mags) = s.split_at(split);
    if num.is_empty() {
        return None;
    }
    let mut value = Decimal::from_str(&num.replace(',', "")).ok()?;
    let mut has_mag = false;
    for c in mags.chars() {
        let exp = match c {
            '十' => 1,
            '百' => 2,
            '千' => 3,
            '万' | '萬' => 4,
            '亿' | '億' => 8,
            // Taiwanese reporting writes 兆 for 万亿.
            '兆' => 12,
            _ => return None,
        };
        value = value.checked_mul_pow10(exp)?;
        has_mag = true;
    }
    Some((value, has_mag))
}

/// Either kind of number; the flag says whether a magnitude was written.
fn any_number(s: &str) -> Option<(Decimal, bool)> {
    if s.is_empty() {
        return None;
    }
    if s.chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        arabic_number(s)
    } else {
        let has_mag = s.contains(['万', '萬', '亿', '億']);
        cn_number(s).map(|v| (v, has_mag))
    }
}

const NUMBER_CHARS: &str =
    "0123456789.,０１２３４５６７８９．，零〇一二两兩三四五六七八九十百千万萬亿億兆点點";
const RANGE_MARKS: &[char] = &['至', '到', '-', '~', '～', '—', '－', '－'];

/// The value (and upper bound) that a money text states, and the currency
/// its unit word names, if any.
fn money_from_text(text: &str) -> Result<(Decimal, Option<Decimal>, Option<&'static str>), String> {
    // A range repeats or omits the unit: `5000元至1万元`, `1-2亿美元`.
    let mut cut = None;
    for (i, c) in text.char_indices() {
        let next = text[i + c.len_utf8()..].chars().next();
        if i > 0 && RANGE_MARKS.contains(&c) && next.is_some_and(|n| NUMBER_CHARS.contains(n)) {
            cut = Some((i, i + c.len_utf8()));
            break;
        }
    }
    let (low_text, high_text) = match cut {
        Some((a, b)) => (&text[..a], Some(&text[b..])),
        None => (text, None),
    };
    let (low, low_unit) = split_number(low_text);
    let (high, high_unit) = high_text.map(split_number).unwrap_or_default();
    let unit = format!("{low_unit}{high_unit}");
    let currency = CURRENCY_WORDS
        .iter()
        .find(|(w, _)| unit.contains(w))
        .map(|&(_, code)| code);
    let read = |n: &str| any_number(n).ok_or(format!("cannot read number {n:?} in {text:?}"));
    if high_text.is_none() {
        let (v, _) = read(&low)?;
        return Ok((v, None, currency));
    }
    let (hv, _) = read(&high)?;
    let (mut lv, low_mag) = read(&low)?;
    if !low_mag && low_unit.is_empty() {
        // `1-2亿美元`: the lower bound shares the upper bound's unit.
        let mag: String = high
            .chars()
            .skip_while(|c| !"十百千万萬亿億兆".contains(*c))
            .collect();
        if let Some((m, _)) = arabic_number(&format!("1{mag}")) {
            lv = lv.checked_mul(m).ok_or("overflow")?;
        }
    }
    Ok((lv, Some(hv), currency))
}

/// Splits `新臺幣12億元` into its number `12億` and the rest, `新臺幣元`.
fn split_number(text: &str) -> (String, String) {
    let mut number = String::new();
    let mut unit = String::new();
    let mut after = false;
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        if !after && NUMBER_CHARS.contains(c) {
            number.push(c);
        } else {
            after |= !number.is_empty();
            unit.push(c);
        }
    }
    (number, unit)
}

/// The percent value a percentage text states.
fn percent_from_text(text: &str) -> Result<Decimal, String> {
    let t: String = text.chars().map(half_width).collect();
    let err = || format!("cannot read percentage {text:?}");
    if let Some(rest) = t.strip_prefix("百分之") {
        return any_number(rest).map(|(v, _)| v).ok_or_else(err);
    }
    if let Some(num) = t.strip_suffix('%') {
        return any_number(num).map(|(v, _)| v).ok_or_else(err);
    }
    for suffix in ["个百分点", "個百分點"] {
        if let Some(num) = t.strip_suffix(suffix) {
            return any_number(num).map(|(v, _)| v).ok_or_else(err);
        }
    }
    if let Some(num) = t.strip_suffix('成') {
        let (v, _) = any_number(num).ok_or_else(err)?;
        return v.checked_mul_pow10(1).ok_or_else(err);
    }
    Err(err())
}

fn is_currency_code(c: &str) -> bool {
    c.len() == 3 && c.chars().all(|c| c.is_ascii_uppercase())
}

fn check_money(m: &GoldMoney, what: &str, errors: &mut Vec<String>) {
    if !is_currency_code(&m.currency) {
        errors.push(format!(
            "{what}: currency {:?} is not an ISO code",
            m.currency
        ));
    }
    if let Some(max) = m.max {
        if max < m.value {
            errors.push(format!("{what}: max {max} below value {}", m.value));
        }
    }
    match money_from_text(&m.text) {
        Ok((value, max, currency)) => {
            if value != m.value || max != m.max {
                errors.push(format!(
                    "{what}: {:?} reads as {value} (max {max:?}), gold says {} (max {:?})",
                    m.text, m.value, m.max
                ));
            }
            if let Some(code) = currency {
                // A bare 元 is the local currency: yuan, or NT dollars in
                // Taiwanese reporting.
                let bare_yuan = code == "CNY" && !m.text.contains(['人', '民']);
                let local = bare_yuan && m.currency == "TWD";
                if code != m.currency && !local {
                    errors.push(format!(
                        "{what}: {:?} is in {code}, gold says {}",
                        m.text, m.currency
                    ));
                }
            }
        }
        Err(e) => errors.push(format!("{what}: {e}")),
    }
}

/// How an article is damaged, from the table in `corpus/README.md`: the
/// first backquoted word of the damage column, for each file.
fn damage_table() -> BTreeMap<String, String> {
    let readme = std::fs::read_to_string(corpus_dir().join("README.md")).expect("corpus/README.md");
    let mut table = BTreeMap::new();
    for line in readme.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() < 6 {
            continue;
        }
        let file = cells[1].trim_matches('`');
        if !(file.ends_with(".txt") || file.ends_with(".html")) {
            continue;
        }
        let damage = cells[4].split('`').nth(1).unwrap_or("none").to_string();
        table.insert(file.to_string(), damage);
    }
    table
}

struct Article {
    file: String,
    /// The clean text, when the decoder has what this article needs.
    clean: Option<String>,
    pending_reason: Option<String>,
}

fn load_article(pipeline: &Pipeline, path: &Path, damage: &str) -> Article {
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let bytes = std::fs::read(path).unwrap_or_default();
    let html = path.extension().is_some_and(|e| e == "html");
    let opts = DecodeOptions {
        html,
        ..Default::default()
    };
    let decoded = pipeline.clean(&bytes, &opts);
    let (clean, pending_reason) = match (&decoded, damage) {
        (Err(e), "none") => panic!("{file}: cannot be decoded: {}", e.message),
        (Err(e), _) => (None, Some(format!("decoder: {}", e.message))),
        (Ok(d), "no_bom") if d.encoding != encoding_rs::UTF_16LE => (
            None,
            Some(format!("decoded as {}, not UTF-16LE", d.encoding.name())),
        ),
        (Ok(d), "none" | "no_bom") => (Some(d.text.clone()), None),
        (Ok(d), kind) if !d.repairs.iter().any(|r| r.kind == kind) => {
            (None, Some(format!("decoder reports no {kind} repair")))
        }
        (Ok(d), _) => (Some(d.text.clone()), None),
    };
    Article {
        file,
        clean,
        pending_reason,
    }
}

fn check_event(
    e: &GoldEvent,
    what: &str,
    known_names: &BTreeSet<String>,
    errors: &mut Vec<String>,
    money_texts: &mut Vec<String>,
) {
    let Some(&(_, subject, allowed)) = EVENT_TYPES.iter().find(|(t, _, _)| *t == e.kind) else {
        errors.push(format!("{what}: unknown event type {:?}", e.kind));
        return;
    };
    if !STATUSES.contains(&e.status.as_str()) {
        errors.push(format!("{what}: unknown status {:?}", e.status));
    }
    if !e.args.get(subject).is_some_and(|v| v.is_string()) {
        errors.push(format!(
            "{what}: {} event without its subject {subject}",
            e.kind
        ));
    }
    for (key, value) in &e.args {
        let what = format!("{what} arg {key}");
        if !allowed.contains(&key.as_str()) {
            errors.push(format!("{what}: not an argument of {}", e.kind));
            continue;
        }
        let k = key.as_str();
        if MONEY_ARGS.contains(&k) {
            match serde_json::from_value::<GoldMoney>(value.clone()) {
                Ok(m) => {
                    check_money(&m, &what, errors);
                    money_texts.push(m.text);
                }
                Err(err) => errors.push(format!("{what}: not an amount: {err}")),
            }
        } else if NAME_ARGS.contains(&k) {
            match value.as_str() {
                Some(name) if k == "exchange" || known_names.contains(name) => {}
                Some(name) => errors.push(format!(
                    "{what}: {name:?} is not the normalized name of a gold person or organization"
                )),
                None => errors.push(format!("{what}: not a name")),
            }
            if k == "exchange" && value.as_str().is_some_and(|n| !known_names.contains(n)) {
                errors.push(format!("{what}: exchange is not a gold organization"));
            }
        } else if NAME_LIST_ARGS.contains(&k) {
            match value.as_array() {
                Some(list) if !list.is_empty() => {
                    for name in list {
                        if !name.as_str().is_some_and(|n| known_names.contains(n)) {
                            errors.push(format!(
                                "{what}: {name} is not the normalized name of a gold person or organization"
                            ));
                        }
                    }
                }
                _ => errors.push(format!("{what}: not a non-empty list of names")),
            }
        } else if NUMBER_ARGS.contains(&k) {
            if !value.is_number() {
                errors.push(format!("{what}: not a number"));
            }
        } else if k == "metric" {
            if !value.as_str().is_some_and(|m| METRICS.contains(&m)) {
                errors.push(format!("{what}: metric {value} not one of {METRICS:?}"));
            }
        } else if !value.as_str().is_some_and(|s| !s.trim().is_empty()) {
            errors.push(format!("{what}: not a non-empty text"));
        }
    }
}

#[test]
fn corpus_gold_files_are_valid_and_consistent() {
    let dir = corpus_dir();
    let damage = damage_table();
    let pipeline = Pipeline::builtin();
    let mut gold_paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
        .collect();
    gold_paths.sort();
    assert!(
        gold_paths.len() >= 40,
        "only {} gold files",
        gold_paths.len()
    );

    let mut errors = Vec::new();
    let mut pending = Vec::new();
    let mut articles_seen = BTreeSet::new();
    let mut strict = 0;
    for gold_path in &gold_paths {
        let name = gold_path.to_string_lossy();
        let stem = name.trim_end_matches(".gold.json");
        let article_path = ["txt", "html"]
            .iter()
            .map(|ext| PathBuf::from(format!("{stem}.{ext}")))
            .find(|p| p.exists());
        let gold_name = gold_path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some(article_path) = article_path else {
            errors.push(format!("{gold_name}: no article beside it"));
            continue;
        };
        let text = std::fs::read_to_string(gold_path).expect("gold file is readable");
        let gold: Gold = match serde_json::from_str(&text) {
            Ok(g) => g,
            Err(e) => {
                errors.push(format!("{gold_name}: {e}"));
                continue;
            }
        };
        let file_name = article_path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        articles_seen.insert(file_name.clone());
        let Some(kind) = damage.get(&file_name) else {
            errors.push(format!(
                "{file_name}: missing from the table in corpus/README.md"
            ));
            continue;
        };
        let article = load_article(&pipeline, &article_path, kind);
        let f = &article.file;

        // Numbers agree with their text; codes and bounds are well formed.
        let mut texts: Vec<String> = Vec::new();
        for (i, m) in gold.money.iter().enumerate() {
            check_money(m, &format!("{f} money[{i}]"), &mut errors);
            texts.push(m.text.clone());
        }
        for (i, p) in gold.percentages.iter().enumerate() {
            match percent_from_text(&p.text) {
                Ok(v) if v == p.value => {}
                Ok(v) => errors.push(format!(
                    "{f} percentages[{i}]: {:?} reads as {v}, gold says {}",
                    p.text, p.value
                )),
                Err(e) => errors.push(format!("{f} percentages[{i}]: {e}")),
            }
            texts.push(p.text.clone());
        }
        let names: Vec<&str> = gold
            .persons
            .iter()
            .chain(&gold.organizations)
            .map(|n| n.name.as_str())
            .collect();
        let known: BTreeSet<String> = names.iter().map(|n| normalized(n)).collect();
        for (i, v) in gold.valuations.iter().enumerate() {
            if !is_currency_code(&v.currency) {
                errors.push(format!(
                    "{f} valuations[{i}]: bad currency {:?}",
                    v.currency
                ));
            }
            if !known.contains(&v.company) {
                errors.push(format!(
                    "{f} valuations[{i}]: {:?} is not the normalized name of a gold organization",
                    v.company
                ));
            }
            if !gold
                .money
                .iter()
                .any(|m| m.value == v.value && m.currency == v.currency)
            {
                errors.push(format!(
                    "{f} valuations[{i}]: {} {} is not among the money amounts",
                    v.value, v.currency
                ));
            }
        }
        for (i, e) in gold.events.iter().enumerate() {
            let mut arg_texts = Vec::new();
            check_event(
                e,
                &format!("{f} events[{i}]"),
                &known,
                &mut errors,
                &mut arg_texts,
            );
            for t in arg_texts {
                if !gold.money.iter().any(|m| m.text == t) {
                    errors.push(format!("{f} events[{i}]: amount {t:?} is not in money"));
                }
            }
        }
        let mut seen_names = BTreeSet::new();
        for n in &names {
            if n.trim().is_empty() {
                errors.push(format!("{f}: empty name"));
            }
            if !seen_names.insert(normalized(n)) {
                errors.push(format!("{f}: {n:?} is listed twice"));
            }
        }

        // Every text and name occurs in the clean text.
        match &article.clean {
            Some(clean) => {
                strict += 1;
                for t in texts
                    .iter()
                    .map(String::as_str)
                    .chain(names.iter().copied())
                {
                    if !clean.contains(t) {
                        errors.push(format!("{f}: {t:?} does not occur in the clean text"));
                    }
                }
            }
            None => pending.push(format!(
                "{f}: {}",
                article.pending_reason.unwrap_or_default()
            )),
        }
    }
    for file in damage.keys() {
        if !articles_seen.contains(file) {
            errors.push(format!(
                "corpus/README.md lists {file}, which has no gold file"
            ));
        }
    }
    if !pending.is_empty() {
        eprintln!(
            "text checks pending until the decoder repairs these articles:\n  {}",
            pending.join("\n  ")
        );
    }
    assert!(
        errors.is_empty(),
        "{} problems:\n{}",
        errors.len(),
        errors.join("\n")
    );
    let damaged = damage.values().filter(|k| *k != "none").count();
    assert!(
        strict >= gold_paths.len() - damaged,
        "every undamaged article must be checked in full"
    );
}

#[test]
fn number_readers_agree_with_the_contract() {
    let read = |t: &str| money_from_text(t).expect(t);
    assert_eq!(read("66億美元"), (d("6600000000"), None, Some("USD")));
    assert_eq!(read("1.1万亿元"), (d("1100000000000"), None, Some("CNY")));
    assert_eq!(read("0.35亿"), (d("35000000"), None, None));
    assert_eq!(read("三千万元"), (d("30000000"), None, Some("CNY")));
    assert_eq!(
        read("一万五千亿元"),
        (d("1500000000000"), None, Some("CNY"))
    );
    assert_eq!(read("二百零八万港元"), (d("2080000"), None, Some("HKD")));
    assert_eq!(
        read("5000万至1亿元"),
        (d("50000000"), Some(d("100000000")), Some("CNY"))
    );
    assert_eq!(
        read("1-2亿美元"),
        (d("100000000"), Some(d("200000000")), Some("USD"))
    );
    assert_eq!(read("1,250万新臺幣"), (d("12500000"), None, Some("TWD")));
    assert_eq!(read("１２億元"), (d("1200000000"), None, Some("CNY")));
    assert_eq!(read("1.95港元"), (d("1.95"), None, Some("HKD")));
    assert_eq!(
        read("5000元至1万元"),
        (d("5000"), Some(d("10000")), Some("CNY"))
    );
    assert_eq!(read("4.5澳元"), (d("4.5"), None, Some("AUD")));
    assert_eq!(
        read("新臺幣20兆元"),
        (d("20000000000000"), None, Some("TWD"))
    );
    assert_eq!(percent_from_text("百分之三十"), Ok(d("30")));
    assert_eq!(percent_from_text("三成"), Ok(d("30")));
    assert_eq!(percent_from_text("3.5%"), Ok(d("3.5")));
    assert_eq!(percent_from_text("1.2个百分点"), Ok(d("1.2")));
    assert_eq!(percent_from_text("百分之三点五"), Ok(d("3.5")));
    assert!(money_from_text("用户").is_err());
    assert_eq!(normalized("聯發科 "), "联发科");
}
