//! Errors that carry their context.

use crate::record::ErrorKind;
use std::fmt;

/// Why one article could not be processed; becomes the record's `error`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleError {
    pub kind: ErrorKind,
    pub message: String,
}

impl ArticleError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> ArticleError {
        ArticleError {
            kind,
            message: message.into(),
        }
    }
}

impl fmt::Display for ArticleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.as_str(), self.message)
    }
}

impl std::error::Error for ArticleError {}
