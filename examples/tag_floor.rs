//! The floor for zhnews throughput: jieba-rs `tag` alone over the same
//! stream of articles, on one thread.
//!
//! Reads the stream format of `zhnews extract -` (`{"id": ..., "text": ...}`
//! per line) from a file or stdin, tags every text with jieba-rs's default
//! dictionary and HMM, and prints one summary line on stderr: articles,
//! bytes of text, words, load and tagging time, MB/s.
//!
//! ```text
//! cargo run --release --example tag_floor -- input.jsonl
//! cargo run --release --example tag_floor < input.jsonl
//! ```

use jieba_rs::Jieba;
use std::io::{BufRead, BufReader, Read};
use std::time::Instant;

#[derive(serde::Deserialize)]
struct Line {
    text: Option<String>,
}

fn main() {
    let start = Instant::now();
    let input: Box<dyn Read> = match std::env::args_os().nth(1) {
        Some(p) if p != "-" => match std::fs::File::open(&p) {
            Ok(f) => Box::new(f),
            Err(e) => {
                eprintln!("tag_floor: {}: {e}", p.to_string_lossy());
                std::process::exit(1);
            }
        },
        _ => Box::new(std::io::stdin()),
    };
    let jieba = Jieba::new();
    let loaded = start.elapsed();
    let mut articles = 0u64;
    let mut bytes = 0u64;
    let mut words = 0u64;
    let mut tag_time = std::time::Duration::ZERO;
    for line in BufReader::with_capacity(1 << 16, input).lines() {
        let Ok(line) = line else { break };
        if line.trim().is_empty() {
            continue;
        }
        let Ok(Line { text: Some(text) }) = serde_json::from_str::<Line>(&line) else {
            continue;
        };
        let t = Instant::now();
        let tags = jieba.tag(&text, true);
        tag_time += t.elapsed();
        words += tags.len() as u64;
        articles += 1;
        bytes += text.len() as u64;
    }
    let total = start.elapsed();
    eprintln!(
        "tag_floor: {articles} articles, {bytes} bytes, {words} words; load {:.3}s, tag {:.3}s, total {:.3}s; {:.2} MB/s (tag only), {:.2} MB/s (total)",
        loaded.as_secs_f64(),
        tag_time.as_secs_f64(),
        total.as_secs_f64(),
        bytes as f64 / 1e6 / tag_time.as_secs_f64().max(1e-9),
        bytes as f64 / 1e6 / total.as_secs_f64().max(1e-9),
    );
}
