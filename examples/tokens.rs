//! Prints the segmentation of each stdin line with jieba's tag for each
//! word, first as the pipeline cuts it (dictionary words only), then with
//! jieba's HMM for unknown words: a look at what the extractors see.
//! `cargo run --release --example tokens < lines.txt`
use std::io::BufRead;
use zhnews::Pipeline;

fn main() {
    let pipeline = Pipeline::builtin();
    let seg = pipeline.segmenter();
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let cut: Vec<String> = seg
            .cut(&line)
            .iter()
            .map(|t| format!("{}/{}", t.word, t.tag))
            .collect();
        let hmm: Vec<String> = seg
            .tag(&line)
            .iter()
            .map(|t| format!("{}/{}{}", t.word, t.tag, if t.known { "" } else { "*" }))
            .collect();
        println!("cut  {}\nhmm  {}", cut.join(" "), hmm.join(" "));
    }
}
