//! Persons and organisations of one article (after stripping pinyin
//! annotations and converting to Simplified): `cargo run --example
//! entity_seed -- FILE`.

use zhnews::Pipeline;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let raw = std::fs::read_to_string(&path).unwrap_or_default();
    let re = regex::Regex::new(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)").expect("regex");
    let stripped = re.replace_all(&raw, "");
    let text = zhconv::zhconv(&stripped, zhconv::Variant::ZhHans);
    let p = Pipeline::builtin();
    let found = p.analyze(&text, None, None);
    for x in &found.persons {
        println!(
            "P {} {:?} m={} {:?}",
            x.name,
            x.canonical,
            x.mentions.len(),
            x.titles
        );
    }
    for x in &found.organizations {
        println!(
            "O {} {:?} {:?} m={}",
            x.name,
            x.canonical,
            x.kind,
            x.mentions.len()
        );
    }
}
