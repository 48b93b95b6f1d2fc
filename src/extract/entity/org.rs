//! Organisation candidates: endings, stock codes, media in 《》, jieba's
//! `nt`, Latin names; and the merging of shortened names.

use super::lexicon::is_han;
use super::{Cand, Ctx, Need, Ty};
use crate::record::{OrgKind, Organization, Span};
use crate::segment::Token;
use crate::text::CharSet;
use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex::Regex;
use std::sync::LazyLock;

static BOOK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"《([^《》\n]{1,40})》").expect("valid regex"));
static STOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\((?:\d{6}(?:\.(?:SZ|SH|BJ|sz|sh|bj))?|\d{4,5}\.(?:HK|hk)|[A-Z]{1,5}\.(?:O|N|OQ|US|A))\)",
    )
    .expect("valid regex")
});

const MEDIA_ENDINGS: [&str; 14] = [
    "日报",
    "晚报",
    "早报",
    "时报",
    "商报",
    "周刊",
    "周报",
    "杂志",
    "新闻",
    "邮报",
    "电讯报",
    "报",
    "财经",
    "观察",
];

/// Words that end a name going left (they are not part of one).
const STOP: &[&str] = &[
    "时任",
    "现任",
    "前任",
    "的",
    "和",
    "与",
    "及",
    "或",
    "在",
    "由",
    "对",
    "向",
    "将",
    "被",
    "从",
    "据",
    "其",
    "该",
    "这",
    "那",
    "本",
    "各",
    "等",
    "为",
    "以",
    "于",
    "了",
    "是",
    "家",
    "这家",
    "一家",
    "旗下",
    "并",
    "但",
    "而",
    "也",
    "都",
    "还",
    "又",
    "已",
    "曾",
    "拟",
    "获",
    "让",
    "给",
    "把",
    "上述",
    "此前",
    "此次",
    "今年",
    "近日",
    "目前",
    "称",
    "表示",
    "占",
    "占比",
    "宣布",
    "公告",
    "显示",
    "报道",
    "消息",
    "记者",
    "包括",
    "其中",
    "通过",
    "成为",
    "子",
    "母",
    "多家",
    "出任",
    "担任",
    "兼任",
    "接任",
    "加入",
    "收购",
    "入股",
    "投资",
    "增持",
    "减持",
    "创立",
    "创办",
    "成立",
    "认购",
    "领投",
    "跟投",
    "参投",
    "专职",
    "毕业",
    "任职",
    "离开",
    "联合",
    "审议",
    "新增",
    "下属",
    "同意",
    "批准",
    "核准",
    "受理",
    "推动",
    "支持",
    "帮助",
    "带动",
    "子公司",
    "孙公司",
    "母公司",
    "股东",
    "控股股东",
    "保荐人",
    "保荐机构",
];

/// Descriptors that do not make a name (科技公司, 上市公司, 美国公司).
const GENERIC: &[&str] = &[
    "上市",
    "科技",
    "投资",
    "互联网",
    "创业",
    "初创",
    "金融",
    "保险",
    "总",
    "分",
    "大型",
    "知名",
    "相关",
    "国有",
    "民营",
    "外资",
    "合资",
    "中资",
    "全资",
    "控股",
    "关联",
    "合作",
    "新",
    "老",
    "大",
    "小",
    "某",
    "国内",
    "海外",
    "境外",
    "国际",
    "全球",
    "中国",
    "美国",
    "日本",
    "欧洲",
    "英国",
    "韩国",
    "德国",
    "法国",
    "印度",
    "本土",
    "地方",
    "商业",
    "私营",
    "上游",
    "下游",
    "头部",
    "龙头",
    "医药",
    "汽车",
    "能源",
    "咨询",
    "管理",
    "服务",
    "贸易",
    "新创",
    "零售",
    "智慧",
    "巨头",
    "车企",
    "房企",
    "药企",
    "险企",
    "美企",
    "中企",
    "外企",
    "日企",
    "韩企",
    "欧企",
    "港企",
    "台企",
    "券商",
    "厂商",
    "企业",
    "标的",
    "中资企业",
    "外资企业",
    "民营企业",
    "国有企业",
    "央企",
    "中小",
    "国企",
    "机构",
    "平台",
    "私募",
    "公募",
    "股指",
];

/// Words after an ending that make the whole an index, a sector or a fund
/// name rather than an organisation.
const NOT_AFTER_NAME: [&str; 9] = [
    "指数", "板块", "概念", "ETF", "行业", "市场", "支出", "开支", "账户",
];

/// The countries among the descriptors: before an ending inside one
/// dictionary word they name an organisation (中国银行, 美国银行).
const COUNTRIES: [&str; 9] = [
    "中国", "美国", "日本", "欧洲", "英国", "韩国", "德国", "法国", "印度",
];

/// Whether `word` is one of GENERIC (a hash look-up: asked about many
/// words of every article).
fn is_generic(word: &str) -> bool {
    static SET: LazyLock<rustc_hash::FxHashSet<&'static str>> =
        LazyLock::new(|| GENERIC.iter().copied().collect());
    SET.contains(word)
}

/// A descriptor before an ending describes rather than names (上市公司);
/// a country there names one (美国银行, 美国政府).
fn is_descriptor(head: &str) -> bool {
    is_generic(head) && !COUNTRIES.contains(&head)
}

/// A descriptor and an ending (上市公司, 科技公司) describe, they do not name.
fn described(ctx: &Ctx, word: &str) -> bool {
    let ends_like_a_name = word
        .chars()
        .last()
        .is_some_and(|c| ctx.lex.suffix_last.contains(c));
    // Each way of cutting the word into a head and the rest.
    let mut cuts = word
        .char_indices()
        .skip(1)
        .map(|(b, _)| b)
        .chain(std::iter::once(word.len()));
    ends_like_a_name
        && cuts.any(|b| is_descriptor(&word[..b]) && ctx.lex.suffixes.contains_key(&word[b..]))
}

/// Words that make a sentence about an investment.
const INVESTS: [&str; 6] = ["领投", "跟投", "参投", "注资", "投资了", "战略投资"];

fn has_tag(tag: &Option<String>, prefixes: &[&str]) -> bool {
    tag.as_deref()
        .is_some_and(|t| prefixes.iter().any(|p| t.starts_with(p)))
}

/// Characters that stand alone as function words, numerals, classifiers or
/// positions, never as a piece of a name.
const NOT_NAME_CHARS: &str = "不没未非再仍就仅着过之所每此其一二两三四五六七八九十几多个只位名次件批项条种类笔轮上下前后内里间今昨明年月日时分秒";

/// jieba tags of function words, numerals, time and position words, which
/// end a name going left.
const NAME_BREAK_TAGS: [&str; 14] = [
    "p", "c", "u", "r", "d", "m", "q", "y", "e", "o", "x", "w", "t", "f",
];

/// Whether `word` is one of STOP (a hash look-up: the list is long and
/// asked about every word left of every ending).
fn is_stop(word: &str) -> bool {
    static SET: LazyLock<rustc_hash::FxHashSet<&'static str>> =
        LazyLock::new(|| STOP.iter().copied().collect());
    SET.contains(word)
}

/// Whether an ending is a registered company's legal form (…有限公司).
fn is_registered(ending: &str) -> bool {
    ending.ends_with("有限公司") || ending.ends_with("有限责任公司")
}

/// Whether a word is made only of Chinese characters, Latin letters and
/// digits: anything else (punctuation, spaces) ends a name.
fn wordlike(word: &str) -> bool {
    word.chars().all(|c| is_han(c) || c.is_ascii_alphanumeric())
}

/// A one-character token that may be a piece of a name the dictionary
/// lacks: jieba, without the HMM, cuts such a name into single characters
/// with whatever tags they have alone (闻/v 泰/ns 科技, 天/q 齐/a 锂业).
fn loose_piece(word: &str) -> bool {
    // NOT_NAME_CHARS and the one-character words of STOP, as one set.
    static NOT_PIECES: LazyLock<CharSet> = LazyLock::new(|| {
        let stop = STOP.iter().filter_map(|w| {
            let mut cs = w.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => Some(c),
                _ => None,
            }
        });
        CharSet::new(NOT_NAME_CHARS.chars().chain(stop))
    });
    let mut cs = word.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if is_han(c) && !NOT_PIECES.contains(c))
}

pub(super) fn candidates(ctx: &Ctx, out: &mut Vec<Cand>, blocked: &mut [bool]) {
    let doc = ctx.doc;
    // 《...》: media when the inside is a paper or a known media name;
    // otherwise a book or a law, never an organisation.
    let books = if doc.view.contains('《') {
        doc.view
    } else {
        ""
    };
    for m in BOOK.captures_iter(books) {
        let (Some(all), Some(inner)) = (m.get(0), m.get(1)) else {
            continue;
        };
        let s = doc.char_at(inner.start());
        let e = doc.char_at(inner.end());
        let text = inner.as_str();
        let known = ctx.lex.known.get(&ctx.lex.norm(text));
        let media = match known {
            Some(k) => k.ty == Ty::Org(OrgKind::Media),
            None => MEDIA_ENDINGS.iter().any(|w| text.ends_with(w)) && text.chars().count() <= 12,
        };
        if media {
            out.push(Cand {
                s,
                e,
                ty: Ty::Org(OrgKind::Media),
                prio: 10,
                need: Need::Nothing,
                canonical: known.and_then(|k| k.canonical.clone()),
            });
        } else {
            let (bs, be) = (doc.char_at(all.start()), doc.char_at(all.end()));
            blocked[bs..be].iter_mut().for_each(|b| *b = true);
        }
    }
    // Stock codes: the short name right before `(300846.SZ)`.
    let codes = if doc.view.contains('(') { doc.view } else { "" };
    for m in STOCK.find_iter(codes) {
        let open = doc.char_at(m.start());
        if let Some(s) = stock_name_start(ctx, open) {
            out.push(Cand {
                s,
                e: open,
                ty: Ty::Org(OrgKind::Company),
                prio: 8,
                need: Need::Nothing,
                canonical: None,
            });
        }
    }
    // Endings, and jieba's nt.
    for (i, t) in doc.tokens.iter().enumerate() {
        let word = t.word;
        let Some(last) = word.chars().last() else {
            continue;
        };
        if !is_han(last) {
            continue;
        }
        let nt_end = matches!(
            last,
            '院' | '会'
                | '社'
                | '行'
                | '所'
                | '局'
                | '部'
                | '委'
                | '办'
                | '署'
                | '厅'
                | '团'
                | '司'
                | '台'
                | '报'
                | '府'
        );
        if !nt_end && !ctx.lex.suffix_last.contains(last) {
            continue;
        }
        let wlen = word.chars().count();
        let suffix = longest_suffix(ctx, word);
        // A strict ending inside a longer word (布局, 内部) makes no name; a
        // state body's word is read below (美国政府/nt, 广州市 房管局/j,
        // 石家庄市 审计局/n).
        if suffix.is_some_and(|(slen, s)| s.strict && slen != wlen) {
            if !matches!(t.tag, "nt" | "j" | "n") {
                continue;
            }
        } else if let Some((slen, suffix)) = suffix {
            let sstart = t.end - slen;
            // A dictionary word longer than its ending: a common noun when
            // made of a descriptor and the ending (上市公司, 商业银行), whatever
            // its tag, a country being no descriptor there (美国银行); and a
            // word that merely ends like a name (人工智能) unless tagged as one.
            if slen != wlen && ctx.seg.jieba().has_word(word) {
                let head: String = word.chars().take(wlen - slen).collect();
                let descriptor = is_descriptor(&head);
                let common =
                    !ctx.lex.known.contains_key(word) && !matches!(t.tag, "nt" | "nz" | "j");
                if descriptor || common {
                    continue;
                }
            }
            // 恒生科技指数, 新能源汽车板块: an index or a sector, not a company.
            let sector = ctx.starts_with_any(t.end, &NOT_AFTER_NAME).is_some();
            // AI芯片公司Cerebras: a company described right before its
            // Latin name (not before a title: 腾讯公司CEO).
            // The Latin word is a name written in capitals and small
            // letters (Cerebras, NeuraRobotics), not an acronym (IPO, ETF)
            // or a model (MXC600).
            let described_latin = doc.tokens.get(i + 1).filter(|n| {
                word == "公司"
                    && n.start == t.end
                    && n.word.starts_with(|c: char| c.is_ascii_uppercase())
                    && n.word.chars().any(|c| c.is_ascii_lowercase())
                    && n.word.chars().all(|c| c.is_ascii_alphabetic())
                    && !ctx.lex.is_title(n.word)
            });
            if let Some(n) = described_latin {
                // Further capitalised words belong to it (Grupo MASA,
                // WhiteHawk Minerals).
                let mut e = n.end;
                while ctx.ch(e) == Some(' ')
                    && ctx.ch(e + 1).is_some_and(|c| c.is_ascii_uppercase())
                {
                    let mut k = e + 1;
                    while ctx.ch(k).is_some_and(|c| c.is_ascii_alphanumeric()) {
                        k += 1;
                    }
                    e = k;
                }
                out.push(Cand {
                    s: n.start,
                    e,
                    ty: Ty::Org(OrgKind::Company),
                    prio: 5,
                    need: Need::Nothing,
                    canonical: None,
                });
            }
            if !sector
                && described_latin.is_none()
                && let Some(s) = name_start(ctx, i, sstart, suffix.strict, suffix.weak)
            {
                // A registered name competes with the known names inside it
                // by length (银联商务支付股份有限公司 over 银联).
                let registered = is_registered(ctx.view(sstart, t.end));
                out.push(Cand {
                    s,
                    e: t.end,
                    ty: Ty::Org(suffix.kind),
                    prio: if registered { 9 } else { 8 },
                    need: Need::Nothing,
                    canonical: None,
                });
                continue;
            }
        }
        let government = matches!(last, '局' | '部' | '委' | '办' | '署' | '厅' | '府');
        if nt_end
            && (t.tag == "nt" || government && matches!(t.tag, "j" | "n"))
            && word.chars().count() >= 3
            && !compass(word)
            && !ends_in_title(ctx, word)
        {
            let kind = match last {
                _ if government => OrgKind::Government,
                '社' | '报' | '台' => OrgKind::Media,
                _ => OrgKind::Other,
            };
            // The place before a state body is part of its name (福州市
            // 公安局, 国家 中医药局); a body's common word (审计局, 房管局)
            // is a name only after one.
            let s = if government {
                if not_a_body(word) {
                    continue;
                }
                body_start(ctx, i)
            } else {
                t.start
            };
            if t.tag != "nt" && s == t.start {
                continue;
            }
            out.push(Cand {
                s,
                e: t.end,
                ty: Ty::Org(kind),
                prio: 7,
                need: Need::Nothing,
                canonical: None,
            });
        }
    }
}

/// Names right before a business verb of `org_subject_cues.tsv`
/// (`金马股份收购众泰汽车`): the name-like words left of the verb, found as
/// for an ending, with a proper name among them. Weaker than every other
/// signal: a person, a known name or a name with an ending at the same
/// place wins.
pub(super) fn subjects(ctx: &Ctx, out: &mut Vec<Cand>) {
    // A person found elsewhere in the article is not an organisation here;
    // nor is a span that a possible person's name overlaps.
    let persons: Vec<&str> = out
        .iter()
        .filter(|c| c.ty == Ty::Person && c.need == Need::Nothing)
        .map(|c| ctx.view(c.s, c.e))
        .collect();
    let person_spans: Vec<(usize, usize)> = out
        .iter()
        .filter(|c| c.ty == Ty::Person)
        .map(|c| (c.s, c.e))
        .collect();
    let mut found = Vec::new();
    for (i, t) in ctx.doc.tokens.iter().enumerate() {
        if i == 0 || !ctx.lex.subject_cues.contains(t.word) {
            continue;
        }
        // Bridge words and amounts between the name and the verb
        // (`礼来拟斥资`, `巴林铝业以22亿美元收购`): the name ends before them.
        let mut i = i;
        for _ in 0..8 {
            let Some(p) = i.checked_sub(1).and_then(|k| ctx.doc.tokens.get(k)) else {
                break;
            };
            let in_money = ctx.money.iter().any(|m| m[0] <= p.start && p.end <= m[1]);
            if !in_money && !ctx.lex.subject_bridges.contains(p.word) {
                break;
            }
            i -= 1;
        }
        if i == 0 {
            continue;
        }
        let end = ctx.doc.tokens[i].start;
        // `汇成股份公告，`: the whole clause opening before 公告 is the
        // announcing company, whatever tags its words have alone.
        let mut open = end;
        while open > 0 && end - open < 8 && is_han(ctx.chars[open - 1]) {
            open -= 1;
        }
        // A name in Latin letters before (*ST萃华) is read as before.
        let latin_before =
            open > 0 && (ctx.chars[open - 1].is_ascii_alphanumeric() || ctx.chars[open - 1] == '*');
        let clause_name =
            (open < end && !latin_before && announces(ctx, i, open) && plain_name(ctx, open, end))
                .then_some(open);
        let Some(s) = clause_name.or_else(|| name_start(ctx, i, end, false, false)) else {
            continue;
        };
        if end - s < 2 || !ctx.chars[s..end].iter().any(|&c| is_han(c)) {
            continue;
        }
        let name = ctx.view(s, end);
        let announcing = announces(ctx, i, s) && plain_name(ctx, s, end);
        if !announcing && !subject_shape(ctx, s, end) {
            continue;
        }
        // `15亿欧元收购`: a unit after an amount, not a name.
        let after_amount = s > 0 && ctx.chars[s - 1].is_ascii_digit()
            || matches!(
                ctx.ch(s.wrapping_sub(1)),
                Some('万' | '亿' | '千' | '百' | '十')
            );
        // 清澜海事局, 派诺科技: a lone character glued on the left is most
        // likely the name's own first character, cut off by the tagger.
        let cut_off = s > 0 && is_han(ctx.chars[s - 1]) && {
            let k = ctx.tok_of[s - 1];
            ctx.doc
                .tokens
                .get(k)
                .is_some_and(|p| p.end - p.start == 1 && !is_stop(p.word))
        };
        if cut_off {
            continue;
        }
        let person_inside = person_spans.iter().any(|&(ps, pe)| ps < end && s < pe);
        let described = described(ctx, name);
        // `科创板IPO获受理`, `半导体ETF`: an offering or a sector, not a name.
        let not_a_name = NOT_AFTER_NAME
            .iter()
            .chain(&["IPO"])
            .any(|w| name.ends_with(w));
        if after_amount
            || person_inside
            || described
            || not_a_name
            || persons.contains(&name)
            || is_generic(name)
        {
            continue;
        }
        let kind = longest_suffix(ctx, name).map_or(OrgKind::Company, |(_, suf)| suf.kind);
        found.push(Cand {
            s,
            e: end,
            ty: Ty::Org(kind),
            prio: 4,
            need: Need::Nothing,
            canonical: None,
        });
    }
    out.extend(found);
}

/// jieba tags of function words, verbs and adjectives: words of two or more
/// characters with one of them do not stand inside a company's name.
const FUNCTION_TAGS: [&str; 11] = ["v", "d", "a", "p", "c", "u", "r", "m", "t", "f", "q"];

/// `银河微电公告，`, `海螺水泥公告称`: a name that opens its clause and is
/// followed by 公告 and then a comma or 称 is a listed company announcing,
/// whatever words it is made of.
fn announces(ctx: &Ctx, cue: usize, s: usize) -> bool {
    let t = &ctx.doc.tokens[cue];
    if t.word != "公告" || !matches!(ctx.ch(t.end), Some('，' | ',' | '称' | '：' | ':')) {
        return false;
    }
    s == 0
        || !is_han(ctx.chars[s - 1])
        || ctx.doc.tokens.get(ctx.tok_of[s - 1]).is_some_and(|p| {
            p.end == s && matches!(p.word, "其中" | "另外" | "此外" | "同时" | "另有")
        })
}

/// A name of two to eight characters without digits, made of single
/// characters and words that are neither function words nor descriptors.
fn plain_name(ctx: &Ctx, s: usize, e: usize) -> bool {
    let len = e - s;
    if !(2..=8).contains(&len) || !ctx.chars[s..e].iter().all(|&c| is_han(c)) {
        return false;
    }
    let (first, last) = (ctx.tok_of[s], ctx.tok_of[e - 1]);
    // Before a listed company's ending (汇成股份, 汇成/v 股份) a word of any
    // tag may be the name's own.
    let ends_named = last > first && ctx.lex.suffixes.contains_key(ctx.doc.tokens[last].word);
    ctx.doc.tokens[first..=last]
        .iter()
        .enumerate()
        .all(|(k, t)| {
            let tag = ctx.tok_tag(first + k);
            t.end - t.start == 1
                || !is_generic(t.word)
                    && (!has_tag(&tag, &FUNCTION_TAGS) || ends_named && has_tag(&tag, &["v", "a"]))
        })
}

/// A subject name ends in a proper name or an ending the suffix rules know
/// (`金马股份`, not `伊朗媒体`), has a proper name that is not a place
/// (`北京` alone is not a company), and no digit (`16时`) and no verb or
/// adverb inside (`绝不允许伊朗`).
fn subject_shape(ctx: &Ctx, s: usize, e: usize) -> bool {
    const PROPER: [&str; 5] = ["nr", "nt", "nz", "j", "eng"];
    if ctx.chars[s..e].iter().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let last = ctx.tok_of[e - 1];
    // Single characters only (拓/尔/思): a name the dictionary lacks when
    // jieba's HMM reads them as one (not 官/网, a common word it lacks).
    let first = ctx.tok_of[s];
    let run = &ctx.doc.tokens[first..=last];
    if run.len() >= 2 && run.iter().all(|t| loose_piece(t.word)) {
        return hmm_name(ctx, s, e);
    }
    let mut proper = false;
    let mut k = last;
    loop {
        let Some(t) = ctx.doc.tokens.get(k) else {
            return false;
        };
        let tag = ctx.tok_tag(k);
        let known = ctx.lex.known.contains_key(t.word);
        let word_proper = known
            || tag.is_none()
            || has_tag(&tag, &PROPER) && !super::person::NOT_NAMES.contains(&t.word);
        if !known {
            let suffix = ctx.lex.suffixes.contains_key(t.word);
            if has_tag(&tag, &FUNCTION_TAGS) && t.end - t.start > 1 && !suffix {
                return false;
            }
            if k == last && !word_proper && !has_tag(&tag, &["ns"]) && !suffix {
                return false;
            }
        }
        // A place before an ending names a company (深南股份); a place
        // alone does not.
        let place = has_tag(&tag, &["ns"])
            && k != last
            && ctx.lex.suffixes.contains_key(ctx.doc.tokens[last].word);
        proper |= (word_proper || place) && !is_generic(t.word);
        if t.start <= s || k == 0 {
            return proper;
        }
        k -= 1;
    }
}

/// Characters that stand for a country at the start of a word (美政府,
/// 俄国防部).
const COUNTRY_ABBREVIATIONS: &str = "中美俄英法德日韩朝叙伊以巴印澳加意西荷越泰菲乌土";

/// Start of the name of the state body that token `i` ends: the places
/// (or 国家) right before it (福州市 公安局, 荷兰 国防部), and one word of its line
/// of work between a place and it (美国 联邦 航空局, 中国 民用 航空局).
/// A body named by a place of its own (中国政府, 美政府) or a government
/// takes no such word: `斯里兰卡 衷心感谢 中国政府` is two names.
fn body_start(ctx: &Ctx, i: usize) -> usize {
    let doc = ctx.doc;
    let t = &doc.tokens[i];
    let starts_with_place = |t: &Token| {
        t.word.starts_with(|c| COUNTRY_ABBREVIATIONS.contains(c))
            || ctx
                .seg
                .word_tag(ctx.view(t.start, t.start + 2))
                .is_some_and(|g| g.starts_with("ns"))
    };
    let mut line_of_work = starts_with_place(t) || t.word.ends_with("政府");
    let mut s = t.start;
    let mut j = i;
    while j > 0 {
        let p = &doc.tokens[j - 1];
        let len = p.end - p.start;
        if p.end != doc.tokens[j].start
            || t.end - p.start > 16
            || !wordlike(p.word)
            || is_stop(p.word)
        {
            break;
        }
        let tag = ctx.tok_tag(j - 1);
        if has_tag(&tag, &["ns"]) || p.word == "国家" {
            s = p.start;
        } else if !line_of_work
            && s == t.start
            && (2..=4).contains(&len)
            && matches!(tag.as_deref(), Some("n" | "b" | "j" | "nt"))
            && !is_generic(p.word)
            && !ctx.lex.is_title(p.word)
        {
            line_of_work = true;
            // 美国联邦/nt 航空局: the word of its line of work opens with
            // the place.
            if len >= 3 && starts_with_place(p) {
                return p.start;
            }
        } else {
            break;
        }
        j -= 1;
    }
    s
}

/// Words ending like a state body that name none: a common noun's ending
/// (新格局, 内外部), a government described rather than named (新政府,
/// 联合政府, 党和政府, 非政府组织).
fn not_a_body(word: &str) -> bool {
    const ENDINGS: [&str; 20] = [
        "格局", "布局", "结局", "大局", "全局", "时局", "变局", "僵局", "开局", "破局", "棋局",
        "骗局", "外部", "内部", "全部", "局部", "干部", "总部", "部署", "签署",
    ];
    const DESCRIBED: [&str; 11] = [
        "新", "联合", "人民", "党和", "临时", "过渡", "地方", "各级", "军", "本届", "上届",
    ];
    ENDINGS.iter().any(|e| word.ends_with(e))
        || word.starts_with('非')
        || word
            .strip_suffix("政府")
            .is_some_and(|head| DESCRIBED.contains(&head) || head.ends_with("党和"))
}

/// A word that ends in a job title (市委常委): an office, not a body.
fn ends_in_title(ctx: &Ctx, word: &str) -> bool {
    let two = word.char_indices().rev().nth(1).map_or(0, |(b, _)| b);
    ctx.lex.is_title(&word[two..])
}

/// A part of a country named by its compass points (中西部, 东南部),
/// which jieba may tag as an organisation.
fn compass(word: &str) -> bool {
    let mut cs = word.chars();
    cs.next_back();
    cs.all(|c| "东西南北中".contains(c))
}

fn longest_suffix(ctx: &Ctx, word: &str) -> Option<(usize, super::lexicon::Suffix)> {
    // Byte offsets of the last six character starts, longest ending first.
    let starts: Vec<usize> = word.char_indices().rev().take(6).map(|(b, _)| b).collect();
    starts
        .iter()
        .enumerate()
        .rev()
        .find_map(|(k, &b)| ctx.lex.suffixes.get(&word[b..]).map(|s| (k + 1, *s)))
}

/// Whether jieba's HMM reads the characters `s..e` as proper names (words
/// tagged `nr`, `ns`, `nt`, `nz` or `j`), not as a common noun (算力, 资管),
/// a verb, an adjective or a numeral.
fn hmm_name(ctx: &Ctx, s: usize, e: usize) -> bool {
    let words = ctx.seg.tag(ctx.view(s, e));
    !words.is_empty()
        && words.len() <= 2
        && words.iter().all(|w| {
            ["nr", "ns", "nt", "nz", "j"]
                .iter()
                .any(|t| w.tag.starts_with(t))
        })
}

/// Start of the name before an ending at `sstart` (inside or after token
/// `i`), or None when no proper name stands there.
fn name_start(ctx: &Ctx, i: usize, sstart: usize, strict: bool, weak: bool) -> Option<usize> {
    let doc = ctx.doc;
    let t = &doc.tokens[i];
    // Part of the token before the ending, then whole tokens to the left.
    let mut parts: Vec<(usize, usize, Option<String>, bool)> = Vec::new();
    if sstart > t.start {
        let w = ctx.view(t.start, sstart);
        parts.push((
            t.start,
            sstart,
            ctx.seg.word_tag(w),
            ctx.lex.known.contains_key(w),
        ));
    }
    let ending = ctx.view(sstart, t.end);
    let registered = is_registered(ending);
    if registered && let Some(s) = bracketed_start(ctx, sstart) {
        return Some(s);
    }
    if registered && let Some(place) = registered_place_start(ctx, i, sstart) {
        return Some(place);
    }
    let loose = |p: &(usize, usize, Option<String>, bool)| loose_piece(ctx.view(p.0, p.1));
    let mut j = i;
    let mut len = sstart - t.start;
    while j > 0 && parts.len() < 5 {
        j -= 1;
        let p = &doc.tokens[j];
        let w = p.word;
        if !wordlike(w) || is_stop(w) {
            break;
        }
        // 上市公司金马股份: the description before a name is not part of it
        // (科技股份 inside a registered name is).
        if ctx.lex.is_title(w)
            || len + (p.end - p.start) > 16
            || !registered && described(ctx, w)
            || PARTIES.iter().any(|r| w.ends_with(r))
        {
            break;
        }
        let tag = ctx.tok_tag(j);
        // Single characters side by side may be a name the dictionary
        // lacks, whatever their tags alone: decided below.
        let inner_loose = parts.last().is_some_and(loose);
        let left_loose = j > 0 && loose_piece(doc.tokens[j - 1].word);
        let in_run = loose_piece(w) && (inner_loose || left_loose);
        if !in_run && has_tag(&tag, &NAME_BREAK_TAGS) {
            break;
        }
        // A verb ends the name: what stands before it is whoever does it
        // (吕天贵 回归 中信银行, 余松现场 发布 光谷科技). It stays inside when
        // a proper name stands before it (中华 开发 资本), and registered
        // names (…有限公司) keep theirs.
        let verb = tag.as_deref() == Some("v")
            && p.end - p.start > 1
            && !ctx.lex.suffixes.contains_key(w)
            && !ctx.lex.known.contains_key(w);
        let proper_before = j > 0 && {
            let q = &doc.tokens[j - 1];
            q.end - q.start > 1
                && (ctx.lex.known.contains_key(q.word)
                    || has_tag(&ctx.tok_tag(j - 1), &["nz", "nt", "ns", "j"]))
        };
        if verb && !registered && !proper_before {
            break;
        }
        len += p.end - p.start;
        parts.push((p.start, p.end, tag, ctx.lex.known.contains_key(w)));
    }
    // A run of single characters is a name the dictionary lacks where none
    // of them is tagged as a function word or a verb alone (昀/g 冢/ng), where
    // jieba's HMM reads the run as a proper name (闻泰, 拓尔思) rather than a
    // verb, an adjective or a common noun (具身, 公募, 算力), or where a registered ending
    // (…有限公司) follows. A run that is none of these ends the name where a
    // function word stands in it.
    let mut named = vec![false; parts.len()];
    let mut k = 0;
    while k < parts.len() {
        let run = parts[k..].iter().take_while(|p| loose(p)).count();
        if run < 2 {
            k += 1;
            continue;
        }
        // parts run right to left: the run's text starts at its last part.
        let plain = parts[k..k + run]
            .iter()
            .all(|p| !has_tag(&p.2, &NAME_BREAK_TAGS) && !has_tag(&p.2, &["v", "a"]));
        if registered || plain || hmm_name(ctx, parts[k + run - 1].0, parts[k].1) {
            named[k..k + run].iter_mut().for_each(|n| *n = true);
        } else if let Some(b) = parts[k..k + run]
            .iter()
            .position(|p| has_tag(&p.2, &NAME_BREAK_TAGS))
        {
            parts.truncate(k + b);
            named.truncate(k + b);
            break;
        }
        k += run;
    }
    // A country before an ending that no company has, or before 银行, is
    // part of the name (日本橡胶贸易协会, 中国光大银行); before 公司 it
    // describes (美国芯片公司).
    let country_names = ending == "银行"
        || ctx
            .lex
            .suffixes
            .get(ending)
            .is_some_and(|s| s.kind != OrgKind::Company);
    // Drop verbs and descriptors at the left edge; but a registered name
    // that starts a clause keeps its first word whatever its tag
    // (安得智联供应链科技股份有限公司, 踏歌智行科技股份有限公司), and a name
    // of single characters keeps them all.
    while let Some((s, e, tag, known)) = parts.last() {
        let w = ctx.view(*s, *e);
        if country_names && parts.len() >= 2 && COUNTRIES.contains(&w) {
            break;
        }
        let opens_clause = *s == 0 || ctx.ch(*s - 1).is_some_and(|c| !is_han(c) && c != ' ');
        if registered && opens_clause && parts.len() >= 2 && !is_generic(w) {
            break;
        }
        if named.get(parts.len() - 1) == Some(&true) {
            break;
        }
        if !known && (has_tag(tag, &["v", "a"]) || is_generic(w)) && w.chars().all(is_han) {
            parts.pop();
        } else {
            break;
        }
    }
    let (&(start, _, _, _), first) = (parts.last()?, &parts);
    let core: usize = first.iter().map(|p| p.1 - p.0).sum();
    if core < 2 && !ctx.view(start, sstart).is_ascii() {
        return None;
    }
    let proper = |p: &(usize, usize, Option<String>, bool)| {
        let w = ctx.view(p.0, p.1);
        p.3 || (has_tag(&p.2, &["nr", "ns", "nt", "j", "eng"])
            && !super::person::NOT_NAMES.contains(&w))
            || p.2.is_none()
            || w.is_ascii()
    };
    if parts
        .iter()
        .all(|p| is_generic(ctx.view(p.0, p.1)) || has_tag(&p.2, &["ns"]))
    {
        // 中国公司 is not a name; 中国银行 and 北京大学 are.
        let place_ok = (!weak && !strict || ending == "政府")
            && !matches!(ctx.view(sstart, sstart + 2), "公司" | "集团");
        if !(place_ok && parts.iter().any(|p| has_tag(&p.2, &["ns"]))) {
            return None;
        }
    }
    // A run of single characters read as a name counts as a proper name.
    if weak && !parts.iter().zip(&named).any(|(p, &n)| n || proper(p)) {
        return None;
    }
    // A strict ending stands right after a place or organisation, or after
    // one noun of a line of work that follows one (北京市 国土资源 局); a
    // government only right after its place.
    let named_by =
        |p: &(usize, usize, Option<String>, bool)| p.3 || has_tag(&p.2, &["ns", "nt", "j"]);
    let line_of_work = |p: &(usize, usize, Option<String>, bool)| {
        (2..=4).contains(&(p.1 - p.0))
            && p.2.as_deref() == Some("n")
            && !is_generic(ctx.view(p.0, p.1))
    };
    if strict
        && !parts.first().is_some_and(named_by)
        && !(ending != "政府" && parts.len() == 2 && named_by(&parts[1]) && line_of_work(&parts[0]))
    {
        return None;
    }
    Some(start)
}

/// A registered name with its place in brackets before the line of
/// business (享道出行(上海)科技股份有限公司, 采埃孚（徐州）机械有限公司):
/// the start of the name before the brackets, when the brackets hold two
/// to four Chinese characters (a place, or 集团) and two to ten characters of words
/// that may stand in a name come before them (a verb only right before
/// the brackets).
fn bracketed_start(ctx: &Ctx, sstart: usize) -> Option<usize> {
    let han_run_back = |from: usize, most: usize| {
        let mut k = from;
        while k > 0 && from - k < most && ctx.ch(k - 1).is_some_and(is_han) {
            k -= 1;
        }
        k
    };
    let k = han_run_back(sstart, 8);
    let close = k
        .checked_sub(1)
        .filter(|&c| matches!(ctx.ch(c), Some(')' | '）')))?;
    let o = han_run_back(close, 4);
    if close - o < 2 || !matches!(o.checked_sub(1).and_then(|x| ctx.ch(x)), Some('(' | '（')) {
        return None;
    }
    let open = o - 1;
    let tokens = &ctx.doc.tokens;
    let mut j = tokens.partition_point(|t| t.end <= open);
    let mut start = open;
    while j > 0 {
        j -= 1;
        let t = &tokens[j];
        if t.end > open {
            continue;
        }
        let tag = ctx.tok_tag(j);
        // A verb right before the brackets is the name's own (享道出行);
        // further left it is whoever acts (收购).
        let stops = !wordlike(t.word)
            || is_stop(t.word)
            || ctx.lex.is_title(t.word)
            || t.word.ends_with("公司")
            || has_tag(&tag, &["p", "u", "r", "d", "c", "x", "m", "t"])
            || (has_tag(&tag, &["v"]) && t.end - t.start >= 2 && t.end < open)
            || open - t.start > 10;
        if stops {
            break;
        }
        start = t.start;
    }
    (open - start >= 2).then_some(start)
}

/// A registered name (…有限公司) opens with the place where it is
/// registered, whatever stands between (深圳市富泰和精密制造股份有限公司,
/// 杭州华大海天科技股份有限公司): the start of the run of place names (of
/// two characters or more) nearest to the left of `start` (the ending's
/// start), when only words that may stand inside a name come between, a
/// clear boundary stands before the run (punctuation, a verb or function
/// word of two characters or a stop word, a description), and the whole
/// stays within 24 characters.
fn registered_place_start(ctx: &Ctx, i: usize, start: usize) -> Option<usize> {
    let doc = ctx.doc;
    let end = doc.tokens[i].end;
    let mut place = None;
    let mut j = i;
    while j > 0 {
        j -= 1;
        let p = &doc.tokens[j];
        if p.end > start {
            continue;
        }
        let tag = ctx.tok_tag(j);
        let han = p.word.chars().all(is_han);
        let is_place = p.end - p.start >= 2 && has_tag(&tag, &["ns"]) && han;
        // A one-character place (华, 浙) continues a run but does not open it.
        if place.is_some() && !is_place && has_tag(&tag, &["ns"]) && han {
            continue;
        }
        if is_place {
            if end - p.start > 24 {
                return None;
            }
            place = Some(p.start);
            continue;
        }
        if let Some(s) = place {
            // The run must not be the inner part of a longer name
            // (厦门万泰沧海: 沧海 is no place there).
            let boundary = !han
                || is_stop(p.word)
                || ctx.lex.is_title(p.word)
                || is_generic(p.word)
                || described(ctx, p.word)
                || p.word.ends_with("公司")
                || (has_tag(&tag, &["v", "p", "c", "u", "r", "d", "t", "f", "x"])
                    && (p.end - p.start >= 2 || is_stop(p.word)));
            return (boundary && s < start).then_some(s);
        }
        // 和 and 与 may stand inside a registered name (富泰和).
        let conjunction = has_tag(&tag, &["c"]) && p.end - p.start == 1;
        let breaks = !wordlike(p.word)
            || p.word.ends_with("公司")
            || (is_stop(p.word) && !conjunction)
            || ctx.lex.is_title(p.word)
            || has_tag(&tag, &["p", "r", "u", "x", "m", "d", "t"])
            || end - p.start > 24;
        if breaks {
            return None;
        }
    }
    place.filter(|&s| s < start)
}

/// The short name right before a stock code: up to four Chinese
/// characters on word boundaries (or one Latin name).
fn stock_name_start(ctx: &Ctx, open: usize) -> Option<usize> {
    if open == 0 {
        return None;
    }
    let mut s = open;
    while s > 0
        && (ctx.chars[s - 1].is_ascii_alphanumeric() || matches!(ctx.chars[s - 1], '-' | '*'))
    {
        s -= 1;
    }
    if s < open && (s == 0 || !is_han(ctx.chars[s - 1])) {
        return Some(s);
    }
    let mut best = None;
    let mut k = s;
    while k > 0 && open - (k - 1) <= 6 && (is_han(ctx.chars[k - 1]) || ctx.chars[k - 1] == '*') {
        k -= 1;
        let w = ctx.view(k, open);
        if ctx.is_tok_start(k) && !STOP.iter().any(|st| w.starts_with(st)) && open - k >= 2 {
            let hans = ctx.chars[k..open].iter().filter(|c| is_han(**c)).count();
            if hans <= 4 {
                best = Some(k);
            }
        }
    }
    best
}

/// Latin abbreviations of market and economic terms, which organisation
/// context words (`IPO完成`, `ETF发布`) would otherwise make names of.
const MARKET_TERMS: [&str; 14] = [
    "IPO", "ETF", "ETFs", "GDP", "CPI", "PPI", "PMI", "ESG", "LPR", "REIT", "REITs", "QDII",
    "QFII", "AI",
];

/// English words that name a product, a part or a region, never a firm
/// on their own (`心响App负责人`, `企业Agent产品`).
pub(super) const LATIN_NOUNS: [&str; 14] = [
    "App",
    "Lab",
    "Labs",
    "Agent",
    "Token",
    "Mini",
    "Max",
    "Pro",
    "Plus",
    "Ultra",
    "Air",
    "Industries",
    "EMEA",
    "Emea",
];

/// Latin names: known ones are already taken; here endings (`Thrive
/// Capital`), and single words in organisation context (`创立新公司 SSI`).
pub(super) fn latin(ctx: &Ctx, out: &mut Vec<Cand>, blocked: &[bool]) {
    for (s, e) in latin_runs(ctx, blocked) {
        let text = ctx.view(s, e);
        let words: Vec<&str> = text.split([' ', '·']).collect();
        let last = words.last().copied().unwrap_or_default();
        if let Some(suf) = ctx.lex.latin_suffixes.get(last)
            && (words.len() >= 2 || !suf.weak)
            && words.len() >= 2
        {
            out.push(Cand {
                s,
                e,
                ty: Ty::Org(suf.kind),
                prio: 8,
                need: Need::Nothing,
                canonical: None,
            });
            continue;
        }
        // `Nuvei以27.5亿美元收购`: one word that buys is a firm.
        if words.len() == 1 && ctx.buys_at(ctx.skip_space_fwd(e)) {
            out.push(Cand {
                s,
                e,
                ty: Ty::Org(OrgKind::Company),
                prio: 4,
                need: Need::Nothing,
                canonical: None,
            });
            continue;
        }
        let person_shape = words.len() <= 3 && words.iter().all(|w| title_case(w));
        if person_shape {
            out.push(Cand {
                s,
                e,
                ty: Ty::Person,
                prio: if words.len() >= 2 { 6 } else { 3 },
                // Title-case words are as often a product or a firm
                // (`Coding Agent`, `Golden Gate`): a person needs context.
                need: Need::PersonContext,
                canonical: None,
            });
            if words.len() == 1 {
                out.push(Cand {
                    s,
                    e,
                    ty: Ty::Org(OrgKind::Company),
                    prio: 2,
                    need: Need::OrgContext,
                    canonical: None,
                });
            }
        } else if words.len() == 1
            && !MARKET_TERMS.contains(&text)
            && text.chars().any(|c| c.is_ascii_uppercase())
            && !text.chars().any(|c| c.is_ascii_digit())
            && text.len() >= 2
        {
            out.push(Cand {
                s,
                e,
                ty: Ty::Org(OrgKind::Company),
                prio: 2,
                need: Need::OrgContext,
                canonical: None,
            });
        }
    }
}

fn title_case(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(|c| c.is_ascii_uppercase())
        && w.len() >= 2
        && cs.all(|c| c.is_ascii_lowercase() || c == '-' || c == '\'')
}

/// Runs of Latin words (`Jan Leike`, `Thrive Capital`) outside titles and
/// known names; a run breaks where a word is blocked.
fn latin_runs(ctx: &Ctx, blocked: &[bool]) -> Vec<(usize, usize)> {
    let n = ctx.n();
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < n {
        let c = ctx.chars[i];
        if c.is_ascii_alphabetic() && (i == 0 || !ctx.chars[i - 1].is_ascii_alphanumeric()) {
            let s = i;
            while i < n
                && (ctx.chars[i].is_ascii_alphanumeric()
                    || matches!(ctx.chars[i], '&' | '\'' | '-' | '.'))
            {
                i += 1;
            }
            let mut e = i;
            while e > s + 1 && matches!(ctx.chars[e - 1], '.' | '-' | '\'') {
                let w = ctx.view(s, e);
                if w.ends_with('.') && ctx.lex.latin_suffixes.contains_key(w) {
                    break;
                }
                e -= 1;
            }
            words.push((s, e));
        } else {
            i += 1;
        }
    }
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut prev_ok = false;
    for (s, e) in words {
        let ok = !blocked[s..e].iter().any(|&b| b);
        if !ok {
            prev_ok = false;
            continue;
        }
        let joined = prev_ok
            && runs
                .last()
                .is_some_and(|&(_, pe)| s == pe + 1 && matches!(ctx.chars[pe], ' ' | '·'))
            && ctx.chars[s].is_ascii_uppercase();
        if joined {
            if let Some(r) = runs.last_mut() {
                r.1 = e;
            }
        } else {
            runs.push((s, e));
        }
        prev_ok = true;
    }
    runs
}

/// Up to this many words, [`occurrences`] searches for each on its own;
/// past it, for all at once with one automaton.
const SEARCHED_ONE_BY_ONE: usize = 16;

/// The byte offsets where each word stands in `text`, left to right, each
/// word's occurrences not overlapping each other (as a plain substring
/// search finds them). Most articles have a few short names to look for,
/// and a search per word costs less than building an automaton; a long
/// document with many is scanned once by one automaton (an NFA, the
/// cheapest kind to build), which keeps it linear in the document's length.
fn occurrences(text: &str, words: &[&str]) -> Vec<Vec<usize>> {
    if words.len() <= SEARCHED_ONE_BY_ONE {
        occurrences_one_by_one(text, words)
    } else {
        occurrences_at_once(text, words)
    }
}

fn occurrences_one_by_one(text: &str, words: &[&str]) -> Vec<Vec<usize>> {
    words
        .iter()
        .map(|w| memchr::memmem::find_iter(text.as_bytes(), w.as_bytes()).collect())
        .collect()
}

fn occurrences_at_once(text: &str, words: &[&str]) -> Vec<Vec<usize>> {
    let mut found: Vec<Vec<usize>> = vec![Vec::new(); words.len()];
    if let Ok(ac) = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::NoncontiguousNFA))
        .build(words)
    {
        for m in ac.find_overlapping_iter(text) {
            let at = &mut found[m.pattern().as_usize()];
            if at.last().is_none_or(|&b| b + m.len() <= m.start()) {
                at.push(m.start());
            }
        }
    }
    found
}

/// Shortened names of a company within the article (`兴发集团` after
/// `宜昌兴发集团有限责任公司`): found in the text and merged into the full
/// name's entry; an organisation whose name is inside a longer one's is
/// merged too.
pub(super) fn merge_short_names(
    ctx: &Ctx,
    orgs: &mut Vec<Organization>,
    org_at: &mut Vec<(Span, usize)>,
) {
    let mut plan: Vec<(usize, Vec<String>)> = Vec::new();
    for (idx, org) in orgs.iter().enumerate() {
        let full = org.normalized.as_str();
        let Some(base) = LEGAL.iter().find_map(|l| full.strip_suffix(l)) else {
            // A name found once is the same name where else it stands
            // (`【星华新材：拟收购…】` before `星华新材(301077.SZ)公告称`).
            if full.chars().count() >= 3 && full.chars().all(is_han) {
                plan.push((idx, vec![full.to_string()]));
            }
            continue;
        };
        if base.chars().count() < 2 {
            continue;
        }
        let mut shorts = vec![base.to_string()];
        // Without the line of business (芯源微智 of 芯源微智科技).
        let mut core = base;
        for w in [
            "科技", "技术", "智能", "信息", "网络", "电子", "实业", "控股", "集团", "股份", "企业",
        ] {
            if let Some(r) = core.strip_suffix(w)
                && r.chars().count() >= 2
            {
                core = r;
            }
        }
        if core != base {
            shorts.push(core.to_string());
        }
        // Without the leading place name (a dictionary word: no HMM needed).
        for form in [base, core] {
            let toks = ctx.seg.cut(form);
            if toks.len() >= 2 && toks[0].tag == "ns" {
                let rest = &form[toks[0].byte_end..];
                if rest.chars().count() >= 2 {
                    shorts.push(rest.to_string());
                }
            }
        }
        shorts.dedup();
        shorts.sort_by_key(|s| std::cmp::Reverse(s.len()));
        plan.push((idx, shorts));
    }
    let forms: Vec<&str> = plan
        .iter()
        .flat_map(|(_, shorts)| shorts.iter().map(String::as_str))
        .collect();
    let found = occurrences(ctx.doc.view, &forms);
    // Characters already inside a mention: a short form may not overlap one.
    let mut occupied = vec![false; ctx.n() + 1];
    for ([s, e], _) in org_at.iter() {
        occupied[(*s).min(ctx.n())..(*e).min(ctx.n())].fill(true);
    }
    let mut form = 0;
    for (idx, shorts) in plan {
        for short in shorts {
            for &b in &found[form] {
                let s = ctx.doc.char_at(b);
                let e = ctx.doc.char_at(b + short.len());
                if occupied[s..e].contains(&true) || !ctx.aligned(s, e) {
                    continue;
                }
                occupied[s..e].fill(true);
                orgs[idx].mentions.push([s, e]);
                org_at.push(([s, e], idx));
            }
            form += 1;
        }
    }
    // Entries whose name is inside exactly one longer name; not when the
    // longer one is introduced as a relative of another company
    // (`电投绿能公告，全资子公司贵州电投绿能新能源有限公司`) or as one being
    // set up.
    let related: Vec<bool> = orgs
        .iter()
        .map(|o| {
            o.mentions.iter().any(|m| {
                // Over a place the name was cut from (设立广东|天亿马…).
                let mut b = m[0];
                if b > 0 {
                    let k = ctx.tok_of[b - 1];
                    if ctx.doc.tokens[k].end == b && has_tag(&ctx.tok_tag(k), &["ns"]) {
                        b = ctx.doc.tokens[k].start;
                    }
                }
                let before = ctx.view(b.saturating_sub(5), b);
                RELATIVES.iter().any(|r| before.ends_with(r))
            })
        })
        .collect();
    let mut gone = vec![false; orgs.len()];
    for i in 0..orgs.len() {
        if orgs[i].canonical.is_some() || orgs[i].normalized.chars().count() < 2 {
            continue;
        }
        let holders: Vec<usize> = (0..orgs.len())
            .filter(|&j| {
                j != i
                    && !gone[j]
                    && !related[j]
                    && orgs[j].normalized.len() > orgs[i].normalized.len()
                    && orgs[j].normalized.contains(&orgs[i].normalized)
            })
            .collect();
        if let [j] = holders[..]
            && orgs[i].normalized.chars().all(is_han)
        {
            let ms = std::mem::take(&mut orgs[i].mentions);
            orgs[j].mentions.extend(ms);
            for (_, idx) in org_at.iter_mut() {
                if *idx == i {
                    *idx = j;
                }
            }
            gone[i] = true;
        }
    }
    drop_merged(orgs, org_at, &gone);
}

/// Words that name the part a company plays in a filing
/// (`信息披露义务人X有限公司`, `承包方X有限公司`): never part of its name.
const PARTIES: [&str; 12] = [
    "义务人",
    "承包方",
    "发包方",
    "受让方",
    "转让方",
    "出让方",
    "一致行动人",
    "中标人",
    "申请人",
    "债权人",
    "债务人",
    "担保人",
];

/// Words that introduce a company as another one's relative: a
/// subsidiary, a shareholder, a company being set up
/// (`天亿马公告，…设立广东天亿马数据产业有限公司`).
const RELATIVES: [&str; 13] = [
    "子公司",
    "孙公司",
    "附属公司",
    "参股公司",
    "母公司",
    "控股股东",
    "股东",
    "旗下",
    "一致行动人",
    "设立",
    "新设",
    "成立",
    "组建",
];

/// Drops the organisations marked `gone` (their mentions were merged into
/// another entry), renumbers `org_at` to the entries that remain, and puts
/// each entry's mentions in text order once.
fn drop_merged(orgs: &mut Vec<Organization>, org_at: &mut [(Span, usize)], gone: &[bool]) {
    let mut remap = vec![0usize; orgs.len()];
    let mut k = 0;
    for (i, g) in gone.iter().enumerate() {
        remap[i] = k;
        if !g {
            k += 1;
        }
    }
    let mut i = 0;
    orgs.retain(|_| {
        i += 1;
        !gone[i - 1]
    });
    for (_, idx) in org_at.iter_mut() {
        *idx = remap[*idx];
    }
    for o in orgs.iter_mut() {
        o.mentions.sort();
        o.mentions.dedup();
    }
}

/// A company that leads or joins a round right there is an investor.
pub(super) fn acting_investors(ctx: &Ctx, orgs: &mut [Organization]) {
    for o in orgs.iter_mut() {
        if o.kind != OrgKind::Company {
            continue;
        }
        let acts = o.mentions.iter().any(|m| {
            let after = ctx.skip_space_fwd(m[1]);
            let rest = ctx.view(after, after + 6);
            INVESTS.iter().any(|w| rest.starts_with(w))
                || rest.starts_with("继续参投")
                || rest.starts_with("也参投")
        });
        if acts {
            o.kind = OrgKind::Investor;
        }
    }
}

/// `月之暗面(Moonshot AI)`: a name in brackets right after an
/// organisation is another name of it.
pub(super) fn merge_parenthesized(
    ctx: &Ctx,
    orgs: &mut Vec<Organization>,
    org_at: &mut [(Span, usize)],
) {
    let mut moves: Vec<(usize, usize)> = Vec::new();
    for &(a, i) in org_at.iter() {
        if ctx.ch(a[1]) != Some('(') {
            continue;
        }
        if let Some(&(b, j)) = org_at.iter().find(|(b, _)| b[0] == a[1] + 1)
            && ctx.ch(b[1]) == Some(')')
            && i != j
            && orgs[j].mentions.iter().all(|m| *m == b)
        {
            moves.push((j, i));
        }
    }
    if moves.is_empty() {
        return;
    }
    let mut gone = vec![false; orgs.len()];
    for (j, i) in moves {
        if gone[j] || gone[i] {
            continue;
        }
        let ms = std::mem::take(&mut orgs[j].mentions);
        orgs[i].mentions.extend(ms);
        if orgs[i].canonical.is_none() {
            orgs[i].canonical = orgs[j].canonical.clone();
        }
        gone[j] = true;
        for (_, idx) in org_at.iter_mut() {
            if *idx == j {
                *idx = i;
            }
        }
    }
    drop_merged(orgs, org_at, &gone);
}

/// Legal-form endings of registered company names, longest first.
pub(super) const LEGAL: [&str; 6] = [
    "集团股份有限公司",
    "股份有限公司",
    "有限责任公司",
    "集团有限公司",
    "有限公司",
    "公司",
];

/// The name of an organisation: its first mention in the text, preferring
/// the short form an article uses over the registered one
/// (`芯源微智` over `杭州芯源微智科技有限公司`).
pub(super) fn name_from_mentions(ctx: &Ctx, orgs: &mut [Organization]) {
    for o in orgs.iter_mut() {
        o.mentions.sort();
        let legal = |m: &Span| {
            let v = ctx.view(m[0], m[1]);
            LEGAL.iter().any(|l| v.ends_with(l)) || o.canonical.as_deref() == Some(v)
        };
        let pick = o
            .mentions
            .iter()
            .find(|m| !legal(m))
            .or(o.mentions.first())
            .copied();
        if let Some(m) = pick {
            o.name = ctx.doc.clean_slice(m[0], m[1]).to_string();
            o.normalized = ctx.lex.norm(ctx.view(m[0], m[1]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn occurrences_are_the_same_one_by_one_and_at_once() {
        let text = "星河星河星河集团。星河集团与银河星河公司；河星";
        let words = [
            "星河",
            "星河集团",
            "星河星河",
            "河星",
            "星河",
            "银河星河公司",
        ];
        let one = occurrences_one_by_one(text, &words);
        assert_eq!(one, occurrences_at_once(text, &words));
        let at = |ch: usize| text.char_indices().nth(ch).unwrap().0;
        // Each word left to right, never overlapping itself; a word listed
        // twice is found twice.
        assert_eq!(one[0], vec![at(0), at(2), at(4), at(9), at(16)]);
        assert_eq!(one[1], vec![at(4), at(9)]);
        assert_eq!(one[2], vec![at(0)]);
        assert_eq!(one[3], vec![at(1), at(3), at(15), at(21)]);
        assert_eq!(one[4], one[0]);
        assert_eq!(one[5], vec![at(14)]);
        // Past the threshold the automaton serves.
        let many: Vec<String> = (0..SEARCHED_ONE_BY_ONE + 4)
            .map(|i| format!("星河{i}"))
            .collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        let long = "星河1星河12和星河3。";
        assert_eq!(
            occurrences(long, &many),
            occurrences_one_by_one(long, &many)
        );
        assert_eq!(occurrences(long, &many)[1], vec![0, 7]);
    }
}
