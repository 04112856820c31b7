//! initData's fields: URL-decoded once, sorted by key, duplicates refused, and so are keys
//! with `=` or `\n` and values with `\n`, which would make the data-check-string ambiguous
//! (`a=1\nb=2` is both the fields `a`, `b` and the one field `a` with the value `1\nb=2`).
//!
//! The raw query string is split and decoded in one pass into a single buffer (`scan`, the
//! part that runs over every byte), and each field is a pair of spans into it. Validating
//! typical initData this way costs about twice the two HMAC-SHA256 it needs (README).

mod scan;

use super::InitDataError;
pub(super) use scan::hex_byte;
use scan::split_and_decode;
use std::ops::Range;

/// Where a key and its value lie in the decoded text.
type Spans = (Range<usize>, Range<usize>);

/// The decoded `key=value` pairs of initData, sorted by key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fields {
    /// Every decoded pair as `key=value\n`, so that most of the data-check-string's pieces are
    /// already contiguous (fields that were set later may stand apart from their keys).
    text: String,
    /// Where each key and its value lie in `text`, sorted by key.
    pairs: Vec<Spans>,
}

impl Fields {
    /// Decodes a raw query string (`+` and `%XX` as in HTML forms). A key that appears twice
    /// is refused: which of the two was signed would be ambiguous; so is a decoded key with
    /// `=` or `\n` and a decoded value with `\n`.
    pub fn parse(raw: &str) -> Result<Self, InitDataError> {
        if raw.trim().is_empty() {
            return Err(InitDataError::Missing);
        }
        let (text, pairs) = split_and_decode(raw.as_bytes());
        let fields = match String::from_utf8(text) {
            Ok(text)
                if pairs
                    .iter()
                    .all(|(k, v)| on_char_boundaries(&text, k) && on_char_boundaries(&text, v)) =>
            {
                Fields { text, pairs }
            }
            // Escapes that do not make UTF-8: each field on its own, with U+FFFD where they fail.
            Ok(text) => Self::lossy(text.as_bytes(), &pairs),
            Err(e) => Self::lossy(e.as_bytes(), &pairs),
        };
        fields.sorted()
    }

    fn lossy(bytes: &[u8], pairs: &[Spans]) -> Self {
        let mut fields = Fields {
            text: String::new(),
            pairs: Vec::with_capacity(pairs.len()),
        };
        for (key, value) in pairs {
            fields.push_pair(
                &String::from_utf8_lossy(&bytes[key.clone()]),
                &String::from_utf8_lossy(&bytes[value.clone()]),
            );
        }
        fields
    }

    /// Fields from decoded pairs, e.g. for the simulator to sign.
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Result<Fields, InitDataError> {
        let mut fields = Fields {
            text: String::new(),
            pairs: Vec::with_capacity(pairs.len()),
        };
        for (key, value) in &pairs {
            fields.push_pair(key, value);
        }
        fields.sorted()
    }

    /// Appends `key=value\n` to the text and the pair's spans, unsorted.
    fn push_pair(&mut self, key: &str, value: &str) {
        let key = self.push(key);
        self.text.push('=');
        let value = self.push(value);
        self.text.push('\n');
        self.pairs.push((key, value));
    }

    /// Appends `piece` to the text; where it landed.
    fn push(&mut self, piece: &str) -> Range<usize> {
        let start = self.text.len();
        self.text.push_str(piece);
        start..self.text.len()
    }

    /// Sorts the pairs by key, refusing ambiguous fields and repeated keys.
    fn sorted(mut self) -> Result<Self, InitDataError> {
        let bytes = self.text.as_bytes();
        if self
            .pairs
            .iter()
            .any(|(key, value)| ambiguous(&bytes[key.clone()], &bytes[value.clone()]))
        {
            return Err(InitDataError::AmbiguousField);
        }
        // Bytes order as strings do, without checking for char boundaries.
        let key = |pair: &Spans| &self.text.as_bytes()[pair.0.clone()];
        self.pairs.sort_unstable_by(|a, b| key(a).cmp(key(b)));
        if let Some(twice) = self.pairs.windows(2).find(|w| key(&w[0]) == key(&w[1])) {
            return Err(InitDataError::DuplicateKey(
                self.text[twice[0].0.clone()].to_owned(),
            ));
        }
        Ok(self)
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.pairs
            .iter()
            .map(|(key, value)| (&self.text[key.clone()], &self.text[value.clone()]))
    }

    fn position(&self, key: &str) -> Result<usize, usize> {
        self.pairs
            .binary_search_by(|(k, _)| self.text[k.clone()].cmp(key))
    }

    /// The decoded value of `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        let at = self.position(key).ok()?;
        Some(&self.text[self.pairs[at].1.clone()])
    }

    /// Sets `key` to `value`, replacing any earlier value; refused as [`Fields::parse`]
    /// refuses a key or value that would make the data-check-string ambiguous.
    pub fn set(&mut self, key: &str, value: impl AsRef<str>) -> Result<(), InitDataError> {
        if ambiguous(key.as_bytes(), value.as_ref().as_bytes()) {
            return Err(InitDataError::AmbiguousField);
        }
        match self.position(key) {
            Ok(at) => self.pairs[at].1 = self.push(value.as_ref()),
            Err(at) => {
                self.push_pair(key, value.as_ref());
                let pair = self.pairs.pop().expect("just pushed");
                self.pairs.insert(at, pair);
            }
        }
        Ok(())
    }

    /// Feeds the data-check-string to `sink`: every field but `excluded` as `key=value`,
    /// in key order, joined by `\n`. No string is built on the hot path: the text already
    /// holds `key=value\n` for each parsed pair, so stretches of it that are adjacent go to
    /// `sink` as one slice (typically two, either side of `hash`).
    pub fn write_check_string(&self, excluded: &[&str], mut sink: impl FnMut(&[u8])) {
        let text = self.text.as_bytes();
        let mut stretch = Stretch { text, pending: 0..0 };
        let mut previous_end = None;
        for (key, value) in self
            .pairs
            .iter()
            .filter(|(k, _)| !excluded.contains(&&self.text[k.clone()]))
        {
            match previous_end {
                Some(end) if text.get(end) == Some(&b'\n') => stretch.feed(end..end + 1, &mut sink),
                Some(_) => stretch.literal(b"\n", &mut sink),
                None => {}
            }
            if value.start == key.end + 1 && text[key.end] == b'=' {
                stretch.feed(key.start..value.end, &mut sink);
            } else {
                stretch.feed(key.clone(), &mut sink);
                stretch.literal(b"=", &mut sink);
                stretch.feed(value.clone(), &mut sink);
            }
            previous_end = Some(value.end);
        }
        stretch.literal(b"", &mut sink);
    }

    /// The fields as a URL-encoded query string, as a Telegram client sends them.
    pub fn to_query(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (key, value) in self.iter() {
            query.append_pair(key, value);
        }
        query.finish()
    }
}

/// Adjacent pieces of the text, gathered so that they reach a sink as one slice.
struct Stretch<'a> {
    text: &'a [u8],
    pending: Range<usize>,
}

impl Stretch<'_> {
    /// Adds `piece` of the text, handing on what was pending unless `piece` continues it.
    fn feed(&mut self, piece: Range<usize>, sink: &mut impl FnMut(&[u8])) {
        if piece.start == self.pending.end {
            self.pending.end = piece.end;
        } else {
            self.flush(sink);
            self.pending = piece;
        }
    }

    /// Hands on what was pending, then `bytes` (if any).
    fn literal(&mut self, bytes: &[u8], sink: &mut impl FnMut(&[u8])) {
        self.flush(sink);
        if !bytes.is_empty() {
            sink(bytes);
        }
    }

    fn flush(&mut self, sink: &mut impl FnMut(&[u8])) {
        if !self.pending.is_empty() {
            sink(&self.text[self.pending.clone()]);
        }
        self.pending = self.pending.end..self.pending.end;
    }
}

/// Whether a decoded pair could not be told apart from others in the data-check-string.
fn ambiguous(key: &[u8], value: &[u8]) -> bool {
    key.iter().any(|&b| b == b'=' || b == b'\n') || value.contains(&b'\n')
}

fn on_char_boundaries(text: &str, span: &Range<usize>) -> bool {
    text.is_char_boundary(span.start) && text.is_char_boundary(span.end)
}

#[cfg(test)]
mod tests;
