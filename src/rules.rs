//! Rule files: the data that configures every stage.
//!
//! The files under `rules/` are built into the binary; `--rules DIR` overlays
//! a directory of the same shape (a file there replaces the built-in file of
//! the same relative path, and new files, such as `dict/my-companies.txt`,
//! are added). Each stage parses the files it owns when the pipeline is
//! built and refuses a mistake with a [`RuleError`] naming file, line and
//! reason.
//!
//! Line-oriented files share one convention: UTF-8, one entry per line,
//! fields separated by tabs, blank lines and lines starting with `#` ignored.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// A mistake in a rule file, found when the pipeline is built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    /// Where the file came from: a path, or `built-in:NAME`.
    pub file: String,
    /// 1-based line, when the mistake is on one line.
    pub line: Option<usize>,
    pub reason: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, self.reason),
            None => write!(f, "{}: {}", self.file, self.reason),
        }
    }
}

impl std::error::Error for RuleError {}

/// One rule file's text and where it came from.
#[derive(Debug, Clone)]
pub struct RuleFile {
    /// Path relative to the rules root, `/`-separated (`dict/companies.txt`).
    pub name: String,
    /// For messages: the file's path, or `built-in:NAME`.
    pub origin: String,
    pub content: String,
}

impl RuleFile {
    pub fn new(
        name: impl Into<String>,
        origin: impl Into<String>,
        content: impl Into<String>,
    ) -> RuleFile {
        RuleFile {
            name: name.into(),
            origin: origin.into(),
            content: content.into(),
        }
    }

    /// Meaningful lines as `(line_number, text)`: 1-based numbers, text
    /// trimmed of trailing whitespace, blank and `#` lines skipped.
    pub fn lines(&self) -> impl Iterator<Item = (usize, &str)> {
        self.content.lines().enumerate().filter_map(|(i, l)| {
            let l = l.trim_end();
            let t = l.trim_start();
            (!t.is_empty() && !t.starts_with('#')).then_some((i + 1, l))
        })
    }

    /// Tab-separated rows with at least `min` and at most `max` fields.
    pub fn rows(&self, min: usize, max: usize) -> Result<Vec<(usize, Vec<&str>)>, RuleError> {
        let mut out = Vec::new();
        for (n, line) in self.lines() {
            let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
            if fields.len() < min || fields.len() > max {
                let want = if min == max {
                    format!("{min}")
                } else {
                    format!("{min} to {max}")
                };
                return Err(self.error(
                    n,
                    format!(
                        "expected {want} tab-separated fields, found {}",
                        fields.len()
                    ),
                ));
            }
            if let Some(i) = fields.iter().take(min).position(|f| f.is_empty()) {
                return Err(self.error(n, format!("field {} is empty", i + 1)));
            }
            out.push((n, fields));
        }
        Ok(out)
    }

    pub fn error(&self, line: usize, reason: impl Into<String>) -> RuleError {
        RuleError {
            file: self.origin.clone(),
            line: Some(line),
            reason: reason.into(),
        }
    }

    pub fn file_error(&self, reason: impl Into<String>) -> RuleError {
        RuleError {
            file: self.origin.clone(),
            line: None,
            reason: reason.into(),
        }
    }

    /// Parses the file as TOML into `T`; errors carry the line of the
    /// mistake.
    pub fn toml<T: serde::de::DeserializeOwned>(&self) -> Result<T, RuleError> {
        toml::from_str(&self.content).map_err(|e| {
            let line = e.span().map(|s| {
                self.content[..s.start.min(self.content.len())]
                    .matches('\n')
                    .count()
                    + 1
            });
            RuleError {
                file: self.origin.clone(),
                line,
                reason: e.message().to_string(),
            }
        })
    }

    /// The 1-based line on which `needle` first occurs, for errors found
    /// after parsing structured files.
    pub fn line_of(&self, needle: &str) -> Option<usize> {
        self.content
            .find(needle)
            .map(|i| self.content[..i].matches('\n').count() + 1)
    }
}

/// All rule files of a run, keyed by relative path.
#[derive(Debug, Clone)]
pub struct RuleSet {
    files: BTreeMap<String, RuleFile>,
}

impl Default for RuleSet {
    fn default() -> Self {
        RuleSet::builtin()
    }
}

impl RuleSet {
    /// The rules built into the binary.
    pub fn builtin() -> RuleSet {
        let files = BUILTIN_RULES
            .iter()
            .map(|(name, content)| {
                (
                    name.to_string(),
                    RuleFile::new(*name, format!("built-in:rules/{name}"), *content),
                )
            })
            .collect();
        RuleSet { files }
    }

    /// The built-in rules overlaid with the files under `dir`.
    pub fn load(dir: &Path) -> Result<RuleSet, RuleError> {
        let mut set = RuleSet::builtin();
        if !dir.is_dir() {
            return Err(RuleError {
                file: dir.display().to_string(),
                line: None,
                reason: "rules directory does not exist or is not a directory".into(),
            });
        }
        let mut paths = Vec::new();
        collect_files(dir, &mut paths).map_err(|(p, e)| RuleError {
            file: p.display().to_string(),
            line: None,
            reason: e.to_string(),
        })?;
        for path in paths {
            let rel = path
                .strip_prefix(dir)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            let bytes = std::fs::read(&path).map_err(|e| RuleError {
                file: path.display().to_string(),
                line: None,
                reason: e.to_string(),
            })?;
            let content = String::from_utf8(bytes).map_err(|e| {
                let line = e.as_bytes()[..e.utf8_error().valid_up_to()]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count()
                    + 1;
                RuleError {
                    file: path.display().to_string(),
                    line: Some(line),
                    reason: "rule files must be UTF-8".into(),
                }
            })?;
            let content = content
                .strip_prefix('\u{feff}')
                .unwrap_or(&content)
                .to_string();
            set.insert(RuleFile::new(rel, path.display().to_string(), content));
        }
        Ok(set)
    }

    /// Adds or replaces one file (used by tests and embedders).
    pub fn insert(&mut self, file: RuleFile) {
        self.files.insert(file.name.clone(), file);
    }

    pub fn get(&self, name: &str) -> Option<&RuleFile> {
        self.files.get(name)
    }

    /// A file every rule set must have.
    pub fn require(&self, name: &str) -> Result<&RuleFile, RuleError> {
        self.get(name).ok_or_else(|| RuleError {
            file: format!("rules/{name}"),
            line: None,
            reason: "required rule file is missing".into(),
        })
    }

    /// Files under a folder (`"dict/"`), in name order.
    pub fn under<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = &'a RuleFile> + 'a {
        self.files
            .range(prefix.to_string()..)
            .take_while(move |(k, _)| k.starts_with(prefix))
            .map(|(_, f)| f)
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), (PathBuf, std::io::Error)> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| (dir.to_path_buf(), e))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            collect_files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_report_file_and_line() {
        let f = RuleFile::new("x.tsv", "rules/x.tsv", "# comment\na\tb\n\nc\n");
        let err = f.rows(2, 2).unwrap_err();
        assert_eq!(
            err.to_string(),
            "rules/x.tsv:4: expected 2 tab-separated fields, found 1"
        );
        let ok = RuleFile::new("y.tsv", "rules/y.tsv", "a\tb\n  # note\nc\td\n");
        let rows = ok.rows(2, 2).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1], (3, vec!["c", "d"]));
    }

    #[test]
    fn toml_errors_carry_line() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct T {
            a: u32,
        }
        let f = RuleFile::new("t.toml", "rules/t.toml", "\n\na = \"x\"\n");
        let err = f.toml::<T>().unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.to_string().starts_with("rules/t.toml:3: "));
    }

    #[test]
    fn load_overlays_directory() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("dict")).unwrap();
        std::fs::write(
            dir.path().join("dict/my-companies.txt"),
            "深度求索 100 nt\n",
        )
        .unwrap();
        let set = RuleSet::load(dir.path()).unwrap();
        let dicts: Vec<_> = set.under("dict/").map(|f| f.name.as_str()).collect();
        assert!(dicts.contains(&"dict/my-companies.txt"));
        assert!(RuleSet::load(&dir.path().join("missing")).is_err());
        std::fs::write(dir.path().join("bad.tsv"), b"\xff\xfe").unwrap();
        let err = RuleSet::load(dir.path()).unwrap_err();
        assert!(err.reason.contains("UTF-8"));
    }
}
