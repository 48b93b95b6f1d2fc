use std::time::{Duration, Instant};
use zhnews::Pipeline;
use zhnews::decode::DecodeOptions;
use zhnews::extract::{Document, Extraction};
fn main() {
    let texts: Vec<String> = std::fs::read_to_string("/tmp/flash10k.jsonl")
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["text"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let k: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(64);
    let p = Pipeline::builtin();
    let opts = DecodeOptions::default();
    let (mut ta, mut tb) = (Duration::ZERO, Duration::ZERO);
    let mut na = 0usize;
    let mut nb = 0usize;
    for round in 0..2 {
        for (ci, chunk) in texts.chunks(k).enumerate() {
            let batch_first = (ci + round) % 2 == 0;
            for mode in [batch_first, !batch_first] {
                let t = Instant::now();
                if mode {
                    let dec: Vec<_> = chunk
                        .iter()
                        .map(|t| p.clean(t.as_bytes(), &opts).unwrap())
                        .collect();
                    let views: Vec<String> = dec
                        .iter()
                        .map(|d| p.normalizer().normalize(&d.text).text)
                        .collect();
                    let toks: Vec<_> = views.iter().map(|v| p.segmenter().cut(v)).collect();
                    let docs: Vec<Document> = dec
                        .iter()
                        .zip(&views)
                        .zip(toks)
                        .map(|((d, v), t)| Document::new(&d.text, v, t))
                        .collect();
                    let mut outs: Vec<Extraction> = vec![Extraction::default(); docs.len()];
                    for ex in p.extractors().iter() {
                        for (d, o) in docs.iter().zip(outs.iter_mut()) {
                            ex.extract(d, o);
                        }
                    }
                    na += outs.iter().map(|o| o.money.len()).sum::<usize>();
                    ta += t.elapsed();
                } else {
                    for t in chunk {
                        let d = p.clean(t.as_bytes(), &opts).unwrap();
                        let v = p.normalizer().normalize(&d.text).text;
                        let toks = p.segmenter().cut(&v);
                        let doc = Document::new(&d.text, &v, toks);
                        let mut o = Extraction::default();
                        for ex in p.extractors().iter() {
                            ex.extract(&doc, &mut o);
                        }
                        nb += o.money.len();
                    }
                    tb += t.elapsed();
                }
            }
        }
    }
    println!(
        "k={k} staged-batch {:.3} s ({na}), per-article {:.3} s ({nb}), ratio {:.3}",
        ta.as_secs_f64(),
        tb.as_secs_f64(),
        ta.as_secs_f64() / tb.as_secs_f64()
    );
}
