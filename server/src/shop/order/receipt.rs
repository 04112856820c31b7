//! Orders as their buyer sees them: the receipt with every amount formatted by Telegram's
//! currency rules, the timeline, and the headline in the list of orders.

use super::{OrderHeadline, OrderInfo, OrderRecord};
use crate::shop::currencies::CurrencyTable;
use app::money::Money;
use app::orders::{OrderSummary, OrderView, ReceiptLine};

impl OrderRecord {
    /// The order's page: status, timeline, receipt and delivery details.
    pub fn view(&self) -> OrderView {
        let table = CurrencyTable::telegram();
        let money = |minor| Money::new(minor, self.currency);
        let label = |minor| table.format(money(minor));
        let total_minor = self.items_minor - self.discount_minor + self.shipping_minor + self.tip_minor;
        OrderView {
            id: self.id,
            status: self.status,
            lines: self
                .lines
                .iter()
                .map(|line| ReceiptLine {
                    product_id: line.product_id,
                    variant_id: line.variant_id,
                    name: line.name.clone(),
                    quantity: line.quantity,
                    unit_price_label: table.format(line.unit_price),
                    total_label: label(line.unit_price.minor.saturating_mul(line.quantity)),
                })
                .collect(),
            timeline: self.timeline.clone(),
            items_total: money(self.items_minor),
            items_total_label: label(self.items_minor),
            discount: self
                .promo_code
                .clone()
                .filter(|_| self.discount_minor > 0)
                .map(|code| (code, table.format_off(money(self.discount_minor)))),
            shipping_label: label(self.shipping_minor),
            tip_label: label(self.tip_minor),
            shipping: money(self.shipping_minor),
            tip: money(self.tip_minor),
            total: money(total_minor),
            total_label: label(total_minor),
            created_at: self.created_at,
            expires_at: self.expires_at,
            paid_at: self.paid_at,
            charge_id: self.charge_id.clone(),
            delivery: self.order_info.as_deref().map(delivery_lines).unwrap_or_default(),
            // Filled by the vouchers' storage once payment issues them (issue #17).
            vouchers: Vec::new(),
            appointments: Vec::new(),
            deliveries: Vec::new(),
        }
    }
}

impl OrderHeadline {
    /// The order's line in the buyer's list.
    pub fn summary(&self) -> OrderSummary {
        OrderSummary {
            id: self.id,
            status: self.status,
            first_item: self.first_item.clone(),
            item_count: self.item_count,
            total_label: CurrencyTable::telegram().format(Money::new(self.total_minor, self.currency)),
            created_at: self.created_at,
        }
    }
}

/// What the shopper gave in the payment sheet, a line each: name, phone, email, then the
/// address as a label would read it. Stored JSON that no longer parses shows nothing rather
/// than failing the whole order page.
fn delivery_lines(order_info: &str) -> Vec<String> {
    let Ok(info) = serde_json::from_str::<OrderInfo>(order_info) else {
        tracing::warn!("an order's stored order_info is not Telegram's OrderInfo");
        return Vec::new();
    };
    let mut lines: Vec<String> = [info.name, info.phone_number, info.email]
        .into_iter()
        .flatten()
        .collect();
    if let Some(address) = info.shipping_address {
        let join = |parts: &[&str]| {
            parts
                .iter()
                .filter(|p| !p.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ")
        };
        lines.extend(
            [
                address.street_line1.clone(),
                address.street_line2.clone(),
                join(&[&address.post_code, &address.city]),
                join(&[&address.state, &address.country_code]),
            ]
            .into_iter()
            .filter(|line| !line.is_empty()),
        );
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::catalog::{ProductId, VariantId};
    use app::identity::UserId;
    use app::money::Currency;
    use app::orders::{OrderId, OrderLineView, OrderStatus, OrderStep};

    fn record() -> OrderRecord {
        let eur = Currency::parse("EUR").unwrap();
        OrderRecord {
            id: OrderId(12),
            buyer_id: UserId(1001),
            status: OrderStatus::Paid,
            currency: eur,
            items_minor: 5200,
            discount_minor: 0,
            promo_code: None,
            shipping_minor: 450,
            tip_minor: 100,
            max_tip_minor: 1000,
            needs_shipping: true,
            reserved: false,
            created_at: 1_000,
            expires_at: 2_000,
            paid_at: Some(1_500),
            lines: vec![
                OrderLineView { product_id: ProductId(1), variant_id: VariantId(1), name: "Mug".into(), unit_price: Money::new(2400, eur), quantity: 2 },
                OrderLineView { product_id: ProductId(2), variant_id: VariantId(2), name: "Card".into(), unit_price: Money::new(400, eur), quantity: 1 },
            ],
            timeline: vec![
                OrderStep { status: OrderStatus::AwaitingPayment, at: 1_000 },
                OrderStep { status: OrderStatus::Paid, at: 1_500 },
            ],
            order_info: Some(
                r#"{"name":"Ada L","phone_number":"+33 6 12","shipping_address":{"country_code":"FR","state":"",
                    "city":"Lyon","street_line1":"1 rue X","street_line2":"","post_code":"69001"}}"#
                    .into(),
            ),
            replaced_by: None,
            buyer_language: String::new(),
            charge_id: Some("tg_charge_1".into()),
        }
    }

    #[test]
    fn the_receipt_shows_each_line_and_every_amount_in_the_currency_s_format() {
        let view = record().view();
        assert_eq!(view.lines[0].unit_price_label, "24,00 €");
        assert_eq!(view.lines[0].total_label, "48,00 €");
        assert_eq!(view.lines[1].total_label, "4,00 €");
        assert_eq!(view.items_total_label, "52,00 €");
        assert_eq!(view.shipping_label, "4,50 €");
        assert_eq!(view.tip_label, "1,00 €");
        assert_eq!(view.total_label, "57,50 €");
        assert_eq!(view.timeline.len(), 2);
        assert_eq!(view.charge_id.as_deref(), Some("tg_charge_1"));
    }

    #[test]
    fn delivery_details_read_like_a_label() {
        assert_eq!(
            record().view().delivery,
            ["Ada L", "+33 6 12", "1 rue X", "69001 Lyon", "FR"]
        );
        let mut unreadable = record();
        unreadable.order_info = Some("{not json".into());
        assert!(unreadable.view().delivery.is_empty());
    }
}
