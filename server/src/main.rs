//! The shop's executable: reads the environment (and `.env`), then builds and serves the shop
//! until SIGTERM or Ctrl-C.

use leptos::config::get_configuration;
use server::config::Config;
use server::StartError;
use std::process::ExitCode;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    let dotenv = dotenvy::dotenv();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .init();
    if let Err(error) = dotenv {
        if !error.not_found() {
            tracing::error!(%error, "could not read .env");
            return ExitCode::FAILURE;
        }
    }
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!("the shop stopped: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), StartError> {
    let config = Config::from_env()?;
    let mut leptos = get_configuration(None)
        .map_err(|e| StartError::Leptos(e.to_string()))?
        .leptos_options;
    if leptos.output_name.is_empty() {
        // Built by plain cargo rather than cargo-leptos: use the name in Cargo.toml's metadata.
        leptos.output_name = "shop".into();
    }
    if config.mode.is_sandbox() {
        tracing::warn!("SANDBOX=1: the Telegram simulator stands in for Telegram, on this machine only");
    }
    let listener = server::listen(leptos.site_addr).await?;
    // With port 0 the system picked one; the sandbox bot must know which.
    if let Ok(bound) = listener.local_addr() {
        leptos.site_addr = bound;
    }
    let shop = server::build(&config, leptos.clone()).await?;
    tracing::info!("the shop listens on http://{}", leptos.site_addr);
    server::serve(listener, shop, shutdown_signal()).await?;
    tracing::info!("stopped cleanly");
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => tracing::info!("Ctrl-C: shutting down"),
        _ = terminate => tracing::info!("SIGTERM: shutting down"),
    }
}
