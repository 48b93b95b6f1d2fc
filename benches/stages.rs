//! Per-stage benchmarks of the pipeline on real news.
//!
//! Input, first found wins:
//! 1. `ZHNEWS_BENCH_DATA=DIR`, or the nearest `shared/data/` beside the
//!    repository or one of its parent folders: the news flashes (`content`)
//!    and CCTV stories (`text`), a fixed sample of each;
//! 2. the files under `corpus/`;
//! 3. a few sentences written into this file, so that `cargo bench` runs on
//!    any fresh clone.
//!
//! Stages: decode + repair + normalize, segmentation (with jieba-rs `tag`
//! and plain `cut` as references), each extractor on its own (with the
//! earlier extractors' findings prepared, as in a real run), and the whole
//! `Pipeline::process`. Throughput is in bytes of input text.
//!
//! `ZHNEWS_BENCH_FLASHES` and `ZHNEWS_BENCH_STORIES` set the sample sizes
//! (default 300 and 60).

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;
use zhnews::decode::DecodeOptions;
use zhnews::extract::{Document, Extraction};
use zhnews::{Pipeline, ProcessOptions};

/// Sentences used only when neither shared data nor a corpus is present.
const FALLBACK: &[&str] = &[
    "【示例科技完成5亿元B轮融资】本报3月2日讯，示例科技有限公司宣布完成5亿元人民币B轮融资，由某某资本领投，投后估值约30亿元。公司董事长张明表示，资金将用于研发。",
    "某某银行昨日公告称，一季度净利润同比增长12.5%，达到38.6億元；不良貸款率較年初下降0.03個百分點。",
    "国家统计局今天发布数据，10月份全国居民消费价格同比上涨0.4%，环比持平。其中，食品价格下降1.2%。",
    "示例汽车集团拟以每股12.80港元收购远景动力51%股权，交易总额约64亿港元，预计于2025年底前完成。",
    "新华社北京6月18日电，第三届产业合作论坛今天在北京开幕，来自40多个国家和地区的约600名代表参会。",
    "受美联储议息会议影响，美元指数周三上涨0.3%，报104.2；离岸人民币兑美元跌破7.25关口。",
];

struct Sample {
    /// Raw bytes of each article, as a run would read them.
    articles: Vec<Vec<u8>>,
    /// Where they came from, for the report.
    source: String,
}

impl Sample {
    fn bytes(&self) -> u64 {
        self.articles.iter().map(|a| a.len() as u64).sum()
    }
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("ZHNEWS_BENCH_DATA") {
        return Some(PathBuf::from(dir));
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    root.ancestors()
        .skip(1)
        .map(|a| a.join("shared").join("data"))
        .find(|d| d.join("newsflash-2026-05-06.jsonl").is_file())
}

/// Up to `n` non-empty values of `field`, taken evenly across a JSONL file.
fn jsonl_field(path: &Path, field: &str, n: usize) -> Vec<Vec<u8>> {
    let Ok(all) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    let lines: Vec<&str> = all.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.is_empty() || n == 0 {
        return Vec::new();
    }
    let step = (lines.len() / n).max(1);
    lines
        .iter()
        .step_by(step)
        .filter_map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).ok()?;
            let s = v.get(field)?.as_str()?;
            (!s.trim().is_empty()).then(|| s.as_bytes().to_vec())
        })
        .take(n)
        .collect()
}

fn corpus_files() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut paths: Vec<PathBuf> = walk(&dir);
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| std::fs::read(p).ok())
        .filter(|b| !b.is_empty())
        .collect()
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if e.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.is_file() {
            out.push(p);
        }
    }
    out
}

fn load_sample() -> Sample {
    if let Some(dir) = data_dir() {
        let flashes = env_usize("ZHNEWS_BENCH_FLASHES", 300);
        let stories = env_usize("ZHNEWS_BENCH_STORIES", 60);
        let mut articles = jsonl_field(&dir.join("newsflash-2026-05-06.jsonl"), "content", flashes);
        let nf = articles.len();
        articles.extend(jsonl_field(
            &dir.join("xwlb-2019-2021.jsonl"),
            "text",
            stories,
        ));
        if !articles.is_empty() {
            let ns = articles.len() - nf;
            return Sample {
                articles,
                source: format!("{}: {nf} news flashes + {ns} CCTV stories", dir.display()),
            };
        }
    }
    let corpus = corpus_files();
    if !corpus.is_empty() {
        let n = corpus.len();
        return Sample {
            articles: corpus,
            source: format!("corpus/: {n} files"),
        };
    }
    Sample {
        articles: FALLBACK.iter().map(|s| s.as_bytes().to_vec()).collect(),
        source: format!("{} built-in sentences", FALLBACK.len()),
    }
}

fn stages(c: &mut Criterion) {
    let pipeline = Pipeline::builtin();
    let sample = load_sample();
    let bytes = sample.bytes();
    eprintln!(
        "bench input: {} ({} articles, {} bytes)",
        sample.source,
        sample.articles.len(),
        bytes
    );
    let dopts = DecodeOptions::default();

    // Clean texts and views, prepared once for the later stages.
    let cleaned: Vec<(String, String)> = sample
        .articles
        .iter()
        .filter_map(|a| pipeline.clean(a, &dopts).ok())
        .map(|d| {
            let view = pipeline.normalizer().normalize(&d.text).text;
            (d.text, view)
        })
        .collect();

    let mut g = c.benchmark_group("stage");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("decode_normalize", |b| {
        b.iter(|| {
            for a in &sample.articles {
                if let Ok(d) = pipeline.clean(black_box(a), &dopts) {
                    black_box(pipeline.normalizer().normalize(&d.text));
                }
            }
        })
    });
    g.bench_function("segment", |b| {
        b.iter(|| {
            for (_, view) in &cleaned {
                black_box(pipeline.segmenter().cut(black_box(view)));
            }
        })
    });
    g.bench_function("jieba_cut_hmm", |b| {
        let jieba = pipeline.segmenter().jieba();
        b.iter(|| {
            for (_, view) in &cleaned {
                black_box(jieba.cut(black_box(view), true));
            }
        })
    });
    g.bench_function("jieba_tag_hmm", |b| {
        let jieba = pipeline.segmenter().jieba();
        b.iter(|| {
            for (_, view) in &cleaned {
                black_box(jieba.tag(black_box(view), true));
            }
        })
    });
    g.bench_function("document_new", |b| {
        let tokens: Vec<_> = cleaned
            .iter()
            .map(|(_, v)| pipeline.segmenter().cut(v))
            .collect();
        b.iter_batched(
            || tokens.clone(),
            |tokens| {
                for ((clean, view), t) in cleaned.iter().zip(tokens) {
                    // With the figure extractors' work text, which every
                    // document gets.
                    let doc = pipeline.extractors().document(clean, view, t);
                    black_box(doc.work());
                    black_box(doc);
                }
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();

    // Each extractor alone, on documents whose Extraction already holds
    // what the earlier extractors found.
    let docs: Vec<Document> = cleaned
        .iter()
        .map(|(clean, view)| {
            pipeline
                .extractors()
                .document(clean, view, pipeline.segmenter().cut(view))
        })
        .collect();
    let mut before: Vec<Extraction> = vec![Extraction::default(); docs.len()];
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(bytes));
    for ex in pipeline.extractors().iter() {
        g.bench_function(ex.name(), |b| {
            b.iter_batched(
                || before.clone(),
                |mut outs| {
                    for (doc, out) in docs.iter().zip(outs.iter_mut()) {
                        ex.extract(black_box(doc), out);
                    }
                    outs
                },
                BatchSize::LargeInput,
            )
        });
        for (doc, out) in docs.iter().zip(before.iter_mut()) {
            ex.extract(doc, out);
        }
    }
    g.finish();

    let mut g = c.benchmark_group("pipeline");
    g.throughput(Throughput::Bytes(bytes));
    let popts = ProcessOptions::default();
    g.bench_function("process", |b| {
        b.iter(|| {
            for a in &sample.articles {
                black_box(pipeline.process("bench", black_box(a), &popts));
            }
        })
    });
    g.bench_function("process_serialize", |b| {
        let mut buf = Vec::with_capacity(1 << 20);
        b.iter(|| {
            buf.clear();
            for a in &sample.articles {
                let rec = pipeline.process("bench", a, &popts);
                let _ = zhnews::output::write_jsonl(&mut buf, &rec);
            }
            black_box(buf.len())
        })
    });
    g.finish();

    // The same text as one document: its throughput should stay near
    // `pipeline/process`; far below it, some stage grows faster than the
    // document does.
    let long: Vec<u8> = sample
        .articles
        .iter()
        .filter(|a| std::str::from_utf8(a).is_ok())
        .flat_map(|a| a.iter().copied().chain(*b"\n\n"))
        .collect();
    let mut g = c.benchmark_group("pipeline");
    g.throughput(Throughput::Bytes(long.len() as u64));
    g.bench_function("one_long_document", |b| {
        b.iter(|| black_box(pipeline.process("bench", black_box(&long), &popts)))
    });
    g.finish();
}

fn startup(c: &mut Criterion) {
    let mut g = c.benchmark_group("startup");
    g.bench_function("pipeline_builtin", |b| b.iter(Pipeline::builtin));
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(800))
        .measurement_time(Duration::from_secs(3));
    targets = stages, startup
}
criterion_main!(benches);
