//! Black-box tests of the `server` executable itself: configuration from the environment,
//! start-up failures that stop it loudly, and graceful shutdown on SIGTERM.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub(crate) fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts the binary with a clean environment plus `vars`, in a temp working directory; in
/// sandbox mode unless `vars` name `BOT_TOKEN` or `SANDBOX`.
pub(crate) fn spawn(dir: &std::path::Path, vars: &[(&str, String)]) -> Child {
    let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
    command
        .current_dir(dir)
        .env_clear()
        .env("RUST_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if !vars
        .iter()
        .any(|(name, _)| ["BOT_TOKEN", "SANDBOX"].contains(name))
    {
        command.env("SANDBOX", "1");
    }
    for (name, value) in vars {
        command.env(name, value);
    }
    command.spawn().expect("server binary starts")
}

pub(crate) fn wait_for_health(port: u16, child: &mut Child) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("server exited early with {status}");
        }
        if let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", port)) {
            use std::io::{Read, Write};
            stream
                .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .unwrap();
            let mut answer = String::new();
            let _ = stream.read_to_string(&mut answer);
            if answer.starts_with("HTTP/1.1 200") {
                return;
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("server did not become healthy");
}

/// Sends SIGTERM and collects the exit status and everything the server printed.
fn terminate(child: Child) -> (std::process::ExitStatus, String) {
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    output_of(child)
}

fn output_of(child: Child) -> (std::process::ExitStatus, String) {
    let output = child.wait_with_output().unwrap();
    let text =
        String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr);
    (output.status, text)
}

#[test]
fn sigterm_stops_the_shop_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let mut child = spawn(dir.path(), &[("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))]);
    wait_for_health(port, &mut child);
    // The embedded default: a SQLite file under data/ in the working directory.
    assert!(dir.path().join("data/shop.db").is_file());
    let (status, log) = terminate(child);
    assert!(status.success(), "{status}: {log}");
    assert!(
        log.contains("SIGTERM: shutting down") && log.contains("stopped cleanly"),
        "{log}"
    );
}

#[test]
fn an_invalid_setting_stops_the_start_naming_the_variable() {
    let dir = tempfile::tempdir().unwrap();
    let child = spawn(
        dir.path(),
        &[
            ("ADMIN_USER_IDS", "12,bob".into()),
            ("LEPTOS_SITE_ADDR", format!("127.0.0.1:{}", free_port())),
        ],
    );
    let (status, log) = output_of(child);
    assert_eq!(status.code(), Some(1), "{log}");
    assert!(log.contains("ADMIN_USER_IDS is invalid"), "{log}");
}

/// Runs the binary to its end with `vars`; it must stop at start-up with exit code 1 and a
/// log that says every one of `named`.
fn refuses_to_start(vars: &[(&str, String)], named: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let (status, log) = output_of(spawn(dir.path(), vars));
    assert_eq!(status.code(), Some(1), "{log}");
    for name in named {
        assert!(log.contains(name), "the log does not name {name}: {log}");
    }
    assert!(
        !dir.path().join("data/shop.db").exists(),
        "it stopped before opening a database"
    );
}

#[test]
fn without_a_bot_token_or_sandbox_the_shop_stops_naming_both() {
    let addr = ("LEPTOS_SITE_ADDR", format!("127.0.0.1:{}", free_port()));
    // .env.example's blank BOT_TOKEN= once meant the public sandbox.
    for token in [None, Some(""), Some("  ")] {
        let mut vars = vec![addr.clone(), ("SANDBOX", "0".to_owned())];
        vars.extend(token.map(|t| ("BOT_TOKEN", t.to_owned())));
        refuses_to_start(&vars, &["BOT_TOKEN", "SANDBOX"]);
    }
}

#[test]
fn the_sandbox_never_runs_at_a_public_url_beside_a_token_or_off_loopback() {
    let port = free_port();
    let local = ("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"));
    let sandbox = ("SANDBOX", "1".to_owned());
    refuses_to_start(
        &[
            local.clone(),
            sandbox.clone(),
            ("PUBLIC_URL", "https://shop.example".into()),
        ],
        &["SANDBOX", "PUBLIC_URL"],
    );
    refuses_to_start(
        &[local, sandbox.clone(), ("BOT_TOKEN", "123456:TOKEN".into())],
        &["SANDBOX", "BOT_TOKEN"],
    );
    for open in [format!("0.0.0.0:{port}"), format!("[::]:{port}")] {
        refuses_to_start(
            &[("LEPTOS_SITE_ADDR", open), sandbox.clone()],
            &["SANDBOX", "LEPTOS_SITE_ADDR"],
        );
    }
}

#[test]
fn a_real_bot_may_listen_on_every_address() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let mut child = spawn(
        dir.path(),
        &[
            ("LEPTOS_SITE_ADDR", format!("0.0.0.0:{port}")),
            ("BOT_TOKEN", "123456:TOKEN".into()),
            // Nothing listens there: the bot retries in the background; the shop serves.
            ("TELEGRAM_API_URL", format!("http://127.0.0.1:{}", free_port())),
        ],
    );
    wait_for_health(port, &mut child);
    let (status, log) = terminate(child);
    assert!(status.success(), "{status}: {log}");
}

#[test]
fn secrets_never_reach_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let mut child = spawn(
        dir.path(),
        &[
            ("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}")),
            ("BOT_TOKEN", "123456:TOKEN-SHOULD-NOT-APPEAR".into()),
            (
                "WEBHOOK_SECRET",
                "secret-should-not-appear-0123456789abcdef".into(),
            ),
            (
                "PAYMENT_PROVIDER_TOKEN",
                "1:LIVE:provider-should-not-appear".into(),
            ),
        ],
    );
    wait_for_health(port, &mut child);
    let (_, log) = terminate(child);
    for secret in [
        "TOKEN-SHOULD-NOT-APPEAR",
        "secret-should-not-appear-0123456789abcdef",
        "provider-should-not-appear",
    ] {
        assert!(!log.contains(secret), "{secret} leaked: {log}");
    }
}

#[test]
fn a_sign_in_links_token_never_reaches_the_log_even_at_debug_level() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let mut child = spawn(
        dir.path(),
        &[
            ("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}")),
            ("RUST_LOG", "debug,sqlx=warn".into()),
        ],
    );
    wait_for_health(port, &mut child);
    let token = "SIGNINxTOKENxSHOULDxNOTxAPPEARxINxTHExLOGx0";
    for request in [
        format!("GET /admin/login?token={token} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        format!(
            "POST /admin/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\ntoken={token}",
            token.len() + 6
        ),
    ] {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        assert!(answer.starts_with("HTTP/1.1 "), "{answer}");
    }
    let (_, log) = terminate(child);
    assert!(log.contains("/admin/login"), "the requests were traced: {log}");
    assert!(!log.contains(token), "the token leaked: {log}");
}
