//! Product photos the merchant uploads: which images are taken (PNG, JPEG, WebP, GIF, told by
//! their magic bytes, never by the client's content type or file name; SVG is refused, it can
//! carry scripts), how big they may be, and the content-addressed name each is stored and
//! served under (`<hex SHA-256>.<ext>`, so one file per content and an immutable URL).
//!
//! Pure rules; writing and serving the files is `crate::http`'s. Must not: decode pixels.

use sha2::{Digest, Sha256};

/// The largest photo file taken.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;
/// The widest or tallest photo taken, in pixels.
pub const MAX_SIDE: u32 = 10_000;
/// The photo a product shows until the merchant uploads one: its URL (under `public/`) and size.
pub const PLACEHOLDER: (&str, u32, u32) = ("/products/placeholder.svg", 600, 600);
/// Where uploaded photos are served.
pub const MEDIA_PATH: &str = "/media";

/// The image formats a product photo may be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
    WebP,
    Gif,
}

impl ImageKind {
    const ALL: [ImageKind; 4] = [Self::Png, Self::Jpeg, Self::WebP, Self::Gif];

    /// The format `bytes` start like, if it is one of those taken.
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        match bytes {
            [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n', ..] => Some(Self::Png),
            [0xff, 0xd8, 0xff, ..] => Some(Self::Jpeg),
            [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some(Self::WebP),
            [b'G', b'I', b'F', b'8', b'7' | b'9', b'a', ..] => Some(Self::Gif),
            _ => None,
        }
    }

    /// The file extension stored names end in.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Jpeg => "jpg",
            Self::WebP => "webp",
            Self::Gif => "gif",
        }
    }

    /// The `Content-Type` it is served with.
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
            Self::WebP => "image/webp",
            Self::Gif => "image/gif",
        }
    }
}

/// Why an upload is not taken as a photo.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    #[error("a photo is at most 5 MiB")]
    TooLarge,
    #[error("a photo is a PNG, JPEG, WebP or GIF image")]
    Unsupported,
    #[error("the image's size cannot be read, or is not 1-{MAX_SIDE} pixels each way")]
    BadImage,
}

/// An uploaded image that passed the rules: its format, size and stored name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedPhoto {
    pub kind: ImageKind,
    pub width: u32,
    pub height: u32,
    /// `<hex SHA-256 of the content>.<ext>`.
    pub file_name: String,
}

impl CheckedPhoto {
    /// Checks an uploaded file's bytes.
    pub fn check(bytes: &[u8]) -> Result<Self, PhotoError> {
        if bytes.len() > MAX_BYTES {
            return Err(PhotoError::TooLarge);
        }
        let kind = ImageKind::sniff(bytes).ok_or(PhotoError::Unsupported)?;
        let size = imagesize::blob_size(bytes).map_err(|_| PhotoError::BadImage)?;
        let side = |pixels: usize| u32::try_from(pixels).ok().filter(|p| (1..=MAX_SIDE).contains(p));
        let (Some(width), Some(height)) = (side(size.width), side(size.height)) else {
            return Err(PhotoError::BadImage);
        };
        let digest = hex::encode(Sha256::digest(bytes));
        Ok(CheckedPhoto {
            kind,
            width,
            height,
            file_name: format!("{digest}.{}", kind.extension()),
        })
    }

    /// Where the photo is served.
    pub fn url(&self) -> String {
        format!("{MEDIA_PATH}/{}", self.file_name)
    }
}

/// The format of a stored photo's name, if `name` is one this shop writes
/// (`^[0-9a-f]{64}\.(png|jpg|webp|gif)$`); any other name is not served.
pub fn stored_kind(name: &str) -> Option<ImageKind> {
    let (digest, extension) = name.split_once('.')?;
    let hex = digest.len() == 64
        && digest
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    ImageKind::ALL
        .into_iter()
        .find(|kind| kind.extension() == extension)
        .filter(|_| hex)
}

/// Whether a photo goes in front (the catalog card's and the gallery's first) or after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhotoRole {
    Main,
    Gallery,
}

impl PhotoRole {
    /// `main` or `gallery`.
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim() {
            "main" => Some(Self::Main),
            "gallery" => Some(Self::Gallery),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests;
