//! Character offsets over UTF-8 text.
//!
//! Records speak in character offsets (Unicode scalar values) while Rust
//! strings and regexes speak in bytes; `CharIndex` converts between them.

/// Byte offset of every character boundary of one string.
#[derive(Debug, Clone, Default)]
pub struct CharIndex {
    /// `starts[i]` is the byte offset of character `i`; the last entry is
    /// the string's length.
    starts: Vec<u32>,
}

impl CharIndex {
    pub fn new(text: &str) -> CharIndex {
        let mut starts = Vec::with_capacity(text.len() / 2 + 1);
        starts.extend(text.char_indices().map(|(b, _)| b as u32));
        starts.push(text.len() as u32);
        CharIndex { starts }
    }

    /// Number of characters.
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Byte offset of character `c` (`c == len()` gives the text length).
    pub fn byte(&self, c: usize) -> usize {
        self.starts[c.min(self.starts.len() - 1)] as usize
    }

    /// Character offset of the boundary at byte `b` (or of the character
    /// containing it).
    pub fn char(&self, b: usize) -> usize {
        match self.starts.binary_search(&(b as u32)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Byte range of the character span `[start, end)`.
    pub fn bytes(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        self.byte(start)..self.byte(end)
    }
}

/// A set of characters: one bit per character of the Basic Multilingual
/// Plane, a sorted list for the rest.
///
/// Extractors give the characters their matches can start with; the
/// figure text's one pass over a document records where they occur (see
/// [`crate::extract::number::Work`]), so no extractor scans the whole text
/// again for them.
#[derive(Debug, Clone)]
pub struct CharSet {
    bits: Vec<u64>,
    astral: Vec<char>,
    /// Tells sets apart without comparing bits: equal ids, equal sets.
    id: u64,
}

impl FromIterator<char> for CharSet {
    fn from_iter<I: IntoIterator<Item = char>>(iter: I) -> CharSet {
        CharSet::new(iter)
    }
}

impl CharSet {
    pub fn new(chars: impl IntoIterator<Item = char>) -> CharSet {
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let mut bits = Vec::new();
        let mut astral = Vec::new();
        for c in chars {
            let cp = c as usize;
            if cp < 0x10000 {
                if bits.len() <= cp / 64 {
                    bits.resize(cp / 64 + 1, 0);
                }
                bits[cp / 64] |= 1 << (cp % 64);
            } else {
                astral.push(c);
            }
        }
        astral.sort_unstable();
        astral.dedup();
        CharSet {
            bits,
            astral,
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    #[inline]
    pub fn contains(&self, c: char) -> bool {
        let cp = c as usize;
        match self.bits.get(cp / 64) {
            Some(w) => w >> (cp % 64) & 1 != 0,
            None => cp >= 0x10000 && self.astral.binary_search(&c).is_ok(),
        }
    }

    pub fn id(&self) -> u64 {
        self.id
    }

    /// Byte offsets of the characters of `s` that are in the set.
    pub fn positions(&self, s: &str) -> Vec<u32> {
        s.char_indices()
            .filter(|&(_, c)| self.contains(c))
            .map(|(b, _)| b as u32)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_both_ways() {
        let t = "融资66億美元";
        let ix = CharIndex::new(t);
        assert_eq!(ix.len(), 7);
        assert_eq!(ix.byte(2), 6);
        assert_eq!(ix.char(6), 2);
        assert_eq!(ix.char(t.len()), 7);
        assert_eq!(&t[ix.bytes(2, 5)], "66億");
    }

    #[test]
    fn char_sets_hold_every_plane() {
        let set = CharSet::new(['元', '$', '￥', '𠀀']);
        assert!(set.contains('元') && set.contains('$') && set.contains('￥'));
        assert!(set.contains('𠀀'));
        assert!(!set.contains('亿') && !set.contains('𠀁') && !set.contains('a'));
        assert_eq!(set.positions("5亿元或$3"), vec![4, 10]);
        let again = CharSet::new(['元']);
        assert_ne!(set.id(), again.id());
        assert_eq!(set.clone().id(), set.id());
    }
}
