//! Uploaded files kept on disk by a name made from their content (photos, delivery files):
//! written once, through a temporary file that is synced and renamed into place, so a crash
//! never leaves a half-written file under its final name.

use tokio::io::AsyncWriteExt;

/// Writes `bytes` as `dir/<name>` unless that file exists (same name, same content).
pub async fn store(dir: &std::path::Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    let target = dir.join(name);
    if tokio::fs::try_exists(&target).await? {
        return Ok(());
    }
    tokio::fs::create_dir_all(dir).await?;
    let mut nonce = [0u8; 8];
    getrandom::fill(&mut nonce).map_err(std::io::Error::other)?;
    let temp = dir.join(format!(".{name}.{}.tmp", hex::encode(nonce)));
    let written = async {
        let mut file = tokio::fs::File::create(&temp).await?;
        file.write_all(bytes).await?;
        file.sync_all().await?;
        tokio::fs::rename(&temp, &target).await
    };
    let result = written.await;
    if result.is_err() {
        let _ = tokio::fs::remove_file(&temp).await;
    }
    result
}
