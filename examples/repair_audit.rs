//! False-repair audit and throughput of decode + repair + normalize over
//! the clean articles of `../shared/data/*.jsonl`.
//!
//! ```text
//! cargo run --release --example repair_audit [-- DATA_DIR]
//! ```
//!
//! Every item (`content` or `text` field) is clean UTF-8 text, so any
//! repair other than character references or control/whitespace clean-up
//! is a false repair; those articles are counted and the first few shown.
//! Throughput is measured on one thread over all items, as the median of
//! `ROUNDS` rounds (default 5).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;
use zhnews::RuleSet;
use zhnews::decode::{DecodeOptions, Decoder};
use zhnews::normalize::Normalizer;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data"));
    let dir = if dir.exists() {
        dir
    } else {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/data")
    };
    let mut articles: Vec<(String, String)> = Vec::new();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("cannot read {}", dir.display());
        std::process::exit(1);
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    paths.sort();
    for path in &paths {
        let Ok(data) = std::fs::read_to_string(path) else {
            continue;
        };
        let name = path.file_name().map(|n| n.to_string_lossy().to_string());
        for (i, line) in data.lines().enumerate() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            let text = ["content", "text"]
                .iter()
                .find_map(|k| v.get(*k).and_then(|t| t.as_str()));
            if let Some(t) = text {
                articles.push((
                    format!("{}:{}", name.clone().unwrap_or_default(), i + 1),
                    t.to_string(),
                ));
            }
        }
    }
    let decoder = Decoder::new(&RuleSet::builtin()).expect("built-in rules");
    let normalizer = Normalizer::new();
    let opts = DecodeOptions::default();

    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    let mut false_repairs = 0usize;
    let mut errors = 0usize;
    let mut shown = 0usize;
    for (id, text) in &articles {
        match decoder.decode(text.as_bytes(), &opts) {
            Ok(d) => {
                let mut bad = false;
                for r in &d.repairs {
                    *kinds.entry(r.kind.clone()).or_default() += 1;
                    if !matches!(r.kind.as_str(), "html_entity" | "control_char") {
                        bad = true;
                    }
                }
                if bad {
                    false_repairs += 1;
                    if shown < 10 {
                        shown += 1;
                        println!("{id}: {:?}", d.repairs);
                        let diff = first_difference(text, &d.text);
                        println!("  before: {}\n  after:  {}", diff.0, diff.1);
                    }
                }
            }
            Err(_) => errors += 1,
        }
    }
    let bytes: usize = articles.iter().map(|(_, t)| t.len()).sum();
    // Several rounds, as the machine's speed wanders: the median of each.
    let rounds = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5usize)
        .max(1);
    let (mut walls, mut cpus) = (Vec::new(), Vec::new());
    let mut chars = 0usize;
    for _ in 0..rounds {
        let start = Instant::now();
        let cpu_start = cpu_seconds();
        chars = 0;
        for (_, text) in &articles {
            if let Ok(d) = decoder.decode(text.as_bytes(), &opts) {
                chars += normalizer.normalize(&d.text).text.len();
            }
        }
        walls.push(start.elapsed().as_secs_f64());
        if let Some(c) = cpu_start.and_then(|a| cpu_seconds().map(|b| b - a)) {
            cpus.push(c);
        }
    }
    let best = walls.iter().copied().fold(f64::INFINITY, f64::min);
    let secs = median(&mut walls);
    let cpu = (!cpus.is_empty()).then(|| median(&mut cpus));
    // Stage by stage, CPU time.
    let t0 = cpu_seconds();
    for (_, text) in &articles {
        std::hint::black_box(
            simdutf8::basic::from_utf8(std::hint::black_box(text.as_bytes())).is_ok(),
        );
    }
    let t1 = cpu_seconds();
    let mut decoded = Vec::with_capacity(articles.len());
    for (_, text) in &articles {
        decoded.push(
            decoder
                .decode(text.as_bytes(), &opts)
                .map(|d| d.text)
                .unwrap_or_default(),
        );
    }
    let t2 = cpu_seconds();
    for d in &decoded {
        std::hint::black_box(normalizer.normalize(d));
    }
    let t3 = cpu_seconds();
    if let (Some(t0), Some(t1), Some(t2), Some(t3)) = (t0, t1, t2, t3) {
        let mbs = |t: f64| bytes as f64 / 1e6 / t;
        println!(
            "CPU MB/s by stage: utf-8 validation {:.0}, decode+repair {:.0}, normalize {:.0}",
            mbs(t1 - t0),
            mbs(t2 - t1),
            mbs(t3 - t2)
        );
    }
    println!(
        "articles: {}  bytes: {}  errors (empty): {errors}",
        articles.len(),
        bytes
    );
    println!("repairs by kind (articles): {kinds:?}");
    println!("articles changed by repairs other than entity/control clean-up: {false_repairs}");
    println!(
        "decode+repair+normalize: {:.1} MB/s on one thread (median of {rounds} rounds: {:.3} s, {} view bytes)",
        bytes as f64 / 1e6 / secs,
        secs,
        chars
    );
    println!(
        "decode+repair+normalize: {:.1} MB/s on one thread in the fastest round",
        bytes as f64 / 1e6 / best
    );
    if let Some(cpu) = cpu {
        println!(
            "decode+repair+normalize: {:.1} MB/s per thread of CPU time ({cpu:.3} s on CPU; \
             the wall-clock figure above drops when other work shares the cores)",
            bytes as f64 / 1e6 / cpu
        );
    }
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// CPU time of this thread so far (Linux `schedstat`), in seconds.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// The stretch around the first difference between two texts.
fn first_difference(a: &str, b: &str) -> (String, String) {
    let at = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map(|((i, _), _)| i)
        .unwrap_or(a.len().min(b.len()));
    let from = a[..at]
        .char_indices()
        .rev()
        .nth(10)
        .map(|(i, _)| i)
        .unwrap_or(0);
    let take = |s: &str| {
        s.get(from..)
            .unwrap_or("")
            .chars()
            .take(40)
            .collect::<String>()
    };
    (take(a), take(b))
}
