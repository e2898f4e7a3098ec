-- When an email was last tried, and when it was cancelled: with sent_at and failed_at, the
-- outbox row tells when each step of its delivery happened.
ALTER TABLE outbox ADD COLUMN last_attempt_at timestamptz;
ALTER TABLE outbox ADD COLUMN cancelled_at timestamptz;

-- What became of every alert: sent, given up (failed), cancelled with its subscription, or never
-- enqueued because the address already had an alert about the story (suppressed). A row is
-- written in the same statement that records the outcome, so none is ever missing, and is
-- published to policy.alerts.dispatched.v1 afterwards; published_at is set once the broker has
-- acknowledged it. No email address is kept here: the outbox row (outbox_id) has it.
CREATE TABLE dispatch_event (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- md5 of subscription, item and outcome: the same event always gets the same id
    event_id           uuid         NOT NULL UNIQUE,
    -- the alert; for suppressed, the alert that the address already had
    outbox_id          bigint       NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    subscription_id    uuid         NOT NULL,
    item_id            varchar(128) NOT NULL,
    story_id           varchar(128) NOT NULL,
    outcome            varchar(16)  NOT NULL CHECK (outcome IN ('sent', 'failed', 'cancelled', 'suppressed')),
    attempts           integer      NOT NULL,
    classifier_version varchar(64)  NOT NULL,
    message_id         varchar(128),
    enqueued_at        timestamptz,
    occurred_at        timestamptz  NOT NULL,
    published_at       timestamptz
);

CREATE INDEX dispatch_event_unpublished ON dispatch_event (id) WHERE published_at IS NULL;
CREATE INDEX dispatch_event_subscription ON dispatch_event (subscription_id, occurred_at);
CREATE INDEX dispatch_event_outbox ON dispatch_event (outbox_id);
