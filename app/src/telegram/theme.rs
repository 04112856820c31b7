//! Telegram's theme parameters (`bg_color`, `text_color`, …) as CSS variables
//! (`--tg-theme-bg-color`, …), which style/main.css uses for every colour.

use std::collections::BTreeMap;

/// Theme colours by Telegram's key, each a checked `#rgb` / `#rrggbb` colour.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ThemeParams(BTreeMap<String, String>);

impl ThemeParams {
    /// Parses the JSON object Telegram sends; entries that are not a colour are dropped, so
    /// nothing but a colour can reach the page's style.
    pub fn from_json(json: &str) -> Self {
        let raw: BTreeMap<String, serde_json::Value> = serde_json::from_str(json).unwrap_or_default();
        let colours = raw
            .into_iter()
            .filter_map(|(key, value)| {
                let colour = value.as_str()?.to_owned();
                (is_key(&key) && is_colour(&colour)).then_some((key, colour))
            })
            .collect();
        ThemeParams(colours)
    }

    /// `(--tg-theme-<key with - for _>, colour)` pairs, in key order.
    pub fn css_variables(&self) -> Vec<(String, String)> {
        self.0
            .iter()
            .map(|(key, colour)| (format!("--tg-theme-{}", key.replace('_', "-")), colour.clone()))
            .collect()
    }

    /// True when Telegram sent no colours.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// One colour by Telegram's key, e.g. `button_color`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str)
    }
}

fn is_key(key: &str) -> bool {
    !key.is_empty() && key.len() <= 40 && key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
}

fn is_colour(colour: &str) -> bool {
    let hex = colour.strip_prefix('#').unwrap_or("");
    matches!(hex.len(), 3 | 6 | 8) && hex.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_colour_becomes_a_css_variable() {
        let theme = ThemeParams::from_json(r##"{"bg_color":"#17212b","button_text_color":"#fff"}"##);
        assert_eq!(
            theme.css_variables(),
            vec![
                ("--tg-theme-bg-color".to_owned(), "#17212b".to_owned()),
                ("--tg-theme-button-text-color".to_owned(), "#fff".to_owned())
            ]
        );
    }

    #[test]
    fn nothing_but_colours_reaches_the_style() {
        let theme = ThemeParams::from_json(
            r##"{"bg_color":"red; background:url(x)","text_color":7,"Bad-Key":"#fff"}"##,
        );
        assert!(theme.is_empty());
        assert!(ThemeParams::from_json("not json").is_empty());
    }
}
