//! Helpers shared by the integration tests.

use std::path::PathBuf;

/// A file of the shared measurement folder that sits beside the repository
/// (`../shared`, or `../../shared` from a worktree folder).
pub fn shared_file(rel: &str) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    for base in [root.join("../shared"), root.join("../../shared")] {
        let p = base.join(rel);
        if p.exists() {
            return p;
        }
    }
    panic!("{rel} not found in ../shared beside the repository");
}

/// The seed article's raw bytes.
#[allow(dead_code)]
pub fn seed_bytes() -> Vec<u8> {
    std::fs::read(shared_file("seed/000_30ed74287ba85b63.txt")).expect("seed article is readable")
}
