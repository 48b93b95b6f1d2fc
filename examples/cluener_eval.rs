//! Person and organisation precision, recall and F1 on CLUENER2020.
//!
//! `cargo run --release --example cluener_eval [-- FILE [--show N]]` reads
//! `../shared/data/cluener-train.jsonl` (one sentence per line with
//! character-span labels). Gold: `name` is a person; `company`,
//! `organization` and `government` are organisations. Each sentence's set
//! of found names is compared with its set of gold names. `--show N` prints
//! N missed and N spurious names of each list.

use std::collections::BTreeSet;
use zhnews::Pipeline;

#[derive(Default)]
struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
    missed: Vec<(String, String)>,
    spurious: Vec<(String, String)>,
}

impl Score {
    fn add(&mut self, gold: &BTreeSet<String>, found: &BTreeSet<String>, text: &str) {
        for g in gold {
            if found.contains(g) {
                self.tp += 1;
            } else {
                self.fn_ += 1;
                self.missed.push((g.clone(), text.to_string()));
            }
        }
        for f in found.difference(gold) {
            self.fp += 1;
            self.spurious.push((f.clone(), text.to_string()));
        }
    }

    fn print(&self, label: &str) {
        let p = self.tp as f64 / (self.tp + self.fp).max(1) as f64;
        let r = self.tp as f64 / (self.tp + self.fn_).max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        println!(
            "{label:<14} P {p:.3}  R {r:.3}  F1 {f:.3}  (tp {}, fp {}, fn {})",
            self.tp, self.fp, self.fn_
        );
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut path = None;
    let mut show = 0usize;
    while let Some(a) = args.next() {
        if a == "--show" {
            show = args.next().and_then(|s| s.parse().ok()).unwrap_or(20);
        } else {
            path = Some(a);
        }
    }
    let path = path.unwrap_or_else(|| shared("data/cluener-train.jsonl"));
    let data = match std::fs::read_to_string(&path) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let pipeline = Pipeline::builtin();
    let mut persons = Score::default();
    let mut orgs = Score::default();
    for line in data.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let Some(text) = v.get("text").and_then(|t| t.as_str()) else {
            continue;
        };
        let names = |labels: &[&str]| -> BTreeSet<String> {
            let mut out = BTreeSet::new();
            for l in labels {
                if let Some(obj) = v
                    .get("label")
                    .and_then(|x| x.get(*l))
                    .and_then(|x| x.as_object())
                {
                    out.extend(obj.keys().cloned());
                }
            }
            out
        };
        let gold_p = names(&["name"]);
        let gold_o = names(&["company", "organization", "government"]);
        let found = pipeline.analyze(text, None, None);
        let mut found_p = BTreeSet::new();
        for p in &found.persons {
            for m in &p.mentions {
                found_p.insert(slice(text, m[0], m[1]));
            }
        }
        let mut found_o = BTreeSet::new();
        for o in &found.organizations {
            for m in &o.mentions {
                found_o.insert(slice(text, m[0], m[1]));
            }
        }
        persons.add(&gold_p, &found_p, text);
        orgs.add(&gold_o, &found_o, text);
    }
    persons.print("persons");
    orgs.print("organisations");
    for (label, s) in [("person", &persons), ("organisation", &orgs)] {
        for (name, text) in s.missed.iter().take(show) {
            println!("missed {label}: {name}\t{text}");
        }
        for (name, text) in s.spurious.iter().take(show) {
            println!("spurious {label}: {name}\t{text}");
        }
    }
}

fn slice(text: &str, s: usize, e: usize) -> String {
    text.chars().skip(s).take(e - s).collect()
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
