//! Which window may speak for Telegram to the Mini App: only the one that frames it (Telegram
//! Web, or the local simulator). The browser side (`bridge`, hydrated build only) asks this
//! for every `message` event; kept apart so that the rule is tested natively.

// Used by the hydrated build only.
#![cfg_attr(not(feature = "hydrate"), allow(dead_code))]

/// Whether a `message` event speaks for Telegram: only when its `source` is the very window
/// that frames the app (`same` is `Object.is`). Messages from any other window — a popup, a
/// nested frame, the app's own window, another site's — are ignored, as are all messages to
/// an app that is not framed (`parent` is `None`).
pub(crate) fn is_from_parent<T: ?Sized>(
    parent: Option<&T>,
    source: Option<&T>,
    same: impl Fn(&T, &T) -> bool,
) -> bool {
    match (parent, source) {
        (Some(parent), Some(source)) => same(parent, source),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::is_from_parent;

    fn same(a: &str, b: &str) -> bool {
        std::ptr::eq(a, b)
    }

    #[test]
    fn only_the_framing_window_speaks_for_telegram() {
        let (parent, popup) = ("telegram web", "telegram web");
        assert!(is_from_parent(Some(parent), Some(parent), same));
        // Equal-looking but another window (identity, not equality, decides).
        assert!(!is_from_parent(Some(parent), Some(&popup.to_owned()[..]), same));
        assert!(!is_from_parent(Some(parent), None, same), "no source");
        assert!(!is_from_parent(None, Some(parent), same), "not framed");
        assert!(!is_from_parent::<str>(None, None, same));
    }
}
