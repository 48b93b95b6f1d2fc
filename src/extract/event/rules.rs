//! Parsing and checking `rules/events.toml` (its format is documented at
//! the top of that file).

use crate::record::OrgKind;
use crate::rules::{RuleError, RuleFile};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use toml::Spanned;

pub const FILE: &str = "events.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDef {
    settings: SettingsDef,
    status: StatusDef,
    #[serde(default)]
    guess: GuessDef,
    #[serde(rename = "event", default)]
    events: Vec<EventDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingsDef {
    clause_delimiters: Spanned<String>,
    list_separators: Spanned<String>,
    list_gap: usize,
    #[serde(default)]
    anaphora: Vec<Spanned<String>>,
    #[serde(default)]
    ignore_org_kinds: Vec<Spanned<String>>,
    #[serde(default)]
    ignore_org_suffixes: Vec<Spanned<String>>,
}

/// What a guessed name (`guess = true` roles) may not contain or be.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct GuessDef {
    #[serde(default)]
    stop_chars: String,
    #[serde(default)]
    skip_chars: String,
    #[serde(default)]
    stop_words: Vec<Spanned<String>>,
    #[serde(default)]
    reject: Vec<Spanned<String>>,
    #[serde(default)]
    word_tags: Vec<Spanned<String>>,
    #[serde(default)]
    char_tags: Vec<Spanned<String>>,
    #[serde(default)]
    proper_tags: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusDef {
    window: usize,
    after_window: usize,
    #[serde(default)]
    negated: Vec<Spanned<String>>,
    #[serde(default)]
    withdrawn: Vec<Spanned<String>>,
    #[serde(default)]
    forecast: Vec<Spanned<String>>,
    #[serde(default)]
    withdrawn_after: Vec<Spanned<String>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EventDef {
    #[serde(rename = "type")]
    kind: Spanned<String>,
    subject: Option<Spanned<String>>,
    triggers: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    traps: Vec<Spanned<String>>,
    #[serde(default)]
    require: Vec<Spanned<String>>,
    #[serde(default)]
    forecast_if_missing: Vec<Spanned<String>>,
    #[serde(default = "yes")]
    merge_without_subject: bool,
    #[serde(default)]
    inherit_subject: bool,
    #[serde(default)]
    objects_follow: bool,
    #[serde(default)]
    yield_to: Vec<Spanned<String>>,
    #[serde(default)]
    yield_triggers: Vec<Spanned<String>>,
    #[serde(default)]
    other_party: Vec<Spanned<String>>,
    #[serde(rename = "role", default)]
    roles: Vec<RoleDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleDef {
    name: Spanned<String>,
    fill: Spanned<String>,
    #[serde(default)]
    cues: Vec<Spanned<String>>,
    side: Option<Spanned<String>>,
    scope: Option<Spanned<String>>,
    cue_scope: Option<Spanned<String>>,
    max_gap: Option<usize>,
    #[serde(default)]
    words: Vec<Spanned<String>>,
    labels: Option<Spanned<BTreeMap<String, String>>>,
    #[serde(default)]
    reject: Vec<Spanned<String>>,
    #[serde(default)]
    reject_after: Vec<Spanned<String>>,
    #[serde(default)]
    skip: Vec<Spanned<String>>,
    #[serde(default)]
    resolve: Vec<Spanned<String>>,
    #[serde(default)]
    each: bool,
    #[serde(default)]
    guess: bool,
    max_len: Option<usize>,
    min_len: Option<usize>,
}

/// What fills a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    Org,
    Orgs,
    Person,
    Persons,
    Names,
    Money,
    Price,
    Valuation,
    Percent,
    Count,
    Date,
    Word,
    Text,
}

impl Fill {
    fn parse(s: &str) -> Option<Fill> {
        Some(match s {
            "org" => Fill::Org,
            "orgs" => Fill::Orgs,
            "person" => Fill::Person,
            "persons" => Fill::Persons,
            "names" => Fill::Names,
            "money" => Fill::Money,
            "price" => Fill::Price,
            "valuation" => Fill::Valuation,
            "percent" => Fill::Percent,
            "count" => Fill::Count,
            "date" => Fill::Date,
            "word" => Fill::Word,
            "text" => Fill::Text,
            _ => return None,
        })
    }

    /// Fills naming organisations and/or persons, and whether a list.
    pub fn names(self) -> Option<(bool, bool, bool)> {
        // (orgs allowed, persons allowed, list)
        match self {
            Fill::Org => Some((true, false, false)),
            Fill::Orgs => Some((true, false, true)),
            Fill::Person => Some((false, true, false)),
            Fill::Persons => Some((false, true, true)),
            Fill::Names => Some((true, true, true)),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Before,
    After,
    Any,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Clause,
    Sentence,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cue {
    Forecast,
    Withdrawn,
    Negated,
}

#[derive(Debug)]
pub struct Role {
    pub name: String,
    pub fill: Fill,
    /// Word ids of the cues; empty: the trigger is the anchor.
    pub cues: Vec<usize>,
    pub side: Side,
    pub scope: Scope,
    /// Where the cues are looked for: the trigger's clause or sentence.
    pub cue_scope: Scope,
    pub max_gap: usize,
    /// Word id to label, for `fill = "word"`.
    pub labels: HashMap<usize, String>,
    pub reject: Vec<String>,
    /// Words right after a product's text that show it is not one
    /// (`发布FY27Q1业绩`).
    pub reject_after: Vec<String>,
    pub skip: Vec<String>,
    pub resolve: Vec<usize>,
    pub each: bool,
    /// When no name is found, take the run of characters right beside the
    /// anchor as the name (for names the entity extractor does not know).
    pub guess: bool,
    pub max_len: usize,
    pub min_len: usize,
}

#[derive(Debug)]
pub struct Block {
    pub kind: String,
    pub subject: Option<String>,
    /// Each entry is met by any one of its roles (`"target|amount"`).
    pub require: Vec<Vec<String>>,
    pub forecast_if_missing: Vec<String>,
    /// Whether an event of this block without a subject may merge with an
    /// event of the same sentence that has one.
    pub merge_without_subject: bool,
    /// An event without its subject takes the subject of the nearest
    /// earlier event of its type in the same sentence (`X 营收 A，净利润 B`).
    pub inherit_subject: bool,
    /// Names right after a trigger are its objects (the company bought, the
    /// investors): read back from a later trigger of the type in the same
    /// sentence, such a name is not that telling's subject.
    pub objects_follow: bool,
    /// Types whose telling in the same sentence means this one is not an
    /// event of its own (`募资` in a listing sentence is the offering).
    pub yield_to: Vec<String>,
    /// The triggers that yield (all of the block's when empty).
    pub yield_triggers: Vec<String>,
    pub roles: Vec<Role>,
}

impl Block {
    /// Whether `args` meets every `require` entry (one of its roles).
    pub fn requirements_met<V>(&self, args: &std::collections::BTreeMap<String, V>) -> bool {
        self.require
            .iter()
            .all(|alts| alts.iter().any(|r| args.contains_key(r)))
    }
}

/// What a word of the rules is used for.
#[derive(Debug, Default, Clone)]
pub struct WordUse {
    /// Blocks this word triggers.
    pub triggers: Vec<usize>,
    /// Blocks whose triggers this word hides.
    pub traps: Vec<usize>,
    pub cue: Option<Cue>,
    pub withdrawn_after: bool,
    /// Blocks whose triggers it takes away when it stands before them in
    /// their sentence with no organisation named between: the figures are
    /// another party's (`标的公司`).
    pub other_party: Vec<usize>,
    /// Hides status cues inside it (`未来` hides `未`).
    pub ignore: bool,
    pub anaphor: bool,
}

/// The compiled event rules.
#[derive(Debug)]
pub struct Compiled {
    pub uses: Vec<WordUse>,
    /// One automaton over every word and its Traditional forms.
    pub automaton: AhoCorasick,
    /// Pattern id to word id.
    pub pattern_word: Vec<usize>,
    pub blocks: Vec<Block>,
    pub clause_delimiters: Vec<char>,
    pub list_separators: Vec<char>,
    pub list_gap: usize,
    /// Organisation kinds never offered as fillers (media that report).
    pub ignore_org_kinds: Vec<OrgKind>,
    /// Organisation names ending in one of these (`交易所`: the venue,
    /// not an actor) are never offered as fillers.
    pub ignore_org_suffixes: Vec<String>,
    /// Words of `word` roles (exchanges, titles): a name equal to one is
    /// never a name argument.
    pub label_names: std::collections::HashSet<String>,
    pub window: usize,
    pub after_window: usize,
    /// Characters that end a guessed name (function words: 在, 的, 由).
    pub guess_stop_chars: Vec<char>,
    /// Characters skipped between the anchor and a guessed name read
    /// forwards (the aspect particle of `收购了X`).
    pub guess_skip_chars: Vec<char>,
    /// Words that end a guessed name read forwards (股权, 旗下).
    pub guess_stop_words: Vec<String>,
    /// Guessed names that are never names (公司, 此前).
    pub guess_reject: Vec<String>,
    /// Tags (prefixes) of words of two or more characters that no guessed
    /// name holds (verbs, adverbs: 期限届满).
    pub guess_word_tags: Vec<String>,
    /// Tags (prefixes) of single characters that no guessed name holds
    /// (particles: 等重大事项).
    pub guess_char_tags: Vec<String>,
    /// Tags (prefixes) of proper names: a guessed name made only of
    /// dictionary words needs one (股份数量 has none).
    pub guess_proper_tags: Vec<String>,
}

struct Builder<'f> {
    file: &'f RuleFile,
    words: Vec<String>,
    ids: HashMap<String, usize>,
    uses: Vec<WordUse>,
}

impl Builder<'_> {
    fn line(&self, span: std::ops::Range<usize>) -> usize {
        let end = span.start.min(self.file.content.len());
        self.file.content[..end].matches('\n').count() + 1
    }

    fn err<T>(
        &self,
        span: std::ops::Range<usize>,
        reason: impl Into<String>,
    ) -> Result<T, RuleError> {
        Err(self.file.error(self.line(span), reason))
    }

    /// The id of a word, checked to be non-empty.
    fn word(&mut self, w: &Spanned<String>) -> Result<usize, RuleError> {
        let text = w.get_ref().trim();
        if text.is_empty() {
            return self.err(w.span(), "empty word");
        }
        let simplified = zhconv::zhconv(text, zhconv::Variant::ZhHans);
        let simplified = simplified
            .chars()
            .map(crate::normalize::half_width)
            .collect::<String>();
        if let Some(&id) = self.ids.get(&simplified) {
            return Ok(id);
        }
        let id = self.words.len();
        self.ids.insert(simplified.clone(), id);
        self.words.push(simplified);
        self.uses.push(WordUse::default());
        Ok(id)
    }
}

fn one_of<'a>(
    b: &Builder,
    v: &'a Option<Spanned<String>>,
    default: &'a str,
    allowed: &[&str],
    what: &str,
) -> Result<&'a str, RuleError> {
    match v {
        None => Ok(default),
        Some(s) if allowed.contains(&s.get_ref().as_str()) => Ok(s.get_ref().as_str()),
        Some(s) => b.err(
            s.span(),
            format!(
                "unknown {what} {:?} (expected one of: {})",
                s.get_ref(),
                allowed.join(", ")
            ),
        ),
    }
}

pub fn compile(file: &RuleFile) -> Result<Compiled, RuleError> {
    let def: FileDef = file.toml()?;
    let mut b = Builder {
        file,
        words: Vec::new(),
        ids: HashMap::new(),
        uses: Vec::new(),
    };

    for w in &def.settings.anaphora {
        let id = b.word(w)?;
        b.uses[id].anaphor = true;
    }
    let st = &def.status;
    for (list, cue) in [
        (&st.forecast, Cue::Forecast),
        (&st.withdrawn, Cue::Withdrawn),
        (&st.negated, Cue::Negated),
    ] {
        for w in list {
            let id = b.word(w)?;
            b.uses[id].cue = Some(cue);
        }
    }
    for w in &st.withdrawn_after {
        let id = b.word(w)?;
        b.uses[id].withdrawn_after = true;
    }
    for w in &st.ignore {
        let id = b.word(w)?;
        b.uses[id].ignore = true;
    }

    let mut blocks = Vec::new();
    let mut subjects: HashMap<String, Option<String>> = HashMap::new();
    for (bi, ev) in def.events.iter().enumerate() {
        let kind = ev.kind.get_ref().trim().to_string();
        if kind.is_empty() {
            return b.err(ev.kind.span(), "empty event type");
        }
        if ev.triggers.get_ref().is_empty() {
            return b.err(
                ev.triggers.span(),
                format!("event {kind:?} has no triggers"),
            );
        }
        let mut trigger_words = Vec::new();
        for t in ev.triggers.get_ref() {
            let id = b.word(t)?;
            if !b.uses[id].triggers.contains(&bi) {
                b.uses[id].triggers.push(bi);
            }
            trigger_words.push(b.words[id].clone());
        }
        for t in &ev.traps {
            let id = b.word(t)?;
            let w = &b.words[id];
            if !trigger_words
                .iter()
                .any(|tw| w.contains(tw.as_str()) && w != tw)
            {
                return b.err(
                    t.span(),
                    format!("trap {w:?} contains none of the triggers of {kind:?}"),
                );
            }
            b.uses[id].traps.push(bi);
        }
        for w in &ev.other_party {
            let id = b.word(w)?;
            b.uses[id].other_party.push(bi);
        }
        let mut roles = Vec::new();
        for r in &ev.roles {
            roles.push(compile_role(&mut b, r)?);
        }
        let has_role = |name: &str| roles.iter().any(|r: &Role| r.name == name);
        let subject = match &ev.subject {
            Some(s) if !has_role(s.get_ref()) => {
                return b.err(
                    s.span(),
                    format!("subject {:?} is not a role of this event", s.get_ref()),
                );
            }
            Some(s) => Some(s.get_ref().clone()),
            None => None,
        };
        if let Some(prev) = subjects.get(&kind) {
            if *prev != subject {
                return b.err(
                    ev.kind.span(),
                    format!("event {kind:?} is defined again with a different subject"),
                );
            }
        } else {
            subjects.insert(kind.clone(), subject.clone());
        }
        let names = |list: &[Spanned<String>], what: &str| -> Result<Vec<String>, RuleError> {
            let mut out = Vec::new();
            for n in list {
                if !has_role(n.get_ref()) {
                    return b.err(
                        n.span(),
                        format!(
                            "{what} names {:?}, which is not a role of this event",
                            n.get_ref()
                        ),
                    );
                }
                out.push(n.get_ref().clone());
            }
            Ok(out)
        };
        // `require` entries may list alternatives: `"target|amount"`.
        let mut require = Vec::new();
        for n in &ev.require {
            let mut alts = Vec::new();
            for alt in n.get_ref().split('|').map(str::trim) {
                if !has_role(alt) {
                    return b.err(
                        n.span(),
                        format!("require names {alt:?}, which is not a role of this event"),
                    );
                }
                alts.push(alt.to_string());
            }
            require.push(alts);
        }
        let forecast_if_missing = names(&ev.forecast_if_missing, "forecast_if_missing")?;
        let mut yield_triggers = Vec::new();
        for w in &ev.yield_triggers {
            if !ev
                .triggers
                .get_ref()
                .iter()
                .any(|t| t.get_ref() == w.get_ref())
            {
                return b.err(
                    w.span(),
                    format!(
                        "yield trigger {:?} is not a trigger of this event",
                        w.get_ref()
                    ),
                );
            }
            yield_triggers.push(w.get_ref().clone());
        }
        let mut yield_to = Vec::new();
        for t in &ev.yield_to {
            if t.get_ref().trim().is_empty() {
                return b.err(t.span(), "empty event type in yield_to");
            }
            yield_to.push(t.get_ref().clone());
        }
        blocks.push(Block {
            kind,
            subject,
            require,
            forecast_if_missing,
            merge_without_subject: ev.merge_without_subject,
            inherit_subject: ev.inherit_subject,
            objects_follow: ev.objects_follow,
            yield_to,
            yield_triggers,
            roles,
        });
    }

    // Patterns: every word in its Simplified form and Traditional forms.
    let mut patterns: Vec<String> = Vec::new();
    let mut pattern_word = Vec::new();
    for (id, w) in b.words.iter().enumerate() {
        let mut forms = vec![w.clone()];
        for v in [
            zhconv::Variant::ZhHant,
            zhconv::Variant::ZhTW,
            zhconv::Variant::ZhHK,
        ] {
            let f = zhconv::zhconv(w, v);
            if !forms.contains(&f) {
                forms.push(f);
            }
        }
        for f in forms {
            patterns.push(f);
            pattern_word.push(id);
        }
    }
    let automaton = AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .ascii_case_insensitive(true)
        .build(&patterns)
        .map_err(|e| file.file_error(format!("cannot build the word automaton: {e}")))?;

    let chars = |s: &Spanned<String>| -> Vec<char> {
        s.get_ref()
            .chars()
            .filter(|c| !c.is_whitespace() || *c == ' ')
            .collect()
    };
    let clause_delimiters = chars(&def.settings.clause_delimiters);
    if clause_delimiters.is_empty() {
        return b.err(
            def.settings.clause_delimiters.span(),
            "no clause delimiters",
        );
    }
    let mut list_separators = chars(&def.settings.list_separators);
    for c in list_separators.clone() {
        for t in zhconv::zhconv(&c.to_string(), zhconv::Variant::ZhHant).chars() {
            if !list_separators.contains(&t) {
                list_separators.push(t);
            }
        }
    }
    if list_separators.is_empty() {
        return b.err(def.settings.list_separators.span(), "no list separators");
    }
    let mut ignore_org_kinds = Vec::new();
    for k in &def.settings.ignore_org_kinds {
        let kind = match k.get_ref().as_str() {
            "company" => OrgKind::Company,
            "media" => OrgKind::Media,
            "government" => OrgKind::Government,
            "investor" => OrgKind::Investor,
            "other" => OrgKind::Other,
            other => {
                return b.err(
                    k.span(),
                    format!("unknown organisation kind {other:?} (expected company, media, government, investor or other)"),
                );
            }
        };
        ignore_org_kinds.push(kind);
    }
    let mut ignore_org_suffixes = Vec::new();
    for w in &def.settings.ignore_org_suffixes {
        let word = w.get_ref().trim();
        if word.is_empty() {
            return b.err(w.span(), "empty organisation suffix");
        }
        ignore_org_suffixes.push(word.to_string());
    }
    let guess_words = |list: &[Spanned<String>], what: &str| {
        list.iter()
            .map(|w| {
                let word = w.get_ref().trim();
                if word.is_empty() {
                    b.err(w.span(), format!("empty word in [guess] {what}"))
                } else {
                    Ok(word.to_string())
                }
            })
            .collect::<Result<Vec<String>, RuleError>>()
    };
    let guess_stop_words = guess_words(&def.guess.stop_words, "stop_words")?;
    let guess_reject = guess_words(&def.guess.reject, "reject")?;
    let guess_word_tags = guess_words(&def.guess.word_tags, "word_tags")?;
    let guess_char_tags = guess_words(&def.guess.char_tags, "char_tags")?;
    let guess_proper_tags = guess_words(&def.guess.proper_tags, "proper_tags")?;
    let chars_of = |s: &str| -> Vec<char> { s.chars().filter(|c| !c.is_whitespace()).collect() };
    let guess_stop_chars = chars_of(&def.guess.stop_chars);
    let guess_skip_chars = chars_of(&def.guess.skip_chars);
    let mut label_names = std::collections::HashSet::new();
    for block in &blocks {
        for role in &block.roles {
            for (id, label) in &role.labels {
                label_names.insert(b.words[*id].clone());
                label_names.insert(label.clone());
            }
        }
    }
    Ok(Compiled {
        ignore_org_kinds,
        ignore_org_suffixes,
        label_names,
        uses: b.uses,
        automaton,
        pattern_word,
        blocks,
        clause_delimiters,
        list_separators,
        list_gap: def.settings.list_gap,
        window: def.status.window,
        after_window: def.status.after_window,
        guess_stop_chars,
        guess_skip_chars,
        guess_stop_words,
        guess_reject,
        guess_word_tags,
        guess_char_tags,
        guess_proper_tags,
    })
}

fn compile_role(b: &mut Builder, r: &RoleDef) -> Result<Role, RuleError> {
    let name = r.name.get_ref().trim().to_string();
    if name.is_empty() {
        return b.err(r.name.span(), "empty role name");
    }
    let Some(fill) = Fill::parse(r.fill.get_ref()) else {
        return b.err(
            r.fill.span(),
            format!(
                "unknown fill {:?} (expected one of: org, orgs, person, persons, names, money, \
                 price, valuation, percent, count, date, word, text)",
                r.fill.get_ref()
            ),
        );
    };
    let side = match one_of(b, &r.side, "any", &["before", "after", "any"], "side")? {
        "before" => Side::Before,
        "after" => Side::After,
        _ => Side::Any,
    };
    let scope = match one_of(b, &r.scope, "clause", &["clause", "sentence"], "scope")? {
        "sentence" => Scope::Sentence,
        _ => Scope::Clause,
    };
    let cue_scope = match one_of(
        b,
        &r.cue_scope,
        "sentence",
        &["clause", "sentence"],
        "cue_scope",
    )? {
        "clause" => Scope::Clause,
        _ => Scope::Sentence,
    };
    let mut cues = Vec::new();
    for c in &r.cues {
        cues.push(b.word(c)?);
    }
    let mut labels = HashMap::new();
    for w in &r.words {
        let id = b.word(w)?;
        labels.insert(id, b.words[id].clone());
    }
    if let Some(map) = &r.labels {
        for (k, v) in map.get_ref() {
            let spanned = Spanned::new(map.span(), k.clone());
            let id = b.word(&spanned)?;
            if v.trim().is_empty() {
                return b.err(map.span(), format!("empty label for {k:?}"));
            }
            labels.insert(id, v.trim().to_string());
        }
    }
    if fill == Fill::Word && labels.is_empty() {
        return b.err(
            r.fill.span(),
            format!("role {name:?} fills a word but lists no words or labels"),
        );
    }
    if fill != Fill::Word && !labels.is_empty() {
        return b.err(
            r.name.span(),
            format!("role {name:?} lists words but does not fill a word"),
        );
    }
    if r.each && !fill.names().is_some_and(|(_, _, list)| list) {
        return b.err(
            r.name.span(),
            format!("role {name:?}: `each` needs a list fill (orgs, persons, names)"),
        );
    }
    let mut resolve = Vec::new();
    for w in &r.resolve {
        resolve.push(b.word(w)?);
    }
    if !resolve.is_empty() && fill.names().is_none() {
        return b.err(
            r.name.span(),
            format!("role {name:?}: `resolve` needs a name fill"),
        );
    }
    let plain = |list: &[Spanned<String>]| -> Vec<String> {
        list.iter()
            .map(|s| s.get_ref().trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    Ok(Role {
        name,
        fill,
        cues,
        side,
        scope,
        cue_scope,
        max_gap: r.max_gap.unwrap_or(30),
        labels,
        reject: plain(&r.reject),
        reject_after: plain(&r.reject_after),
        skip: plain(&r.skip),
        resolve,
        each: r.each,
        guess: r.guess,
        max_len: r.max_len.unwrap_or(16),
        min_len: r.min_len.unwrap_or(2),
    })
}
