//! Many articles in parallel, one record each, in a deterministic order.
//!
//! Inputs are files (folders walked recursively, sorted by id) or a stream
//! of JSON lines. Jobs run on a rayon pool; a worker takes the jobs that
//! are waiting (up to a few dozen) and runs them stage by stage
//! ([`Pipeline::process_many`]). A bounded reorder window keeps the output
//! in input order while holding at most `window` jobs and records in
//! memory, so a run over a million files stays flat.

use crate::output::write_jsonl;
use crate::record::{ErrorKind, Record};
use crate::{Input, Pipeline, ProcessOptions};
use base64::Engine;
use globset::GlobSet;
use std::collections::{BTreeMap, HashSet, VecDeque};
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, mpsc};
use std::time::{Duration, Instant};

/// One unit of work: becomes exactly one record.
#[derive(Debug, Clone)]
pub enum Job {
    /// A file to read; `id` is its path relative to the root given.
    File { id: String, path: PathBuf },
    /// Bytes already in memory (streamed input).
    Bytes { id: String, bytes: Vec<u8> },
    /// An input that failed before processing (missing path, bad line).
    Failed {
        id: String,
        kind: ErrorKind,
        message: String,
    },
}

impl Job {
    pub fn id(&self) -> &str {
        match self {
            Job::File { id, .. } | Job::Bytes { id, .. } | Job::Failed { id, .. } => id,
        }
    }

    /// Runs the job; never panics.
    pub fn run(self, pipeline: &Pipeline, opts: &ProcessOptions, max_bytes: u64) -> Record {
        match self.prepare(opts, max_bytes) {
            Ready::Done(rec) => *rec,
            Ready::Bytes { id, bytes, opts } => pipeline.process(&id, &bytes, &opts),
        }
    }

    /// Reads the job's bytes, or decides its record when it has none to
    /// give (a failed input, a folder, a file too large or unreadable).
    fn prepare(self, opts: &ProcessOptions, max_bytes: u64) -> Ready {
        match self {
            Job::Failed { id, kind, message } => done(Record::error(id, 0, kind, message)),
            Job::Bytes { id, bytes } => {
                if bytes.len() as u64 > max_bytes {
                    return done(too_large(&id, bytes.len() as u64, max_bytes));
                }
                Ready::Bytes {
                    id,
                    bytes,
                    opts: *opts,
                }
            }
            Job::File { id, path } => {
                let size = match std::fs::metadata(&path) {
                    Ok(m) if m.is_dir() => {
                        return done(Record::error(
                            id,
                            0,
                            ErrorKind::Unreadable,
                            format!("{}: is a directory", path.display()),
                        ));
                    }
                    Ok(m) => m.len(),
                    Err(e) => {
                        return done(Record::error(
                            id,
                            0,
                            ErrorKind::Unreadable,
                            format!("{}: {}", path.display(), e),
                        ));
                    }
                };
                if size > max_bytes {
                    return done(too_large(&id, size, max_bytes));
                }
                match std::fs::read(&path) {
                    Ok(bytes) => {
                        let mut opts = *opts;
                        opts.decode.html |= is_html_path(&path);
                        Ready::Bytes { id, bytes, opts }
                    }
                    Err(e) => done(Record::error(
                        id,
                        size,
                        ErrorKind::Unreadable,
                        format!("{}: {}", path.display(), e),
                    )),
                }
            }
        }
    }
}

/// A job made ready for the pipeline.
enum Ready {
    /// Its record is decided without processing.
    Done(Box<Record>),
    Bytes {
        id: String,
        bytes: Vec<u8>,
        opts: ProcessOptions,
    },
}

fn done(rec: Record) -> Ready {
    Ready::Done(Box::new(rec))
}

/// Most jobs one worker takes at once: a worker runs the jobs it takes
/// stage by stage ([`Pipeline::process_many`]).
const CHUNK: usize = 32;

/// Bytes of input after which a worker's group is processed even if more
/// jobs were taken, so that a chunk of large files stays small in memory.
const CHUNK_BYTES: usize = 4 << 20;

/// Runs jobs taken together, sending each record with its job number.
fn run_chunk(
    pipeline: &Pipeline,
    chunk: Vec<(usize, Job)>,
    opts: &ProcessOptions,
    max_bytes: u64,
    tx: &mpsc::Sender<(usize, Record)>,
) {
    let mut group: Vec<(usize, String, Vec<u8>, ProcessOptions)> = Vec::new();
    let mut held = 0usize;
    let flush = |group: &mut Vec<(usize, String, Vec<u8>, ProcessOptions)>| {
        let inputs: Vec<Input> = group
            .iter()
            .map(|(_, id, bytes, opts)| Input {
                id,
                bytes,
                opts: *opts,
            })
            .collect();
        let records = pipeline.process_many(&inputs);
        for ((i, ..), rec) in group.iter().zip(records) {
            let _ = tx.send((*i, rec));
        }
        group.clear();
    };
    for (i, job) in chunk {
        match job.prepare(opts, max_bytes) {
            Ready::Done(rec) => {
                let _ = tx.send((i, *rec));
            }
            Ready::Bytes { id, bytes, opts } => {
                held += bytes.len();
                group.push((i, id, bytes, opts));
                if held >= CHUNK_BYTES {
                    flush(&mut group);
                    held = 0;
                }
            }
        }
    }
    if !group.is_empty() {
        flush(&mut group);
    }
}

fn too_large(id: &str, size: u64, max: u64) -> Record {
    Record::error(
        id,
        size,
        ErrorKind::TooLarge,
        format!("{id}: {size} bytes is over the limit of {max} bytes (--max-bytes)"),
    )
}

fn is_html_path(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "html" | "htm" | "xhtml" | "shtml"
        )
    })
}

/// Files named on the command line, folders walked recursively.
///
/// Hidden files and folders are skipped, symlinks are followed with loops
/// detected, and files are sorted by id. A path that does not exist (or a
/// dangling symlink) gives a `Failed` job, so it still gets its record.
/// `glob` filters files found by walking, matched against their ids.
pub fn collect_files(paths: &[PathBuf], glob: Option<&GlobSet>) -> Vec<Job> {
    let mut jobs = Vec::new();
    for root in paths {
        if root.is_dir() {
            let mut found = Vec::new();
            let walker = walkdir::WalkDir::new(root)
                .follow_links(true)
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                });
            let mut seen = HashSet::new();
            for entry in walker {
                match entry {
                    Ok(e) if e.file_type().is_file() => {
                        let rel = e.path().strip_prefix(root).unwrap_or(e.path());
                        let id = path_id(rel);
                        if glob.is_some_and(|g| !g.is_match(&id)) {
                            continue;
                        }
                        if seen.insert(id.clone()) {
                            found.push(Job::File {
                                id,
                                path: e.path().to_path_buf(),
                            });
                        }
                    }
                    Ok(_) => {}
                    Err(err) => {
                        // Symlink loops are skipped; other entries that
                        // cannot be read still get a record.
                        if err.loop_ancestor().is_some() {
                            continue;
                        }
                        if let Some(p) = err.path() {
                            let rel = p.strip_prefix(root).unwrap_or(p);
                            let id = path_id(rel);
                            if glob.is_some_and(|g| !g.is_match(&id)) || !seen.insert(id.clone()) {
                                continue;
                            }
                            let message = format!(
                                "{}: {}",
                                p.display(),
                                err.io_error()
                                    .map(|e| e.to_string())
                                    .unwrap_or_else(|| err.to_string())
                            );
                            found.push(Job::Failed {
                                id,
                                kind: ErrorKind::Unreadable,
                                message,
                            });
                        }
                    }
                }
            }
            found.sort_by(|a, b| a.id().cmp(b.id()));
            jobs.extend(found);
        } else {
            let id = path_id(root);
            if root.exists() {
                jobs.push(Job::File {
                    id,
                    path: root.clone(),
                });
            } else {
                let why = if root.symlink_metadata().is_ok() {
                    "dangling symbolic link"
                } else {
                    "no such file or directory"
                };
                jobs.push(Job::Failed {
                    id,
                    kind: ErrorKind::Unreadable,
                    message: format!("{}: {why}", root.display()),
                });
            }
        }
    }
    jobs
}

fn path_id(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    if s.is_empty() { ".".to_string() } else { s }
}

/// One streamed input line: `{"id": ..., "text": ...}` or
/// `{"id": ..., "bytes_base64": ...}`.
#[derive(serde::Deserialize)]
struct StreamLineLoose {
    id: Option<serde_json::Value>,
    text: Option<String>,
    bytes_base64: Option<String>,
}

/// Parses one line of streamed input into a job; `line_no` is 1-based.
pub fn parse_stream_line(line: &str, line_no: usize) -> Job {
    let fallback_id = format!("line:{line_no}");
    let parsed: StreamLineLoose = match serde_json::from_str(line) {
        Ok(p) => p,
        Err(e) => {
            return Job::Failed {
                id: fallback_id,
                kind: ErrorKind::Unreadable,
                message: format!(
                    "stdin line {line_no}: not a JSON object with \"id\" and \"text\" or \"bytes_base64\": {e}"
                ),
            };
        }
    };
    let id = match parsed.id {
        Some(serde_json::Value::String(s)) => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => fallback_id,
    };
    match (parsed.text, parsed.bytes_base64) {
        (Some(text), None) => Job::Bytes {
            id,
            bytes: text.into_bytes(),
        },
        (None, Some(b64)) => match base64::engine::general_purpose::STANDARD.decode(b64.trim()) {
            Ok(bytes) => Job::Bytes { id, bytes },
            Err(e) => Job::Failed {
                id,
                kind: ErrorKind::Unreadable,
                message: format!("stdin line {line_no}: bytes_base64 is not valid base64: {e}"),
            },
        },
        (Some(_), Some(_)) => Job::Failed {
            id,
            kind: ErrorKind::Unreadable,
            message: format!(
                "stdin line {line_no}: give either \"text\" or \"bytes_base64\", not both"
            ),
        },
        (None, None) => Job::Failed {
            id,
            kind: ErrorKind::Unreadable,
            message: format!("stdin line {line_no}: missing \"text\" or \"bytes_base64\""),
        },
    }
}

/// Jobs from a stream of JSON lines, read lazily.
pub fn stream_jobs<R: BufRead + Send>(reader: R) -> impl Iterator<Item = Job> + Send {
    let mut n = 0usize;
    reader.split(b'\n').filter_map(move |line| {
        n += 1;
        match line {
            Ok(mut bytes) => {
                if bytes.last() == Some(&b'\r') {
                    bytes.pop();
                }
                if bytes.iter().all(u8::is_ascii_whitespace) {
                    return None;
                }
                Some(match String::from_utf8(bytes) {
                    Ok(s) => parse_stream_line(&s, n),
                    Err(_) => Job::Failed {
                        id: format!("line:{n}"),
                        kind: ErrorKind::Unreadable,
                        message: format!("stdin line {n}: not UTF-8"),
                    },
                })
            }
            Err(e) => Some(Job::Failed {
                id: format!("line:{n}"),
                kind: ErrorKind::Unreadable,
                message: format!("stdin line {n}: read error: {e}"),
            }),
        }
    })
}

/// Counts over a run, for the summary line.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub articles: u64,
    pub bytes: u64,
    pub errors: BTreeMap<ErrorKind, u64>,
    pub money: u64,
    pub valuations: u64,
    pub percentages: u64,
    pub dates: u64,
    pub persons: u64,
    pub organizations: u64,
    pub events: u64,
    pub elapsed: Duration,
}

impl Summary {
    pub fn add(&mut self, r: &Record) {
        self.articles += 1;
        self.bytes += r.source.bytes;
        if let Some(e) = &r.error {
            *self.errors.entry(e.kind).or_default() += 1;
        }
        self.money += r.money.len() as u64;
        self.valuations += r.valuations.len() as u64;
        self.percentages += r.percentages.len() as u64;
        self.dates += r.dates.len() as u64;
        self.persons += r.persons.len() as u64;
        self.organizations += r.organizations.len() as u64;
        self.events += r.events.len() as u64;
    }

    pub fn error_count(&self) -> u64 {
        self.errors.values().sum()
    }

    /// One line: articles, errors by kind, mentions per list, events,
    /// elapsed, throughput.
    pub fn line(&self) -> String {
        let secs = self.elapsed.as_secs_f64().max(1e-9);
        let errors = if self.errors.is_empty() {
            "0 errors".to_string()
        } else {
            let kinds: Vec<String> = self
                .errors
                .iter()
                .map(|(k, n)| format!("{} {n}", k.as_str()))
                .collect();
            format!("{} errors ({})", self.error_count(), kinds.join(", "))
        };
        format!(
            "zhnews: {} articles, {}; money {}, valuations {}, percentages {}, dates {}, persons {}, organizations {}; {} events; {:.2}s, {:.1} articles/s, {:.2} MB/s",
            self.articles,
            errors,
            self.money,
            self.valuations,
            self.percentages,
            self.dates,
            self.persons,
            self.organizations,
            self.events,
            secs,
            self.articles as f64 / secs,
            self.bytes as f64 / 1e6 / secs,
        )
    }
}

/// How a batch runs.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    pub process: ProcessOptions,
    pub max_bytes: u64,
    /// Records in flight at most (the reorder window).
    pub window: usize,
    /// Flush after every record (streaming mode).
    pub flush_each: bool,
}

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            process: ProcessOptions::default(),
            max_bytes: 32 * 1024 * 1024,
            window: 256,
            flush_each: false,
        }
    }
}

/// Runs `jobs` on `pool` and writes one record per job to `out`, in job
/// order. `on_record` sees each record as it is written (progress).
///
/// Jobs are pulled lazily by a reader thread, at most `window` ahead of the
/// writer, so a slow or blocking input (a pipe) never holds back records
/// that are ready.
pub fn run<I, W, F>(
    pipeline: &Pipeline,
    pool: &rayon::ThreadPool,
    jobs: I,
    opts: &BatchOptions,
    out: &mut W,
    mut on_record: F,
) -> io::Result<Summary>
where
    I: Iterator<Item = Job> + Send,
    W: Write,
    F: FnMut(&Record),
{
    let start = Instant::now();
    let mut summary = Summary::default();
    let window = opts.window.max(1);
    let queue: Mutex<VecDeque<(usize, Job)>> = Mutex::new(VecDeque::new());
    let result = std::thread::scope(|ts| -> io::Result<()> {
        let (res_tx, res_rx) = mpsc::channel::<(usize, Record)>();
        let (slot_tx, slot_rx) = mpsc::sync_channel::<()>(window);
        let popts = opts.process;
        let max_bytes = opts.max_bytes;
        // The feeder runs on its own thread, not on a pool worker: reading a
        // blocking input there would take a worker away from the jobs (and
        // with one worker, block the run forever once the window is full).
        //
        // Each job is queued and gets a task; a task takes a share of what
        // is queued (up to CHUNK, at least one) and runs it as one batch, so
        // that a worker that falls behind catches up in larger batches.
        // There are as many tasks as jobs and each that finds the queue
        // not empty takes at least one, so every job is run.
        let queue = &queue;
        let threads = pool.current_num_threads().max(1);
        ts.spawn(move || {
            pool.in_place_scope(|s| {
                for (i, job) in jobs.enumerate() {
                    if slot_tx.send(()).is_err() {
                        break; // the writer stopped
                    }
                    queue
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push_back((i, job));
                    let tx = res_tx.clone();
                    s.spawn(move |_| {
                        let chunk: Vec<(usize, Job)> = {
                            let mut q = queue.lock().unwrap_or_else(|e| e.into_inner());
                            let take = q.len().div_ceil(threads).clamp(1, CHUNK).min(q.len());
                            q.drain(..take).collect()
                        };
                        if !chunk.is_empty() {
                            run_chunk(pipeline, chunk, &popts, max_bytes, &tx);
                        }
                    });
                }
            });
        });
        let mut pending: BTreeMap<usize, Record> = BTreeMap::new();
        let mut next = 0usize;
        // In streaming mode, written records are flushed whenever no further
        // record is ready, i.e. before the writer waits: a reader never
        // waits for a finished record, and a burst of finished records
        // costs one write instead of one per record.
        let mut unflushed = false;
        loop {
            let (i, rec) = match res_rx.try_recv() {
                Ok(item) => item,
                Err(mpsc::TryRecvError::Empty) => {
                    if unflushed {
                        out.flush()?;
                        unflushed = false;
                    }
                    match res_rx.recv() {
                        Ok(item) => item,
                        Err(_) => break,
                    }
                }
                Err(mpsc::TryRecvError::Disconnected) => break,
            };
            pending.insert(i, rec);
            while let Some(rec) = pending.remove(&next) {
                write_jsonl(out, &rec)?;
                unflushed = opts.flush_each;
                summary.add(&rec);
                on_record(&rec);
                next += 1;
                let _ = slot_rx.recv();
            }
        }
        out.flush()
    });
    summary.elapsed = start.elapsed();
    result.map(|_| summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_worker_and_a_small_window_finish_in_order() {
        // The feeder must not occupy the only worker: with the window full
        // and no worker free the run would never finish.
        let p = Pipeline::builtin();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let opts = BatchOptions {
            window: 2,
            ..BatchOptions::default()
        };
        let jobs = (0..50).map(|i| Job::Bytes {
            id: format!("n{i}"),
            bytes: format!("第{i}条。").into_bytes(),
        });
        let mut out = Vec::new();
        let mut seen = Vec::new();
        let summary = run(&p, &pool, jobs, &opts, &mut out, |r| {
            seen.push(r.id.clone())
        })
        .unwrap();
        assert_eq!(summary.articles, 50);
        let want: Vec<String> = (0..50).map(|i| format!("n{i}")).collect();
        assert_eq!(seen, want);
        assert_eq!(out.iter().filter(|&&b| b == b'\n').count(), 50);
    }

    #[test]
    fn stream_lines_keep_their_numbers() {
        let input = "{\"id\":\"a\",\"text\":\"甲\"}\n\n\r\nnope\n{\"text\":\"乙\"}\n";
        let jobs: Vec<Job> = stream_jobs(input.as_bytes()).collect();
        let ids: Vec<&str> = jobs.iter().map(Job::id).collect();
        assert_eq!(ids, ["a", "line:4", "line:5"]);
        match &jobs[1] {
            Job::Failed { kind, message, .. } => {
                assert_eq!(*kind, ErrorKind::Unreadable);
                assert!(
                    message.starts_with("stdin line 4: not a JSON object"),
                    "{message}"
                );
            }
            other => panic!("{other:?}"),
        }
    }
}
