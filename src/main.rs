//! The `zhnews` command line: argument parsing and reporting only; the
//! library does the work.

use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use zhnews::batch::{self, BatchOptions, Job};
use zhnews::decode::DecodeOptions;
use zhnews::extract::Date;
use zhnews::{Pipeline, ProcessOptions, RuleSet};

#[derive(Parser)]
#[command(
    name = "zhnews",
    version,
    about = "Chinese news articles in, structured JSON records out"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract one JSON record per article (JSON Lines).
    Extract(ExtractArgs),
    /// Print the clean (decoded, repaired) text of files.
    Clean(CleanArgs),
    /// Score the pipeline against gold annotations.
    Eval(zhnews::eval::EvalArgs),
}

#[derive(Args)]
struct Common {
    /// Rules directory overlaying the built-in rules.
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
    /// Decode every input with this encoding (e.g. gbk, big5, utf-16le).
    #[arg(long, value_name = "LABEL", value_parser = parse_encoding)]
    encoding: Option<&'static encoding_rs::Encoding>,
}

#[derive(Args)]
struct ExtractArgs {
    /// Files or folders; `-` reads JSON lines from stdin.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Write records to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N")]
    threads: Option<usize>,
    /// Add the clean text to each record as `text`.
    #[arg(long)]
    text: bool,
    /// Skip files larger than N bytes (they get a `too_large` record).
    #[arg(long, value_name = "N", default_value_t = 32 * 1024 * 1024)]
    max_bytes: u64,
    /// Publication date for resolving relative dates.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = |s: &str| s.parse::<Date>())]
    date: Option<Date>,
    /// Only files whose path (relative to the folder) matches; repeatable.
    #[arg(long, value_name = "GLOB")]
    glob: Vec<String>,
    /// No progress bar and no summary.
    #[arg(short, long)]
    quiet: bool,
    #[command(flatten)]
    common: Common,
}

#[derive(Args)]
struct CleanArgs {
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Print encoding, detector and repairs instead of the text.
    #[arg(long)]
    report: bool,
    #[command(flatten)]
    common: Common,
}

fn parse_encoding(label: &str) -> Result<&'static encoding_rs::Encoding, String> {
    encoding_rs::Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
        format!(
            "unknown encoding label {label:?} (try utf-8, gbk, gb18030, big5, utf-16le, utf-16be)"
        )
    })
}

fn load_pipeline(rules: Option<&PathBuf>) -> Result<Pipeline, String> {
    let set = match rules {
        Some(dir) => RuleSet::load(dir).map_err(|e| format!("rules: {e}"))?,
        None => RuleSet::builtin(),
    };
    Pipeline::new(&set).map_err(|e| format!("rules: {e}"))
}

fn fail(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("zhnews: {msg}");
    ExitCode::from(1)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract(args) => extract(args),
        Command::Clean(args) => clean(args),
        Command::Eval(args) => zhnews::eval::run_cli(&args),
    }
}

fn extract(args: ExtractArgs) -> ExitCode {
    let glob = if args.glob.is_empty() {
        None
    } else {
        let mut b = globset::GlobSetBuilder::new();
        for g in &args.glob {
            match globset::Glob::new(g) {
                Ok(g) => {
                    b.add(g);
                }
                Err(e) => {
                    eprintln!("zhnews: invalid --glob {g:?}: {e}");
                    return ExitCode::from(2);
                }
            }
        }
        match b.build() {
            Ok(set) => Some(set),
            Err(e) => {
                eprintln!("zhnews: invalid --glob: {e}");
                return ExitCode::from(2);
            }
        }
    };
    let streaming = args.paths.iter().any(|p| p.as_os_str() == "-");
    if streaming && args.paths.len() > 1 {
        eprintln!("zhnews: `-` (stdin) cannot be combined with other paths");
        return ExitCode::from(2);
    }
    let pipeline = match load_pipeline(args.common.rules.as_ref()) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let threads = args.threads.unwrap_or(0);
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(p) => p,
        Err(e) => return fail(format!("cannot start worker threads: {e}")),
    };
    let opts = BatchOptions {
        process: ProcessOptions {
            decode: DecodeOptions {
                forced: args.common.encoding,
                html: false,
            },
            pub_date: args.date,
            include_text: args.text,
        },
        max_bytes: args.max_bytes,
        window: pool.current_num_threads() * 64,
        flush_each: streaming,
    };
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => match std::fs::File::create(path) {
            Ok(f) => Box::new(BufWriter::new(f)),
            Err(e) => return fail(format!("cannot write {}: {e}", path.display())),
        },
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    let show_bar = !args.quiet && io::stderr().is_terminal();
    let result = if streaming {
        let bar = progress_bar(show_bar, None);
        let jobs = batch::stream_jobs(io::BufReader::new(io::stdin()));
        let r = batch::run(&pipeline, &pool, jobs, &opts, &mut out, |rec| {
            tick(&bar, rec)
        });
        bar.finish_and_clear();
        r
    } else {
        let mut jobs: Vec<Job> = batch::collect_files(&args.paths, glob.as_ref());
        // `-o` inside a folder being read: the output is not an input.
        if let Some(out_path) = args.output.as_ref().and_then(|p| p.canonicalize().ok()) {
            jobs.retain(|job| match job {
                Job::File { path, .. } => path.canonicalize().ok().as_ref() != Some(&out_path),
                _ => true,
            });
        }
        let bar = progress_bar(show_bar, Some(jobs.len() as u64));
        let r = batch::run(&pipeline, &pool, jobs.into_iter(), &opts, &mut out, |rec| {
            tick(&bar, rec)
        });
        bar.finish_and_clear();
        r
    };
    match result {
        Ok(summary) => {
            if !args.quiet {
                eprintln!("{}", summary.line());
            }
            ExitCode::SUCCESS
        }
        // A reader that stops early (`| head`) is not a failure.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe && args.output.is_none() => {
            ExitCode::SUCCESS
        }
        Err(e) => {
            let target = args
                .output
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| "stdout".into());
            fail(format!("cannot write {target}: {e}"))
        }
    }
}

fn progress_bar(show: bool, len: Option<u64>) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = match len {
        Some(n) => ProgressBar::new(n),
        None => ProgressBar::no_length(),
    };
    let style = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} articles ({per_sec}) {binary_bytes_per_sec:>12} {msg}",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

fn tick(bar: &ProgressBar, rec: &zhnews::record::Record) {
    if !bar.is_hidden() {
        bar.inc(1);
    }
    let _ = rec;
}

fn clean(args: CleanArgs) -> ExitCode {
    let pipeline = match load_pipeline(args.common.rules.as_ref()) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let mut status = ExitCode::SUCCESS;
    let multi = args.files.len() > 1;
    for path in &args.files {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("zhnews: {}: {e}", path.display());
                status = ExitCode::from(1);
                continue;
            }
        };
        let html = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "html" | "htm"));
        let opts = DecodeOptions {
            forced: args.common.encoding,
            html,
        };
        let written = match pipeline.clean(&bytes, &opts) {
            Ok(d) if args.report => {
                let repairs: Vec<String> = d
                    .repairs
                    .iter()
                    .map(|r| match &r.detail {
                        Some(detail) => format!("{} {} ({detail})", r.kind, r.count),
                        None => format!("{} {}", r.kind, r.count),
                    })
                    .collect();
                writeln!(
                    out,
                    "{}\tencoding={}\tdetected_by={}\trepairs={}",
                    path.display(),
                    d.encoding.name(),
                    serde_json::to_value(d.detected_by)
                        .ok()
                        .and_then(|v| v.as_str().map(String::from))
                        .unwrap_or_default(),
                    if repairs.is_empty() {
                        "none".to_string()
                    } else {
                        repairs.join(", ")
                    }
                )
            }
            Ok(d) => {
                if multi {
                    let _ = writeln!(out, "==> {} <==", path.display());
                }
                writeln!(out, "{}", d.text)
            }
            Err(e) => {
                eprintln!("zhnews: {}: {e}", path.display());
                status = ExitCode::from(1);
                Ok(())
            }
        };
        if let Err(e) = written {
            return fail(format!("cannot write stdout: {e}"));
        }
    }
    status
}
