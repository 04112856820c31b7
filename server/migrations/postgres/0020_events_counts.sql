-- Issue #17: an event's tickets are counted (paid, and held by orders awaiting payment) per
-- product at every checkout of its tickets, with the event locked; this keeps that count to
-- the event's own order lines instead of every line ever sold.
CREATE INDEX order_lines_by_product ON order_lines (product_id);
