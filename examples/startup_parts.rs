//! Time of each part of `Pipeline::new` with the built-in rules.
//!
//! `cargo run --release --example startup_parts`

use std::time::Instant;
use zhnews::RuleSet;
use zhnews::extract::{Extractor, date, entity, event, money, percent, valuation};

fn time<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let v = f();
    println!("{name:24} {:8.1} ms", t.elapsed().as_secs_f64() * 1e3);
    v
}

fn main() {
    let all = Instant::now();
    let rules = time("RuleSet::builtin", RuleSet::builtin);
    time("jieba_rs::Jieba::new", jieba_rs::Jieba::new);
    time("jieba POS model", zhnews::segment::load_pos_model);
    let _ = time("Decoder::new", || zhnews::decode::Decoder::new(&rules));
    let _ = time("Segmenter::new", || zhnews::segment::Segmenter::new(&rules));
    let d = time("date", || date::DateExtractor::new(&rules));
    let p = time("percent", || percent::PercentExtractor::new(&rules));
    let m = time("money", || money::MoneyExtractor::new(&rules));
    let e = time("entity", || entity::EntityExtractor::new(&rules));
    let v = time("valuation", || valuation::ValuationExtractor::new(&rules));
    let ev = time("event", || event::EventExtractor::new(&rules));
    for x in [
        d.ok().map(|x| x.name()),
        p.ok().map(|x| x.name()),
        m.ok().map(|x| x.name()),
        e.ok().map(|x| x.name()),
        v.ok().map(|x| x.name()),
        ev.ok().map(|x| x.name()),
    ] {
        std::hint::black_box(x);
    }
    let _ = time("Pipeline::new (cached)", || zhnews::Pipeline::new(&rules));
    println!(
        "{:24} {:8.1} ms",
        "total",
        all.elapsed().as_secs_f64() * 1e3
    );
}
