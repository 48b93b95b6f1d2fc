//! Throughput of the whole pipeline beside jieba-rs alone, on real news.
//!
//! `cargo run --release --example segment_bench [-- FILE [LIMIT]]` reads
//! JSON Lines with a `content` field (default
//! `../shared/data/newsflash-2026-05-06.jsonl`) and prints characters per
//! second for jieba `cut` (no HMM), jieba `cut` (HMM), jieba `tag` (HMM),
//! and `Pipeline::process` over the same texts, single-threaded.

use std::time::{Duration, Instant};
use zhnews::extract::Extraction;
use zhnews::{Pipeline, ProcessOptions};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| shared("data/newsflash-2026-05-06.jsonl"));
    let limit: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(20_000);
    let data = match std::fs::read_to_string(&path) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let texts: Vec<String> = data
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("content").and_then(|c| c.as_str()).map(String::from))
        .take(limit)
        .collect();
    let chars: usize = texts.iter().map(|t| t.chars().count()).sum();
    let pipeline = Pipeline::builtin();
    let jieba = pipeline.segmenter().jieba();
    println!("{} texts, {} characters", texts.len(), chars);

    let rate = |secs: f64| chars as f64 / secs / 1e6;
    // Warm-up: page in the dictionary and the texts.
    for text in texts.iter().take(2000) {
        std::hint::black_box(jieba.tag(text, true));
        std::hint::black_box(pipeline.process("w", text.as_bytes(), &ProcessOptions::default()));
    }
    let t = Instant::now();
    let mut n = 0usize;
    for text in &texts {
        n += jieba.cut(text, false).len();
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "jieba cut (no HMM)     {:8.3} s  {:6.2} M chars/s  ({n} words)",
        s,
        rate(s)
    );

    let t = Instant::now();
    let mut n = 0usize;
    for text in &texts {
        n += jieba.cut(text, true).len();
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "jieba cut (HMM)        {:8.3} s  {:6.2} M chars/s  ({n} words)",
        s,
        rate(s)
    );

    let t = Instant::now();
    let mut n = 0usize;
    for text in &texts {
        n += jieba.tag(text, true).len();
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "jieba tag (HMM)        {:8.3} s  {:6.2} M chars/s  ({n} words)",
        s,
        rate(s)
    );

    let opts = ProcessOptions::default();
    let t = Instant::now();
    let (mut persons, mut orgs) = (0usize, 0usize);
    for (i, text) in texts.iter().enumerate() {
        let r = pipeline.process(&i.to_string(), text.as_bytes(), &opts);
        persons += r.persons.len();
        orgs += r.organizations.len();
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "pipeline process       {:8.3} s  {:6.2} M chars/s  ({persons} persons, {orgs} organisations)",
        s,
        rate(s)
    );

    // Where the time goes: each stage over the same texts.
    let mut clean = Duration::ZERO;
    let mut norm = Duration::ZERO;
    let mut cut = Duration::ZERO;
    let mut per: Vec<(&str, Duration)> = pipeline
        .extractors()
        .iter()
        .map(|e| (e.name(), Duration::ZERO))
        .collect();
    for text in &texts {
        let t = Instant::now();
        let Ok(d) = pipeline.clean(text.as_bytes(), &Default::default()) else {
            continue;
        };
        clean += t.elapsed();
        let t = Instant::now();
        let view = pipeline.normalizer().normalize(&d.text).text;
        norm += t.elapsed();
        let t = Instant::now();
        let tokens = pipeline.segmenter().cut(&view);
        cut += t.elapsed();
        let doc = pipeline.extractors().document(&d.text, &view, tokens);
        let mut out = Extraction::default();
        for (k, ex) in pipeline.extractors().iter().enumerate() {
            let t = Instant::now();
            ex.extract(&doc, &mut out);
            per[k].1 += t.elapsed();
        }
    }
    println!(
        "  decode {:.3} s, normalize {:.3} s, cut {:.3} s",
        clean.as_secs_f64(),
        norm.as_secs_f64(),
        cut.as_secs_f64()
    );
    for (name, d) in per {
        println!("  {name:<10} {:.3} s", d.as_secs_f64());
    }
}

/// A file under the shared measurement folder: `../shared` from the repo
/// root, or `../../shared` from a worktree one level deeper.
fn shared(rel: &str) -> String {
    ["../shared", "../../shared"]
        .iter()
        .map(|d| format!("{d}/{rel}"))
        .find(|p| std::path::Path::new(p).exists())
        .unwrap_or_else(|| format!("../shared/{rel}"))
}
