//! The dependency rule between the crate's layers, checked by scanning the sources.
//!
//! The domain (`shop`) is the bottom: it uses nothing of this crate but itself, so its rules
//! can be read and tested without a database or Telegram. `storage` keeps the domain's records
//! and may use only the domain and the clock; `telegram` speaks Telegram's protocols over the
//! domain and storage; `service` orchestrates the domain, storage and the Bot API for the
//! handlers; `http` and the `simulator` sit on top. README's architecture section states the
//! same rule. A `use` (or a path) that runs against it fails the test below.

/// For each layer, the modules of this crate it may name (besides itself).
const ALLOWED: &[(&str, &[&str])] = &[
    ("shop", &[]),
    ("clock", &[]),
    ("config", &["shop"]),
    ("storage", &["shop", "clock"]),
    ("metrics", &["storage"]),
    ("telegram", &["shop", "storage", "clock", "config", "metrics"]),
    (
        "service",
        &["shop", "storage", "telegram", "clock", "config", "metrics"],
    ),
];

/// The crate's top-level modules named by `source`, a file of module `module_path` (as
/// `["shop", "order", "receipt"]`): through `crate::x`, `crate::{x, y}` and `super::`
/// chains that climb to the crate's root. Comments are skipped.
fn named_modules(module_path: &[&str], source: &str) -> Vec<String> {
    let mut named = Vec::new();
    for line in source.lines() {
        let code = match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        };
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            if let Some(group) = after.strip_prefix('{') {
                named.extend(top_level_items(group).iter().map(|item| first_segment(item)));
            } else {
                named.push(first_segment(after));
            }
            rest = after;
        }
        let mut rest = code;
        while let Some(at) = rest.find("super::") {
            let mut after = &rest[at..];
            let mut depth = 0;
            while let Some(next) = after.strip_prefix("super::") {
                depth += 1;
                after = next;
            }
            if depth >= module_path.len() {
                named.push(first_segment(after));
            }
            rest = &rest[at + "super::".len() * depth..];
        }
    }
    named.retain(|name| !name.is_empty());
    named
}

/// The items of a `{…}` group (its opening brace already read), split at its own commas only:
/// `a::{b, c}, d}` gives `a::{b, c}` and `d`.
fn top_level_items(group: &str) -> Vec<&str> {
    let (mut items, mut depth, mut start) = (Vec::new(), 0, 0);
    for (at, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                items.push(&group[start..at]);
                return items;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&group[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    items.push(&group[start..]);
    items
}

fn first_segment(path: &str) -> String {
    path.trim()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("the source folder reads") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// `src/shop/order/receipt.rs` → `["shop", "order", "receipt"]`; `mod.rs` names its folder.
    fn module_path(src: &Path, file: &Path) -> Vec<String> {
        let relative = file.strip_prefix(src).expect("under src");
        let mut parts: Vec<String> = relative
            .with_extension("")
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if parts.last().is_some_and(|last| last == "mod") {
            parts.pop();
        }
        parts
    }

    fn violations() -> Vec<String> {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        sources(&src, &mut files);
        let mut found = Vec::new();
        for file in files {
            let path = module_path(&src, &file);
            let Some((_, allowed)) = ALLOWED.iter().find(|(layer, _)| path[0] == *layer) else {
                continue;
            };
            let source = std::fs::read_to_string(&file).expect("a source file reads");
            let path: Vec<&str> = path.iter().map(String::as_str).collect();
            for name in named_modules(&path, &source) {
                if name != path[0] && !allowed.contains(&name.as_str()) {
                    found.push(format!("{} uses crate::{name}", file.display()));
                }
            }
        }
        found.sort();
        found.dedup();
        found
    }

    #[test]
    fn every_layer_uses_only_the_layers_below_it() {
        let found = violations();
        assert!(
            found.is_empty(),
            "the dependency rule is broken:\n{}",
            found.join("\n")
        );
    }

    #[test]
    fn the_scan_finds_paths_into_other_layers_however_they_are_written() {
        let named = |path: &[&str], source: &str| named_modules(path, source);
        assert_eq!(named(&["shop", "cart"], "use crate::storage::Db;"), ["storage"]);
        assert_eq!(
            named(&["shop"], "use crate::{http::ApiError, telegram};"),
            ["http", "telegram"]
        );
        assert_eq!(
            named(
                &["shop"],
                "use crate::{order::{OrderRecord, receipt}, storage::Db};"
            ),
            ["order", "storage"]
        );
        assert_eq!(
            named(&["shop", "order"], "use super::super::storage::Db;"),
            ["storage"]
        );
        assert_eq!(
            named(&["shop", "order"], "use super::currencies::Table;"),
            Vec::<String>::new()
        );
        assert_eq!(
            named(&["shop"], "let x = 1; // crate::storage in a comment"),
            Vec::<String>::new()
        );
        assert_eq!(named(&["shop"], "fn f(db: &crate::storage::Db) {}"), ["storage"]);
    }
}
