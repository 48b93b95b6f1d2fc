//! Decoding, repair and normalization across encodings and mojibake kinds.

mod common;

use encoding_rs::{BIG5, Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};
use proptest::prelude::*;
use zhnews::RuleSet;
use zhnews::decode::{DecodeOptions, Decoded, Decoder};
use zhnews::normalize::Normalizer;
use zhnews::record::{DetectedBy, ErrorKind, Script};

const SIMPLIFIED: &[&str] = &[
    "银行宣布下调贷款利率",
    "科技公司推出新款手机",
    "央行宣布降准",
    "公司股价上涨",
    "国家统计局今天发布数据，一季度国内生产总值同比增长百分之五。",
    "这家新能源汽车企业去年销量超过三十万辆，营收达到四百亿元。",
    "市政府公布了新的交通规划，地铁线路将延长到机场。",
    "受访专家认为，明年出口形势仍然面临不少挑战。",
];

const TRADITIONAL: &[&str] = &[
    "臺灣積體電路公司公布財報",
    "研究機構預計明年經濟增長",
    "這家銀行宣佈調降房貸利率，市場反應熱烈。",
    "香港交易所今日公佈新規，上市公司須披露更多資訊。",
];

fn decoder() -> Decoder {
    Decoder::new(&RuleSet::builtin()).expect("rules")
}

fn decode(bytes: &[u8]) -> Decoded {
    decoder()
        .decode(bytes, &DecodeOptions::default())
        .expect("decodes")
}

fn forced(bytes: &[u8], enc: &'static Encoding) -> Decoded {
    decoder()
        .decode(
            bytes,
            &DecodeOptions {
                forced: Some(enc),
                html: false,
            },
        )
        .expect("decodes")
}

fn encode(text: &str, enc: &'static Encoding) -> Vec<u8> {
    if enc == UTF_16LE || enc == UTF_16BE {
        let le = enc == UTF_16LE;
        return text
            .encode_utf16()
            .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
            .collect();
    }
    let (bytes, _, unmappable) = enc.encode(text);
    assert!(!unmappable, "{text} in {}", enc.name());
    bytes.into_owned()
}

fn bom(enc: &'static Encoding) -> &'static [u8] {
    if enc == UTF_8 {
        b"\xef\xbb\xbf"
    } else if enc == UTF_16LE {
        b"\xff\xfe"
    } else {
        b"\xfe\xff"
    }
}

fn document(sentences: &[&str]) -> String {
    sentences.join("\n")
}

#[test]
fn every_sentence_round_trips_through_every_encoding() {
    let all: Vec<&str> = SIMPLIFIED.iter().chain(TRADITIONAL).copied().collect();
    for &s in &all {
        for enc in [UTF_8, GBK, GB18030, UTF_16LE, UTF_16BE] {
            assert_eq!(forced(&encode(s, enc), enc).text, s, "{}", enc.name());
        }
        for enc in [UTF_8, UTF_16LE, UTF_16BE] {
            let mut bytes = bom(enc).to_vec();
            bytes.extend(encode(s, enc));
            let d = decode(&bytes);
            assert_eq!(d.text, s, "BOM {}", enc.name());
            assert_eq!(d.detected_by, DetectedBy::Bom);
            assert_eq!(d.encoding, enc);
            assert!(d.repairs.is_empty());
        }
        for enc in [UTF_16LE, UTF_16BE] {
            let d = decode(&encode(s, enc));
            assert_eq!(d.text, s, "no BOM {}", enc.name());
            assert_eq!(d.encoding, enc);
            assert_eq!(d.detected_by, DetectedBy::Detector);
        }
    }
    for &s in TRADITIONAL {
        assert_eq!(forced(&encode(s, BIG5), BIG5).text, s);
    }
}

#[test]
fn documents_are_detected() {
    let simp = document(SIMPLIFIED);
    let trad = document(TRADITIONAL);
    for (text, enc) in [(&simp, GBK), (&trad, BIG5), (&trad, GBK)] {
        let d = decode(&encode(text, enc));
        assert_eq!(&d.text, text, "{}", enc.name());
        assert_eq!(d.encoding, enc);
        assert_eq!(d.detected_by, DetectedBy::Detector);
        assert!(d.repairs.is_empty(), "{:?}", d.repairs);
    }
    let d = decode(simp.as_bytes());
    assert_eq!(d.text, simp);
    assert_eq!(d.detected_by, DetectedBy::Utf8);
}

/// `text` written in `written` and read back as `read`, which must lose
/// nothing.
fn misread(text: &str, written: &'static Encoding, read: &'static Encoding) -> String {
    let bytes = encode(text, written);
    let (s, lossy) = read.decode_without_bom_handling(&bytes);
    assert!(
        !lossy,
        "{text}: {} read as {} loses bytes",
        written.name(),
        read.name()
    );
    s.into_owned()
}

fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| b as char).collect()
}

fn assert_repaired(broken: &str, clean: &str, detail: &str) {
    assert_ne!(broken, clean);
    let d = decode(broken.as_bytes());
    assert_eq!(d.text, clean, "{detail}: {broken}");
    let r = d
        .repairs
        .iter()
        .find(|r| r.kind == "mojibake")
        .unwrap_or_else(|| panic!("no mojibake repair for {broken}"));
    assert_eq!(r.detail.as_deref(), Some(detail));
}

#[test]
fn utf8_read_as_gbk() {
    for &s in &SIMPLIFIED[..4] {
        assert_repaired(&misread(s, UTF_8, GBK), s, "UTF-8 read as GBK");
    }
    for &s in &TRADITIONAL[..2] {
        assert_repaired(&misread(s, UTF_8, GBK), s, "UTF-8 read as GBK");
    }
}

#[test]
fn utf8_read_as_windows_1252_and_latin1() {
    for &s in SIMPLIFIED.iter().chain(TRADITIONAL) {
        assert_repaired(
            &misread(s, UTF_8, WINDOWS_1252),
            s,
            "UTF-8 read as Windows-1252",
        );
        assert_repaired(&latin1(s.as_bytes()), s, "UTF-8 read as Windows-1252");
        let twice = misread(&misread(s, UTF_8, WINDOWS_1252), UTF_8, WINDOWS_1252);
        assert_repaired(&twice, s, "UTF-8 read as Windows-1252 twice");
    }
}

#[test]
fn gbk_read_as_latin() {
    for &s in SIMPLIFIED {
        assert_repaired(
            &misread(s, GBK, WINDOWS_1252),
            s,
            "GBK read as Windows-1252",
        );
        assert_repaired(&latin1(&encode(s, GBK)), s, "GBK read as Windows-1252");
    }
}

#[test]
fn short_runs_of_rare_characters_are_not_taken_for_big5() {
    // Read as Big5 these GBK bytes give common characters (絨拾拾擁); four
    // characters are too few to tell a misreading from rare names.
    for s in ["党珺珺局", "王珺与李璟"] {
        let d = decode(s.as_bytes());
        assert_eq!(d.text, s);
        assert!(d.repairs.is_empty(), "{s}: {:?}", d.repairs);
    }
}

#[test]
fn big5_and_gbk_swapped() {
    for &s in TRADITIONAL {
        assert_repaired(&misread(s, BIG5, GBK), s, "Big5 read as GBK");
    }
    for &s in SIMPLIFIED.iter().chain(TRADITIONAL) {
        let gbk = encode(s, GBK);
        let (read, lossy) = BIG5.decode_without_bom_handling(&gbk);
        if !lossy {
            assert_repaired(&read, s, "GBK read as Big5");
        }
    }
    // At least the first sentence can be misread without loss.
    let (_, lossy) = BIG5.decode_without_bom_handling(&encode(SIMPLIFIED[0], GBK));
    assert!(!lossy);
}

#[test]
fn half_clean_half_broken_document() {
    let clean = document(SIMPLIFIED);
    let broken_lines: Vec<String> = SIMPLIFIED
        .iter()
        .enumerate()
        .map(|(i, s)| match i % 3 {
            0 => s.to_string(),
            1 => misread(s, UTF_8, WINDOWS_1252),
            _ => latin1(&encode(s, GBK)),
        })
        .collect();
    let d = decode(broken_lines.join("\n").as_bytes());
    assert_eq!(d.text, clean);
}

#[test]
fn clean_corpus_is_unchanged() {
    for &s in SIMPLIFIED.iter().chain(TRADITIONAL) {
        let d = decode(s.as_bytes());
        assert_eq!(d.text, s);
        assert!(d.repairs.is_empty(), "{s}: {:?}", d.repairs);
    }
}

#[test]
fn seed_pinyin_annotations_removed() {
    let bytes = common::seed_bytes();
    let d = decode(&bytes);
    let pinyin = d
        .repairs
        .iter()
        .find(|r| r.kind == "pinyin_annotation")
        .expect("pinyin repair");
    assert_eq!(pinyin.count, 169);
    assert!(!d.text.contains("(dá)"));
    assert!(!d.text.contains("(lǐng)"));
    for kept in [
        "(AGI)",
        "(約合 464 億人民幣)",
        "(7.5 億美元)",
        "(首席技術官)",
    ] {
        assert!(d.text.contains(kept), "{kept}");
    }
    let before = String::from_utf8_lossy(&bytes).matches('(').count();
    assert_eq!(d.text.matches('(').count(), before - 169);
    assert!(d.repairs.iter().all(|r| r.kind != "mojibake"));
    assert_eq!(
        Normalizer::new().normalize(&d.text).script,
        Script::Traditional
    );
}

#[test]
fn gloss_in_ordinary_news_is_kept() {
    let s = "記者王珺(jùn)報道，該公司推出人工智能(AI)應用(app)，融資 5 億美元(約合 36 億人民幣)。";
    let d = decode(s.as_bytes());
    assert_eq!(d.text, s);
    assert!(d.repairs.is_empty());
}

#[test]
fn normalized_view_is_aligned() {
    let n = Normalizer::new();
    for &s in TRADITIONAL {
        let v = n.normalize(s);
        assert_eq!(v.text.chars().count(), s.chars().count());
        assert_eq!(v.script, Script::Traditional);
    }
    assert_eq!(
        n.normalize("這家銀行宣佈調降房貸利率，市場反應熱烈。").text,
        "这家银行宣布调降房贷利率，市场反应热烈。"
    );
    assert_eq!(n.normalize("营收１．０７５３亿元").text, "营收1.0753亿元");
}

#[test]
fn binary_and_empty() {
    let d = decoder();
    let opts = DecodeOptions::default();
    let png = [
        0x89u8, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48,
    ];
    assert_eq!(d.decode(&png, &opts).unwrap_err().kind, ErrorKind::NotText);
    let noise: Vec<u8> = (0u8..=255).cycle().take(4000).filter(|b| *b != 0).collect();
    assert_eq!(
        d.decode(&noise, &opts).unwrap_err().kind,
        ErrorKind::NotText
    );
    assert_eq!(
        d.decode(b"  \r\n ", &opts).unwrap_err().kind,
        ErrorKind::Empty
    );
}

#[test]
fn invalid_encoding_label_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("a.txt");
    std::fs::write(&file, "公司宣布融资").expect("write");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_zhnews"))
        .args(["clean", "--encoding", "no-such-charset"])
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_zhnews"))
        .args(["clean", "--encoding", "gbk", "--report"])
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("encoding=GBK"), "{report}");
    assert!(report.contains("detected_by=forced"), "{report}");
}

/// Characters for random clean text: common and rare Han characters of both
/// scripts, Chinese punctuation, ASCII letters and digits.
const POOL: &str = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严珺璟翀昇喆凇鑫镕瑄臺灣積體電路財報研究機構預計經濟長這銀宣佈調降房貸利率場應熱烈，。、；：？！「」《》“”（）…—1234567890ABCabcxyz ";

fn pool() -> Vec<char> {
    POOL.chars().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn clean_chinese_text_is_returned_unchanged(
        idx in proptest::collection::vec(0usize..10_000, 1..120)
    ) {
        let chars = pool();
        let text: String = idx.iter().map(|&i| chars[i % chars.len()]).collect();
        prop_assume!(!text.trim().is_empty());
        let d = decode(text.as_bytes());
        prop_assert_eq!(&d.text, &text);
        prop_assert!(d.repairs.is_empty(), "{:?}", d.repairs);
    }

    #[test]
    fn decode_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let dec = decoder();
        let _ = dec.decode(&bytes, &DecodeOptions::default());
        let _ = dec.decode(&bytes, &DecodeOptions { forced: None, html: true });
        let _ = dec.decode(&bytes, &DecodeOptions { forced: Some(GBK), html: false });
        if let Ok(s) = std::str::from_utf8(&bytes) {
            let n = Normalizer::new().normalize(s);
            prop_assert_eq!(n.text.chars().count(), s.chars().count());
        }
    }

    #[test]
    fn decode_never_panics_on_mixed_text(
        idx in proptest::collection::vec(0usize..10_000, 1..80),
        noise in proptest::collection::vec(any::<u8>(), 0..40),
        at in 0usize..1000,
    ) {
        let chars = pool();
        let text: String = idx.iter().map(|&i| chars[i % chars.len()]).collect();
        let mut bytes = text.into_bytes();
        let at = at % (bytes.len() + 1);
        bytes.splice(at..at, noise);
        let _ = decoder().decode(&bytes, &DecodeOptions::default());
    }
}
