-- Issue #17: a check-in's nonce answers a retry of the same scan only, and the event scanned
-- for is part of the scan: the same nonce, scanner and ticket sent for another event must not
-- hear the first event's answer ("admitted") but be refused as a reused nonce. Rows recorded
-- before this column answer no retry (NULL matches no event).
ALTER TABLE check_ins ADD COLUMN event_id BIGINT;
