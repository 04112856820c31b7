use super::*;

/// The first bytes of a PNG of `width`×`height`: its signature and header chunk, which is all
/// the size is read from.
fn png_head(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    bytes.extend(width.to_be_bytes());
    bytes.extend(height.to_be_bytes());
    bytes.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
    bytes
}

#[test]
fn images_are_told_by_their_magic_bytes() {
    assert_eq!(ImageKind::sniff(&png_head(1, 1)), Some(ImageKind::Png));
    assert_eq!(
        ImageKind::sniff(b"\xff\xd8\xff\xe0\0\x10JFIF"),
        Some(ImageKind::Jpeg)
    );
    assert_eq!(ImageKind::sniff(b"RIFF\x24\0\0\0WEBPVP8 "), Some(ImageKind::WebP));
    assert_eq!(ImageKind::sniff(b"GIF89a\x01\0\x01\0"), Some(ImageKind::Gif));
    for refused in [
        &b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"[..],
        b"just text, named photo.png",
        b"RIFF\x24\0\0\0WAVEfmt ",
        b"",
    ] {
        assert_eq!(ImageKind::sniff(refused), None);
    }
}

#[test]
fn a_checked_photo_is_named_by_its_content() {
    let photo = CheckedPhoto::check(&png_head(40, 30)).unwrap();
    assert_eq!((photo.kind, photo.width, photo.height), (ImageKind::Png, 40, 30));
    assert_eq!(photo.file_name.len(), 64 + ".png".len());
    assert_eq!(stored_kind(&photo.file_name), Some(ImageKind::Png));
    assert_eq!(photo.url(), format!("/media/{}", photo.file_name));
    assert_eq!(
        CheckedPhoto::check(&png_head(40, 30)).unwrap().file_name,
        photo.file_name
    );
    assert_ne!(
        CheckedPhoto::check(&png_head(41, 30)).unwrap().file_name,
        photo.file_name
    );
}

#[test]
fn photos_are_refused_when_too_big_empty_or_not_an_image() {
    assert_eq!(CheckedPhoto::check(b"<svg/>"), Err(PhotoError::Unsupported));
    assert_eq!(CheckedPhoto::check(&png_head(0, 10)), Err(PhotoError::BadImage));
    assert_eq!(
        CheckedPhoto::check(&png_head(10_001, 10)),
        Err(PhotoError::BadImage)
    );
    assert_eq!(
        CheckedPhoto::check(b"\x89PNG\r\n\x1a\n"),
        Err(PhotoError::BadImage),
        "no header"
    );
    let mut huge = png_head(10, 10);
    huge.resize(MAX_BYTES + 1, 0);
    assert_eq!(CheckedPhoto::check(&huge), Err(PhotoError::TooLarge));
}

#[test]
fn only_names_this_shop_writes_are_served() {
    let digest = "0123456789abcdef".repeat(4);
    assert_eq!(stored_kind(&format!("{digest}.webp")), Some(ImageKind::WebP));
    assert_eq!(stored_kind(&format!("{digest}.jpg")), Some(ImageKind::Jpeg));
    for bad in [
        format!("{digest}.svg"),
        format!("{}.png", digest.to_uppercase()),
        format!("{}.png", &digest[1..]),
        format!("../{}.png", &digest[3..]),
        format!("{digest}.png.png"),
        "x.png".to_owned(),
    ] {
        assert_eq!(stored_kind(&bad), None, "{bad}");
    }
}

#[test]
fn roles_are_main_or_gallery() {
    assert_eq!(PhotoRole::parse("main"), Some(PhotoRole::Main));
    assert_eq!(PhotoRole::parse("gallery"), Some(PhotoRole::Gallery));
    assert_eq!(PhotoRole::parse("cover"), None);
}
