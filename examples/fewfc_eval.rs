//! Precision and recall of funding and acquisition events on the FewFC
//! sentences, by (type, subject).
//!
//! `cargo run --release --example fewfc_eval [DATA_DIR]` (default
//! `../shared/data`). Reads `fewfc-train-*.jsonl`. With `SHOW=1` set, also
//! lists every acquisition miss and false positive with its sentence.
//!
//! Mapping: FewFC `投资` is our `funding` with its `obj` as our `company`
//! (its `sub` are our investors); FewFC `收购` is our `acquisition` with its
//! `sub-org`/`sub-per` as our `acquirer`. A file is scored only for the
//! FewFC types that its schema has (the base file annotates `投资`, the trans
//! file `收购`), so a sentence of another type counts only through our
//! predictions on it (false positives).
//!
//! FewFC's `投资` also covers share purchases (`A 收购 B`, `增持`, `购买`)
//! that we report as acquisitions or not at all; a second line scores `投资`
//! against our funding and acquisition events together, with our `company`
//! or `target` as the one invested in. A subject matches when one name
//! contains the other (FewFC names often drop or add `公司`).

use serde_json::Value;
use std::collections::BTreeMap;
use zhnews::Pipeline;
use zhnews::record::{Arg, Event};

#[derive(Default)]
struct Score {
    tp: usize,
    pred: usize,
    gold: usize,
}

impl Score {
    fn line(&self, name: &str) -> String {
        let p = self.tp as f64 / self.pred.max(1) as f64;
        let r = self.tp as f64 / self.gold.max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        format!(
            "{name:<28} gold {:>5}  pred {:>5}  tp {:>5}  P {:.3}  R {:.3}  F1 {:.3}",
            self.gold, self.pred, self.tp, p, r, f
        )
    }
}

fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
}

fn same(a: &str, b: &str) -> bool {
    let (a, b) = (norm(a), norm(b));
    !a.is_empty() && !b.is_empty() && (a == b || a.contains(&b) || b.contains(&a))
}

fn text_arg(e: &Event, role: &str) -> Option<String> {
    match e.args.get(role)? {
        Arg::Text(t) => Some(t.clone()),
        Arg::Names(n) => n.first().cloned(),
        _ => None,
    }
}

/// Greedy one-to-one matching of subjects; returns the matches.
fn matches(pred: &[String], gold: &[String]) -> usize {
    let mut used = vec![false; gold.len()];
    let mut n = 0;
    for p in pred {
        if let Some(i) = (0..gold.len()).find(|&i| !used[i] && same(p, &gold[i])) {
            used[i] = true;
            n += 1;
        }
    }
    n
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data".into());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("data directory")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("fewfc-train-") && n.ends_with(".jsonl"))
        })
        .collect();
    files.sort();
    let pipeline = Pipeline::builtin();
    let mut scores: BTreeMap<&str, Score> = BTreeMap::new();
    let mut by_trigger: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut misses: Vec<String> = Vec::new();
    let mut false_pos: Vec<String> = Vec::new();
    let started = std::time::Instant::now();
    let mut sentences = 0usize;
    for path in &files {
        let text = std::fs::read_to_string(path).expect("readable");
        let mut types_here = std::collections::BTreeSet::new();
        let rows: Vec<Value> = text
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect();
        for r in &rows {
            for e in r["events"].as_array().into_iter().flatten() {
                if let Some(t) = e["type"].as_str() {
                    types_here.insert(t.to_string());
                }
            }
        }
        let has_invest = types_here.contains("投资");
        let has_acq = types_here.contains("收购");
        for r in &rows {
            let content = r["content"].as_str().unwrap_or_default();
            sentences += 1;
            let found = pipeline.analyze(content, None, None);
            let mut gold_fund = Vec::new();
            let mut gold_acq = Vec::new();
            let mut gold_triggers = Vec::new();
            for e in r["events"].as_array().into_iter().flatten() {
                let ms = e["mentions"].as_array().cloned().unwrap_or_default();
                let role = |want: &[&str]| {
                    ms.iter()
                        .filter(|m| want.contains(&m["role"].as_str().unwrap_or_default()))
                        .filter_map(|m| m["word"].as_str().map(str::to_string))
                        .collect::<Vec<_>>()
                };
                match e["type"].as_str() {
                    Some("投资") => {
                        let obj = role(&["obj", "obj-org"]);
                        let trig = role(&["trigger"]).first().cloned().unwrap_or_default();
                        for o in obj.into_iter().take(1) {
                            gold_fund.push(o);
                            gold_triggers.push(trig.clone());
                        }
                    }
                    Some("收购") => {
                        if let Some(s) = role(&["sub-org", "sub-per", "sub"]).first() {
                            gold_acq.push(s.clone());
                        }
                    }
                    _ => {}
                }
            }
            let pred = |kind: &str, role: &str| -> Vec<String> {
                found
                    .events
                    .iter()
                    .filter(|e| e.kind == kind)
                    .filter_map(|e| text_arg(e, role))
                    .collect()
            };
            if has_invest {
                let p = pred("funding", "company");
                let s = scores.entry("funding (投资)").or_default();
                let tp = matches(&p, &gold_fund);
                s.tp += tp;
                s.pred += p.len();
                s.gold += gold_fund.len();
                let mut p2 = p.clone();
                p2.extend(pred("acquisition", "target"));
                let s2 = scores.entry("funding+acquisition (投资)").or_default();
                let tp2 = matches(&p2, &gold_fund);
                s2.tp += tp2;
                s2.pred += p2.len();
                s2.gold += gold_fund.len();
                for (g, t) in gold_fund.iter().zip(&gold_triggers) {
                    let hit = p2.iter().any(|x| same(x, g));
                    let entry = by_trigger.entry(t.clone()).or_default();
                    entry.0 += 1;
                    entry.1 += hit as usize;
                }
            }
            if has_acq {
                let p = pred("acquisition", "acquirer");
                let s = scores.entry("acquisition (收购)").or_default();
                let tp = matches(&p, &gold_acq);
                s.tp += tp;
                s.pred += p.len();
                s.gold += gold_acq.len();
                if tp < gold_acq.len() && misses.len() < 400 {
                    misses.push(format!("gold {gold_acq:?} pred {p:?}: {content}"));
                }
                if tp < p.len() && false_pos.len() < 400 {
                    false_pos.push(format!("pred {p:?} gold {gold_acq:?}: {content}"));
                }
            }
        }
    }
    println!(
        "{} sentences from {} files in {:.1}s",
        sentences,
        files.len(),
        started.elapsed().as_secs_f64()
    );
    for (name, s) in &scores {
        println!("{}", s.line(name));
    }
    println!("\nrecall of FewFC 投资 (funding+acquisition) by trigger word:");
    let mut trig: Vec<_> = by_trigger.into_iter().collect();
    trig.sort_by_key(|(_, (n, _))| std::cmp::Reverse(*n));
    for (t, (n, hit)) in trig.into_iter().take(12) {
        println!("  {t:<6} {hit:>4}/{n:<4}");
    }
    if std::env::var_os("SHOW").is_some() {
        println!("\nacquisition misses:");
        for m in &misses {
            println!("  {m}");
        }
        println!("\nacquisition false positives:");
        for m in &false_pos {
            println!("  {m}");
        }
    }
}
