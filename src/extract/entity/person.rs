//! Person candidates: Chinese names (surname table, jieba's `nr` and HMM),
//! transliterated names with `·`; and the merging of partial mentions.

use super::lexicon::is_han;
use super::{Cand, Ctx, Need, Ty};
use crate::record::{Person, Span};
use crate::segment::Token;
use regex::Regex;
use std::sync::LazyLock;

static DOTTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\p{Han}{1,6}(?:[·•・]\p{Han}{1,8})+").expect("valid regex"));

/// Whether a text has one of the middle dots of DOTTED: three byte
/// searches, where asking `str::contains` for any of three characters
/// decodes every character of the article.
fn has_middle_dot(text: &str) -> bool {
    static DOTS: LazyLock<[memchr::memmem::Finder<'static>; 3]> = LazyLock::new(|| {
        ["·", "•", "・"].map(|d| memchr::memmem::Finder::new(d.as_bytes()).into_owned())
    });
    DOTS.iter().any(|d| d.find(text.as_bytes()).is_some())
}

/// Characters that do not continue a given name: function words, verbs
/// and particles that follow a name (`刘强赴`, `来到`, `袁旭拟减持`,
/// `赵丽因工作变动`), and 姓/氏 (`赵姓经理`, `左氏`).
pub(super) const NOT_GIVEN: &str = "的了在和与是说称也都对向从把被将就又还而及或等为以于之其这那个们年月日时说表示自已曾仍即\
     由到着给很并者后赴拟每姓氏因系均仍亦";

/// Characters that after a word make a place, a thing or a phrase
/// (那曲市, 屠宰品, 贺函中, 祝贺他), not the end of a given name.
const NOT_AFTER_WORD: &str = "中内外上下市省县区镇村乡品类业他她它我你";

/// Surnames that are far more often a conjunction or a preposition: after
/// a title they join or address (`班主任和心理老师`, `经理向招行`), never
/// name.
pub(super) const JOINING: &str = "和与向由";

/// Forms of address after a surname (李先生): a person, not a name.
const HONORIFICS: [&str; 6] = ["先生", "女士", "小姐", "老师", "师傅", "同学"];

/// Last characters of places, buildings and groups (张家口, 徐汇区,
/// 陶然亭, 沈阳人), which jieba's dictionary may tag as names.
const PLACE_ENDS: &str = "区路街巷村镇乡县市省州郡旗岛堡山岭峰坡沟口湖池河江海港湾洲浦井泉亭楼阁馆堂寺庙宫殿园庄屯营城桥门界线站网籍人中帮派队";

/// Characters that after a word make it part of a place's name (郑东新区).
const PLACE_AFTER: &str = "区县市省镇村乡路街";

/// Last characters of place names that given names hardly use (路 and 街
/// do: 张路).
const PLACE_MARKS: &str = "区县市省镇村乡";

/// Common words jieba tags as names.
pub(super) const NOT_NAMES: [&str; 25] = [
    "高昂", "明星", "官宣", "贺卡", "华为", "金融", "高达", "文化", "安全", "向上", "成本", "时间",
    "万元", "于是", "程序", "方向", "高管", "周期", "温和", "高位", "严重", "路演", "和平", "江湖",
    "周中",
];

/// `titles` are the article's job titles as the entity context found
/// them, aligned to words or not.
pub(super) fn candidates(ctx: &Ctx, out: &mut Vec<Cand>, titles: &[Span]) {
    let doc = ctx.doc;
    // Transliterated names joined by a middle dot: each part is made of
    // name-like words (single characters, names, places), at most five
    // characters; a verb or function word ends it (雷内·哈斯表示).
    let dotted = has_middle_dot(doc.view);
    for m in DOTTED.find_iter(if dotted { doc.view } else { "" }) {
        let ms = doc.char_at(m.start());
        let me = doc.char_at(m.end());
        let dots: Vec<usize> = (ms..me)
            .filter(|&k| matches!(ctx.chars[k], '·' | '•' | '・'))
            .collect();
        let (Some(&first), Some(&last)) = (dots.first(), dots.last()) else {
            continue;
        };
        let s = name_part_start(ctx, first, ms);
        let e = name_part_end(ctx, last + 1, me);
        if s < first && e > last + 1 {
            let canonical = [ctx.view(s, e), ctx.view(last + 1, e)]
                .iter()
                .find_map(|v| ctx.lex.known.get(*v).filter(|k| k.ty == Ty::Person))
                .and_then(|k| k.canonical.clone());
            out.push(Cand {
                s,
                e,
                ty: Ty::Person,
                prio: 8,
                need: Need::Nothing,
                canonical,
            });
        }
    }
    introduced(ctx, out, titles);
    transliterated(ctx, out);
    // Chinese names.
    let toks = &doc.tokens;
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let w = t.word;
        let wl = t.end - t.start;
        if !w.chars().all(is_han) {
            i += 1;
            continue;
        }
        if !w
            .chars()
            .next()
            .is_some_and(|c| ctx.lex.surname_first.contains(c))
        {
            i += 1;
            continue;
        }
        let cut = |k: usize| w.char_indices().nth(k).map_or(w.len(), |(b, _)| b);
        let sur1 = &w[..cut(1)];
        let sur2 = &w[..cut(2)];
        let surname = if wl >= 2 && ctx.lex.surnames.contains(sur2) {
            2
        } else if ctx.lex.surnames.contains(sur1) {
            1
        } else {
            0
        };
        if surname == 0 {
            i += 1;
            continue;
        }
        if wl > surname && wl <= surname + 2 {
            // A dictionary word that starts with a surname; a two-character
            // one runs on over a lone character that ends the name (吴子 深
            // 、 is 吴子深).
            if !NOT_NAMES.contains(&w) && t.tag.starts_with("nr") {
                let lone = wl == 2
                    && toks.get(i + 1).is_some_and(|n| {
                        n.start == t.end
                            && n.end - n.start == 1
                            && is_han(ctx.chars[n.start])
                            && !NOT_GIVEN.contains(n.word)
                    })
                    && !NOT_AFTER_WORD.contains(ctx.chars[t.end])
                    && toks.get(i + 2).is_none_or(|n| {
                        n.start != t.end + 1
                            || !is_han(ctx.chars[n.start])
                            || n.end - n.start == 1 && NOT_GIVEN.contains(n.word)
                    });
                out.push(Cand {
                    s: t.start,
                    e: if lone { t.end + 1 } else { t.end },
                    ty: Ty::Person,
                    prio: 4,
                    need: if surname == 1 && stands_alone(ctx, t, sur1) {
                        Need::Nothing
                    } else {
                        Need::PersonContext
                    },
                    canonical: None,
                });
            }
            i += 1;
            continue;
        }
        // A surname that is also a common character only starts a name
        // right after a title or a word such as 记者.
        let weak = ctx.lex.weak_surnames.contains(sur1) && surname == 1;
        let introduced = i > 0 && {
            let p = &toks[i - 1];
            ctx.lex.is_title(p.word) || matches!(p.word, "记者" | "通讯员" | "教练" | "主持人")
        };
        if weak && (!introduced || JOINING.contains(sur1)) {
            i += 1;
            continue;
        }
        if wl == surname
            && let Some(n) = toks.get(i + 1)
            && n.end - n.start == 2
            && n.word.chars().all(is_han)
            && !toks.get(i + 2).is_some_and(|m| {
                m.end - m.start == 1 && m.word.chars().all(is_han) && !NOT_GIVEN.contains(m.word)
            })
            && i.checked_sub(1).is_none_or(|p| {
                toks[p].end - toks[p].start > 1 || !toks[p].word.chars().all(is_han)
            })
        {
            // 郭 + 建设: a name whose given name is also a word, in context.
            out.push(Cand {
                s: t.start,
                e: n.end,
                ty: Ty::Person,
                prio: 3,
                need: Need::PersonContext,
                canonical: None,
            });
        }
        if wl == surname {
            // The surname alone, then single characters: let the HMM group
            // the clause around it.
            let next_single = toks.get(i + 1).is_some_and(|n| {
                n.end - n.start == 1 && n.word.chars().all(is_han) && !NOT_GIVEN.contains(n.word)
            });
            if next_single && let Some((e, known)) = hmm_name(ctx, i) {
                // A lone surname character jieba tags as a name right
                // before a two-character name starts it (丁 薛祥).
                let before = i.checked_sub(1).map(|p| &toks[p]).filter(|p| {
                    e - t.start == 2
                        && p.end == t.start
                        && p.end - p.start == 1
                        && p.tag == "nr"
                        && ctx.lex.surnames.contains(p.word)
                        && i.checked_sub(2).is_none_or(|q| {
                            toks[q].end - toks[q].start > 1 || !toks[q].word.chars().all(is_han)
                        })
                });
                out.push(Cand {
                    s: before.map_or(t.start, |p| p.start),
                    e,
                    ty: Ty::Person,
                    prio: 4,
                    need: if known || weak || !plausible(ctx, t.start, e) {
                        Need::PersonContext
                    } else {
                        Need::Nothing
                    },
                    canonical: None,
                });
            }
        }
        i += 1;
    }
}

/// Whether a dictionary name needs no context: three characters tagged
/// `nr` (李克强, 彭丽媛), after a one-character surname `sur1` that is neither a
/// common character (`weak`) nor one of transliterations, given
/// characters that are not both transliteration characters (孟菲斯), no
/// form of address (李先生), and nothing that makes it a place: its last
/// character (张家口, 徐汇区) or the next one (郑东新区). Jieba tags
/// many places and common words `nr`; `rules/dict/not-names.txt` re-tags
/// those that stand in the news.
fn stands_alone(ctx: &Ctx, t: &Token, sur1: &str) -> bool {
    let w = t.word;
    let mut cs = w.chars();
    let (Some(first), Some(_), Some(last), None) = (cs.next(), cs.next(), cs.next(), cs.next())
    else {
        return false;
    };
    t.tag == "nr"
        && !TRANS_SET.contains(first)
        && !w.chars().skip(1).all(|c| TRANS_SET.contains(c))
        && !ctx.lex.weak_surnames.contains(sur1)
        && !HONORIFICS.contains(&&w[sur1.len()..])
        && !PLACE_ENDS.contains(last)
        && !ctx.ch(t.end).is_some_and(|c| PLACE_AFTER.contains(c))
        && plausible_as(ctx, t.start, t.end, true)
}

/// A name the HMM found is not a word the dictionary knows otherwise
/// (盘口 in 盘口低), does not end in 某, and is not a place: it does not
/// end in a village, township or county (洪溪村, 班洪乡) nor stand before
/// one (洪城大市场, but 王伟市长).
fn plausible(ctx: &Ctx, s: usize, e: usize) -> bool {
    plausible_as(ctx, s, e, false)
}

fn plausible_as(ctx: &Ctx, s: usize, e: usize, dictionary: bool) -> bool {
    let two = ctx.view(s, s + 2);
    let tail = ctx.view(s + 1, e);
    let word_not_name = |w: &str| ctx.seg.word_tag(w).is_some_and(|t| !t.starts_with("nr"));
    // A dictionary name may end in a rare noun (周星驰: 星驰/nz, 范冰冰:
    // 冰冰/z), not a common word (这段时间: 段时间/nr, 京沈高速: 沈高速/nr)
    // nor a verb or a time (中韩建交: 韩建交/nr, 贺新年/nr).
    let common = |w: &str| {
        !dictionary
            || ctx.seg.word_freq(w).is_some_and(|f| f >= 1000)
            || ctx
                .seg
                .word_tag(w)
                .is_some_and(|t| t.starts_with('v') || t == "t")
    };
    let three_word = e - s == 3 && word_not_name(tail) && common(tail);
    let abbreviation = e - s == 2 && ctx.ch(s + 1).is_some_and(|c| NOT_SHORT_GIVEN.contains(c));
    let place = ctx.ch(e - 1).is_some_and(|c| PLACE_MARKS.contains(c))
        || ctx.ch(e).is_some_and(|c| PLACE_MARKS.contains(c)) && ctx.ch(e + 1) != Some('长');
    !(word_not_name(two) || three_word || abbreviation || place || ctx.view(s, e).ends_with('某'))
}

/// Characters that after a surname character make a news abbreviation
/// (惠企, 房企, 普惠性, 卜省, 蒙中, 余人, 周度, 周线, 马方) far more often than a
/// two-character name.
const NOT_SHORT_GIVEN: &str = "企性股省中电情度线人瓦播寨圈方";

fn name_like_token(ctx: &Ctx, k: usize) -> bool {
    let t = &ctx.doc.tokens[k];
    if !t.word.chars().all(is_han) {
        return false;
    }
    if t.end - t.start == 1 {
        return !NOT_GIVEN.contains(t.word);
    }
    ctx.tok_tag(k)
        .is_none_or(|g| g.starts_with("nr") || g.starts_with("ns") || g == "nz")
}

/// Start of the name part that ends at the dot `dot` (not before `min`).
fn name_part_start(ctx: &Ctx, dot: usize, min: usize) -> usize {
    let mut s = dot;
    while s > min {
        let k = ctx.tok_of[s - 1];
        if k == usize::MAX || !name_like_token(ctx, k) {
            break;
        }
        let ts = ctx.doc.tokens[k].start.max(min);
        // jieba tags some titles as names (顾问/nr): a title ends the part.
        if dot - ts > 5 || ctx.lex.is_title(ctx.doc.tokens[k].word) {
            break;
        }
        s = ts;
    }
    s
}

/// End of the name part that starts after the last dot (not after `max`).
fn name_part_end(ctx: &Ctx, from: usize, max: usize) -> usize {
    let mut e = from;
    while e < max {
        let k = ctx.tok_of[e];
        if k == usize::MAX || !name_like_token(ctx, k) {
            break;
        }
        let te = ctx.doc.tokens[k].end.min(max);
        if te - from > 5 {
            break;
        }
        e = te;
    }
    e
}

/// Names right after a title or a byline (`首席执行官李䶮`, `（记者 罗江）`,
/// `作者：高原`): a surname and one or two more characters, trusted without
/// the HMM.
fn introduced(ctx: &Ctx, out: &mut Vec<Cand>, titles: &[Span]) {
    // Where a name may start, and whether a byline introduces it.
    // A title that lies inside one longer word introduces nobody
    // (顾问公司, 主席国); one that only runs into the next word may
    // (主任 何立峰, 院长 江小涓).
    let inside_word = |s: usize, e: usize| {
        let k = ctx.tok_of.get(e).copied().unwrap_or(usize::MAX);
        k != usize::MAX
            && ctx.tok_of[s] == k
            && ctx.tok_tag(k).is_some_and(|g| !g.starts_with("nr"))
    };
    let mut starts: Vec<(usize, bool)> = titles
        .iter()
        .filter(|&&[s, e]| !inside_word(s, e))
        .map(|&[_, e]| (e, false))
        .collect();
    for w in ["记者", "作者:", "作者：", "通讯员", "编辑"] {
        for b in memchr::memmem::find_iter(ctx.doc.view.as_bytes(), w) {
            starts.push((ctx.doc.char_at(b + w.len()), true));
        }
    }
    let n = ctx.n();
    while let Some((p, byline)) = starts.pop() {
        let p = ctx.skip_space_fwd(p);
        if p >= n || !is_han(ctx.chars[p]) {
            continue;
        }
        let sur = if p + 1 < n && ctx.lex.surnames.contains(ctx.view(p, p + 2)) {
            2
        } else if ctx.lex.surnames.contains(ctx.view(p, p + 1)) && !JOINING.contains(ctx.chars[p]) {
            1
        } else {
            continue;
        };
        // `主席强调`, `记者关注到`: a verb, adverb or adjective that starts
        // with the surname is no name, nor is a surname that is also a
        // common character before a verb (`总书记曾来到`; but `张勇于`).
        // Nouns are not refused: the dictionary tags foreign names as
        // places or proper nouns (普京 ns, 万斯 nz).
        let tagged = |i: usize, tags: &[&str]| {
            ctx.word_tag_at(i)
                .is_some_and(|t| tags.iter().any(|f| t.starts_with(f)))
        };
        let weak = sur == 1 && ctx.lex.weak_surnames.contains(ctx.view(p, p + 1));
        // After a title a common noun is no name either (`总统战略引领`,
        // `合伙人信息显示`, `总书记党中央`); a byline may sign with one (高原).
        let common_noun = !byline
            && ctx.word_tag_at(p).is_some_and(|t| {
                !["nr", "ns", "nz", "j", "eng"]
                    .iter()
                    .any(|f| t.starts_with(f))
            });
        if tagged(p, &["v", "d", "a", "p", "c", "u"])
            || weak && tagged(p + sur, &["v", "p", "c", "u", "d"])
        {
            continue;
        }
        let mut e = p + sur;
        while e < n && e - p < sur + 2 {
            let c = ctx.chars[e];
            if !is_han(c) || NOT_GIVEN.contains(c) {
                break;
            }
            // A word starting here that is not part of a name ends it.
            let k = ctx.tok_of[e];
            if k != usize::MAX {
                let t = &ctx.doc.tokens[k];
                if t.start == e && t.end - t.start >= 2 && e - p > sur {
                    break;
                }
                // Nor does a given name open with a longer word that is not
                // a name (`顾问成 华尔街`), unless all is a transliteration
                // (`负责人古 德斯坦`).
                if t.start == e
                    && t.end - t.start >= 3
                    && ctx.tok_tag(k).is_some_and(|g| !g.starts_with("nr"))
                    && !all_trans(ctx, p, t.end)
                {
                    break;
                }
            }
            e += 1;
        }
        if e - p <= sur {
            continue;
        }
        // A foreign name runs on: a dictionary name (卢卡申科) or
        // transliteration characters (古特雷斯, 阿拉格齐), to six characters.
        let k = ctx.tok_of[p];
        if let Some(t) = ctx.doc.tokens.get(k).filter(|t| {
            t.start == p
                && t.end > e
                && t.end - p <= 6
                && ctx.tok_tag(k).is_some_and(|g| g.starts_with("nr"))
        }) {
            e = t.end;
        } else if all_trans(ctx, p, e) {
            while e < n
                && e - p < 6
                && TRANS_SET.contains(ctx.chars[e])
                && ctx.word_tag_at(e).is_none_or(|t| t.starts_with("nr"))
            {
                e += 1;
            }
        }
        // A common character as surname does not open with a common noun
        // (`记者通话时`, `部长通话谈`), unless a foreign name runs on (海格 塞斯).
        if common_noun && weak && !(e - p >= 3 && all_trans(ctx, p, e)) {
            continue;
        }
        // The common noun may still open a longer name (部长黄润秋), when
        // the name ends with a word and not inside one (`高度重|视`).
        if common_noun {
            let word_end = ctx.doc.tokens.get(k).map_or(p, |t| t.end);
            let last = ctx.doc.tokens.get(ctx.tok_of[e - 1]).map_or(e, |t| t.end);
            if word_end >= e || last > e {
                continue;
            }
        }
        out.push(Cand {
            s: p,
            e,
            ty: Ty::Person,
            prio: 6,
            need: Need::Nothing,
            canonical: None,
        });
        // Two bylines in a row: （记者 高翔 许诺）.
        if ctx.ch(e) == Some(' ') {
            starts.push((e, byline));
        }
    }
}

/// Whether token `n` leaves a given name ending at `at`: it starts later,
/// is a word, is not Chinese, or is a function word (`张明渝的`).
fn ends_given(ctx: &Ctx, n: &Token, at: usize) -> bool {
    n.start != at
        || n.end - n.start >= 2
        || !is_han(ctx.chars[n.start])
        || NOT_GIVEN.contains(n.word)
}

/// Characters of transliterated foreign names.
const TRANS: &str = "阿埃艾安昂奥澳巴拜班邦鲍贝本比彼毕波伯博布查达戴丹德迪蒂丁杜多厄尔恩法菲费芬夫弗福伏盖甘戈格古哈海汉豪赫亨胡华霍基吉加贾杰金卡凯坎康考柯科克肯库奎拉莱兰朗劳勒雷蕾里理利丽连廉列林琳隆卢鲁路伦罗洛略玛马迈麦曼梅门蒙米密敏莫姆穆纳娜奈内尼妮涅纽诺欧帕派潘佩皮普齐奇乔切琼丘萨塞赛桑瑟森沙莎尚舍施史什斯松苏索塔泰坦汤特提廷托瓦娃万威韦维温沃乌伍武西希谢辛休逊雅亚扬耶伊因英尤约扎泽詹兹佐茨翰";

static TRANS_SET: LazyLock<super::lexicon::CharSet> = LazyLock::new(|| TRANS.chars().collect());

/// Whether the characters `s..e` are all transliteration characters.
pub(super) fn all_trans(ctx: &Ctx, s: usize, e: usize) -> bool {
    ctx.chars[s..e].iter().all(|&c| TRANS_SET.contains(c))
}

/// Foreign names written in Chinese without a dot (托雷斯, 奥巴马): three
/// or more transliteration characters that are not a known place.
fn transliterated(ctx: &Ctx, out: &mut Vec<Cand>) {
    let toks = &ctx.doc.tokens;
    let mut i = 0;
    while i < toks.len() {
        let trans = |w: &str| w.chars().all(|c| TRANS_SET.contains(c));
        if !trans(toks[i].word) || !toks[i].word.chars().all(is_han) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < toks.len() && trans(toks[j + 1].word) && toks[j + 1].end - toks[i].start <= 5
        {
            j += 1;
        }
        let (s, e) = (toks[i].start, toks[j].end);
        if e - s >= 3 {
            let tag = if i == j { ctx.tok_tag(i) } else { None };
            let whole_words = (i..=j)
                .filter(|&k| toks[k].end - toks[k].start >= 2)
                .count();
            let ok = match tag.as_deref() {
                Some(t) => t.starts_with("nr"),
                None => {
                    // The words must be names; the single characters
                    // between them are transliteration characters whatever
                    // their tag (马扎/nr 里/f, 阿斯/nrt 森/n 蒂斯/nrt).
                    whole_words == 0
                        || (i..=j)
                            .filter(|&k| toks[k].end - toks[k].start >= 2)
                            .all(|k| ctx.tok_tag(k).is_none_or(|t| t.starts_with("nr")))
                }
            };
            if ok {
                // Four characters or more outrank a surname and the
                // rest (泽连斯基 over 连斯基).
                out.push(Cand {
                    s,
                    e,
                    ty: Ty::Person,
                    prio: if e - s >= 4 { 4 } else { 3 },
                    need: if tag.is_some() {
                        Need::Nothing
                    } else {
                        Need::PersonContext
                    },
                    canonical: None,
                });
            }
        }
        i = j + 1;
    }
}

/// End of the name starting at token `i` (a surname), from the HMM's
/// reading of the clause around it.
fn hmm_name(ctx: &Ctx, i: usize) -> Option<(usize, bool)> {
    let toks = &ctx.doc.tokens;
    let start = toks[i].start;
    // jieba's HMM regroups runs of single characters: the run that starts
    // with the surname is all it needs to see.
    let mut b = i + 1;
    while b < toks.len()
        && b - i < 6
        && toks[b].end - toks[b].start == 1
        && toks[b].word.chars().all(is_han)
    {
        b += 1;
    }
    let run = ctx.view(start, toks[b - 1].end);
    let offset = 0usize;
    let mut pos = 0usize;
    for t in ctx.seg.jieba().cut(run, true) {
        let len = t.word.chars().count();
        if pos == offset {
            let given = len.saturating_sub(1);
            let good_len = (2..=3).contains(&len);
            let known = ctx.seg.jieba().has_word(t.word);
            let name_like = !known
                || ctx
                    .seg
                    .word_tag(t.word)
                    .is_some_and(|g| g.starts_with("nr"));
            if good_len && name_like && given >= 1 && !NOT_NAMES.contains(&t.word) {
                let last = t.word.chars().last().unwrap_or(' ');
                if NOT_GIVEN.contains(last) {
                    return None;
                }
                // 郭谨 + 一 + 表示: a lone character between a two-character
                // name and a word is the end of the given name.
                let end = start + len;
                let lone = len == 2
                    && b > i + 2
                    && toks
                        .get(i + 2)
                        .is_some_and(|n| n.start == end && !NOT_GIVEN.contains(n.word))
                    && toks.get(i + 3).is_none_or(|n| ends_given(ctx, n, end + 1));
                return Some((if lone { end + 1 } else { end }, known));
            }
            return None;
        }
        pos += len;
        if pos > offset {
            return None;
        }
    }
    None
}

/// Merges partial mentions: a Latin word that is the first or last word of
/// exactly one longer Latin name (`Murati`, `Mira Murati`), and `秦总` /
/// `秦董` after a full name with that surname when only one person has it.
pub(super) fn merge(ctx: &Ctx, mut persons: Vec<Person>) -> Vec<Person> {
    let mut gone = vec![false; persons.len()];
    for i in 0..persons.len() {
        let name = persons[i].normalized.clone();
        if !name.is_ascii() || name.contains(' ') {
            continue;
        }
        let holders: Vec<usize> = (0..persons.len())
            .filter(|&j| {
                j != i && !gone[j] && {
                    let words: Vec<&str> = persons[j].normalized.split([' ', '·']).collect();
                    words.len() >= 2
                        && (words.first() == Some(&name.as_str())
                            || words.last() == Some(&name.as_str()))
                }
            })
            .collect();
        if let [j] = holders[..] {
            let ms = std::mem::take(&mut persons[i].mentions);
            let ts = std::mem::take(&mut persons[i].titles);
            persons[j].mentions.extend(ms);
            for t in ts {
                if !persons[j].titles.contains(&t) {
                    persons[j].titles.push(t);
                }
            }
            gone[i] = true;
        }
    }
    let mut k = 0;
    persons.retain(|_| {
        k += 1;
        !gone[k - 1]
    });
    // 秦总 after 秦湘.
    let mut by_surname: std::collections::HashMap<String, Vec<usize>> = Default::default();
    for (i, p) in persons.iter().enumerate() {
        let n: Vec<char> = p.normalized.chars().collect();
        let title_form = n.len() == 2 && matches!(n[1], '总' | '董');
        if (2..=3).contains(&n.len()) && n.iter().all(|&c| is_han(c)) && !title_form {
            by_surname.entry(n[0].to_string()).or_default().push(i);
        }
    }
    // An entry that is only the surname form joins the full name.
    let mut gone = vec![false; persons.len()];
    for i in 0..persons.len() {
        let n: Vec<char> = persons[i].normalized.chars().collect();
        if n.len() == 2
            && matches!(n[1], '总' | '董')
            && let Some([j]) = by_surname.get(&n[0].to_string()).map(|v| &v[..])
        {
            let ms = std::mem::take(&mut persons[i].mentions);
            persons[*j].mentions.extend(ms);
            gone[i] = true;
        }
    }
    for (sur, list) in &by_surname {
        let [idx] = list[..] else { continue };
        for suffix in ["总", "董"] {
            let pat = format!("{sur}{suffix}");
            for b in memchr::memmem::find_iter(ctx.doc.view.as_bytes(), &pat) {
                let s = ctx.doc.char_at(b);
                let e = s + 2;
                let next = ctx.ch(e);
                let free = next.is_none_or(|c| {
                    !is_han(c) || "表称说认在的和也对向指介透强告坦回提等".contains(c)
                });
                let prev_free = s == 0 || !is_han(ctx.chars[s - 1]) || ctx.is_tok_start(s);
                if free && prev_free && !persons[idx].mentions.iter().any(|m| m[0] < e && s < m[1])
                {
                    persons[idx].mentions.push([s, e]);
                }
            }
        }
    }
    let mut k = 0;
    persons.retain(|_| {
        k += 1;
        !gone[k - 1]
    });
    for p in &mut persons {
        p.mentions.sort();
        p.mentions.dedup();
    }
    persons.sort_by_key(|p| p.mentions.first().copied());
    persons
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn middle_dots_are_found_and_other_punctuation_is_not() {
        for name in ["凯文·沃什表示", "雷内•哈斯", "アン・リー来访"] {
            assert!(has_middle_dot(name), "{name}");
        }
        // 。、「」 and — share lead bytes with the dots but are none.
        assert!(!has_middle_dot("公司表示。「合作」、继续——推进"));
        assert!(!has_middle_dot(""));
    }
}
