//! Stage 3: words (and, where asked, part-of-speech tags) with jieba-rs.
//!
//! One `Jieba` is built when the pipeline is built, with the user
//! dictionaries under `rules/dict/` (jieba's `word [freq [tag]]` format,
//! fields separated by spaces), and shared by `&self` across threads.
//!
//! The whole view is cut once, without tags and without the HMM (the fast
//! path); extractors ask for tags ([`Segmenter::tag`], [`Segmenter::word_tag`])
//! only on the short spans where a name may be.

use crate::rules::{RuleError, RuleSet};
use crate::text::CharSet;
use jieba_rs::Jieba;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, LazyLock, Mutex};

/// One word of the normalized view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    /// The word as it appears in the normalized view.
    pub word: &'a str,
    /// Byte range in the normalized view.
    pub byte_start: usize,
    pub byte_end: usize,
    /// Character range (equal in view and clean text).
    pub start: usize,
    pub end: usize,
    /// jieba's part-of-speech tag: the dictionary's for known words, a
    /// guess (`eng`, `m`, `x`, ...) for others.
    pub tag: &'a str,
}

/// A word with its part-of-speech tag, from [`Segmenter::tag`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tagged {
    pub word: String,
    /// jieba's tag (`nr`, `ns`, `nt`, `v`, `eng`, ...).
    pub tag: String,
    /// Byte range in the text given to [`Segmenter::tag`].
    pub byte_start: usize,
    pub byte_end: usize,
    /// True when the word is in a dictionary (jieba's or a user one), false
    /// when the HMM put it together.
    pub known: bool,
}

/// One entry of a user dictionary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserWord {
    pub word: String,
    pub tag: Option<String>,
    /// The dictionary file's name without folder and extension
    /// (`companies` for `dict/companies.txt`).
    pub source: String,
}

/// Segmenters built so far, by the content of their dictionaries: the
/// pipeline's segmenter and the extractors that tag spans share one jieba.
/// Each key has its own slot, so a caller arriving while another thread
/// builds the same segmenter waits for it instead of building a second one.
type Slot = Arc<Mutex<Option<Arc<Inner>>>>;
static BUILT: LazyLock<Mutex<HashMap<u64, Slot>>> = LazyLock::new(Default::default);

struct Inner {
    jieba: Jieba,
    user: Vec<UserWord>,
    user_index: HashMap<String, usize>,
    /// User words jieba already knew under another tag: jieba keeps its
    /// own tag for a word it has, so the user's tag is applied here.
    retag: HashMap<String, String>,
    /// First characters of the `retag` words: most tokens skip the look-up.
    retag_first: CharSet,
}

#[derive(Clone)]
pub struct Segmenter {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Segmenter")
            .field("user_words", &self.inner.user.len())
            .finish_non_exhaustive()
    }
}

impl Segmenter {
    /// jieba's dictionary plus every `rules/dict/*.txt` (read by
    /// [`user_words`], which refuses a bad line with file, line and reason).
    pub fn new(rules: &RuleSet) -> Result<Segmenter, RuleError> {
        let mut hasher = DefaultHasher::new();
        for file in rules.under("dict/") {
            (&file.name, &file.content).hash(&mut hasher);
        }
        let key = hasher.finish();
        let slot: Slot = match BUILT.lock() {
            Ok(mut m) => m.entry(key).or_default().clone(),
            Err(_) => Default::default(),
        };
        let mut built = slot.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(inner) = built.as_ref() {
            return Ok(Segmenter {
                inner: inner.clone(),
            });
        }
        let inner = Arc::new(Self::build(rules)?);
        *built = Some(inner.clone());
        Ok(Segmenter { inner })
    }

    fn build(rules: &RuleSet) -> Result<Inner, RuleError> {
        let entries = read_user_dicts(rules)?;
        let mut jieba = Jieba::new();
        let mut user = Vec::with_capacity(entries.len());
        let mut user_index = HashMap::new();
        let mut retag = HashMap::new();
        for (entry, freq) in entries {
            let word = entry.word.as_str();
            let tag = entry.tag.as_deref();
            if let Some(t) = tag
                && jieba.has_word(word)
            {
                let known = jieba.tag(word, false);
                if matches!(known.as_slice(), [one] if one.tag == t) {
                    // A later file may give a word back jieba's tag.
                    retag.remove(word);
                } else {
                    retag.insert(word.to_string(), t.to_string());
                }
            }
            jieba.add_word(word, freq, tag);
            user_index.insert(word.to_string(), user.len());
            user.push(entry);
        }
        Ok(Inner {
            jieba,
            user,
            user_index,
            retag_first: retag.keys().filter_map(|w| w.chars().next()).collect(),
            retag,
        })
    }

    pub fn jieba(&self) -> &Jieba {
        &self.inner.jieba
    }

    /// Entries of the user dictionaries, in file and line order.
    pub fn user_words(&self) -> &[UserWord] {
        &self.inner.user
    }

    /// The user dictionary entry for `word`, if any.
    pub fn user_word(&self, word: &str) -> Option<&UserWord> {
        self.inner
            .user_index
            .get(word)
            .map(|&i| &self.inner.user[i])
    }

    /// Words of `view` with byte and character offsets and dictionary
    /// tags: dictionary words only, no HMM (fast, and stable for names the
    /// dictionaries know; extractors run the HMM where a name may be).
    pub fn cut<'a>(&'a self, view: &'a str) -> Vec<Token<'a>> {
        self.jieba()
            .tag(view, false)
            .into_iter()
            .map(|t| Token {
                word: t.word,
                byte_start: t.byte_start,
                byte_end: t.byte_end,
                start: t.start,
                end: t.end,
                tag: self.tag_of(t.word, t.tag),
            })
            .collect()
    }

    /// The tag of a word jieba gave `tag`: the user dictionary's tag
    /// where it names one jieba had otherwise.
    fn tag_of<'a>(&'a self, word: &str, tag: &'a str) -> &'a str {
        if !word
            .chars()
            .next()
            .is_some_and(|c| self.inner.retag_first.contains(c))
        {
            return tag;
        }
        self.inner.retag.get(word).map_or(tag, String::as_str)
    }

    /// Tagged words of a short text, with the HMM for unknown words.
    pub fn tag(&self, text: &str) -> Vec<Tagged> {
        self.jieba()
            .tag(text, true)
            .into_iter()
            .map(|t| Tagged {
                known: self.jieba().has_word(t.word),
                word: t.word.to_string(),
                tag: self.tag_of(t.word, t.tag).to_string(),
                byte_start: t.byte_start,
                byte_end: t.byte_end,
            })
            .collect()
    }

    /// jieba's frequency of a dictionary word, to within one (None for words
    /// it does not know): enough to tell a rare word from a common one.
    /// jieba-rs keeps the frequency private; its `suggest_freq` of a word
    /// the dictionary holds whole is the frequency or, when the float
    /// round trip lands exactly, the frequency plus one.
    pub fn word_freq(&self, word: &str) -> Option<usize> {
        self.jieba()
            .has_word(word)
            .then(|| self.jieba().suggest_freq(word).saturating_sub(1))
    }

    /// jieba's tag of a dictionary word (None for words it does not know).
    pub fn word_tag(&self, word: &str) -> Option<String> {
        if !self.jieba().has_word(word) {
            return None;
        }
        let tags = self.jieba().tag(word, false);
        match tags.as_slice() {
            [one] => Some(self.tag_of(one.word, one.tag).to_string()),
            _ => None,
        }
    }
}

/// Loads jieba-rs's part-of-speech model now. jieba-rs reads it on the
/// first word its HMM puts together (some tens of milliseconds, once per
/// process); [`crate::Pipeline::new`] calls this on its own thread while
/// jieba's dictionary loads on the other, so the first article does not
/// wait for it.
pub fn load_pos_model() {
    // With no dictionary every character is unknown, so the HMM runs and
    // its words are tagged from the model.
    std::hint::black_box(Jieba::empty().tag("示例", true));
}

/// The entries of every `rules/dict/*.txt`, in file and line order, each
/// with its frequency where the line gives one. A line is `word`,
/// `word freq` or `word freq tag`; anything else is refused with file,
/// line and reason. Needs no jieba, so the entity lexicon reads the
/// dictionaries while jieba's own dictionary is still loading.
pub fn user_words(rules: &RuleSet) -> Result<Vec<UserWord>, RuleError> {
    Ok(read_user_dicts(rules)?
        .into_iter()
        .map(|(w, _)| w)
        .collect())
}

fn read_user_dicts(rules: &RuleSet) -> Result<Vec<(UserWord, Option<usize>)>, RuleError> {
    let mut entries = Vec::new();
    for file in rules.under("dict/") {
        let source = file
            .name
            .rsplit('/')
            .next()
            .unwrap_or(&file.name)
            .split('.')
            .next()
            .unwrap_or_default()
            .to_string();
        for (n, line) in file.lines() {
            let parts: Vec<&str> = line.split_whitespace().collect();
            if parts.len() > 3 {
                return Err(file.error(
                    n,
                    format!("expected `word [freq [tag]]`, found {} fields", parts.len()),
                ));
            }
            let word = parts.first().copied().unwrap_or_default();
            if word.chars().any(|c| c.is_control()) {
                return Err(file.error(n, "word contains a control character"));
            }
            let freq = match parts.get(1) {
                Some(f) => match f.parse::<usize>() {
                    Ok(v) if v > 0 => Some(v),
                    _ => {
                        return Err(file
                            .error(n, format!("frequency {f:?} is not a positive whole number")));
                    }
                },
                None => None,
            };
            let tag = parts.get(2).copied();
            if let Some(t) = tag
                && !t.chars().all(|c| c.is_ascii_lowercase())
            {
                return Err(file.error(
                    n,
                    format!("tag {t:?} is not a jieba tag (lower-case letters)"),
                ));
            }
            entries.push((
                UserWord {
                    word: word.to_string(),
                    tag: tag.map(str::to_string),
                    source: source.clone(),
                },
                freq,
            ));
        }
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleFile;

    /// The built-in rules with one more (or one replaced) file.
    fn rules_with(name: &str, content: &str) -> RuleSet {
        let mut rules = RuleSet::builtin();
        rules.insert(RuleFile::new(name, format!("test:{name}"), content));
        rules
    }

    fn with_dict(name: &str, content: &str) -> Result<Segmenter, RuleError> {
        Segmenter::new(&rules_with(name, content))
    }

    #[test]
    fn offsets_are_chars_and_bytes() {
        let seg = Segmenter::new(&RuleSet::builtin()).unwrap();
        let view = "OpenAI宣布获得融资";
        let toks = seg.cut(view);
        let words: Vec<&str> = toks.iter().map(|t| t.word).collect();
        assert_eq!(words, vec!["OpenAI", "宣布", "获得", "融资"]);
        assert_eq!((toks[1].start, toks[1].end), (6, 8));
        assert_eq!((toks[1].byte_start, toks[1].byte_end), (6, 12));
    }

    #[test]
    fn word_frequencies_are_the_dictionary_ones() {
        let seg = Segmenter::new(&RuleSet::builtin()).unwrap();
        // jieba's dict.txt: `星驰 14 nz`, `时间 33288 n`; rules/dict:
        // `英伟达 2000 nt`.
        let near = |w: &str, f: usize| {
            let got = seg.word_freq(w).unwrap();
            assert!(got.abs_diff(f) <= 1, "{w}: {got}, not {f}");
        };
        near("星驰", 14);
        near("时间", 33288);
        near("英伟达", 2000);
        assert_eq!(seg.word_freq("星驰时间"), None);
    }

    #[test]
    fn builtin_dictionaries_join_names() {
        let seg = Segmenter::new(&RuleSet::builtin()).unwrap();
        let words: Vec<&str> = seg.cut("英伟达和辉达").iter().map(|t| t.word).collect();
        assert_eq!(words, vec!["英伟达", "和", "辉达"]);
        assert_eq!(seg.user_word("英伟达").unwrap().source, "companies");
        assert_eq!(seg.word_tag("英伟达").as_deref(), Some("nt"));
        assert_eq!(seg.word_tag("不存在的词语组合"), None);
    }

    #[test]
    fn user_dictionary_is_used() {
        let before = Segmenter::new(&RuleSet::builtin()).unwrap();
        let words: Vec<&str> = before.cut("沐曦股份上涨").iter().map(|t| t.word).collect();
        assert_ne!(words[0], "沐曦股份");
        let seg = with_dict("dict/my-companies.txt", "沐曦股份 500 nt\n").unwrap();
        let words: Vec<&str> = seg.cut("沐曦股份上涨").iter().map(|t| t.word).collect();
        assert_eq!(words, vec!["沐曦股份", "上涨"]);
        assert_eq!(seg.user_word("沐曦股份").unwrap().source, "my-companies");
    }

    #[test]
    fn a_user_tag_replaces_the_tag_jieba_had() {
        // jieba's own dictionary tags 卡塔尔 as a personal name; the built-in
        // places list makes it a place, and a user file can retag a word.
        let seg = Segmenter::new(&RuleSet::builtin()).unwrap();
        assert_eq!(seg.word_tag("卡塔尔").as_deref(), Some("ns"));
        let toks = seg.cut("卡塔尔央行");
        assert_eq!((toks[0].word, toks[0].tag), ("卡塔尔", "ns"));
        assert_eq!(seg.word_tag("李白").as_deref(), Some("nr"));
        let seg = with_dict("dict/my-words.txt", "李白 100 nz\n").unwrap();
        assert_eq!(seg.cut("李白")[0].tag, "nz");
        assert_eq!(seg.tag("李白")[0].tag, "nz");
        assert_eq!(seg.word_tag("李白").as_deref(), Some("nz"));
        // A later file may give a word back the tag jieba had.
        let seg = with_dict("dict/zz-names.txt", "卡塔尔 120 nr\n").unwrap();
        assert_eq!(seg.word_tag("卡塔尔").as_deref(), Some("nr"));
    }

    #[test]
    fn bad_dictionary_lines_are_refused() {
        let err = with_dict("dict/x.txt", "# note\n好词 12 n\n坏词 many n\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "test:dict/x.txt:3: frequency \"many\" is not a positive whole number"
        );
        let err = with_dict("dict/x.txt", "一 2 n extra\n").unwrap_err();
        assert_eq!(err.line, Some(1));
        assert!(err.reason.contains("4 fields"));
        let err = with_dict("dict/x.txt", "词 5 NT\n").unwrap_err();
        assert!(err.reason.contains("not a jieba tag"));
    }

    #[test]
    fn user_words_are_read_without_jieba_and_match_the_segmenter() {
        let rules = rules_with("dict/zz-read.txt", "# own words\n星河智造 300 nt\n林海音\n");
        let words = user_words(&rules).unwrap();
        let last = &words[words.len() - 2..];
        assert_eq!(last[0].word, "星河智造");
        assert_eq!(last[0].tag.as_deref(), Some("nt"));
        assert_eq!(last[0].source, "zz-read");
        assert_eq!(
            (last[1].word.as_str(), last[1].tag.as_deref()),
            ("林海音", None)
        );
        // The same entries, in the same order, as the segmenter holds.
        let seg = Segmenter::new(&rules).unwrap();
        assert_eq!(seg.user_words(), words.as_slice());
        // A bad line is refused by both, at its file and line.
        let rules = rules_with("dict/zz-read.txt", "好词 1\n坏词 0\n");
        let err = user_words(&rules).unwrap_err();
        assert_eq!(
            err.to_string(),
            "test:dict/zz-read.txt:2: frequency \"0\" is not a positive whole number"
        );
        assert_eq!(
            Segmenter::new(&rules).unwrap_err().to_string(),
            err.to_string()
        );
    }

    #[test]
    fn threads_building_the_same_segmenter_share_one_jieba() {
        let mut rules = RuleSet::builtin();
        rules.insert(RuleFile::new(
            "dict/shared-build.txt",
            "test:dict/shared-build.txt",
            "共享构建词 5 nz\n",
        ));
        let (a, b) = std::thread::scope(|s| {
            let a = s.spawn(|| Segmenter::new(&rules).unwrap());
            let b = s.spawn(|| Segmenter::new(&rules).unwrap());
            (a.join().unwrap(), b.join().unwrap())
        });
        assert!(Arc::ptr_eq(&a.inner, &b.inner));
        assert!(a.user_word("共享构建词").is_some());
    }

    #[test]
    fn tags_on_demand() {
        let seg = Segmenter::new(&RuleSet::builtin()).unwrap();
        let tags = seg.tag("马斯克宣布");
        assert_eq!(tags[0].word, "马斯克");
        assert_eq!(tags[0].tag, "nr");
        assert!(tags[0].known);
    }
}
