//! Files the merchant uploads as a digital variant's delivery: at most [`MAX_BYTES`], any
//! content (an EPUB, a PDF, a ZIP of presets), named on disk by their content's hash so one
//! file is kept once, and given to the buyer under a clean file name.
//!
//! Pure rules; writing the files is `crate::http`'s, sending them the bot's.

use sha2::{Digest, Sha256};

/// The largest delivery file taken: what the Bot API lets a bot upload with `sendDocument`.
pub const MAX_BYTES: usize = 50 * 1024 * 1024;

/// Why an upload is not taken as a delivery file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("a delivery file is at most 50 MB")]
    TooLarge,
    #[error("the delivery file is empty")]
    Empty,
    #[error("file_name: give the file a name of 1-100 characters, without slashes or control characters")]
    BadName,
}

/// An uploaded file that passed the rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedFile {
    /// Hex SHA-256 of the bytes: the name it is stored under.
    pub hash: String,
    pub file_name: String,
    pub size: i64,
}

impl CheckedFile {
    /// Checks `bytes` uploaded under `file_name`.
    pub fn check(bytes: &[u8], file_name: &str) -> Result<Self, FileError> {
        if bytes.len() > MAX_BYTES {
            return Err(FileError::TooLarge);
        }
        if bytes.is_empty() {
            return Err(FileError::Empty);
        }
        Ok(CheckedFile {
            hash: content_hash(bytes),
            file_name: parse_file_name(file_name)?,
            size: bytes.len() as i64,
        })
    }
}

/// Hex SHA-256 of `bytes`.
pub fn content_hash(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Whether `name` is a name the shop stores a delivery file under (64 lowercase hex digits),
/// so no other path is ever opened.
pub fn is_stored_name(name: &str) -> bool {
    name.len() == 64
        && name
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// A file name as the buyer gets it: the last path segment, trimmed, 1-100 characters, no
/// control characters or quotes (it goes into a `Content-Disposition` header).
pub fn parse_file_name(name: &str) -> Result<String, FileError> {
    let name = name.rsplit(['/', '\\']).next().unwrap_or_default().trim();
    let fits = (1..=100).contains(&name.chars().count())
        && !name.chars().any(|c| c.is_control() || c == '"')
        && name != "."
        && name != "..";
    fits.then(|| name.to_owned()).ok_or(FileError::BadName)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_named_by_their_content() {
        let a = CheckedFile::check(b"chapter one", "book.epub").unwrap();
        let b = CheckedFile::check(b"chapter one", "other.epub").unwrap();
        assert_eq!(a.hash, b.hash);
        assert!(is_stored_name(&a.hash));
        assert_eq!(a.size, 11);
    }

    #[test]
    fn empty_and_oversized_files_are_refused() {
        assert_eq!(CheckedFile::check(b"", "a.txt"), Err(FileError::Empty));
        let big = vec![0u8; MAX_BYTES + 1];
        assert_eq!(CheckedFile::check(&big, "a.bin"), Err(FileError::TooLarge));
    }

    #[test]
    fn file_names_lose_their_path_and_refuse_header_breakers() {
        assert_eq!(parse_file_name("C:\\Users\\me\\book.pdf").unwrap(), "book.pdf");
        assert_eq!(parse_file_name("../../etc/passwd").unwrap(), "passwd");
        assert!(parse_file_name("a\"b.pdf").is_err());
        assert!(parse_file_name("line\nbreak").is_err());
        assert!(parse_file_name("  ").is_err());
        assert!(parse_file_name("..").is_err());
    }

    #[test]
    fn only_hashes_are_stored_names() {
        assert!(!is_stored_name("../secret"));
        assert!(!is_stored_name(&"A".repeat(64)));
    }
}
