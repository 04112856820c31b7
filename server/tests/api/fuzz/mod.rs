//! Property-based fuzzing (proptest, on stable Rust) of what strangers can send the shop: the
//! initData validator, the `Update` decoder, and the webhook that uses it.
//!
//! Each property runs `PROPTEST_CASES` inputs (default 2,000: a few seconds in `cargo test`;
//! the webhook, which goes over HTTP, runs `FUZZ_WEBHOOK_CASES`, default 200), and prints what
//! it ran (`fuzz: <target>/<property>: N inputs in S s (R/s)`) when run with `--nocapture`.
//! `scripts/fuzz.sh` runs them for millions of inputs. Targets and properties:
//! - `init_data`: arbitrary text is refused without a panic; valid initData with mutated
//!   bytes, extra or repeated keys and escaped separators is accepted only when what it
//!   decodes to is exactly what was signed (so never with a hash that does not match); odd
//!   but equal encodings of valid initData (escapes in either case, `%20` for `+`, another
//!   order) are accepted as the same user;
//! - `update`: arbitrary bytes, arbitrary JSON and valid updates with a part replaced,
//!   removed or added decode without a panic, and what decodes survives a round trip;
//! - `webhook`: every body (arbitrary or near-valid) is answered, never with a 5xx.

//!
//! One module per target: [`init_data`], and [`update`] with the webhook that decodes it.

mod init_data;
mod update;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRunner};
use std::time::Instant;

/// How many inputs each property runs: `var`, or `default`.
pub(super) fn cases(var: &str, default: u32) -> u32 {
    std::env::var(var)
        .ok()
        .and_then(|n| n.replace('_', "").parse().ok())
        .unwrap_or(default)
}

/// Runs `test` on `cases` inputs from `strategy`, failing with the smallest failing input,
/// and prints the figures.
pub(super) fn fuzz<S: Strategy>(
    name: &str,
    cases: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) where
    S::Value: std::fmt::Debug,
{
    let config = Config {
        cases,
        // The smallest failing input is printed; no regression file is written.
        failure_persistence: None,
        // Optimised in dev builds like proptest itself (the workspace's Cargo.toml).
        rng_algorithm: RngAlgorithm::XorShift,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let started = Instant::now();
    let outcome = runner.run(&strategy, test);
    let secs = started.elapsed().as_secs_f64();
    println!(
        "fuzz: {name}: {cases} inputs in {secs:.1} s ({:.0}/s)",
        f64::from(cases) / secs.max(1e-9)
    );
    if let Err(failure) = outcome {
        panic!("{name}: {failure}");
    }
}
