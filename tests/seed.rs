//! The seed article end to end: a Traditional-script crawl with pinyin
//! annotations, read from `../shared/seed`. Its people, organisations and
//! business events as the record contract describes them.

mod common;

use std::collections::BTreeSet;
use zhnews::record::{Arg, Event, EventStatus, OrgKind, Record};
use zhnews::{Pipeline, ProcessOptions};

fn seed_record() -> Record {
    let pipeline = Pipeline::builtin();
    let r = pipeline.process(
        "seed.txt",
        &common::seed_bytes(),
        &ProcessOptions::default(),
    );
    assert!(r.error.is_none(), "{:?}", r.error);
    r
}

fn text_arg<'a>(e: &'a Event, key: &str) -> Option<&'a str> {
    match e.args.get(key) {
        Some(Arg::Text(s)) => Some(s),
        _ => None,
    }
}

fn names_arg(e: &Event, key: &str) -> BTreeSet<String> {
    match e.args.get(key) {
        Some(Arg::Names(v)) => v.iter().cloned().collect(),
        Some(Arg::Text(s)) => [s.clone()].into(),
        _ => BTreeSet::new(),
    }
}

fn money_arg(e: &Event, key: &str) -> Option<i128> {
    match e.args.get(key) {
        Some(Arg::Money(m)) => m.value.to_i128(),
        _ => None,
    }
}

fn events<'a>(r: &'a Record, kind: &'a str) -> impl Iterator<Item = &'a Event> {
    r.events.iter().filter(move |e| e.kind == kind)
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn persons_with_titles_and_no_common_words() {
    let r = seed_record();
    assert_eq!(r.script, Some(zhnews::record::Script::Traditional));
    let names: BTreeSet<String> = r.persons.iter().map(|p| p.normalized.clone()).collect();
    assert_eq!(
        names,
        set(&[
            "Altman",
            "马斯克",
            "Jan Leike",
            "Ilya",
            "Mira",
            "Brockman",
            "John Schulman",
            "Murati"
        ])
    );
    let person = |n: &str| r.persons.iter().find(|p| p.normalized == n).unwrap();
    let mira = person("Mira");
    assert!(
        mira.titles
            .iter()
            .any(|t| t.title == "CTO" && t.former && t.organization.as_deref() == Some("OpenAI")),
        "{:?}",
        mira.titles
    );
    assert!(person("Brockman").titles.iter().any(|t| t.title == "总裁"));
    assert!(
        person("Altman")
            .titles
            .iter()
            .any(|t| t.title == "CEO" && t.organization.as_deref() == Some("OpenAI"))
    );
    assert_eq!(person("Altman").canonical.as_deref(), Some("Sam Altman"));
    assert!(r.text.is_none(), "records carry no text unless asked");
}

#[test]
fn organizations_with_kinds_and_canonical_names() {
    let r = seed_record();
    let names: BTreeSet<String> = r
        .organizations
        .iter()
        .map(|o| o.normalized.clone())
        .collect();
    let want = set(&[
        "OpenAI",
        "Thrive Capital",
        "微软",
        "英伟达",
        "软银",
        "苹果",
        "xAI",
        "SSI",
        "Anthropic",
        "Google",
        "华尔街日报",
        "纽约时报",
        "The Information",
        "腾讯",
    ]);
    assert_eq!(names, want);
    let org = |n: &str| r.organizations.iter().find(|o| o.normalized == n).unwrap();
    assert_eq!(org("苹果").kind, OrgKind::Company);
    assert_eq!(org("苹果").name, "蘋果");
    assert_eq!(org("华尔街日报").kind, OrgKind::Media);
    assert_eq!(org("微软").canonical.as_deref(), Some("Microsoft"));
    assert_eq!(org("英伟达").canonical.as_deref(), Some("NVIDIA"));
    assert_eq!(org("软银").canonical.as_deref(), Some("SoftBank"));
}

#[test]
fn mentions_are_offsets_into_the_clean_text() {
    let pipeline = Pipeline::builtin();
    let opts = ProcessOptions {
        include_text: true,
        ..ProcessOptions::default()
    };
    let r = pipeline.process("seed.txt", &common::seed_bytes(), &opts);
    let chars: Vec<char> = r.text.as_deref().unwrap().chars().collect();
    let slice = |s: usize, e: usize| chars[s..e].iter().collect::<String>();
    for p in &r.persons {
        assert!(!p.mentions.is_empty());
        assert!(
            p.mentions.iter().any(|m| slice(m[0], m[1]) == p.name),
            "{}",
            p.name
        );
    }
    for o in &r.organizations {
        assert!(
            o.mentions.iter().any(|m| slice(m[0], m[1]) == o.name),
            "{}",
            o.name
        );
    }
    for e in &r.events {
        assert_eq!(slice(e.trigger.start, e.trigger.end), e.trigger.text);
        assert!(e.sentence[0] <= e.trigger.start && e.trigger.end <= e.sentence[1]);
    }
    for m in &r.money {
        assert_eq!(slice(m.start, m.end), m.text);
    }
}

#[test]
fn the_openai_round_and_the_other_events() {
    let r = seed_record();
    let of = |kind: &'static str| events(&r, kind);

    let openai = of("funding")
        .find(|e| text_arg(e, "company") == Some("OpenAI") && e.status == EventStatus::Asserted)
        .expect("OpenAI round");
    assert_eq!(money_arg(openai, "amount"), Some(6_600_000_000));
    assert_eq!(money_arg(openai, "valuation"), Some(157_000_000_000));
    assert_eq!(
        names_arg(openai, "lead_investors"),
        set(&["Thrive Capital"])
    );
    assert!(names_arg(openai, "investors").is_superset(&set(&["微软", "英伟达", "软银"])));

    let apple = of("funding")
        .find(|e| e.status == EventStatus::Withdrawn)
        .expect("withdrawn investor");
    assert_eq!(names_arg(apple, "investors"), set(&["苹果"]));
    assert_eq!(text_arg(apple, "company"), Some("OpenAI"));

    let rounds: BTreeSet<&str> = of("funding")
        .filter_map(|e| text_arg(e, "company"))
        .collect();
    assert!(
        rounds.contains("xAI") && rounds.contains("SSI"),
        "{rounds:?}"
    );

    let leaving: BTreeSet<&str> = of("departure")
        .filter_map(|e| text_arg(e, "person"))
        .collect();
    for p in ["Jan Leike", "Ilya", "John Schulman"] {
        assert!(leaving.contains(p), "{p} in {leaving:?}");
    }
    let schulman = of("departure")
        .find(|e| text_arg(e, "person") == Some("John Schulman"))
        .unwrap();
    assert_eq!(text_arg(schulman, "destination"), Some("Anthropic"));

    let ssi = of("founding")
        .find(|e| text_arg(e, "company") == Some("SSI"))
        .expect("SSI founding");
    assert!(names_arg(ssi, "founders").contains("Ilya"));

    let report = |metric: &'static str| {
        of("financial_report")
            .find(|e| {
                text_arg(e, "company") == Some("OpenAI") && text_arg(e, "metric") == Some(metric)
            })
            .unwrap_or_else(|| panic!("OpenAI {metric}"))
    };
    assert_eq!(money_arg(report("revenue"), "amount"), Some(3_700_000_000));
    assert_eq!(report("revenue").status, EventStatus::Forecast);
    assert_eq!(money_arg(report("loss"), "amount"), Some(5_000_000_000));
    assert_eq!(report("loss").status, EventStatus::Forecast);
}
