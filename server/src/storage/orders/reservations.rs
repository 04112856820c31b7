//! Stock and promo-code uses taken and given back inside an order's transaction. Stock is
//! taken with one conditional `UPDATE … WHERE stock >= n` per line, so two buyers of the last
//! unit cannot both get it on either backend, and only while the variant still costs what the
//! line was priced at. A promo code's use is taken the same way, against its `max_uses`.
//!
//! Why a use is counted when the order is made, not when it is paid: a payment is a fact
//! (money taken must be recorded), so counting there cannot refuse anything, and concurrent
//! payments of orders made while the code had uses left would go past `max_uses`. Held by the
//! unpaid order like its stock (`orders.promo_held`), the use is given back when the order
//! expires or is cancelled, and taken again (or refused) when a lapsed order is paid for.

use crate::storage::StorageError;
use app::catalog::VariantId;
use app::orders::OrderId;
use sqlx::{Any, Transaction};

/// What a line was priced at, to check the variant still costs it when its stock is taken.
#[derive(Clone, Copy, Debug)]
pub(in crate::storage) struct UnitPrice {
    minor: i64,
    /// Priced in Stars: its Stars price for a fiat product, its own price for a Stars one.
    in_stars: bool,
}

impl UnitPrice {
    pub(in crate::storage) fn new(minor: i64, in_stars: bool) -> Self {
        UnitPrice { minor, in_stars }
    }
}

/// Takes `quantity` units of a variant if that many are left (and, when given, if it still
/// costs `unit`). Returns whether it did.
pub(in crate::storage) async fn take_stock(
    tx: &mut sqlx::AnyConnection,
    variant: VariantId,
    quantity: i64,
    unit: Option<UnitPrice>,
) -> Result<bool, StorageError> {
    let taken = sqlx::query(
        "UPDATE variants SET stock = stock - $1
         WHERE id = $2 AND stock >= $1 AND ($3 < 0
            OR ($4 = 0 AND price_minor = $3)
            OR ($4 = 1 AND $3 = CASE WHEN (SELECT p.currency FROM products p WHERE p.id = variants.product_id) = 'XTR'
                                     THEN price_minor ELSE stars_price END))",
    )
    .bind(quantity)
    .bind(variant.0)
    .bind(unit.map_or(-1, |u| u.minor))
    .bind(i64::from(unit.is_some_and(|u| u.in_stars)))
    .execute(&mut *tx)
    .await?
    .rows_affected();
    Ok(taken == 1)
}

pub(in crate::storage) async fn stock_of(
    tx: &mut sqlx::AnyConnection,
    variant: VariantId,
) -> Result<i64, StorageError> {
    let stock: Option<(i64,)> = sqlx::query_as("SELECT stock FROM variants WHERE id = $1")
        .bind(variant.0)
        .fetch_optional(&mut *tx)
        .await?;
    Ok(stock.map_or(0, |(s,)| s))
}

/// Returns an order's units to stock (a booked service's line holds none).
pub(in crate::storage) async fn give_back_stock(
    tx: &mut Transaction<'static, Any>,
    id: OrderId,
) -> Result<(), StorageError> {
    sqlx::query(
        "UPDATE variants SET stock = stock +
            (SELECT quantity FROM order_lines l WHERE l.order_id = $1 AND l.variant_id = variants.id)
         WHERE id IN (SELECT variant_id FROM order_lines WHERE order_id = $1 AND stocked = 1)",
    )
    .bind(id.0)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Takes one use of order `id`'s promo code for it, unless it holds one already or has no
/// code: one conditional `UPDATE`, so concurrent orders never count past `max_uses`. Returns
/// false when the code is used up.
pub(in crate::storage) async fn hold_promo_use(
    conn: &mut sqlx::AnyConnection,
    id: OrderId,
) -> Result<bool, StorageError> {
    let (code, held): (Option<String>, i64) =
        sqlx::query_as("SELECT promo_code, promo_held FROM orders WHERE id = $1")
            .bind(id.0)
            .fetch_one(&mut *conn)
            .await?;
    let Some(code) = code.filter(|_| held == 0) else {
        return Ok(true);
    };
    let taken = sqlx::query(
        "UPDATE promo_codes SET uses = uses + 1 WHERE code = $1 AND (max_uses IS NULL OR uses < max_uses)",
    )
    .bind(&code)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if taken == 1 {
        mark_promo_held(conn, id, true).await?;
    }
    Ok(taken == 1)
}

/// Counts order `id`'s promo code use whatever its limit, unless the order holds one already:
/// for a payment, which happened whether or not the code had uses left.
pub(in crate::storage) async fn count_paid_promo_use(
    conn: &mut sqlx::AnyConnection,
    id: OrderId,
) -> Result<(), StorageError> {
    sqlx::query(
        "UPDATE promo_codes SET uses = uses + 1
         WHERE code = (SELECT promo_code FROM orders WHERE id = $1 AND promo_held = 0)",
    )
    .bind(id.0)
    .execute(&mut *conn)
    .await?;
    mark_promo_held(conn, id, true).await
}

/// Gives back the promo code use order `id` holds, if any (it expired or was cancelled unpaid).
pub(in crate::storage) async fn give_back_promo_use(
    conn: &mut sqlx::AnyConnection,
    id: OrderId,
) -> Result<(), StorageError> {
    sqlx::query(
        "UPDATE promo_codes SET uses = uses - 1
         WHERE code = (SELECT promo_code FROM orders WHERE id = $1 AND promo_held = 1) AND uses > 0",
    )
    .bind(id.0)
    .execute(&mut *conn)
    .await?;
    mark_promo_held(conn, id, false).await
}

async fn mark_promo_held(
    conn: &mut sqlx::AnyConnection,
    id: OrderId,
    held: bool,
) -> Result<(), StorageError> {
    sqlx::query("UPDATE orders SET promo_held = $1 WHERE id = $2 AND promo_code IS NOT NULL")
        .bind(i64::from(held))
        .bind(id.0)
        .execute(conn)
        .await?;
    Ok(())
}
