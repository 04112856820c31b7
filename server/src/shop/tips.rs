//! How a buyer tips a card payment: in Telegram's payment sheet (up to the merchant's
//! maximum, with its suggested amounts), or with an amount chosen in the Mini App's checkout
//! summary beforehand, which the invoice then carries as a fixed "Tip" line and the sheet does
//! not ask again. Stars payments take no tips.
//!
//! Pure; `crate::service::checkout` reads the merchant's preset and applies the rules.

use super::invoice::TipPreset;
use app::error_code::ErrorCode;

/// How an order's buyer tips.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tipping {
    /// No tip (Stars, a merchant without tips, or "No tip" chosen in the app).
    None,
    /// Telegram's sheet offers tips up to the preset's maximum.
    InSheet(TipPreset),
    /// The buyer chose this tip (minor units, positive) in the app.
    Chosen(i64),
}

/// Why a tip chosen in the app cannot be taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TipError {
    #[error("Telegram Stars payments take no tips")]
    NotForStars,
    #[error("this shop takes no tips in this currency")]
    NotOffered,
    #[error("a tip must be between 0 and {max} (in the currency's smallest unit)")]
    OutOfRange { max: i64 },
}

impl TipError {
    /// The error's stable code.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::NotForStars => ErrorCode::TipNotForStars,
            Self::NotOffered => ErrorCode::TipNotOffered,
            Self::OutOfRange { .. } => ErrorCode::BadTip,
        }
    }
}

impl Tipping {
    /// The tipping of a checkout: `chosen` is what the app sent (absent from clients that leave
    /// the tip to Telegram's sheet), `preset` the merchant's tips in the cart's currency.
    pub fn decide(stars: bool, preset: Option<TipPreset>, chosen: Option<i64>) -> Result<Self, TipError> {
        match (stars, preset, chosen) {
            (true, _, Some(tip)) if tip != 0 => Err(TipError::NotForStars),
            (true, _, _) | (false, None, None | Some(0)) | (false, Some(_), Some(0)) => Ok(Tipping::None),
            (false, None, Some(_)) => Err(TipError::NotOffered),
            (false, Some(preset), None) => Ok(Tipping::InSheet(preset)),
            (false, Some(preset), Some(tip)) if (1..=preset.max_tip_minor).contains(&tip) => {
                Ok(Tipping::Chosen(tip))
            }
            (false, Some(preset), Some(_)) => Err(TipError::OutOfRange {
                max: preset.max_tip_minor,
            }),
        }
    }

    /// The tip the order carries from the start: the chosen one, else none yet.
    pub fn fixed_minor(&self) -> i64 {
        match self {
            Tipping::Chosen(tip) => *tip,
            _ => 0,
        }
    }

    /// The largest tip the payment may carry: the chosen one, or the sheet's maximum.
    pub fn max_minor(&self) -> i64 {
        match self {
            Tipping::None => 0,
            Tipping::InSheet(preset) => preset.max_tip_minor,
            Tipping::Chosen(tip) => *tip,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn preset() -> Option<TipPreset> {
        TipPreset::parse(1000, "100,200,500")
    }

    #[test]
    fn a_tip_chosen_in_the_app_is_fixed() {
        let tipping = Tipping::decide(false, preset(), Some(200)).unwrap();
        assert_eq!(tipping, Tipping::Chosen(200));
        assert_eq!((tipping.fixed_minor(), tipping.max_minor()), (200, 200));
    }

    #[test]
    fn without_a_choice_the_sheet_offers_the_merchants_tips() {
        let tipping = Tipping::decide(false, preset(), None).unwrap();
        assert_eq!((tipping.fixed_minor(), tipping.max_minor()), (0, 1000));
        assert!(matches!(tipping, Tipping::InSheet(_)));
    }

    #[test]
    fn no_tip_chosen_means_none_asked_for_in_the_sheet() {
        assert_eq!(Tipping::decide(false, preset(), Some(0)), Ok(Tipping::None));
        assert_eq!(Tipping::decide(false, None, None), Ok(Tipping::None));
        assert_eq!(Tipping::decide(true, preset(), None), Ok(Tipping::None));
    }

    #[test]
    fn impossible_tips_are_refused() {
        assert_eq!(
            Tipping::decide(false, preset(), Some(1001)),
            Err(TipError::OutOfRange { max: 1000 })
        );
        assert_eq!(
            Tipping::decide(false, preset(), Some(-5)),
            Err(TipError::OutOfRange { max: 1000 })
        );
        assert_eq!(Tipping::decide(false, None, Some(100)), Err(TipError::NotOffered));
        assert_eq!(
            Tipping::decide(true, preset(), Some(100)),
            Err(TipError::NotForStars)
        );
    }
}
