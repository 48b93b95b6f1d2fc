//! `zhnews eval` end to end, on small corpora built in temporary folders.
//!
//! The articles here carry no figures or names, so what the extractors find
//! in them does not move the counts: gold items describe things the text
//! does not contain, and every one of them is a miss.

use std::path::Path;
use std::process::{Command, Output};

fn zhnews(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhnews"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run zhnews")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn write(dir: &Path, rel: &str, content: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, content).unwrap();
}

const QUIET_ARTICLE: &str = "今天天气晴朗\n\n清晨的街道上行人不多，公园里有老人在散步。\n";

/// Two annotated articles (one nested), one without gold, one hidden.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    write(&root, "001-weather.txt", QUIET_ARTICLE);
    write(
        &root,
        "001-weather.gold.json",
        r#"{
          "money": [{"text": "5亿元", "value": 500000000, "max": null, "currency": "CNY"},
                    {"text": "1亿至2亿美元", "value": 100000000, "max": 200000000, "currency": "USD"}],
          "percentages": [{"text": "三成", "value": 30}],
          "persons": [{"name": "张伟"}],
          "events": [{"type": "funding", "status": "asserted", "args": {"company": "星河科技"}}]
        }"#,
    );
    write(&root, "sub/002-park.txt", QUIET_ARTICLE);
    write(
        &root,
        "sub/002-park.gold.json",
        r#"{"organizations": [{"name": "远山资本"}],
            "events": [{"type": "layoff", "status": "asserted", "args": {"company": "乙公司"}},
                       {"type": "funding", "status": "forecast", "args": {"company": "丙公司"}}]}"#,
    );
    // Not annotated: not scored.
    write(&root, "003-unannotated.txt", QUIET_ARTICLE);
    // Hidden: skipped, even though its gold file is broken.
    write(&root, ".draft/004.txt", QUIET_ARTICLE);
    write(&root, ".draft/004.gold.json", "{ not json");
    dir
}

fn row<'a>(table: &'a str, label: &str) -> Vec<&'a str> {
    table
        .lines()
        .find(|l| l.split_whitespace().next() == Some(label))
        .unwrap_or_else(|| panic!("no row {label} in\n{table}"))
        .split_whitespace()
        .collect()
}

#[test]
fn prints_the_table_with_counts_per_list_and_per_event_type() {
    let dir = corpus();
    let o = zhnews(&["eval", "corpus"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("zhnews eval: 2 annotated articles under corpus\n"),
        "{out}"
    );
    assert_eq!(
        row(&out, "list"),
        ["list", "gold", "pred", "match", "precision", "recall", "F1"]
    );
    assert_eq!(row(&out, "money")[..4], ["money", "2", "0", "0"]);
    assert_eq!(row(&out, "money")[5..], ["0.0%", "0.000"]);
    assert_eq!(row(&out, "percentages")[1], "1");
    assert_eq!(row(&out, "persons")[1], "1");
    assert_eq!(row(&out, "organizations")[1], "1");
    assert_eq!(row(&out, "valuations")[1..4], ["0", "0", "0"]);
    assert_eq!(row(&out, "events")[1], "3");
    assert_eq!(row(&out, "funding")[1], "2");
    assert_eq!(row(&out, "layoff")[1], "1");
    // Event types are indented under `events`, in name order.
    let lines: Vec<&str> = out.lines().collect();
    let ev = lines.iter().position(|l| l.starts_with("events ")).unwrap();
    assert!(lines[ev + 1].starts_with("  funding "), "{out}");
    assert!(lines[ev + 2].starts_with("  layoff "), "{out}");
}

#[test]
fn json_scores_and_deterministic_output() {
    let dir = corpus();
    let a = zhnews(&["eval", "corpus", "--json"], dir.path());
    assert!(a.status.success(), "{}", stderr(&a));
    let v: serde_json::Value = serde_json::from_slice(&a.stdout).unwrap();
    assert_eq!(v["articles"], 2);
    let money = &v["scores"]["money"];
    assert_eq!(money["gold"], 2);
    assert_eq!(money["recall"], 0.0);
    assert_eq!(v["scores"]["valuations"]["f1"], 1.0);
    assert!(v["scores"]["valuations"]["precision"].is_null());
    assert_eq!(v["scores"]["events.funding"]["gold"], 2);
    assert!(v.get("errors").is_none());
    let b = zhnews(&["eval", "corpus", "--json"], dir.path());
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn show_errors_lists_misses_with_id_and_context() {
    let dir = corpus();
    let root = dir.path().join("corpus");
    // A gold amount whose text is in the article: the miss shows where.
    write(
        &root,
        "005-bond.txt",
        "城投公司发行债券\n\n本期债券规模为12亿元，期限五年。\n",
    );
    write(
        &root,
        "005-bond.gold.json",
        r#"{"money": [{"text": "12亿元", "value": 7, "currency": "CNY"}]}"#,
    );
    let o = zhnews(&["eval", "corpus", "--show-errors"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("\n== money: 3 missed, "), "{out}");
    assert!(
        out.contains("MISS 001-weather.txt  5亿元 = 500000000 CNY\n"),
        "{out}"
    );
    assert!(
        out.contains("MISS 001-weather.txt  1亿至2亿美元 = 100000000-200000000 USD\n"),
        "{out}"
    );
    assert!(
        out.contains("MISS 005-bond.txt  12亿元 = 7 CNY\n       城投公司发行债券  本期债券规模为[12亿元]，期限五年。\n"),
        "{out}"
    );
    assert!(out.contains("MISS sub/002-park.txt  远山资本\n"), "{out}");
    assert!(
        out.contains("MISS sub/002-park.txt  funding subject=丙公司 status=forecast\n"),
        "{out}"
    );
    // Groups come in list order.
    let m = out.find("== money").unwrap();
    let p = out.find("== persons").unwrap();
    let e = out.find("== events").unwrap();
    assert!(m < p && p < e, "{out}");

    let j = zhnews(&["eval", "corpus", "--show-errors", "--json"], dir.path());
    let v: serde_json::Value = serde_json::from_slice(&j.stdout).unwrap();
    let errors = v["errors"].as_array().unwrap();
    let bond = errors
        .iter()
        .find(|e| e["id"] == "005-bond.txt" && e["kind"] == "missed")
        .unwrap();
    assert_eq!(bond["list"], "money");
    assert_eq!(
        bond["context"],
        "城投公司发行债券  本期债券规模为[12亿元]，期限五年。"
    );
}

#[test]
fn bad_gold_files_fail_the_run_with_path_and_reason() {
    let dir = corpus();
    let root = dir.path().join("corpus");
    write(&root, "010-a.txt", QUIET_ARTICLE);
    write(
        &root,
        "010-a.gold.json",
        r#"{"money": [{"text": "5元", "value": 5, "currency": "CNY",}]}"#,
    );
    write(&root, "011-b.txt", QUIET_ARTICLE);
    write(
        &root,
        "011-b.gold.json",
        r#"{"percentages": [{"text": "5%", "value": 5, "unit": "%"}]}"#,
    );
    write(&root, "012-c.txt", QUIET_ARTICLE);
    write(
        &root,
        "012-c.gold.json",
        r#"{"events": [{"type": "merger", "args": {}}]}"#,
    );
    write(&root, "013-orphan.gold.json", "{}");
    let o = zhnews(&["eval", "corpus"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("zhnews: eval: corpus/010-a.gold.json: trailing comma"),
        "{err}"
    );
    assert!(
        err.contains("zhnews: eval: corpus/011-b.gold.json: unknown field `unit`"),
        "{err}"
    );
    assert!(
        err.contains(
            "zhnews: eval: corpus/012-c.gold.json: events[0]: unknown event type \"merger\""
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "zhnews: eval: corpus/013-orphan.gold.json: no article 013-orphan.EXT beside it"
        ),
        "{err}"
    );
    assert!(err.contains("4 gold file(s) cannot be used"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    // The valid samples are still scored.
    assert!(
        stdout(&o).contains("2 annotated articles"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn baseline_round_trip_and_regression() {
    let dir = corpus();
    let o = zhnews(&["eval", "corpus", "--update-baseline"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let path = dir.path().join("corpus/baseline.json");
    let stored: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(stored["articles"], 2);
    assert_eq!(stored["scores"]["money"]["f1"], 0.0);
    assert_eq!(stored["scores"]["percentages"]["gold"], 1);
    // baseline.json is not taken for an article.
    let o = zhnews(
        &["eval", "corpus", "--baseline", "corpus/baseline.json"],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("2 annotated articles"));

    // A baseline with better scores: the lists that fell are named.
    let better = r#"{"scores": {"money": {"f1": 0.5}, "valuations": {"f1": 1.0},
                     "persons": {"f1": 0.004}, "events.funding": {"f1": 0.25}}}"#;
    write(dir.path(), "better.json", better);
    let o = zhnews(&["eval", "corpus", "--baseline", "better.json"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("F1 fell by more than 0.005 against better.json: money, events.funding"),
        "{err}"
    );
    assert!(stdout(&o).contains("fell: money: F1 0.500 -> 0.000 (-0.500)"));
    // A wider tolerance accepts the falls.
    let o = zhnews(
        &[
            "eval",
            "corpus",
            "--baseline",
            "better.json",
            "--tolerance",
            "0.6",
        ],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));

    // Updating with --baseline: reported, rewritten, success.
    let o = zhnews(
        &[
            "eval",
            "corpus",
            "--baseline",
            "better.json",
            "--update-baseline",
        ],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("better.json")).unwrap())
            .unwrap();
    assert_eq!(v["scores"]["money"]["f1"], 0.0);
    // An explicit file.
    let o = zhnews(
        &["eval", "corpus", "--update-baseline=other.json"],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(dir.path().join("other.json").is_file());
}

#[test]
fn baseline_problems_are_reported() {
    let dir = corpus();
    let o = zhnews(
        &["eval", "corpus", "--baseline", "missing.json"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("cannot read baseline missing.json"),
        "{}",
        stderr(&o)
    );
    write(dir.path(), "broken.json", "{\"scores\": 3}");
    let o = zhnews(&["eval", "corpus", "--baseline", "broken.json"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("cannot read baseline broken.json"),
        "{}",
        stderr(&o)
    );
    let o = zhnews(
        &["eval", "corpus", "--update-baseline=nodir/x.json"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("cannot write baseline nodir/x.json"),
        "{}",
        stderr(&o)
    );
    // Invalid gold: the baseline is not rewritten.
    write(&dir.path().join("corpus"), "020.txt", QUIET_ARTICLE);
    write(&dir.path().join("corpus"), "020.gold.json", "[]");
    let o = zhnews(&["eval", "corpus", "--update-baseline"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(!dir.path().join("corpus/baseline.json").exists());
}

#[test]
fn unprocessable_articles_and_empty_or_missing_folders() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "c/empty.txt", "");
    write(
        dir.path(),
        "c/empty.gold.json",
        r#"{"persons": [{"name": "王芳"}, {"name": "李娜"}]}"#,
    );
    let o = zhnews(&["eval", "c", "--json"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("empty.txt: not processed (empty:"),
        "{}",
        stderr(&o)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["scores"]["persons"]["gold"], 2);
    assert_eq!(v["scores"]["persons"]["recall"], 0.0);

    std::fs::create_dir(dir.path().join("nothing")).unwrap();
    let o = zhnews(&["eval", "nothing"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("nothing: no annotated articles"),
        "{}",
        stderr(&o)
    );
    let o = zhnews(&["eval", "absent"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), "zhnews: eval: absent: not a directory\n");
    let o = zhnews(&["eval", "c", "--tolerance", "-1"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    let o = zhnews(&["eval", "c", "--update-baseline", "x.json"], dir.path());
    assert_eq!(o.status.code(), Some(2), "a second DIR is a usage error");
}

#[test]
fn library_scores_a_corpus_without_the_binary() {
    use zhnews::eval::{evaluate, load_corpus};
    let dir = corpus();
    let corpus = load_corpus(&dir.path().join("corpus")).unwrap();
    let ids: Vec<&str> = corpus.samples.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["001-weather.txt", "sub/002-park.txt"]);
    assert!(corpus.problems.is_empty());
    let eval = evaluate(&zhnews::Pipeline::builtin(), &corpus.samples);
    let c = eval.scores.get("events").unwrap();
    assert_eq!((c.gold, c.matched), (3, 0));
    assert_eq!(c.recall(), Some(0.0));
    assert!(eval.articles.iter().all(|a| a.record.text.is_some()));
}

/// The bundled corpus: every gold file is valid and no list's F1 falls below
/// the stored baseline. This is the regression gate of CI.
#[test]
fn bundled_corpus_holds_its_baseline() {
    // The bundled corpus and its stored scores are part of the repository:
    // any list whose F1 falls by more than the tolerance fails the suite.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert!(
        root.join("corpus/baseline.json").is_file(),
        "corpus/baseline.json is missing"
    );
    let args = vec!["eval", "corpus", "--baseline", "corpus/baseline.json"];
    let o = zhnews(&args, root);
    assert!(
        o.status.success(),
        "zhnews {}:\n{}{}",
        args.join(" "),
        stdout(&o),
        stderr(&o)
    );
}
