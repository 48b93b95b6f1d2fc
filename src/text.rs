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
}
