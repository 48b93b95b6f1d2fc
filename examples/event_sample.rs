//! Prints the events found in a seeded random sample of news flashes, each
//! in its sentence, for reading and judging precision by hand.
//!
//! `cargo run --release --example event_sample [N] [SEED] [FILE]`
//! (defaults: 100, 7, `../shared/data/newsflash-2026-05-06.jsonl`).

use serde_json::Value;
use zhnews::Pipeline;
use zhnews::extract::Date;
use zhnews::record::{Arg, Event};

/// xorshift64*: a small deterministic generator, enough for sampling.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

fn show_arg(a: &Arg) -> String {
    match a {
        Arg::Text(t) => t.clone(),
        Arg::Names(n) => format!("[{}]", n.join(", ")),
        Arg::Money(m) => format!("{} ({} {})", m.text, m.value, m.currency),
        Arg::Number(n) => n.to_string(),
    }
}

fn show(e: &Event, text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let slice = |a: usize, b: usize| {
        chars[a.min(chars.len())..b.min(chars.len())]
            .iter()
            .collect::<String>()
    };
    let [s, t] = e.sentence;
    let sentence = format!(
        "{}[{}]{}",
        slice(s, e.trigger.start),
        slice(e.trigger.start, e.trigger.end),
        slice(e.trigger.end, t)
    );
    let args: Vec<String> = e
        .args
        .iter()
        .map(|(k, v)| format!("{k}={}", show_arg(v)))
        .collect();
    let status = serde_json::to_string(&e.status).unwrap_or_default();
    format!(
        "  {} {} {}{}\n    {}",
        e.kind,
        status.trim_matches('"'),
        args.join("  "),
        if e.mentions.len() > 1 {
            format!("  (told {} times)", e.mentions.len())
        } else {
            String::new()
        },
        sentence.trim()
    )
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(100);
    let seed: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(7);
    let file = args
        .next()
        .unwrap_or_else(|| "../shared/data/newsflash-2026-05-06.jsonl".into());
    let data = std::fs::read_to_string(&file).expect("newsflash file");
    let lines: Vec<&str> = data.lines().collect();
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut picked = std::collections::BTreeSet::new();
    while picked.len() < n.min(lines.len()) {
        picked.insert((rng.next() % lines.len() as u64) as usize);
    }
    let pipeline = Pipeline::builtin();
    let mut total = 0;
    let mut with_events = 0;
    for i in picked {
        let Ok(v) = serde_json::from_str::<Value>(lines[i]) else {
            continue;
        };
        let content = v["content"].as_str().unwrap_or_default();
        let date = v["date"].as_str().and_then(|d| {
            let mut p = d.split('-').filter_map(|x| x.parse::<i64>().ok());
            Date::new(p.next()? as i32, p.next()? as u32, p.next()? as u32)
        });
        let found = pipeline.analyze(content, None, date);
        if found.events.is_empty() {
            continue;
        }
        with_events += 1;
        println!(
            "#{} {}",
            v["id"].as_str().unwrap_or_default(),
            v["title"].as_str().unwrap_or_default()
        );
        for e in &found.events {
            total += 1;
            println!("{}", show(e, content));
        }
    }
    println!("\n{total} events in {with_events} of {n} flashes (seed {seed})");
}
