//! Scores the pipeline against gold annotations (`zhnews eval`).
//!
//! An annotated sample is an article `NAME.EXT` with `NAME.gold.json` beside
//! it (see [`gold`]). [`load_corpus`] finds the samples under a folder,
//! [`evaluate`] runs the pipeline on them in parallel and matches each
//! record against its gold file ([`score`]), and [`run_cli`] prints the
//! table, the errors, or JSON, and compares with a stored baseline.

pub mod gold;
pub mod score;

use crate::batch::Job;
use crate::decimal::Decimal;
use crate::normalize::Normalizer;
use crate::record::Record;
use crate::{Pipeline, ProcessOptions, RuleSet};
use gold::Gold;
use rayon::prelude::*;
use score::{Change, ListOutcome, Scores};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The F1 drop that counts as a regression against the baseline.
pub const DEFAULT_TOLERANCE: f64 = 0.005;

/// `zhnews eval` arguments.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
An annotated article is NAME.EXT with NAME.gold.json beside it; DIR is searched \
recursively (hidden files and folders are skipped). Lists are matched as the record \
contract says: money by (value, max, currency), percentages by value, valuations by \
(company, value, currency), persons and organizations by name, events by (type, subject). \
Scores are micro-averaged over all articles.

Exit status: 0 when every gold file is valid and no F1 fell beyond the tolerance; \
1 when a gold file is invalid, the baseline cannot be read or written, or an F1 fell; \
2 on a usage error.

Examples:
  zhnews eval                                   score the bundled corpus
  zhnews eval corpus --baseline corpus/baseline.json
  zhnews eval corpus --update-baseline          rewrite corpus/baseline.json
  zhnews eval corpus --show-errors | less")]
pub struct EvalArgs {
    /// Folder of articles with `NAME.gold.json` beside them.
    #[arg(default_value = "corpus")]
    pub dir: PathBuf,
    /// Compare with the scores stored in FILE; exit 1 naming every list
    /// whose F1 fell by more than the tolerance.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Write the scores as the new baseline: to FILE when given
    /// (`--update-baseline=FILE`), else to the `--baseline` file, else to
    /// DIR/baseline.json. Falls are reported but do not fail the run.
    #[arg(long, value_name = "FILE", num_args = 0..=1, require_equals = true)]
    pub update_baseline: Option<Option<PathBuf>>,
    /// F1 drop tolerated before a list counts as fallen.
    #[arg(long, value_name = "F1", default_value_t = DEFAULT_TOLERANCE)]
    pub tolerance: f64,
    /// List every miss and false positive with its article id and context,
    /// grouped by list.
    #[arg(long)]
    pub show_errors: bool,
    /// Print the scores (and errors, with --show-errors) as JSON.
    #[arg(long)]
    pub json: bool,
    /// Rules directory overlaying the built-in rules.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
}

/// An article with its gold annotations.
#[derive(Debug, Clone)]
pub struct Sample {
    /// Path relative to the corpus folder, `/`-separated.
    pub id: String,
    pub path: PathBuf,
    pub gold_path: PathBuf,
    pub gold: Gold,
}

/// A gold file that cannot be used, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub path: PathBuf,
    pub reason: String,
}

/// The samples found under a folder, and the gold files that are wrong.
#[derive(Debug, Default)]
pub struct Corpus {
    pub samples: Vec<Sample>,
    pub problems: Vec<Problem>,
}

const GOLD_SUFFIX: &str = ".gold.json";

/// Finds every `NAME.gold.json` under `dir` (recursively, hidden entries
/// skipped) with its article `NAME.EXT`, and parses the gold files. Samples
/// are sorted by id. A gold file that does not parse, names a field the
/// contract does not have, or has no article (or several) beside it is a
/// [`Problem`].
pub fn load_corpus(dir: &Path) -> Result<Corpus, String> {
    if !dir.is_dir() {
        return Err(format!("{}: not a directory", dir.display()));
    }
    let mut golds = Vec::new();
    let mut articles: HashMap<(PathBuf, String), Vec<PathBuf>> = HashMap::new();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    let mut problems = Vec::new();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) if e.loop_ancestor().is_some() => continue,
            Err(e) => {
                problems.push(Problem {
                    path: e.path().unwrap_or(dir).to_path_buf(),
                    reason: e.to_string(),
                });
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().to_string();
        let parent = entry.path().parent().unwrap_or(dir).to_path_buf();
        if let Some(stem) = name.strip_suffix(GOLD_SUFFIX) {
            golds.push((parent, stem.to_string(), entry.path().to_path_buf()));
        } else if let Some(stem) = entry.path().file_stem() {
            articles
                .entry((parent, stem.to_string_lossy().to_string()))
                .or_default()
                .push(entry.path().to_path_buf());
        }
    }
    let mut samples = Vec::new();
    for (parent, stem, gold_path) in golds {
        let found = articles
            .get(&(parent, stem.clone()))
            .map(Vec::as_slice)
            .unwrap_or_default();
        let path = match found {
            [one] => one.clone(),
            [] => {
                problems.push(Problem {
                    path: gold_path,
                    reason: format!("no article {stem}.EXT beside it"),
                });
                continue;
            }
            several => {
                let names: Vec<String> = several
                    .iter()
                    .map(|p| p.file_name().unwrap_or_default().to_string_lossy().into())
                    .collect();
                problems.push(Problem {
                    path: gold_path,
                    reason: format!("several articles share it: {}", names.join(", ")),
                });
                continue;
            }
        };
        let gold = match std::fs::read(&gold_path) {
            Err(e) => Err(e.to_string()),
            Ok(bytes) => match String::from_utf8(bytes) {
                Err(_) => Err("not UTF-8".to_string()),
                Ok(text) => Gold::parse(&text),
            },
        };
        match gold {
            Ok(gold) => {
                let rel = path.strip_prefix(dir).unwrap_or(&path);
                let id = rel.to_string_lossy().replace('\\', "/");
                samples.push(Sample {
                    id,
                    path,
                    gold_path,
                    gold,
                });
            }
            Err(reason) => problems.push(Problem {
                path: gold_path,
                reason,
            }),
        }
    }
    samples.sort_by(|a, b| a.id.cmp(&b.id));
    problems.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Corpus { samples, problems })
}

/// One scored article.
#[derive(Debug, Clone)]
pub struct ArticleResult {
    pub sample: Sample,
    /// The record, with its clean text.
    pub record: Record,
    pub outcomes: Vec<ListOutcome>,
}

/// A corpus run: per-article outcomes and the summed scores.
#[derive(Debug, Clone)]
pub struct Evaluation {
    pub articles: Vec<ArticleResult>,
    pub scores: Scores,
}

/// Runs the pipeline on every sample (in parallel, HTML decided by the
/// extension) and scores the records. The result does not depend on the
/// number of threads.
pub fn evaluate(pipeline: &Pipeline, samples: &[Sample]) -> Evaluation {
    let opts = ProcessOptions {
        include_text: true,
        ..ProcessOptions::default()
    };
    let normalizer = pipeline.normalizer();
    let articles: Vec<ArticleResult> = samples
        .par_iter()
        .map(|s| {
            let job = Job::File {
                id: s.id.clone(),
                path: s.path.clone(),
            };
            let record = job.run(pipeline, &opts, u64::MAX);
            let outcomes = score::score_article(&record, &s.gold, normalizer);
            ArticleResult {
                sample: s.clone(),
                record,
                outcomes,
            }
        })
        .collect();
    let mut scores = Scores::new();
    for a in &articles {
        scores.add(&a.outcomes);
    }
    Evaluation { articles, scores }
}

/// One miss or false positive, for `--show-errors`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorItem {
    pub list: String,
    /// `missed` (in gold, not found) or `false_positive` (found, not in
    /// gold).
    pub kind: &'static str,
    pub id: String,
    /// The item, described briefly.
    pub item: String,
    /// The text around the item, the item between `[` and `]`; empty when
    /// the item cannot be located in the clean text.
    pub context: String,
}

/// Characters of context on each side of an item.
const CONTEXT: usize = 18;

/// Every miss and false positive, grouped by list (in report order, event
/// types left out since `events` holds them all), then by article.
pub fn errors(eval: &Evaluation, normalizer: &Normalizer) -> Vec<ErrorItem> {
    let mut out = Vec::new();
    for list in score::LISTS {
        for a in &eval.articles {
            let Some(o) = a.outcomes.iter().find(|o| o.list == *list) else {
                continue;
            };
            let clean = a.record.text.as_deref().unwrap_or("");
            let text = Located::new(clean, normalizer);
            for &g in &o.missed {
                let (item, needle) = describe_gold(&a.sample.gold, list, g);
                let context = needle
                    .and_then(|n| text.find(&n))
                    .map(|(s, e)| text.window(s, e))
                    .unwrap_or_default();
                out.push(ErrorItem {
                    list: list.to_string(),
                    kind: "missed",
                    id: a.sample.id.clone(),
                    item,
                    context,
                });
            }
            for &p in &o.false_positives {
                let (item, span) = describe_record(&a.record, list, p);
                out.push(ErrorItem {
                    list: list.to_string(),
                    kind: "false_positive",
                    id: a.sample.id.clone(),
                    item,
                    context: span.map(|[s, e]| text.window(s, e)).unwrap_or_default(),
                });
            }
        }
    }
    out
}

fn amount(value: &Decimal, max: Option<&Decimal>) -> String {
    match max {
        Some(m) => format!("{value}-{m}"),
        None => value.to_string(),
    }
}

fn describe_gold(gold: &Gold, list: &str, i: usize) -> (String, Option<String>) {
    match list {
        "money" => {
            let m = &gold.money[i];
            (
                money_item(&m.text, &m.value, m.max.as_ref(), &m.currency),
                Some(m.text.clone()),
            )
        }
        "valuations" => {
            let v = &gold.valuations[i];
            (
                valuation_item(v.company.as_deref(), &v.value, &v.currency),
                v.text.clone().or(v.company.clone()),
            )
        }
        "percentages" => {
            let p = &gold.percentages[i];
            (percent_item(&p.text, &p.value), Some(p.text.clone()))
        }
        "persons" => {
            let p = &gold.persons[i];
            (
                name_item(&p.name, p.canonical.as_deref()),
                Some(p.name.clone()),
            )
        }
        "organizations" => {
            let o = &gold.organizations[i];
            (
                name_item(&o.name, o.canonical.as_deref()),
                Some(o.name.clone()),
            )
        }
        _ => {
            let e = &gold.events[i];
            let subject = e.subject();
            let status = e
                .status
                .and_then(|s| serde_json::to_value(s).ok())
                .and_then(|v| v.as_str().map(String::from));
            let mut item = format!("{} subject={}", e.kind, subject.unwrap_or("-"));
            if let Some(s) = status {
                let _ = write!(item, " status={s}");
            }
            let needle = e
                .trigger
                .as_ref()
                .map(|t| t.text.clone())
                .or(subject.map(String::from));
            (item, needle)
        }
    }
}

// One line per item, the same for gold and predicted items so that a miss
// and its near-miss false positive read alike.

fn money_item(text: &str, value: &Decimal, max: Option<&Decimal>, currency: &str) -> String {
    format!("{text} = {} {currency}", amount(value, max))
}

fn valuation_item(company: Option<&str>, value: &Decimal, currency: &str) -> String {
    format!("{} {value} {currency}", company.unwrap_or("?"))
}

fn percent_item(text: &str, value: &Decimal) -> String {
    format!("{text} = {value}")
}

fn name_item(name: &str, canonical: Option<&str>) -> String {
    match canonical {
        Some(c) => format!("{name} ({c})"),
        None => name.to_string(),
    }
}

fn describe_record(r: &Record, list: &str, i: usize) -> (String, Option<[usize; 2]>) {
    match list {
        "money" => {
            let m = &r.money[i];
            (
                money_item(&m.text, &m.value, m.max.as_ref(), &m.currency),
                Some([m.start, m.end]),
            )
        }
        "valuations" => {
            let v = &r.valuations[i];
            (
                valuation_item(v.company.as_deref(), &v.value, &v.currency),
                Some([v.start, v.end]),
            )
        }
        "percentages" => {
            let p = &r.percentages[i];
            (percent_item(&p.text, &p.value), Some([p.start, p.end]))
        }
        "persons" => {
            let p = &r.persons[i];
            (
                name_item(&p.name, p.canonical.as_deref()),
                p.mentions.first().copied(),
            )
        }
        "organizations" => {
            let o = &r.organizations[i];
            (
                name_item(&o.name, o.canonical.as_deref()),
                o.mentions.first().copied(),
            )
        }
        _ => {
            let e = &r.events[i];
            let status = serde_json::to_value(e.status)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default();
            (
                format!(
                    "{} subject={} status={status} trigger={}",
                    e.kind,
                    score::event_subject(e).unwrap_or("-"),
                    e.trigger.text
                ),
                Some([e.trigger.start, e.trigger.end]),
            )
        }
    }
}

/// A clean text with its normalized view, for locating gold items.
struct Located {
    clean: Vec<char>,
    view: Vec<char>,
    normalizer_view: String,
    clean_str: String,
}

impl Located {
    fn new(clean: &str, normalizer: &Normalizer) -> Located {
        let normalizer_view = normalizer.normalize(clean).text;
        Located {
            clean: clean.chars().collect(),
            view: normalizer_view.chars().collect(),
            normalizer_view,
            clean_str: clean.to_string(),
        }
    }

    /// The character span of the first occurrence of `needle`, in the clean
    /// text or, failing that, in the normalized view.
    fn find(&self, needle: &str) -> Option<(usize, usize)> {
        if needle.is_empty() {
            return None;
        }
        let at = |hay: &str, n: &str| {
            hay.find(n).map(|b| {
                let s = hay[..b].chars().count();
                (s, s + n.chars().count())
            })
        };
        at(&self.clean_str, needle).or_else(|| {
            let n: String = needle.chars().map(crate::normalize::half_width).collect();
            at(&self.normalizer_view, &n)
        })
    }

    /// `CONTEXT` characters either side of `[start, end)`, the item
    /// bracketed, line breaks as spaces.
    fn window(&self, start: usize, end: usize) -> String {
        let len = self.clean.len().min(self.view.len());
        let end = end.min(len);
        let start = start.min(end);
        let from = start.saturating_sub(CONTEXT);
        let to = (end + CONTEXT).min(len);
        let flat = |cs: &[char]| -> String {
            cs.iter()
                .map(|&c| if c.is_whitespace() { ' ' } else { c })
                .collect()
        };
        format!(
            "{}{}[{}]{}{}",
            if from > 0 { "…" } else { "" },
            flat(&self.clean[from..start]).trim_start(),
            flat(&self.clean[start..end]),
            flat(&self.clean[end..to]).trim_end(),
            if to < len { "…" } else { "" },
        )
    }
}

/// The stored baseline: the scores of a run, as `--json` prints them.
#[derive(Debug, Serialize)]
pub struct Report<'a> {
    pub articles: usize,
    pub scores: &'a Scores,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<Problem>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<BaselineReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<ErrorItem>>,
}

#[derive(Debug, Serialize)]
pub struct BaselineReport {
    pub file: PathBuf,
    pub tolerance: f64,
    pub fell: Vec<ChangeJson>,
    pub rose: Vec<ChangeJson>,
}

#[derive(Debug, Serialize)]
pub struct ChangeJson {
    pub list: String,
    pub before: f64,
    pub after: f64,
}

impl From<&Change> for ChangeJson {
    fn from(c: &Change) -> Self {
        let round = |x: f64| (x * 1e6).round() / 1e6;
        ChangeJson {
            list: c.list.clone(),
            before: round(c.before),
            after: round(c.after),
        }
    }
}

#[derive(Deserialize)]
struct BaselineFile {
    scores: BTreeMap<String, BaselineEntry>,
}

#[derive(Deserialize)]
struct BaselineEntry {
    f1: f64,
}

/// Reads a baseline file: list name to F1.
pub fn read_baseline(path: &Path) -> Result<BTreeMap<String, f64>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let file: BaselineFile = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    Ok(file.scores.into_iter().map(|(k, v)| (k, v.f1)).collect())
}

/// The baseline file's content for `scores`.
pub fn baseline_json(articles: usize, scores: &Scores) -> String {
    let report = Report {
        articles,
        scores,
        problems: Vec::new(),
        baseline: None,
        errors: None,
    };
    let mut s = serde_json::to_string_pretty(&report).unwrap_or_default();
    s.push('\n');
    s
}

/// The score table: one row per list.
pub fn table(scores: &Scores) -> String {
    let pct = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{:.1}%", v * 100.0));
    let mut out = format!(
        "{:<26} {:>6} {:>6} {:>6} {:>9} {:>7} {:>6}\n",
        "list", "gold", "pred", "match", "precision", "recall", "F1"
    );
    for (list, c) in scores.iter() {
        let label = match list.strip_prefix("events.") {
            Some(t) => format!("  {t}"),
            None => list.to_string(),
        };
        let _ = writeln!(
            out,
            "{:<26} {:>6} {:>6} {:>6} {:>9} {:>7} {:>6.3}",
            label,
            c.gold,
            c.predicted,
            c.matched,
            pct(c.precision()),
            pct(c.recall()),
            c.f1()
        );
    }
    out
}

fn error_listing(errors: &[ErrorItem]) -> String {
    let mut out = String::new();
    for list in score::LISTS {
        let items: Vec<&ErrorItem> = errors.iter().filter(|e| e.list == *list).collect();
        if items.is_empty() {
            continue;
        }
        let missed = items.iter().filter(|e| e.kind == "missed").count();
        let _ = writeln!(
            out,
            "\n== {list}: {missed} missed, {} false positives ==",
            items.len() - missed
        );
        for e in items {
            let tag = if e.kind == "missed" { "MISS" } else { "FP  " };
            let _ = writeln!(out, "{tag} {}  {}", e.id, e.item);
            if !e.context.is_empty() {
                let _ = writeln!(out, "       {}", e.context);
            }
        }
    }
    out
}

fn load_pipeline(rules: Option<&PathBuf>) -> Result<Pipeline, String> {
    let set = match rules {
        Some(dir) => RuleSet::load(dir).map_err(|e| format!("rules: {e}"))?,
        None => RuleSet::builtin(),
    };
    Pipeline::new(&set).map_err(|e| format!("rules: {e}"))
}

/// `zhnews eval`.
pub fn run_cli(args: &EvalArgs) -> ExitCode {
    let fail = |msg: String| {
        eprintln!("zhnews: eval: {msg}");
        ExitCode::from(1)
    };
    if !(args.tolerance >= 0.0 && args.tolerance.is_finite()) {
        eprintln!("zhnews: eval: --tolerance must be a number of at least 0");
        return ExitCode::from(2);
    }
    let corpus = match load_corpus(&args.dir) {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    for p in &corpus.problems {
        eprintln!("zhnews: eval: {}: {}", p.path.display(), p.reason);
    }
    if corpus.samples.is_empty() && corpus.problems.is_empty() {
        return fail(format!(
            "{}: no annotated articles (NAME.EXT with NAME.gold.json beside it)",
            args.dir.display()
        ));
    }
    let pipeline = match load_pipeline(args.rules.as_ref()) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let eval = evaluate(&pipeline, &corpus.samples);
    for a in &eval.articles {
        if let Some(e) = &a.record.error {
            eprintln!(
                "zhnews: eval: {}: not processed ({}: {}); every gold item counts as missed",
                a.sample.id,
                e.kind.as_str(),
                e.message
            );
        }
    }
    let mut failed = !corpus.problems.is_empty();

    // Baseline comparison.
    let mut baseline_report = None;
    let mut baseline_text = String::new();
    if let Some(path) = &args.baseline {
        match read_baseline(path) {
            Ok(base) => {
                let (fell, rose) = score::compare(&eval.scores, &base, args.tolerance);
                for c in &fell {
                    let _ = writeln!(
                        baseline_text,
                        "fell: {}: F1 {:.3} -> {:.3} ({:+.3})",
                        c.list,
                        c.before,
                        c.after,
                        c.after - c.before
                    );
                }
                for c in &rose {
                    let _ = writeln!(
                        baseline_text,
                        "rose: {}: F1 {:.3} -> {:.3} ({:+.3})",
                        c.list,
                        c.before,
                        c.after,
                        c.after - c.before
                    );
                }
                if !fell.is_empty() && args.update_baseline.is_none() {
                    let names: Vec<&str> = fell.iter().map(|c| c.list.as_str()).collect();
                    eprintln!(
                        "zhnews: eval: F1 fell by more than {} against {}: {}",
                        args.tolerance,
                        path.display(),
                        names.join(", ")
                    );
                    failed = true;
                }
                baseline_report = Some(BaselineReport {
                    file: path.clone(),
                    tolerance: args.tolerance,
                    fell: fell.iter().map(ChangeJson::from).collect(),
                    rose: rose.iter().map(ChangeJson::from).collect(),
                });
            }
            Err(e) if args.update_baseline.is_some() => {
                eprintln!(
                    "zhnews: eval: baseline {} not compared: {e}",
                    path.display()
                );
            }
            Err(e) => {
                failed = true;
                eprintln!(
                    "zhnews: eval: cannot read baseline {}: {e} (write one with --update-baseline)",
                    path.display()
                );
            }
        }
    }

    let errors = args
        .show_errors
        .then(|| errors(&eval, pipeline.normalizer()));
    let n = eval.articles.len();
    let output = if args.json {
        let report = Report {
            articles: n,
            scores: &eval.scores,
            problems: corpus.problems.clone(),
            baseline: baseline_report,
            errors,
        };
        let mut s = serde_json::to_string_pretty(&report).unwrap_or_default();
        s.push('\n');
        s
    } else {
        let mut s = format!(
            "zhnews eval: {n} annotated articles under {}\n\n",
            args.dir.display()
        );
        s.push_str(&table(&eval.scores));
        if !baseline_text.is_empty() {
            s.push('\n');
            s.push_str(&baseline_text);
        }
        if let Some(errors) = &errors {
            s.push_str(&error_listing(errors));
        }
        s
    };
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout
        .write_all(output.as_bytes())
        .and_then(|_| stdout.flush())
    {
        return fail(format!("cannot write stdout: {e}"));
    }

    if let Some(target) = &args.update_baseline {
        let target = if let Some(t) = target {
            t.clone()
        } else if let Some(b) = &args.baseline {
            b.clone()
        } else {
            args.dir.join("baseline.json")
        };
        if !corpus.problems.is_empty() {
            eprintln!(
                "zhnews: eval: baseline {} not written: fix the gold files above first",
                target.display()
            );
        } else if let Err(e) = std::fs::write(&target, baseline_json(n, &eval.scores)) {
            return fail(format!("cannot write baseline {}: {e}", target.display()));
        } else {
            eprintln!("zhnews: eval: baseline written to {}", target.display());
        }
    }
    if !corpus.problems.is_empty() {
        eprintln!(
            "zhnews: eval: {} gold file(s) cannot be used (see above)",
            corpus.problems.len()
        );
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_brackets_the_item_and_flattens_lines() {
        let n = Normalizer::new();
        let l = Located::new("甲公司今日宣布\n完成5亿元B轮融资，由乙资本领投。", &n);
        let (s, e) = l.find("5亿元").unwrap();
        assert_eq!((s, e), (10, 13));
        assert_eq!(
            l.window(s, e),
            "甲公司今日宣布 完成[5亿元]B轮融资，由乙资本领投。"
        );
        // Found through the half-width view.
        assert_eq!(l.find("５亿元"), Some((10, 13)));
        assert_eq!(l.find("7亿元"), None);
        let long = "一".repeat(40) + "收购" + &"二".repeat(40);
        let l = Located::new(&long, &n);
        let w = l.window(40, 42);
        assert_eq!(w, format!("…{}[收购]{}…", "一".repeat(18), "二".repeat(18)));
    }
}
