//! Where one thread's time goes: a single pass over a stream file
//! (`{"id", "text"}` per line, as `zhnews extract -` reads), timing decode
//! (with repair), normalize, cut, document set-up, each extractor and JSON
//! writing, and printing each stage's share.
//!
//! `cargo run --release --example stage_times -- input.jsonl`
//! (`FLOOR=1` adds jieba-rs `tag` and `cut` alone on the same texts)
//!
//! Shares, not wall-clock totals, are the point: they show which stage a
//! change should go after. Whole-run throughput is `scripts/bench.sh`'s job.

use std::io::BufRead;
use std::time::{Duration, Instant};
use zhnews::decode::DecodeOptions;
use zhnews::extract::Extraction;
use zhnews::{Pipeline, ProcessOptions};

#[derive(serde::Deserialize)]
struct Line {
    text: Option<String>,
    content: Option<String>,
}

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        eprintln!("usage: stage_times INPUT.jsonl");
        std::process::exit(2);
    });
    let file = std::fs::File::open(&path).unwrap_or_else(|e| {
        eprintln!("stage_times: {path}: {e}");
        std::process::exit(1);
    });
    let texts: Vec<String> = std::io::BufReader::new(file)
        .lines()
        .map_while(Result::ok)
        .filter_map(|l| serde_json::from_str::<Line>(&l).ok())
        .filter_map(|l| l.text.or(l.content))
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let p = Pipeline::builtin();
    let names: Vec<&str> = p.extractors().iter().map(|e| e.name()).collect();
    let mut times = vec![Duration::ZERO; 5 + names.len()];
    let opts = DecodeOptions::default();
    let all = Instant::now();
    let mut sink = Vec::new();
    for t in &texts {
        let mut clock = Instant::now();
        let mut lap = |i: usize, times: &mut Vec<Duration>| {
            let now = Instant::now();
            times[i] += now - clock;
            clock = now;
        };
        let decoded = p.clean(t.as_bytes(), &opts).expect("text decodes");
        lap(0, &mut times);
        let norm = p.normalizer().normalize(&decoded.text);
        lap(1, &mut times);
        let tokens = p.segmenter().cut(&norm.text);
        lap(2, &mut times);
        let doc = p.extractors().document(&decoded.text, &norm.text, tokens);
        doc.work();
        lap(3, &mut times);
        let mut out = Extraction::default();
        for (i, ex) in p.extractors().iter().enumerate() {
            ex.extract(&doc, &mut out);
            lap(5 + i, &mut times);
        }
        sink.clear();
        serde_json::to_writer(&mut sink, &out.money).unwrap();
        serde_json::to_writer(&mut sink, &out.organizations).unwrap();
        serde_json::to_writer(&mut sink, &out.events).unwrap();
        lap(4, &mut times);
    }
    let total = all.elapsed();
    if std::env::var_os("FLOOR").is_some() {
        floor(&texts, &p);
    }
    // A full record for comparison: the same texts through `process`.
    let t = Instant::now();
    for (i, text) in texts.iter().enumerate() {
        let _ = p.process(&i.to_string(), text.as_bytes(), &ProcessOptions::default());
    }
    let process = t.elapsed();
    println!(
        "{} articles, {:.2} MB; staged pass {:.3} s, process() pass {:.3} s ({:.2} MB/s)",
        texts.len(),
        bytes as f64 / 1e6,
        total.as_secs_f64(),
        process.as_secs_f64(),
        bytes as f64 / 1e6 / process.as_secs_f64()
    );
    let mut labels = vec![
        "decode+repair",
        "normalize",
        "cut",
        "document",
        "json (part)",
    ];
    labels.extend(names);
    for (label, d) in labels.iter().zip(&times) {
        println!(
            "{label:16} {:8.3} s {:5.1}%",
            d.as_secs_f64(),
            100.0 * d.as_secs_f64() / total.as_secs_f64()
        );
    }
}

/// With `FLOOR=1`: jieba-rs `tag` and `cut`, with and without the HMM, on
/// the same texts, for a fresh `Jieba` and for the pipeline's (with the
/// user dictionaries), as references for the `cut` figure above.
fn floor(texts: &[String], p: &Pipeline) {
    let fresh = jieba_rs::Jieba::new();
    for (name, j) in [("fresh", &fresh), ("ours", p.segmenter().jieba())] {
        for hmm in [true, false] {
            let time = |what: &str, words: &dyn Fn(&str) -> usize| {
                let t = Instant::now();
                let n: usize = texts.iter().map(|s| words(s)).sum();
                let secs = t.elapsed().as_secs_f64();
                println!("{name} {what} hmm={hmm}: {secs:.3} s ({n} words)");
            };
            time("tag", &|s| j.tag(s, hmm).len());
            time("cut", &|s| j.cut(s, hmm).len());
        }
    }
}
