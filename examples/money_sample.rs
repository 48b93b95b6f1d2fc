//! Prints the amounts, valuations and percentages found in a seeded random
//! sample of newsflash items, each in a context window, for reading by eye;
//! with `--bench`, times each extractor against segmentation over the whole
//! file instead.
//!
//! ```text
//! cargo run --release --example money_sample [-- --n 200 --seed 7 --file PATH]
//! cargo run --release --example money_sample -- --bench [--limit 20000]
//! ```

use std::time::{Duration, Instant};
use zhnews::extract::{Date, Extraction};
use zhnews::{Pipeline, RuleSet};

struct Item {
    date: Option<Date>,
    title: String,
    content: String,
}

fn load(path: &str) -> Vec<Item> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| Item {
            date: v["date"].as_str().and_then(|d| d.parse().ok()),
            title: v["title"].as_str().unwrap_or_default().to_string(),
            content: v["content"].as_str().unwrap_or_default().to_string(),
        })
        .collect()
}

/// xorshift64*: a fixed, dependency-free sample.
fn sample(n: usize, len: usize, seed: u64) -> Vec<usize> {
    let mut x = seed.max(1);
    let mut picked = std::collections::BTreeSet::new();
    while picked.len() < n.min(len) {
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        picked.insert((x.wrapping_mul(0x2545F4914F6CDD1D) % len as u64) as usize);
    }
    picked.into_iter().collect()
}

fn window(text: &str, start: usize, end: usize, w: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let a = start.saturating_sub(w);
    let b = (end + w).min(chars.len());
    let s: String = chars[a..start].iter().collect();
    let m: String = chars[start..end].iter().collect();
    let e: String = chars[end..b].iter().collect();
    format!("{s}【{m}】{e}").replace('\n', " ")
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let file = arg("--file").unwrap_or_else(|| {
        let root = env!("CARGO_MANIFEST_DIR");
        let data = "shared/data/newsflash-2026-05-06.jsonl";
        let near = format!("{root}/../{data}");
        if std::path::Path::new(&near).exists() {
            near
        } else {
            format!("{root}/../../{data}")
        }
    });
    let items = load(&file);
    let pipeline = Pipeline::new(&RuleSet::builtin()).expect("rules");
    if args.iter().any(|a| a == "--bench") {
        let limit: usize = arg("--limit")
            .and_then(|v| v.parse().ok())
            .unwrap_or(items.len());
        bench(&pipeline, &items[..limit.min(items.len())]);
        return;
    }
    let n: usize = arg("--n").and_then(|v| v.parse().ok()).unwrap_or(200);
    let seed: u64 = arg("--seed")
        .and_then(|v| v.parse().ok())
        .unwrap_or(20260506);
    let misses = args.iter().any(|a| a == "--misses");
    let (mut amounts, mut docs) = (0, 0);
    for i in sample(n, items.len(), seed) {
        let it = &items[i];
        let out = pipeline.analyze(&it.content, Some(&it.title), it.date);
        if out.money.is_empty() && out.valuations.is_empty() && !misses {
            continue;
        }
        docs += 1;
        println!("== item {i}");
        for (k, m) in out.money.iter().enumerate() {
            amounts += 1;
            let extra = [
                m.max.map(|x| format!("max={x}")),
                m.qualifier.map(|q| format!("{q:?}")),
                m.equivalent_of.map(|e| format!("eq={e}")),
                m.per.as_ref().map(|p| format!("per={p}")),
                (m.currency_source == zhnews::record::CurrencySource::Inferred)
                    .then(|| "inferred".to_string()),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
            println!(
                "  M{k} {} {} {extra}\t{}",
                m.value,
                m.currency,
                window(&it.content, m.start, m.end, 14)
            );
        }
        if misses {
            // Currency words next to a digit that no amount covers.
            let chars: Vec<char> = it.content.chars().collect();
            for (ci, c) in chars.iter().enumerate() {
                let money_word = matches!(c, '元' | '币' | '幣');
                let digit_before = ci > 0
                    && (chars[ci - 1].is_ascii_digit()
                        || matches!(chars[ci - 1], '万' | '亿' | '美' | '港'));
                if money_word
                    && digit_before
                    && !out.money.iter().any(|m| m.start <= ci && ci < m.end + 3)
                {
                    println!("  MISS\t{}", window(&it.content, ci, ci + 1, 16));
                }
            }
        }
        for v in &out.valuations {
            println!(
                "  V {:?} {} {}\t{}",
                v.company,
                v.value,
                v.currency,
                window(&it.content, v.start, v.end, 20)
            );
        }
    }
    println!("# {amounts} amounts in {docs} of {n} sampled items");
}

fn bench(pipeline: &Pipeline, items: &[Item]) {
    let mut seg = Duration::ZERO;
    let names: Vec<&str> = pipeline.extractors().iter().map(|e| e.name()).collect();
    let mut per = vec![Duration::ZERO; names.len()];
    let mut chars = 0usize;
    for it in items {
        let view = pipeline.normalizer().normalize(&it.content).text;
        chars += view.chars().count();
        let t = Instant::now();
        let tokens = pipeline.segmenter().cut(&view);
        seg += t.elapsed();
        let mut doc = pipeline.extractors().document(&it.content, &view, tokens);
        doc.pub_date = it.date;
        let mut out = Extraction::default();
        for (k, ex) in pipeline.extractors().iter().enumerate() {
            let t = Instant::now();
            ex.extract(&doc, &mut out);
            per[k] += t.elapsed();
        }
    }
    println!("{} items, {} chars", items.len(), chars);
    println!("segmentation {:>8.1} ms", seg.as_secs_f64() * 1e3);
    for (name, d) in names.iter().zip(&per) {
        println!(
            "{name:<12} {:>8.1} ms  {:>5.1}% of segmentation",
            d.as_secs_f64() * 1e3,
            100.0 * d.as_secs_f64() / seg.as_secs_f64()
        );
    }
}
