//! The merchant's side of black-box catalog tests: the shop with an admin and an upload
//! directory, PATCH and DELETE as an admin, multipart uploads, and real tiny PNGs.

pub use super::merchant::CAMILLE;
use super::{FreshDb, TestServer};
use serde_json::Value;

/// The shop with Camille as its admin and photos kept in `uploads`.
pub async fn shop(fresh: &FreshDb, uploads: &tempfile::TempDir) -> TestServer {
    let dir = uploads.path().to_str().unwrap().to_owned();
    TestServer::start_with(&fresh.url, &[("ADMIN_USER_IDS", "1003"), ("UPLOAD_DIR", &dir)]).await
}

pub async fn patch_json(server: &TestServer, path: &str, body: &Value, init_data: &str) -> (u16, Value) {
    let url = format!("{}{path}", server.base_url);
    let response = server
        .client
        .patch(url)
        .json(body)
        .header("authorization", super::authorization(init_data))
        .send()
        .await
        .unwrap();
    (
        response.status().as_u16(),
        response.json().await.unwrap_or(Value::Null),
    )
}

pub async fn delete(server: &TestServer, path: &str, init_data: &str) -> (u16, Value) {
    let url = format!("{}{path}", server.base_url);
    let request = server
        .client
        .delete(url)
        .header("authorization", super::authorization(init_data));
    let response = request.send().await.unwrap();
    (
        response.status().as_u16(),
        response.json().await.unwrap_or(Value::Null),
    )
}

/// The storefront's product with `slug`, if it shows one.
pub async fn on_sale(server: &TestServer, slug: &str) -> Option<Value> {
    let (_, catalog) = server.get_json("/api/products", None).await;
    catalog["products"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["slug"] == slug)
        .cloned()
}

pub fn code(answer: &(u16, Value)) -> (u16, Option<&str>) {
    (answer.0, answer.1["error"]["code"].as_str())
}

/// Posts a multipart form (see [`with_form`]) to the shop.
pub async fn upload(
    server: &TestServer,
    path: &str,
    init_data: &str,
    fields: &[(&str, &str, &[u8])],
) -> (u16, Value) {
    let request = server
        .client
        .post(format!("{}{path}", server.base_url))
        .header("authorization", super::authorization(init_data));
    let response = with_form(request, fields).send().await.unwrap();
    (
        response.status().as_u16(),
        response.json().await.unwrap_or(Value::Null),
    )
}

/// `request` with a multipart form as its body: `(name, file name or "" for a text field,
/// content)`, each file an `image/png`; for the shop's uploads and the fake Telegram's.
pub fn with_form(
    request: reqwest::RequestBuilder,
    fields: &[(&str, &str, &[u8])],
) -> reqwest::RequestBuilder {
    const BOUNDARY: &str = "shop-test-boundary-7d1f";
    let mut body = Vec::new();
    for (name, file, content) in fields {
        body.extend(format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"").as_bytes());
        if !file.is_empty() {
            body.extend(format!("; filename=\"{file}\"\r\nContent-Type: image/png").as_bytes());
        }
        body.extend(b"\r\n\r\n");
        body.extend(*content);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{BOUNDARY}--\r\n").as_bytes());
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    request.header("content-type", content_type).body(body)
}

/// A real PNG of `width`×`height` white pixels: signature, header, one stored (uncompressed)
/// zlib block of scanlines, end; with their CRCs and checksum.
pub fn tiny_png(width: u32, height: u32) -> Vec<u8> {
    fn chunk(png: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        png.extend((data.len() as u32).to_be_bytes());
        let start = png.len();
        png.extend(kind);
        png.extend(data);
        let crc = crc32(&png[start..]);
        png.extend(crc.to_be_bytes());
    }
    let mut header = Vec::new();
    header.extend(width.to_be_bytes());
    header.extend(height.to_be_bytes());
    header.extend([8, 0, 0, 0, 0]); // 8-bit greyscale
    let raw: Vec<u8> = (0..height)
        .flat_map(|_| std::iter::once(0).chain(std::iter::repeat_n(255, width as usize)))
        .collect();
    let mut zlib = vec![0x78, 0x01, 1];
    zlib.extend((raw.len() as u16).to_le_bytes());
    zlib.extend((!(raw.len() as u16)).to_le_bytes());
    zlib.extend(&raw);
    zlib.extend(adler32(&raw).to_be_bytes());
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut png, b"IHDR", &header);
    chunk(&mut png, b"IDAT", &zlib);
    chunk(&mut png, b"IEND", &[]);
    png
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn adler32(bytes: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in bytes {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    (b << 16) | a
}
