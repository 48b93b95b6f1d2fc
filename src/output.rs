//! Output formats: JSON Lines records.

use crate::record::Record;
use std::io::{self, Write};

/// Writes one record as one line of JSON.
pub fn write_jsonl<W: Write>(out: &mut W, record: &Record) -> io::Result<()> {
    serde_json::to_writer(&mut *out, record).map_err(io::Error::other)?;
    out.write_all(b"\n")
}
