-- The dispatcher claims emails with a lease instead of holding row locks while it talks to the
-- SMTP server: a claimed email is skipped by other passes until claimed_until, and becomes
-- claimable again if the claimer died before recording the outcome.
ALTER TABLE outbox ADD COLUMN claimed_until timestamptz;

-- One alert per address and story, however many of the address's subscriptions match it.
-- Databases written before this rule may hold several; keep the one that was sent (else the
-- oldest) so that the index can be built.
DELETE FROM outbox
WHERE id IN (
    SELECT id FROM (
        SELECT id, row_number() OVER (
                   PARTITION BY lower(recipient), story_id
                   ORDER BY (status = 'sent') DESC, id) AS rank
        FROM outbox
        WHERE kind = 'alert' AND status <> 'cancelled'
    ) ranked
    WHERE rank > 1
);

-- A cancelled alert (its subscription was cancelled before it went out) does not count, so that
-- another subscription of the same address can still be alerted about the story.
CREATE UNIQUE INDEX outbox_one_alert_per_address_and_story
    ON outbox (lower(recipient), story_id)
    WHERE kind = 'alert' AND status <> 'cancelled';

-- Subscribing again with the same address and rules finds the existing subscription.
CREATE INDEX subscription_email ON subscription (lower(email));
