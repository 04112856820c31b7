//! The built site's `/pkg` files (wasm, JS, CSS), served precompressed when the build left
//! `.br` / `.gz` files beside them.
//!
//! The wasm is most of what a shopper downloads on first open. Brotli at its best quality
//! takes it to about 30 % of its size but needs over a second of CPU, too slow for compressing
//! per request (the response compression layer uses a fast level). So the build scripts
//! compress once at quality 11 (`precompress_site` in scripts/lib.sh) and this serves those
//! files; without them, or for a file the build left stale, the compression layer compresses
//! on the fly as before.

use std::path::Path;
use std::time::SystemTime;
use tower_http::services::ServeDir;

/// The `/pkg` directory as a service preferring `<file>.br`, then `<file>.gz`.
pub fn pkg_service(dir: &Path) -> ServeDir {
    ServeDir::new(dir).precompressed_br().precompressed_gzip()
}

/// Deletes precompressed files older than their source (or without one): a build that did not
/// run the compression step would otherwise have the old wasm served beside the new JS.
/// Returns how many it deleted.
pub fn drop_stale_precompressed(dir: &Path) -> std::io::Result<usize> {
    let modified = |path: &Path| -> Option<SystemTime> { path.metadata().ok()?.modified().ok() };
    let mut dropped = 0;
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(error) => return Err(error),
    };
    for entry in entries {
        let path = entry?.path();
        let is_compressed = matches!(path.extension().and_then(|e| e.to_str()), Some("br" | "gz"));
        if !is_compressed {
            continue;
        }
        let source = path.with_extension("");
        let fresh = match (modified(&source), modified(&path)) {
            (Some(source), Some(compressed)) => compressed >= source,
            _ => false,
        };
        if !fresh {
            std::fs::remove_file(&path)?;
            dropped += 1;
        }
    }
    Ok(dropped)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::{header, Request, StatusCode};
    use std::time::Duration;
    use tower::ServiceExt;

    fn request(path: &str, accept: &str) -> Request<Body> {
        Request::get(path)
            .header(header::ACCEPT_ENCODING, accept)
            .body(Body::empty())
            .unwrap()
    }

    async fn body<B>(response: axum::http::Response<B>) -> Vec<u8>
    where
        B: axum::body::HttpBody<Data = axum::body::Bytes> + Send + 'static,
        B::Error: Into<axum::BoxError>,
    {
        axum::body::to_bytes(Body::new(response.into_body()), usize::MAX)
            .await
            .unwrap()
            .to_vec()
    }

    #[tokio::test]
    async fn precompressed_files_are_served_to_clients_that_take_them() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("shop.wasm"), b"plain wasm").unwrap();
        std::fs::write(dir.path().join("shop.wasm.br"), b"brotli bytes").unwrap();
        std::fs::write(dir.path().join("shop.wasm.gz"), b"gzip bytes").unwrap();

        let br = pkg_service(dir.path())
            .oneshot(request("/shop.wasm", "gzip, br"))
            .await
            .unwrap();
        assert_eq!(br.status(), StatusCode::OK);
        assert_eq!(br.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(br.headers()[header::CONTENT_TYPE], "application/wasm");
        assert_eq!(body(br).await, b"brotli bytes");

        let gz = pkg_service(dir.path())
            .oneshot(request("/shop.wasm", "gzip"))
            .await
            .unwrap();
        assert_eq!(gz.headers()[header::CONTENT_ENCODING], "gzip");
        assert_eq!(body(gz).await, b"gzip bytes");

        let plain = pkg_service(dir.path())
            .oneshot(request("/shop.wasm", "identity"))
            .await
            .unwrap();
        assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
        assert_eq!(body(plain).await, b"plain wasm");

        let missing = pkg_service(dir.path())
            .oneshot(request("/nope.js", "br"))
            .await
            .unwrap();
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    }

    #[test]
    fn stale_or_orphaned_precompressed_files_are_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = |name: &str| dir.path().join(name);
        std::fs::write(path("shop.js.br"), b"old").unwrap();
        std::fs::write(path("orphan.css.gz"), b"old").unwrap();
        std::fs::write(path("shop.css"), b"css").unwrap();
        std::fs::write(path("shop.css.br"), b"fresh").unwrap();
        std::fs::write(path("shop.js"), b"new js").unwrap();
        // The JS was rebuilt after its .br was written (an hour before, not a sleep's wait).
        let written = SystemTime::now() - Duration::from_secs(3600);
        let br = std::fs::File::options().write(true).open(path("shop.js.br"));
        br.unwrap().set_modified(written).unwrap();

        assert_eq!(drop_stale_precompressed(dir.path()).unwrap(), 2);
        assert!(!path("shop.js.br").exists());
        assert!(!path("orphan.css.gz").exists());
        assert!(path("shop.css.br").exists(), "a fresh one stays");
        assert!(
            path("shop.js").exists() && path("shop.css").exists(),
            "sources stay"
        );
        assert_eq!(drop_stale_precompressed(&dir.path().join("absent")).unwrap(), 0);
    }
}
