//! The entity rule data: known names, aliases, titles, surnames and
//! organisation endings, loaded once from `rules/`.

use super::Ty;
use crate::normalize::{Normalizer, normalize_name};
use crate::record::OrgKind;
use crate::rules::{RuleError, RuleFile, RuleSet};
use crate::segment::UserWord;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
// The tables are asked about every word of every article: FxHash, not
// SipHash (the keys come from the rule files, not from the articles).
use rustc_hash::{FxHashMap, FxHashSet};

/// A name the rules know.
#[derive(Debug, Clone)]
pub struct Known {
    pub ty: Ty,
    pub canonical: Option<String>,
    /// Also a common word: accepted only in a business context.
    pub ambiguous: bool,
}

#[derive(Debug, Clone, Copy)]
pub struct Suffix {
    pub kind: OrgKind,
    /// Whole word after a place or organisation only.
    pub strict: bool,
    /// Needs a proper name before it.
    pub weak: bool,
}

pub struct Lexicon {
    pub normalizer: Normalizer,
    pub known: FxHashMap<String, Known>,
    pub known_ac: AhoCorasick,
    pub known_keys: Vec<String>,
    pub titles: AhoCorasick,
    pub title_list: Vec<String>,
    pub title_set: FxHashSet<String>,
    pub surnames: FxHashSet<String>,
    /// Surnames that are also common in other words: names need context.
    pub weak_surnames: FxHashSet<String>,
    pub suffixes: FxHashMap<String, Suffix>,
    /// Last characters of the suffixes, to skip most words at once.
    pub suffix_last: CharSet,
    /// First characters of the surnames.
    pub surname_first: CharSet,
    pub latin_suffixes: FxHashMap<String, Suffix>,
    /// Canonical names by normalized variant.
    pub aliases: FxHashMap<String, String>,
    /// Verbs after which a name is an acting organisation.
    pub subject_cues: FxHashSet<String>,
    /// Words that may stand between the name and its verb (拟, 以).
    pub subject_bridges: FxHashSet<String>,
    /// Words right before a name that show it is a person's (球员, 记者).
    pub person_before: Vec<String>,
    /// Words right after a name that show it is a person's (表示, 辞去).
    pub person_after: Vec<String>,
}

pub fn parse_kind(file: &RuleFile, n: usize, s: &str) -> Result<(Ty, bool), RuleError> {
    let (s, ambiguous) = match s.strip_suffix('?') {
        Some(k) => (k, true),
        None => (s, false),
    };
    let ty = match s {
        "company" => Ty::Org(OrgKind::Company),
        "media" => Ty::Org(OrgKind::Media),
        "government" => Ty::Org(OrgKind::Government),
        "investor" => Ty::Org(OrgKind::Investor),
        "other" => Ty::Org(OrgKind::Other),
        "person" => Ty::Person,
        _ => {
            return Err(file.error(
                n,
                format!("unknown kind {s:?} (company, media, government, investor, other, person)"),
            ));
        }
    };
    Ok((ty, ambiguous))
}

fn kind_of_source(source: &str) -> OrgKind {
    if source.contains("media") {
        OrgKind::Media
    } else if source.contains("invest") {
        OrgKind::Investor
    } else if source.contains("gov") {
        OrgKind::Government
    } else if source.contains("other") {
        OrgKind::Other
    } else {
        OrgKind::Company
    }
}

impl Lexicon {
    pub fn new(rules: &RuleSet, user_words: &[UserWord]) -> Result<Lexicon, RuleError> {
        let normalizer = Normalizer::new();
        let norm = |s: &str| normalize_name(&normalizer, s);
        let mut known: FxHashMap<String, Known> = FxHashMap::default();
        // User dictionaries: nt organisations, nr people.
        for w in user_words {
            let ty = match w.tag.as_deref() {
                Some("nt") => Ty::Org(kind_of_source(&w.source)),
                Some(t) if t.starts_with("nr") => Ty::Person,
                _ => continue,
            };
            known.insert(
                norm(&w.word),
                Known {
                    ty,
                    canonical: None,
                    ambiguous: false,
                },
            );
        }
        let file = rules.require("org_kinds.tsv")?;
        for (n, row) in file.rows(2, 2)? {
            let (ty, ambiguous) = parse_kind(file, n, row[1])?;
            known.insert(
                norm(row[0]),
                Known {
                    ty,
                    canonical: None,
                    ambiguous,
                },
            );
        }
        let mut aliases = FxHashMap::default();
        let file = rules.require("aliases.tsv")?;
        for (n, row) in file.rows(3, 64)? {
            let (ty, ambiguous) = parse_kind(file, n, row[1])?;
            let canonical = row[0].to_string();
            for v in std::iter::once(row[0]).chain(row[2..].iter().copied()) {
                if v.is_empty() {
                    return Err(file.error(n, "empty variant"));
                }
                let key = norm(v);
                if let Some(prev) = aliases.get(&key)
                    && prev != &canonical
                {
                    return Err(file.error(n, format!("{v:?} is already a variant of {prev:?}")));
                }
                aliases.insert(key.clone(), canonical.clone());
                known.insert(
                    key,
                    Known {
                        ty,
                        canonical: Some(canonical.clone()),
                        ambiguous,
                    },
                );
            }
        }
        let mut known_keys: Vec<String> = known.keys().cloned().collect();
        known_keys.sort();
        let known_ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&known_keys)
            .map_err(|e| file.file_error(e.to_string()))?;

        let file = rules.require("titles.tsv")?;
        let mut title_list = Vec::new();
        for (_, row) in file.rows(1, 1)? {
            title_list.push(norm(row[0]));
        }
        let titles = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&title_list)
            .map_err(|e| file.file_error(e.to_string()))?;

        let file = rules.require("surnames.tsv")?;
        let mut surnames = FxHashSet::default();
        let mut weak_surnames = FxHashSet::default();
        for (n, row) in file.rows(1, 2)? {
            match row.get(1).copied() {
                None => {}
                Some("context") => {
                    weak_surnames.insert(row[0].to_string());
                }
                Some(f) => return Err(file.error(n, format!("unknown flag {f:?} (context)"))),
            }
            let c = row[0].chars().count();
            if !(1..=2).contains(&c) || !row[0].chars().all(is_han) {
                return Err(file.error(n, "a surname is one or two Chinese characters"));
            }
            surnames.insert(row[0].to_string());
        }

        let file = rules.require("org_suffixes.tsv")?;
        let mut suffixes = FxHashMap::default();
        let mut latin_suffixes = FxHashMap::default();
        for (n, row) in file.rows(2, 3)? {
            let (ty, _) = parse_kind(file, n, row[1])?;
            let Ty::Org(kind) = ty else {
                return Err(file.error(n, "a suffix gives an organisation kind"));
            };
            let flag = row.get(2).copied().unwrap_or("");
            if !matches!(flag, "" | "strict" | "weak") {
                return Err(file.error(n, format!("unknown flag {flag:?} (strict, weak)")));
            }
            let s = Suffix {
                kind,
                strict: flag == "strict",
                weak: flag == "weak",
            };
            if row[0].is_ascii() {
                latin_suffixes.insert(row[0].to_string(), s);
            } else {
                suffixes.insert(norm(row[0]), s);
            }
        }
        let file = rules.require("org_subject_cues.tsv")?;
        let (mut subject_cues, mut subject_bridges) = (FxHashSet::default(), FxHashSet::default());
        for (n, row) in file.rows(1, 2)? {
            if !row[0].chars().all(is_han) {
                return Err(file.error(n, "a cue is a word of Chinese characters"));
            }
            match row.get(1).copied() {
                None => subject_cues.insert(norm(row[0])),
                Some("bridge") => subject_bridges.insert(norm(row[0])),
                Some(other) => {
                    return Err(file.error(n, format!("{other:?} is not `bridge`")));
                }
            };
        }

        let file = rules.require("person_cues.tsv")?;
        let (mut person_before, mut person_after) = (Vec::new(), Vec::new());
        for (n, row) in file.rows(2, 2)? {
            // As written: the view keeps full-width punctuation (：).
            let word = row[0].to_string();
            if word.chars().count() > 8 {
                return Err(file.error(n, "a cue is at most eight characters"));
            }
            let list = match row[1] {
                "before" => &mut person_before,
                "after" => &mut person_after,
                other => return Err(file.error(n, format!("{other:?} is not `before` or `after`"))),
            };
            if list.contains(&word) {
                return Err(file.error(n, format!("{word:?} is listed twice")));
            }
            list.push(word);
        }

        let suffix_last = suffixes.keys().filter_map(|k| k.chars().last()).collect();
        let surname_first = surnames.iter().filter_map(|k| k.chars().next()).collect();
        Ok(Lexicon {
            normalizer,
            known,
            known_ac,
            known_keys,
            titles,
            title_set: title_list.iter().cloned().collect(),
            title_list,
            surnames,
            weak_surnames,
            suffix_last,
            surname_first,
            suffixes,
            latin_suffixes,
            aliases,
            subject_cues,
            subject_bridges,
            person_before,
            person_after,
        })
    }

    pub fn norm(&self, s: &str) -> String {
        normalize_name(&self.normalizer, s)
    }

    pub fn canonical(&self, normalized: &str) -> Option<String> {
        self.aliases.get(normalized).cloned()
    }

    pub fn is_title(&self, s: &str) -> bool {
        self.title_set.contains(s)
    }
}

pub fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

pub use crate::text::CharSet;
