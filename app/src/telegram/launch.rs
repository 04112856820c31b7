//! Launch parameters, which the Telegram client puts in the Mini App URL's fragment:
//! `#tgWebAppData=…&tgWebAppVersion=…&tgWebAppPlatform=…&tgWebAppThemeParams=…`.

use super::theme::ThemeParams;

/// What the Telegram client told the app when it opened it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LaunchParams {
    /// Raw initData, exactly as signed: sent to the server in `Authorization: tma …`.
    pub init_data: Option<String>,
    pub version: Option<String>,
    pub platform: Option<String>,
    pub start_param: Option<String>,
    pub theme: ThemeParams,
}

impl LaunchParams {
    /// Parses a URL fragment (with or without the leading `#`). Unknown keys are ignored.
    pub fn from_fragment(fragment: &str) -> Self {
        let mut params = LaunchParams::default();
        for (key, value) in form_urlencoded::parse(fragment.trim_start_matches('#').as_bytes()) {
            let value = Some(value.into_owned()).filter(|v| !v.is_empty());
            match key.as_ref() {
                "tgWebAppData" => params.init_data = value,
                "tgWebAppVersion" => params.version = value,
                "tgWebAppPlatform" => params.platform = value,
                "tgWebAppStartParam" => params.start_param = value,
                "tgWebAppThemeParams" => {
                    params.theme = value.map(|v| ThemeParams::from_json(&v)).unwrap_or_default()
                }
                _ => {}
            }
        }
        params
    }

    /// True when opened by a Telegram client (or the simulator): initData is present.
    pub fn in_telegram(&self) -> bool {
        self.init_data.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fragment_yields_init_data_exactly_as_signed() {
        let init_data = "query_id=AA&user=%7B%22id%22%3A1%7D&auth_date=1&hash=ab";
        let fragment = format!(
            "#tgWebAppData={}&tgWebAppVersion=8.0&tgWebAppPlatform=weba&tgWebAppStartParam=p_3",
            form_urlencoded::byte_serialize(init_data.as_bytes()).collect::<String>()
        );
        let params = LaunchParams::from_fragment(&fragment);
        assert_eq!(params.init_data.as_deref(), Some(init_data));
        assert_eq!(params.version.as_deref(), Some("8.0"));
        assert_eq!(params.platform.as_deref(), Some("weba"));
        assert_eq!(params.start_param.as_deref(), Some("p_3"));
        assert!(params.in_telegram());
    }

    #[test]
    fn theme_params_come_from_the_fragment() {
        let fragment = "tgWebAppThemeParams=%7B%22bg_color%22%3A%22%23212121%22%7D";
        let params = LaunchParams::from_fragment(fragment);
        assert_eq!(
            params.theme.css_variables(),
            vec![("--tg-theme-bg-color".to_owned(), "#212121".to_owned())]
        );
    }

    #[test]
    fn a_page_opened_outside_telegram_has_no_init_data() {
        assert!(!LaunchParams::from_fragment("").in_telegram());
        assert!(!LaunchParams::from_fragment("#section-2").in_telegram());
    }
}
