//! Every error code the shop answers in `{"error": {"code": "…", "message": "…"}}`, as one
//! enum both sides share: the server's `ApiError` and the domain's refusals carry an
//! [`ErrorCode`], and the app's translations ([`crate::api::Refusal::text`]) compare against
//! the same variants, so a renamed or removed code is a compile error on both sides.
//!
//! The wire keeps the codes as strings (`ErrorCode::SoldOut.as_str() == "sold_out"`). Pages
//! compare a refusal's string with `const { ErrorCode::X.as_str() }`, which costs the wasm
//! nothing; [`ErrorCode::parse`] (a match over every code) is for the server and tests, never
//! for the storefront's main module, whose size budget is nearly spent.

/// Declares the enum with each code's wire string, `as_str`, `parse` and `ALL`.
macro_rules! error_codes {
    ($( $(#[$doc:meta])* $variant:ident = $text:literal, )*) => {
        /// A stable, machine-readable reason a request was refused.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum ErrorCode {
            $( $(#[$doc])* $variant, )*
        }

        impl ErrorCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [ErrorCode] = &[$( ErrorCode::$variant, )*];

            /// The code as the wire carries it, e.g. `sold_out`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $( ErrorCode::$variant => $text, )*
                }
            }

            /// The code a wire string names, if any.
            pub fn parse(text: &str) -> Option<ErrorCode> {
                match text {
                    $( $text => Some(ErrorCode::$variant), )*
                    _ => None,
                }
            }
        }
    };
}

error_codes! {
    // The request itself.
    /// A JSON body that is not JSON of the endpoint's shape (400).
    BodyMalformed = "body_malformed",
    /// A query string that is not the endpoint's (400).
    QueryMalformed = "query_malformed",
    /// An id in the path that is not one (400).
    IdMalformed = "id_malformed",
    /// An order id in the path that is not a number (400).
    OrderIdMalformed = "order_id_malformed",
    /// No API endpoint or file at this path (404).
    NotFound = "not_found",
    /// Storage failed; try again shortly (503).
    Unavailable = "unavailable",
    /// A webhook update that could not be handled now; Telegram delivers it again (503).
    TryAgain = "try_again",
    /// Telegram did not answer (502).
    TelegramUnavailable = "telegram_unavailable",
    /// Telegram refused what the shop asked of it (502).
    TelegramRefused = "telegram_refused",
    /// The request took longer than the server gives one (its body, or its handling) (408/503).
    TimedOut = "timed_out",
    /// The server is handling as many requests as it takes at once; try again (503).
    Busy = "busy",

    // Who is asking (401, 403).
    InitDataMissing = "init_data_missing",
    InitDataHashMissing = "init_data_hash_missing",
    InitDataHashMalformed = "init_data_hash_malformed",
    InitDataHashWrong = "init_data_hash_wrong",
    InitDataDuplicateKey = "init_data_duplicate_key",
    /// A decoded key with `=` or a line break, or a value with a line break: the
    /// data-check-string would not tell where one field ends and the next begins.
    InitDataFieldAmbiguous = "init_data_field_ambiguous",
    InitDataAuthDateMissing = "init_data_auth_date_missing",
    InitDataAuthDateMalformed = "init_data_auth_date_malformed",
    InitDataExpired = "init_data_expired",
    InitDataFromTheFuture = "init_data_from_the_future",
    InitDataUserMissing = "init_data_user_missing",
    InitDataUserMalformed = "init_data_user_malformed",
    InitDataSignatureMissing = "init_data_signature_missing",
    InitDataSignatureMalformed = "init_data_signature_malformed",
    InitDataSignatureWrong = "init_data_signature_wrong",
    /// `Authorization` is not `tma <initData>`.
    AuthorizationNotTma = "authorization_not_tma",
    /// A verified Telegram user who is not one of the shop's admins.
    NotAnAdmin = "not_an_admin",
    /// The admin's browser session ended.
    SessionEnded = "session_ended",
    /// An admin request without a session: the Mini App exchanges its initData for one
    /// (`POST /api/admin/session`), a browser signs in with a link from the bot's /admin.
    AdminSessionRequired = "admin_session_required",
    /// A change on a browser session without its CSRF token.
    CsrfTokenInvalid = "csrf_token_invalid",
    /// A webhook call without the bot's secret token.
    WebhookSecretWrong = "webhook_secret_wrong",

    // The shopper's cart and checkout.
    EmptyCart = "empty_cart",
    TooManyLines = "too_many_lines",
    BadQuantity = "bad_quantity",
    UnknownVariant = "unknown_variant",
    MixedCurrencies = "mixed_currencies",
    SoldOut = "sold_out",
    BelowMinimum = "below_minimum",
    AboveMaximum = "above_maximum",
    UnsupportedCurrency = "unsupported_currency",
    NoPaymentProvider = "no_payment_provider",
    NoStarsPrice = "no_stars_price",
    StarsNeedNoShipping = "stars_need_no_shipping",
    /// Card payment asked for a digital good, which Telegram Stars alone pay for (Telegram's
    /// developer terms §6.2) (422).
    CardsRefusedForDigitalGoods = "cards_refused_for_digital_goods",
    /// Telegram's invoice link has no slug the app can open (said by the app, not the server).
    InvoiceLinkBad = "invoice_link_bad",
    /// More units of a variant than one buyer may reserve (the merchant's setting) (422).
    OverBuyerLimit = "over_buyer_limit",
    /// Too many checkouts or promo previews from one buyer in a short time; the answer's
    /// `Retry-After` says when to try again (429).
    RateLimited = "rate_limited",

    // Events: their tickets at checkout, the organiser's events, publishing to a channel.
    /// Tickets of an event whose sales closed (by the organiser, at the time set, or because
    /// the event was cancelled) (409).
    SalesClosed = "sales_closed",
    /// A ticket of an event with named tickets without one non-blank name (at most 64
    /// characters) per ticket, or names given for tickets that take none (422).
    AttendeeNamesRequired = "attendee_names_required",
    /// More tickets of a type than one order may hold (422).
    OverMaxPerOrder = "over_max_per_order",
    /// No event with this id (404).
    EventNotFound = "event_not_found",
    /// No ticket type with this id in the event (404).
    TicketTypeNotFound = "ticket_type_not_found",
    /// A cancelled event cannot change, close sales or be published again (409).
    EventCancelled = "event_cancelled",
    /// A quota or capacity below the tickets already sold and held (409).
    BelowSold = "below_sold",
    /// Times out of order: the end before the start, sales closing after the start (422).
    BadEventTimes = "bad_event_times",
    BadVenue = "bad_venue",
    BadMapUrl = "bad_map_url",
    BadCapacity = "bad_capacity",
    BadQuota = "bad_quota",
    BadMaxPerOrder = "bad_max_per_order",
    BadTicketTypes = "bad_ticket_types",
    BadStaff = "bad_staff",
    BadTimeZone = "bad_time_zone",
    /// A support contact that is not one line of 1 to 200 characters (422).
    BadSupportContact = "bad_support_contact",
    /// A privacy policy that is empty, too long or holds control characters (422).
    BadPrivacyPolicy = "bad_privacy_policy",
    BadMiniAppShortName = "bad_mini_app_short_name",
    /// `chat` is not `@username` or a numeric chat id (422).
    BadChat = "bad_chat",
    /// Publishing needs the Mini App's short name, a setting (409).
    MiniAppShortNameMissing = "mini_app_short_name_missing",
    /// Publishing needs the bot's username, learned from Telegram at start (503).
    BotUsernameUnknown = "bot_username_unknown",
    /// The bot is not an administrator of the chat that may post there (409).
    BotNotChatAdmin = "bot_not_chat_admin",

    // The salon's appointments: staff, their calendars, services and booking rules.
    /// Weekly hours, a day off or a blocked time the salon's rules refuse (times off the
    /// 5-minute grid, overlapping ranges, a date that is not one) (422).
    WorkingHoursInvalid = "working_hours_invalid",
    /// Booking rules out of their bounds (horizon, notice, step, self-service window) (422).
    BookingRulesInvalid = "booking_rules_invalid",
    /// A service's duration or buffer out of bounds or off the 5-minute grid (422).
    ServiceLengthInvalid = "service_length_invalid",
    /// A staff member's name, photo URL or Telegram user id the shop refuses (422).
    StaffInvalid = "staff_invalid",
    /// No staff member with this id (404; 422 when named in a service's staff).
    StaffNotFound = "staff_not_found",
    /// No service with this id (404).
    ServiceNotFound = "service_not_found",
    /// Only a product of kind `appointment` can be a service (422).
    NotAnAppointmentProduct = "not_an_appointment_product",
    /// A service's staff member priced with a variant of another product (422).
    VariantNotOfService = "variant_not_of_service",
    /// No blocked time with this id for the staff member (404).
    BlockedTimeNotFound = "blocked_time_not_found",
    /// A free-times question without a date written YYYY-MM-DD (400).
    BadDate = "bad_date",
    /// A service's checkout line without a chosen time, or with a quantity other than 1; or
    /// a chosen time on a line that is not a service (422).
    AppointmentTimeRequired = "appointment_time_required",
    /// The chosen time is not one the salon offers (outside hours, too soon, past the
    /// horizon, or the staff member does not perform the service at that price) (422).
    SlotNotOffered = "slot_not_offered",
    /// The chosen time was just taken by another client (409).
    SlotTaken = "slot_taken",
    /// No appointment with this id (among the client's, for a client) (404).
    AppointmentNotFound = "appointment_not_found",
    /// The client may no longer cancel or reschedule it themselves: not booked, or past the
    /// salon's window (409).
    AppointmentNotChangeable = "appointment_not_changeable",
    /// Only a booked appointment is moved, cancelled, served or missed by the salon; this one
    /// is held, served, missed or cancelled already (409).
    AppointmentNotBooked = "appointment_not_booked",

    // Promo codes at checkout.
    PromoMalformed = "promo_malformed",
    PromoUnknown = "promo_unknown",
    PromoNotYet = "promo_not_yet",
    PromoExpired = "promo_expired",
    PromoUsedUp = "promo_used_up",
    PromoMinimum = "promo_minimum",
    PromoOtherCurrency = "promo_other_currency",
    PromoNotForStars = "promo_not_for_stars",
    /// `POST /api/promo` without a code.
    PromoMissing = "promo_missing",

    // Tips chosen in the app.
    TipNotForStars = "tip_not_for_stars",
    TipNotOffered = "tip_not_offered",
    BadTip = "bad_tip",

    // Orders.
    OrderNotFound = "order_not_found",
    /// The order's status does not allow the move.
    IllegalTransition = "illegal_transition",
    NoteTooLong = "note_too_long",
    /// A card refund without the payment provider's reference.
    ReferenceMissing = "reference_missing",
    BadStatus = "bad_status",
    BadSearch = "bad_search",
    BadPage = "bad_page",
    BadDays = "bad_days",

    // The merchant's catalog.
    BadName = "bad_name",
    BadDescription = "bad_description",
    BadVariantName = "bad_variant_name",
    BadVariants = "bad_variants",
    /// A language the shop cannot be written in (en, zh, fr, ar are): the catalog's texts, or
    /// the merchant's language (`null` there follows Telegram) (422).
    BadLanguage = "bad_language",
    BadAlt = "bad_alt",
    BadSlug = "bad_slug",
    BadCurrency = "bad_currency",
    BadPriceMinor = "bad_price_minor",
    BadStarsPrice = "bad_stars_price",
    StarsPriceOnStarsProduct = "stars_price_on_stars_product",
    /// A fiat price on a product of a kind Telegram Stars alone pay for (digital goods and
    /// services, Telegram's developer terms §6.2) (422).
    DigitalGoodsNeedStars = "digital_goods_need_stars",
    BadStock = "bad_stock",
    BadPosition = "bad_position",
    BadDelta = "bad_delta",
    BadReason = "bad_reason",
    BadArchived = "bad_archived",
    BadFulfilment = "bad_fulfilment",
    BadCategoryId = "bad_category_id",
    BadPhoto = "bad_photo",
    BadRole = "bad_role",
    BadImage = "bad_image",
    UnsupportedImage = "unsupported_image",
    ImageTooLarge = "image_too_large",
    SlugTaken = "slug_taken",
    CategoryNotEmpty = "category_not_empty",
    VariantNameTaken = "variant_name_taken",
    VariantOrdered = "variant_ordered",
    LastVariant = "last_variant",
    StockNegative = "stock_negative",
    CurrencyFixed = "currency_fixed",
    CategoryNotFound = "category_not_found",
    ProductNotFound = "product_not_found",
    VariantNotFound = "variant_not_found",
    PhotoNotFound = "photo_not_found",

    // A digital variant's delivery and its download links.
    NotDigital = "not_digital",
    DeliveryFileTooLarge = "delivery_file_too_large",
    BadDeliveryFile = "bad_delivery_file",
    BadFileName = "bad_file_name",
    BadKeys = "bad_keys",
    BadDeliveryText = "bad_delivery_text",
    BadLowStockAt = "bad_low_stock_at",
    DeliveryNotFound = "delivery_not_found",
    DownloadInvalid = "download_invalid",
    DownloadExpired = "download_expired",
    DownloadRevoked = "download_revoked",

    // The merchant's settings: notifications, tips, shipping, promo codes.
    BadChatId = "bad_chat_id",
    BadMaxUnitsPerVariant = "bad_max_units_per_variant",
    BadMaxTipMinor = "bad_max_tip_minor",
    BadSuggested = "bad_suggested",
    TipPresetNotFound = "tip_preset_not_found",
    BadCountryCode = "bad_country_code",
    BadId = "bad_id",
    BadTitle = "bad_title",
    ShippingRateExists = "shipping_rate_exists",
    ShippingRateNotFound = "shipping_rate_not_found",
    BadCode = "bad_code",
    BadPercentOff = "bad_percent_off",
    BadAmountOffMinor = "bad_amount_off_minor",
    BadDiscount = "bad_discount",
    BadMinItemsMinor = "bad_min_items_minor",
    BadMaxUses = "bad_max_uses",
    BadStartsAt = "bad_starts_at",
    BadExpiresAt = "bad_expires_at",
    PromoExists = "promo_exists",
    PromoNotFound = "promo_not_found",

    // The local Telegram simulator (sandbox mode).
    InvalidQuery = "invalid_query",
    UnknownTestUser = "unknown_test_user",
    InvalidPath = "invalid_path",

    // Vouchers and the door.
    /// Scanning tickets for an event is for the shop's admins and that event's staff.
    NotDoorStaff = "not_door_staff",
    /// An admin scanning for an event the shop does not have.
    DoorEventNotFound = "door_event_not_found",
    /// A check-in's nonce is not 16 to 64 characters of `[A-Za-z0-9_-]`.
    BadNonce = "bad_nonce",
    /// A check-in's nonce already answered another scan (another scanner, event or ticket).
    NonceReused = "nonce_reused",

    // Stars subscriptions.
    /// A subscription is priced in Telegram Stars only (XTR).
    SubscriptionNeedsStars = "subscription_needs_stars",
    /// A subscription's monthly price is above Telegram's 10,000 Stars.
    SubscriptionPriceTooHigh = "subscription_price_too_high",
    /// A subscription has exactly one variant: its one monthly price.
    SubscriptionOneVariant = "subscription_one_variant",
    /// A subscription names the private channel or group it grants (`grants_chat_id`, a
    /// negative Telegram chat id); other kinds grant none.
    BadGrantedChat = "bad_granted_chat",
    /// A subscription is paid alone, through `POST /api/subscriptions`, not in a cart.
    SubscriptionAlone = "subscription_alone",
    /// The variant named is not a subscription's.
    NotASubscription = "not_a_subscription",
    /// No such subscription (of this buyer).
    SubscriptionNotFound = "subscription_not_found",
    /// The subscription was never paid (or has lapsed): there is no renewal to change.
    SubscriptionNotRenewable = "subscription_not_renewable",

    // Shared invoices: the merchant's posts into groups and channels.
    /// The product needs a choice first (options, a time, tickets, a subscription), or its
    /// price cannot be invoiced: no shared invoice sells it.
    NotShareable = "not_shareable",
    /// A post goes to a group or a channel, not a private chat.
    NotAGroupOrChannel = "not_a_group_or_channel",
    /// The bot is not in that group (or may not post in that channel).
    BotCannotPost = "bot_cannot_post",
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Compares with a wire string, as tests that read JSON do.
impl PartialEq<str> for ErrorCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl serde::Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for ErrorCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        ErrorCode::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown error code {text:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::ErrorCode;
    use std::collections::HashSet;

    #[test]
    fn every_code_parses_back_from_its_wire_string() {
        for &code in ErrorCode::ALL {
            assert_eq!(ErrorCode::parse(code.as_str()), Some(code), "{code:?}");
        }
        assert_eq!(ErrorCode::parse("no_such_code"), None);
    }

    #[test]
    fn codes_are_unique_lowercase_words() {
        let mut seen = HashSet::new();
        for code in ErrorCode::ALL {
            let text = code.as_str();
            assert!(seen.insert(text), "{text} twice");
            assert!(
                !text.is_empty() && text.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{text}"
            );
        }
    }

    #[test]
    fn a_code_travels_as_its_string() {
        let json = serde_json::to_string(&ErrorCode::SoldOut).unwrap();
        assert_eq!(json, "\"sold_out\"");
        assert_eq!(
            serde_json::from_str::<ErrorCode>(&json).unwrap(),
            ErrorCode::SoldOut
        );
        assert!(serde_json::from_str::<ErrorCode>("\"sold_in\"").is_err());
        assert_eq!(ErrorCode::SoldOut, "sold_out");
    }
}
