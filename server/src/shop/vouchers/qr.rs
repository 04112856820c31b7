//! A voucher's QR code as an SVG document, drawn with the `qrcode` crate (no network, no
//! images): dark modules in `currentColor` on a transparent background, so the page's theme
//! colours it; the four-module quiet zone scanners need; one unit per module in the `viewBox`
//! and no fixed width or height, so the page sizes it. Must not: do I/O.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// The QR code of `text` as a standalone `<svg …>…</svg>`, or `None` if `text` does not fit
/// in a QR code (a voucher's text, about 140 characters, always does).
pub fn qr_svg(text: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let drawn = code
        .render::<svg::Color>()
        .quiet_zone(true)
        .module_dimensions(1, 1)
        .dark_color(svg::Color("currentColor"))
        .light_color(svg::Color("transparent"))
        .build();
    // The crate writes an XML declaration and a fixed size in modules; the page sizes the
    // image itself, by the viewBox.
    let side = code.width() + 8;
    let start = drawn.find("<svg")?;
    let sized = format!(r#" width="{side}" height="{side}""#);
    Some(drawn[start..].replacen(&sized, "", 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_svg_is_sized_by_its_view_box_in_the_theme_s_colour() {
        let svg = qr_svg("T1.42.23456789ABCDEFGHJKMNPQRSTVWX.SIGNATURE").unwrap();
        assert!(svg.starts_with("<svg "), "{svg}");
        assert!(svg.ends_with("</svg>"), "{svg}");
        assert!(!svg.contains("<?xml"), "{svg}");
        let open = &svg[..svg.find('>').unwrap()];
        assert!(!open.contains("width="), "no fixed size: {open}");
        assert!(open.contains("viewBox=\"0 0 "), "{open}");
        assert!(svg.contains(r#"fill="currentColor""#), "{svg}");
        assert!(svg.contains(r#"fill="transparent""#), "{svg}");
    }

    #[test]
    fn the_quiet_zone_is_four_modules_each_side() {
        let text = "T1.42.23456789ABCDEFGHJKMNPQRSTVWX";
        let width = QrCode::with_error_correction_level(text, EcLevel::M)
            .unwrap()
            .width();
        let svg = qr_svg(text).unwrap();
        let side = width + 8;
        assert!(svg.contains(&format!("viewBox=\"0 0 {side} {side}\"")), "{svg}");
        // The first dark module is the finder pattern's corner, four modules in.
        assert!(svg.contains("d=\"M4 4"), "{svg}");
    }

    #[test]
    fn a_voucher_s_text_fits_and_too_much_text_does_not() {
        let voucher = format!("T1.123456.{}.{}", "2".repeat(28), "A".repeat(103));
        assert!(qr_svg(&voucher).is_some());
        assert_eq!(qr_svg(&"x".repeat(5000)), None);
    }
}
