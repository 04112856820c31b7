-- The salon (issue #18): staff members and their calendars (weekly hours, days off, blocked
-- times), services (products of kind 'appointment' with a duration, a buffer and the staff who
-- perform them, each at the price of one of the product's variants), the booking rules, and,
-- for the booking piece that follows, appointments and the claims that make a double booking
-- impossible. Times of day and dates are the shop's time zone (shop_settings.time_zone);
-- instants are unix ms, UTC. Kept in step with ../postgres/0022_salon.sql.

-- The salon's booking rules (server/src/shop/appointments/rules.rs checks them), with the
-- issue's defaults.
ALTER TABLE shop_settings ADD COLUMN booking_horizon_days BIGINT NOT NULL DEFAULT 60;          -- last bookable date: today + this
ALTER TABLE shop_settings ADD COLUMN booking_min_notice_minutes BIGINT NOT NULL DEFAULT 120;   -- a slot starts at least this long after now
ALTER TABLE shop_settings ADD COLUMN booking_step_minutes BIGINT NOT NULL DEFAULT 15;          -- slots every this many minutes from a range's start
ALTER TABLE shop_settings ADD COLUMN booking_self_service_minutes BIGINT NOT NULL DEFAULT 1440; -- clients cancel or reschedule until this long before
ALTER TABLE shop_settings ADD COLUMN booking_refund_cancellations BIGINT NOT NULL DEFAULT 1;   -- 1: a client's own cancellation is refunded

-- A staff member: who performs services and whose calendar is booked.
CREATE TABLE staff (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    name             TEXT   NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
    photo_url        TEXT,                    -- https:// or /media/…; NULL: none
    telegram_user_id BIGINT,                  -- their Telegram account (the day view, later); NULL: none
    archived_at      BIGINT,                  -- unix ms; archived staff are offered no more
    created_at       BIGINT NOT NULL
);

-- A staff member's weekly working ranges, several a day; a range whose end is before its
-- start crosses midnight into the next day (it belongs to the day it starts). The whole week
-- is replaced at once, after the domain refused overlaps.
CREATE TABLE staff_hours (
    staff_id     BIGINT NOT NULL REFERENCES staff (id),
    weekday      BIGINT NOT NULL CHECK (weekday BETWEEN 1 AND 7),          -- ISO: 1 Monday … 7 Sunday
    start_minute BIGINT NOT NULL CHECK (start_minute BETWEEN 0 AND 1435),  -- minutes since local midnight, on the 5-minute grid
    end_minute   BIGINT NOT NULL CHECK (end_minute BETWEEN 0 AND 1435),    -- < start_minute: on the next day; 0: the next midnight
    PRIMARY KEY (staff_id, weekday, start_minute)
);

-- Whole local dates a staff member does not work.
CREATE TABLE staff_days_off (
    staff_id BIGINT NOT NULL REFERENCES staff (id),
    day      TEXT   NOT NULL,                 -- YYYY-MM-DD in the shop's time zone
    PRIMARY KEY (staff_id, day)
);

-- Absolute times a staff member is not bookable: a holiday, a doctor's appointment.
CREATE TABLE staff_blocked (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    staff_id  BIGINT NOT NULL REFERENCES staff (id),
    starts_at BIGINT NOT NULL,                -- unix ms, inclusive
    ends_at   BIGINT NOT NULL CHECK (ends_at > starts_at), -- unix ms, exclusive
    reason    TEXT   NOT NULL DEFAULT ''      -- for the salon, at most 200 characters
);
CREATE INDEX staff_blocked_by_staff ON staff_blocked (staff_id, starts_at);

-- A service: the 'appointment' product it is (name, description, photo, prices are the
-- catalog's) and how long it takes its staff member.
CREATE TABLE services (
    product_id       BIGINT PRIMARY KEY REFERENCES products (id),
    duration_minutes BIGINT NOT NULL CHECK (duration_minutes BETWEEN 5 AND 720),  -- with the client
    buffer_minutes   BIGINT NOT NULL CHECK (buffer_minutes BETWEEN 0 AND 240),    -- tidying up after
    updated_at       BIGINT NOT NULL
);

-- Who performs a service, each at the price of one of its product's variants (today's
-- "Junior stylist" and "Senior stylist").
CREATE TABLE service_staff (
    product_id BIGINT NOT NULL REFERENCES services (product_id),
    staff_id   BIGINT NOT NULL REFERENCES staff (id),
    variant_id BIGINT NOT NULL REFERENCES variants (id),
    PRIMARY KEY (product_id, staff_id)
);

-- An appointment (written by the booking piece, not yet built): one order line's service with
-- one staff member at one time. Held from checkout until payment (until held_until, the
-- order's reservation), then booked; served, no_show and cancelled once it is over. Busy
-- while held (not lapsed) or booked, from starts_at to busy_until.
CREATE TABLE appointments (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id           BIGINT NOT NULL REFERENCES orders (id),
    variant_id         BIGINT NOT NULL REFERENCES variants (id),  -- the order line's variant (the price)
    product_id         BIGINT NOT NULL REFERENCES services (product_id),
    staff_id           BIGINT NOT NULL REFERENCES staff (id),
    starts_at          BIGINT NOT NULL,       -- unix ms
    ends_at            BIGINT NOT NULL CHECK (ends_at > starts_at),  -- starts_at + the duration
    busy_until         BIGINT NOT NULL CHECK (busy_until >= ends_at), -- ends_at + the buffer
    held_until         BIGINT NOT NULL,       -- unix ms: a 'held' appointment lapses then
    status             TEXT   NOT NULL DEFAULT 'held'
                           CHECK (status IN ('held', 'booked', 'served', 'no_show', 'cancelled')),
    reminder_24h_sent  BIGINT NOT NULL DEFAULT 0,  -- 1: the bot's reminder a day before went out
    reminder_2h_sent   BIGINT NOT NULL DEFAULT 0,  -- 1: the bot's reminder 2 hours before went out
    created_at         BIGINT NOT NULL
);
CREATE INDEX appointments_by_staff ON appointments (staff_id, starts_at);
CREATE INDEX appointments_by_order ON appointments (order_id);

-- No double booking (see server/src/shop/appointments/claims.rs): each appointment claims the
-- 5-minute cells of absolute time its service and buffer touch, in the booking's transaction;
-- two overlapping appointments share a cell, so the second insert fails on both engines.
-- Claims are deleted with a lapsed hold or a cancellation.
CREATE TABLE slot_claims (
    staff_id       BIGINT NOT NULL REFERENCES staff (id),
    cell           BIGINT NOT NULL,           -- floor(unix ms / 300000)
    appointment_id BIGINT NOT NULL REFERENCES appointments (id),
    PRIMARY KEY (staff_id, cell)
);
CREATE INDEX slot_claims_by_appointment ON slot_claims (appointment_id);
