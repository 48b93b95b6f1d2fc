//! Figures through the whole pipeline: money, valuations, percentages and
//! dates on articles written for these tests, and on the seed article
//! under `../shared/seed`.

mod common;

use zhnews::decimal::Decimal;
use zhnews::extract::Date;
use zhnews::record::{CurrencySource, Qualifier, Record};
use zhnews::rules::RuleFile;
use zhnews::{Pipeline, ProcessOptions, RuleSet};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn process(text: &str, date: Option<&str>) -> Record {
    let opts = ProcessOptions {
        pub_date: date.map(|d| d.parse::<Date>().unwrap()),
        ..ProcessOptions::default()
    };
    Pipeline::builtin().process("t.txt", text.as_bytes(), &opts)
}

#[test]
fn a_funding_article_end_to_end() {
    let text = "星河科技完成新一轮融资\n\
        财联社3月2日电，Nova Robotics今天宣布完成12亿元融资（约合1.65亿美元），投后估值达到80亿元。\
        其中 5 亿，由产业基金出资。公司去年营收增长三成，毛利率提升2.5个百分点。";
    let r = process(text, Some("2026-03-05"));
    let money: Vec<_> = r
        .money
        .iter()
        .map(|m| {
            (
                m.text.as_str(),
                m.value,
                m.currency.as_str(),
                m.currency_source,
                m.equivalent_of,
            )
        })
        .collect();
    assert_eq!(
        money,
        vec![
            (
                "12亿元",
                d("1200000000"),
                "CNY",
                CurrencySource::Explicit,
                None
            ),
            (
                "1.65亿美元",
                d("165000000"),
                "USD",
                CurrencySource::Explicit,
                Some(0)
            ),
            (
                "80亿元",
                d("8000000000"),
                "CNY",
                CurrencySource::Explicit,
                None
            ),
            (
                "5 亿",
                d("500000000"),
                "CNY",
                CurrencySource::Inferred,
                None
            ),
        ]
    );
    assert_eq!(r.money[1].qualifier, Some(Qualifier::About));
    assert_eq!(r.valuations.len(), 1);
    assert_eq!(r.valuations[0].company.as_deref(), Some("Nova Robotics"));
    assert_eq!(
        (r.valuations[0].value, r.valuations[0].money_index),
        (d("8000000000"), 2)
    );
    let pct: Vec<_> = r.percentages.iter().map(|p| (p.value, p.points)).collect();
    assert_eq!(pct, vec![(d("30"), false), (d("2.5"), true)]);
    let dates: Vec<_> = r
        .dates
        .iter()
        .map(|x| (x.text.as_str(), x.value.as_deref()))
        .collect();
    assert_eq!(
        dates,
        vec![
            ("3月2日", Some("2026-03-02")),
            ("今天", Some("2026-03-02")),
            ("去年", Some("2025"))
        ]
    );
}

#[test]
fn overlaid_rules_are_checked() {
    let mut rules = RuleSet::builtin();
    rules.insert(RuleFile::new(
        "currencies.tsv",
        "mine/currencies.tsv",
        "美元\tUSD\n",
    ));
    let err = Pipeline::new(&rules).err().unwrap();
    assert_eq!(
        err.to_string(),
        "mine/currencies.tsv:1: expected 3 tab-separated fields, found 2"
    );
    let mut rules = RuleSet::builtin();
    rules.insert(RuleFile::new(
        "units.tsv",
        "mine/units.tsv",
        "万\t4\tlarge\n角\t1\tsubunit\n",
    ));
    let err = Pipeline::new(&rules).err().unwrap();
    assert_eq!(
        err.to_string(),
        "mine/units.tsv:2: a sub-unit exponent is -1 to -4"
    );
    // A currency added by overlay is used.
    let mut rules = RuleSet::builtin();
    let base = rules.get("currencies.tsv").unwrap().content.clone();
    rules.insert(RuleFile::new(
        "currencies.tsv",
        "mine/currencies.tsv",
        format!("{base}比索\tMXN\tsuffix\n"),
    ));
    let p = Pipeline::new(&rules).unwrap();
    let r = p.process("x", "售价300比索。".as_bytes(), &ProcessOptions::default());
    assert_eq!(r.money[0].currency, "MXN");
}

#[test]
fn nothing_panics_on_odd_input() {
    for text in [
        "元",
        "亿亿亿亿元",
        "99999999999999999999999999999999999999999999万亿美元",
        "1,,,000元",
        "，，，100元",
        "-",
        "负负负",
        "估值",
        "估值估值1亿美元估值",
        "两毛五毛五分",
        "九块九块九",
        "百分之",
        "三成成成",
        "今年年年",
        "99999年",
        "13月45日",
    ] {
        let r = process(text, Some("2024-01-31"));
        assert!(r.error.is_none(), "{text}: {:?}", r.error);
    }
}

/// The seed article (Traditional script, with pinyin annotations that the
/// decoder removes; removed here the same way for stages that run before
/// it does).
#[test]
fn seed_article() {
    let text = String::from_utf8(common::seed_bytes()).expect("seed is UTF-8");
    let pinyin = regex::Regex::new(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)").unwrap();
    let stripped = pinyin.replace_all(&text, "").into_owned();
    // As the decoder cleans it, and with the annotations removed by hand.
    check_seed(&process(&text, None));
    check_seed(&process(&stripped, None));
}

fn check_seed(r: &Record) {
    let e8 = |n: &str| d(n).checked_mul_pow10(8).unwrap();
    let want = [
        ("66", "USD"),
        ("1570", "USD"),
        ("66", "USD"),
        ("464", "CNY"),
        ("1570", "USD"),
        ("11000", "CNY"),
        ("60", "USD"),
        ("66", "USD"),
        ("13", "USD"),
        ("7.5", "USD"),
        ("70", "USD"),
        ("37", "USD"),
        ("50", "USD"),
        ("700", "USD"),
        ("1570", "USD"),
        ("3", "USD"),
        ("37", "USD"),
        ("116", "USD"),
        ("50", "USD"),
        ("10", "USD"),
    ];
    let got: Vec<_> = r
        .money
        .iter()
        .map(|m| (m.value, m.currency.clone()))
        .collect();
    let want: Vec<_> = want.iter().map(|(v, c)| (e8(v), c.to_string())).collect();
    assert_eq!(got, want, "{:#?}", r.money);
    let explicit = r
        .money
        .iter()
        .filter(|m| m.currency_source == CurrencySource::Explicit)
        .count();
    assert_eq!(explicit, 19);
    assert_eq!(r.money[8].text, "13 億");
    assert_eq!(r.money[8].currency_source, CurrencySource::Inferred);
    assert_eq!(r.money[3].equivalent_of, Some(2));
    assert_eq!(r.money[5].equivalent_of, Some(4));
    assert_eq!(
        r.money.iter().filter(|m| m.equivalent_of.is_some()).count(),
        2
    );
    assert_eq!(r.money[6].qualifier, None, "超過了 is a verb here");
    assert_eq!(r.money[10].qualifier, Some(Qualifier::About));
    let mut vals: Vec<_> = r
        .valuations
        .iter()
        .map(|v| (v.company.clone(), v.value, v.currency.clone()))
        .collect();
    vals.sort_by_key(|v| v.1);
    assert_eq!(
        vals,
        vec![
            (Some("OpenAI".to_string()), e8("700"), "USD".to_string()),
            (Some("OpenAI".to_string()), e8("1570"), "USD".to_string()),
        ]
    );
    let pct: Vec<_> = r.percentages.iter().map(|p| p.value).collect();
    assert_eq!(pct, vec![d("1700")]);
    let years: Vec<_> = r
        .dates
        .iter()
        .filter(|x| !x.relative)
        .map(|x| x.value.as_deref())
        .collect();
    assert_eq!(years, vec![Some("2023-01"), Some("2015")]);
}
