//! The batch runner through the `zhnews` binary: folders, odd files, stdin
//! streaming, output files and exit codes.

use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn zhnews(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhnews"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run zhnews")
}

fn zhnews_stdin(args: &[&str], dir: &Path, input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhnews"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run zhnews");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    out
}

fn records(out: &[u8]) -> Vec<Value> {
    String::from_utf8(out.to_vec())
        .expect("UTF-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn ids(recs: &[Value]) -> Vec<&str> {
    recs.iter().map(|r| r["id"].as_str().unwrap()).collect()
}

fn error_kind(r: &Value) -> Option<&str> {
    r["error"]["kind"].as_str()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn write(dir: &Path, rel: &str, bytes: &[u8]) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

const UTF8_ARTICLE: &str =
    "星河科技完成新一轮融资\n\n本报讯 星河科技今日宣布完成新一轮融资，由远山资本领投。\n";
const GBK_ARTICLE: &str =
    "云帆物流发布季度报告\n\n云帆物流表示，本季度订单量继续增长，仓储网络覆盖更多城市。\n";

/// A folder with every kind of input the walker meets.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("root");
    write(&root, "a-utf8.txt", UTF8_ARTICLE.as_bytes());
    let (gbk, _, bad) = encoding_rs::GBK.encode(GBK_ARTICLE);
    assert!(!bad);
    write(&root, "b-gbk.txt", &gbk);
    write(&root, "c-empty.txt", b"");
    write(
        &root,
        "d-binary.bin",
        b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0",
    );
    write(&root, "e-large.txt", "长".repeat(1000).as_bytes()); // 3000 bytes
    write(&root, "nested/deeper/f.txt", UTF8_ARTICLE.as_bytes());
    write(&root, "nested/g.txt", UTF8_ARTICLE.as_bytes());
    write(&root, ".hidden.txt", UTF8_ARTICLE.as_bytes());
    write(&root, ".cache/h.txt", UTF8_ARTICLE.as_bytes());
    std::os::unix::fs::symlink("..", root.join("nested/loop")).unwrap();
    std::os::unix::fs::symlink("nowhere.txt", dir.path().join("dangling.txt")).unwrap();
    dir
}

const TREE_IDS: [&str; 7] = [
    "a-utf8.txt",
    "b-gbk.txt",
    "c-empty.txt",
    "d-binary.bin",
    "e-large.txt",
    "nested/deeper/f.txt",
    "nested/g.txt",
];

#[test]
fn one_record_per_input_with_the_right_error_kind() {
    let dir = tree();
    let o = zhnews(
        &[
            "extract",
            "root",
            "missing.txt",
            "dangling.txt",
            "--max-bytes",
            "2000",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let recs = records(&o.stdout);
    let mut want = TREE_IDS.to_vec();
    want.extend(["missing.txt", "dangling.txt"]);
    assert_eq!(ids(&recs), want);
    let kinds: Vec<Option<&str>> = recs.iter().map(error_kind).collect();
    assert_eq!(
        kinds,
        [
            None,
            None,
            Some("empty"),
            Some("not_text"),
            Some("too_large"),
            None,
            None,
            Some("unreadable"),
            Some("unreadable"),
        ]
    );
    assert_eq!(recs[0]["source"]["encoding"], "UTF-8");
    assert_eq!(recs[1]["source"]["encoding"], "GBK");
    assert_eq!(recs[1]["source"]["bytes"], 81);
    assert_eq!(recs[4]["source"]["bytes"], 3000);
    assert!(
        recs[4]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("2000")
    );
    assert!(
        recs[7]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("no such file")
    );
    assert!(
        recs[8]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("dangling symbolic link")
    );
    for r in &recs {
        assert_eq!(r["schema_version"], 1);
        assert!(r.get("text").is_none(), "no text without --text");
        if r["error"].is_null() {
            assert!(r["script"].is_string());
        } else {
            for list in ["money", "persons", "organizations", "events"] {
                assert_eq!(r[list], Value::Array(vec![]), "{list} on an error record");
            }
        }
    }
    // The summary goes to stderr only.
    let err = stderr(&o);
    assert!(
        err.starts_with(
            "zhnews: 9 articles, 5 errors (unreadable 2, not_text 1, empty 1, too_large 1);"
        ),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn absolute_roots_give_relative_ids_and_runs_repeat_exactly() {
    let dir = tree();
    let root = dir.path().join("root");
    let a = zhnews(&["extract", root.to_str().unwrap(), "-q"], dir.path());
    assert!(a.status.success());
    let recs = records(&a.stdout);
    assert_eq!(ids(&recs), TREE_IDS);
    // No --max-bytes: the large file is processed.
    assert_eq!(error_kind(&recs[4]), None);
    let b = zhnews(
        &["extract", root.to_str().unwrap(), "-q", "-j", "1"],
        dir.path(),
    );
    assert_eq!(a.stdout, b.stdout);
    assert!(b.stderr.is_empty(), "-q prints nothing: {}", stderr(&b));
}

#[test]
fn output_file_and_quiet() {
    let dir = tree();
    let o = zhnews(&["extract", "root", "-o", "out.jsonl"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    assert!(
        stderr(&o).starts_with("zhnews: 7 articles, "),
        "{}",
        stderr(&o)
    );
    let recs = records(&std::fs::read(dir.path().join("out.jsonl")).unwrap());
    assert_eq!(ids(&recs), TREE_IDS);

    let o = zhnews(
        &["extract", "root", "--output", "q.jsonl", "-q"],
        dir.path(),
    );
    assert!(o.status.success());
    assert!(o.stdout.is_empty() && o.stderr.is_empty(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(dir.path().join("q.jsonl")).unwrap(),
        std::fs::read(dir.path().join("out.jsonl")).unwrap()
    );
}

#[test]
fn glob_filters_walked_files() {
    let dir = tree();
    let o = zhnews(&["extract", "root", "--glob", "*.txt", "-q"], dir.path());
    assert!(o.status.success());
    let recs = records(&o.stdout);
    let want: Vec<&str> = TREE_IDS
        .iter()
        .copied()
        .filter(|id| id.ends_with(".txt"))
        .collect();
    assert_eq!(ids(&recs), want);
    let o = zhnews(
        &[
            "extract",
            "root",
            "--glob",
            "nested/**",
            "--glob",
            "b-*",
            "-q",
        ],
        dir.path(),
    );
    assert_eq!(
        ids(&records(&o.stdout)),
        ["b-gbk.txt", "nested/deeper/f.txt", "nested/g.txt"]
    );
    let o = zhnews(&["extract", "root", "--glob", "a[", "-q"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("invalid --glob"), "{}", stderr(&o));
}

#[test]
fn text_flag_adds_the_clean_text() {
    let dir = tree();
    let o = zhnews(&["extract", "root", "--text", "-q"], dir.path());
    assert!(o.status.success());
    let recs = records(&o.stdout);
    assert_eq!(
        recs[0]["text"].as_str().unwrap().trim_end(),
        UTF8_ARTICLE.trim_end()
    );
    assert_eq!(
        recs[1]["text"].as_str().unwrap().trim_end(),
        GBK_ARTICLE.trim_end()
    );
    // Error records carry no text.
    assert!(recs[2].get("text").is_none() || recs[2]["text"].is_null());
}

#[test]
fn stdin_lines_give_records_in_input_order() {
    let dir = tempfile::tempdir().unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode(GBK_ARTICLE);
    let b64 = {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(&gbk)
    };
    let input = format!(
        "{}\n{}\nthis is not json\n\n{}\n{}\n{}\n",
        serde_json::json!({"id": "t1", "text": UTF8_ARTICLE}),
        serde_json::json!({"id": "b1", "bytes_base64": b64}),
        serde_json::json!({"id": "bad64", "bytes_base64": "@@@"}),
        serde_json::json!({"text": "无编号的一篇短讯。"}),
        serde_json::json!({"id": "nothing"}),
    );
    let o = zhnews_stdin(
        &["extract", "-", "--text", "-q"],
        dir.path(),
        input.as_bytes(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let recs = records(&o.stdout);
    assert_eq!(
        ids(&recs),
        ["t1", "b1", "line:3", "bad64", "line:6", "nothing"]
    );
    assert_eq!(
        recs[0]["text"].as_str().unwrap().trim_end(),
        UTF8_ARTICLE.trim_end()
    );
    assert_eq!(recs[1]["source"]["encoding"], "GBK");
    assert_eq!(
        recs[1]["text"].as_str().unwrap().trim_end(),
        GBK_ARTICLE.trim_end()
    );
    assert_eq!(error_kind(&recs[2]), Some("unreadable"));
    let msg = recs[2]["error"]["message"].as_str().unwrap();
    assert!(msg.starts_with("stdin line 3: "), "{msg}");
    assert!(
        recs[3]["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("stdin line 5: bytes_base64 is not valid base64")
    );
    assert_eq!(error_kind(&recs[4]), None);
    assert!(
        recs[5]["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("stdin line 7: missing")
    );
}

#[test]
fn stdin_order_holds_across_threads() {
    let dir = tempfile::tempdir().unwrap();
    let mut input = String::new();
    let mut want = Vec::new();
    for i in 0..300 {
        if i % 37 == 5 {
            input.push_str("{broken\n");
            want.push(format!("line:{}", i + 1));
            continue;
        }
        // Lengths vary so articles finish out of order.
        let body = "本市今日召开产业发展座谈会，多家企业代表参会。".repeat(1 + (i * 7) % 23);
        input.push_str(&serde_json::json!({"id": format!("doc-{i:03}"), "text": body}).to_string());
        input.push('\n');
        want.push(format!("doc-{i:03}"));
    }
    for threads in ["2", "1"] {
        let o = zhnews_stdin(
            &["extract", "-", "-j", threads, "-q"],
            dir.path(),
            input.as_bytes(),
        );
        assert!(o.status.success(), "{}", stderr(&o));
        let recs = records(&o.stdout);
        assert_eq!(ids(&recs), want, "-j {threads}");
        assert_eq!(recs.iter().filter(|r| error_kind(r).is_some()).count(), 8);
    }
}

#[test]
fn one_thread_over_more_files_than_the_window() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..150 {
        write(
            dir.path(),
            &format!("many/{i:03}.txt"),
            format!("第{i}篇简讯。").as_bytes(),
        );
    }
    let o = zhnews(&["extract", "many", "-j", "1", "-q"], dir.path());
    assert!(o.status.success());
    let recs = records(&o.stdout);
    assert_eq!(recs.len(), 150);
    assert_eq!(recs[149]["id"], "149.txt");
}

fn assert_usage_error(args: &[&str], needle: &str) {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "root/a.txt", UTF8_ARTICLE.as_bytes());
    let o = zhnews(args, dir.path());
    assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    assert!(o.stdout.is_empty());
    assert!(stderr(&o).contains(needle), "{args:?}: {}", stderr(&o));
}

#[test]
fn usage_errors_exit_2() {
    assert_usage_error(&["extract", "root", "--no-such-flag"], "--no-such-flag");
    assert_usage_error(
        &["extract", "root", "--encoding", "klingon"],
        "unknown encoding label",
    );
    assert_usage_error(&["extract", "root", "--date", "2024-02-30"], "invalid date");
    assert_usage_error(&["extract", "root", "--date", "yesterday"], "--date");
    assert_usage_error(&["extract"], "PATH");
    assert_usage_error(&["extract", "-", "root"], "cannot be combined");
    assert_usage_error(&["frobnicate"], "frobnicate");
}

/// Exit 1 with exactly one line on stderr that contains every needle.
fn assert_fails_with(dir: &Path, args: &[&str], needles: &[&str]) {
    let o = zhnews(args, dir);
    assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    assert!(err.starts_with("zhnews: "), "{err}");
    for n in needles {
        assert!(err.contains(n), "{args:?}: {err} lacks {n}");
    }
    assert!(o.stdout.is_empty());
}

#[test]
fn rules_and_output_failures_exit_1_with_the_cause() {
    let dir = tree();
    assert_fails_with(
        dir.path(),
        &["extract", "root", "--rules", "no-rules-here"],
        &["no-rules-here", "does not exist"],
    );
    write(
        dir.path(),
        "bad-rules/dict/x.txt",
        "星河科技 notanumber\n".as_bytes(),
    );
    assert_fails_with(
        dir.path(),
        &["extract", "root", "--rules", "bad-rules"],
        &["bad-rules/dict/x.txt:1:", "notanumber"],
    );
    assert_fails_with(
        dir.path(),
        &["extract", "root", "-o", "/nonexistent-dir/out.jsonl"],
        &["cannot write /nonexistent-dir/out.jsonl"],
    );
    // A good overlay loads.
    write(
        dir.path(),
        "good-rules/dict/x.txt",
        "星河科技 100 nt\n".as_bytes(),
    );
    let o = zhnews(
        &["extract", "root", "--rules", "good-rules", "-q"],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(records(&o.stdout).len(), 7);
}

#[test]
fn clean_prints_text_and_reports() {
    let dir = tree();
    let o = zhnews(&["clean", "root/b-gbk.txt"], dir.path());
    assert!(o.status.success());
    assert_eq!(
        String::from_utf8(o.stdout).unwrap().trim_end(),
        GBK_ARTICLE.trim_end()
    );
    let o = zhnews(&["clean", "--report", "root/b-gbk.txt"], dir.path());
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.starts_with("root/b-gbk.txt\tencoding=GBK\tdetected_by=detector\t"),
        "{out}"
    );
    let o = zhnews(
        &["clean", "root/c-empty.txt", "root/a-utf8.txt"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("root/c-empty.txt: "), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.starts_with("==> root/a-utf8.txt <==\n"), "{out}");
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let line =
        serde_json::json!({"id": "x", "text": "港口吞吐量保持平稳增长。".repeat(40)}).to_string();
    let input = format!("{line}\n").repeat(3000);
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhnews"))
        .args(["extract", "-", "--text"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("{\"id\":\"x\""), "{first}");
    // stdout is closed here, long before 3000 records are written.
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("cannot write"), "{}", stderr(&out));
}

/// The example records in docs/schema.md are valid records whose offsets
/// point at their texts.
#[test]
fn schema_examples_are_valid_records() {
    use zhnews::record::Record;
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/schema.md")).unwrap();
    let blocks: Vec<&str> = doc
        .split("```json\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap())
        .collect();
    assert_eq!(blocks.len(), 2);
    let full: Record = serde_json::from_str(blocks[0]).unwrap();
    let error: Record = serde_json::from_str(blocks[1]).unwrap();
    assert_eq!(error.error.unwrap().kind.as_str(), "not_text");
    let text: Vec<char> = full.text.as_deref().unwrap().chars().collect();
    let at = |s: usize, e: usize| text[s..e].iter().collect::<String>();
    assert_eq!(
        full.source.bytes as usize,
        full.text.as_ref().unwrap().len()
    );
    for m in &full.money {
        assert_eq!(at(m.start, m.end), m.text);
    }
    for v in &full.valuations {
        assert_eq!(at(v.start, v.end), v.text);
        assert_eq!(full.money[v.money_index].text, v.text);
    }
    for p in &full.percentages {
        assert_eq!(at(p.start, p.end), p.text);
    }
    for d in &full.dates {
        assert_eq!(at(d.start, d.end), d.text);
    }
    for p in &full.persons {
        assert!(p.mentions.iter().all(|&[s, e]| at(s, e) == p.name));
    }
    for o in &full.organizations {
        assert!(o.mentions.iter().all(|&[s, e]| at(s, e) == o.name));
    }
    for e in &full.events {
        assert_eq!(at(e.trigger.start, e.trigger.end), e.trigger.text);
        assert!(e.sentence[0] <= e.trigger.start && e.trigger.end <= e.sentence[1]);
    }
    // Serializing gives the same JSON back.
    let again: serde_json::Value = serde_json::to_value(&full).unwrap();
    let orig: serde_json::Value = serde_json::from_str(blocks[0]).unwrap();
    assert_eq!(again, orig);
}

#[test]
fn output_inside_the_folder_being_read_is_not_an_input() {
    let dir = tree();
    for _ in 0..2 {
        let o = zhnews(
            &["extract", "root", "-o", "root/records.jsonl", "-q"],
            dir.path(),
        );
        assert!(o.status.success(), "{}", stderr(&o));
        let recs = records(&std::fs::read(dir.path().join("root/records.jsonl")).unwrap());
        assert_eq!(ids(&recs), TREE_IDS);
    }
}
