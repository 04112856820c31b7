//! Generates the `i18n` module (the `Locale` enum, `t!` and friends) from `locales/*.json`.
//!
//! This is what the `leptos_i18n_build` crate does, done with the two crates it wraps (the
//! same ones leptos_i18n's macros already use): `leptos_i18n_build` also carries ICU4X's data
//! exporter, which downloads CLDR data and is only needed for plural and number formatting
//! data — this shop formats money by Telegram's own currency table and has no plural data.

use leptos_i18n_parser::parse_locales::{
    options::{Config, ParseOptions},
    parse_locales,
};
use std::{error::Error, path::PathBuf};

const DEFAULT_LOCALE: &str = "en";
const OTHER_LOCALES: [&str; 3] = ["zh", "fr", "ar"];

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    // `t_string!` with values (aria labels, the MainButton's text) needs the Display code.
    let options = ParseOptions::default().interpolate_display(true);
    let config = Config::new(DEFAULT_LOCALE)?
        .add_locales(OTHER_LOCALES)?
        .parse_options(options);
    let parsed = parse_locales(None, config)?;
    for path in parsed.tracked_files.iter().flatten() {
        println!("cargo::rerun-if-changed={path}");
    }
    for warning in parsed.diag.warnings().iter() {
        println!("cargo::warning={warning}");
    }
    let errors = parsed.diag.errors();
    if !errors.is_empty() {
        let all: Vec<String> = errors.iter().map(ToString::to_string).collect();
        return Err(all.join("\n").into());
    }
    let code = leptos_i18n_codegen::gen_code(&parsed, None, false, None, false)?;
    let dir = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("cargo sets OUT_DIR")?).join("i18n");
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("mod.rs"), code.to_string())?;
    Ok(())
}
