-- Booking a salon service at checkout (issue #18): a service's order line holds no stock (its
-- time is held by the appointment's claims, see 0022_salon.sql), so it is not given back or
-- taken again as units. Kept in step with the other engine's 0023_booking.sql.
ALTER TABLE order_lines ADD COLUMN stocked BIGINT NOT NULL DEFAULT 1;  -- 0: a booked service's line

-- The language Telegram gave for the buyer at their last checkout (initData's language_code,
-- e.g. 'fr'; '' when none): the bot's appointment messages and reminders are in it.
ALTER TABLE buyers ADD COLUMN language_code TEXT NOT NULL DEFAULT '';
