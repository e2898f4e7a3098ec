-- Each pass claims its emails under a token of its own, and records an outcome only while its
-- token is still on the row: a pass whose lease ran out, and whose emails another pass took
-- over, can no longer overwrite what that pass records.
ALTER TABLE outbox ADD COLUMN claim_token uuid;

-- 'failed' ends the retries of an email the SMTP server refused for good, or that failed too
-- often.
ALTER TABLE outbox DROP CONSTRAINT outbox_status_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_status_check
    CHECK (status IN ('pending', 'sent', 'cancelled', 'failed'));
ALTER TABLE outbox ADD COLUMN failed_at timestamptz;

-- The rules a subscription follows in one comparable value: delivery, then the sorted and
-- de-duplicated jurisdictions and topics, e.g. 'immediate|EU,PK|licensing'. The application
-- computes the same value; byte order ("C") keeps both sides sorting alike.
ALTER TABLE subscription ADD COLUMN rules_key text;
UPDATE subscription s SET rules_key = s.delivery
    || '|' || coalesce((SELECT string_agg(j, ',' ORDER BY j)
                        FROM (SELECT DISTINCT u.code COLLATE "C" AS j FROM unnest(s.jurisdictions) AS u(code)) d), '')
    || '|' || coalesce((SELECT string_agg(t, ',' ORDER BY t)
                        FROM (SELECT DISTINCT u.code COLLATE "C" AS t FROM unnest(s.topics) AS u(code)) d), '');
ALTER TABLE subscription ALTER COLUMN rules_key SET NOT NULL;

-- At most one live subscription per address and rules. Should older data hold several, the
-- confirmed one (else the oldest) stays and the others are cancelled.
UPDATE subscription SET status = 'unsubscribed', unsubscribed_at = now()
WHERE id IN (
    SELECT id FROM (
        SELECT id, row_number() OVER (
                   PARTITION BY lower(email), rules_key
                   ORDER BY (status = 'confirmed') DESC, created_at, id) AS rank
        FROM subscription
        WHERE status IN ('pending', 'confirmed')
    ) ranked
    WHERE rank > 1
);

CREATE UNIQUE INDEX subscription_one_live_per_address_and_rules
    ON subscription (lower(email), rules_key)
    WHERE status IN ('pending', 'confirmed');

-- Looking up an address's subscriptions now goes through the index above.
DROP INDEX subscription_email;

-- Unsubscribing now cancels the subscription's unsent emails in the same transaction, instead
-- of every dispatch pass looking for them; catch up with what is left from before.
UPDATE outbox o SET status = 'cancelled', claimed_until = NULL
FROM subscription s
WHERE s.id = o.subscription_id AND o.status = 'pending' AND s.status = 'unsubscribed';
