//! Output formats: JSON Lines records.

use crate::record::Record;
use std::io::{self, Write};

/// Writes one record as one line of JSON.
///
/// A failure of the underlying writer keeps its `io::ErrorKind`, so callers
/// can tell a reader that went away (`BrokenPipe`) from a real failure
/// wherever in the record the write stopped.
pub fn write_jsonl<W: Write>(out: &mut W, record: &Record) -> io::Result<()> {
    // The serializer makes many small writes (quotes, keys, commas): into
    // a `Vec` they are inlined copies, where into `out` (often a
    // `Box<dyn Write>`) each is a call. The line then goes out in one write.
    let mut line = Vec::with_capacity(2048);
    serde_json::to_writer(&mut line, record).map_err(io::Error::other)?;
    line.push(b'\n');
    out.write_all(&line)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Accepts `room` bytes, then fails like a closed pipe.
    struct ClosedAfter {
        room: usize,
    }

    impl Write for ClosedAfter {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.room == 0 {
                return Err(io::Error::from(io::ErrorKind::BrokenPipe));
            }
            let n = buf.len().min(self.room);
            self.room -= n;
            Ok(n)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_reader_is_reported_as_broken_pipe_mid_record() {
        let record = Record::error("a.txt", 0, crate::record::ErrorKind::Empty, "file is empty");
        for room in [0, 5, 40] {
            let err = write_jsonl(&mut ClosedAfter { room }, &record).unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::BrokenPipe, "room {room}");
        }
        let mut buf = Vec::new();
        write_jsonl(&mut buf, &record).unwrap();
        assert!(buf.starts_with(b"{\"id\":\"a.txt\"") && buf.ends_with(b"}\n"));
    }
}
