-- An item's immediate alerts are written at consumption as one row: who gets it and why.
-- The dispatch pass expands it, in batches, into one outbox row per recipient (with the
-- uniqueness and suppression rules of the outbox), so that consuming an item costs one
-- insert whatever the number of its recipients.
CREATE TABLE alert_fanout (
    id                 bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    item_id            varchar(128) NOT NULL,
    story_id           varchar(128) NOT NULL,
    classifier_version varchar(64)  NOT NULL,
    ingested_at        timestamptz,
    recipients         text         NOT NULL,
    created_at         timestamptz  NOT NULL,
    expanded_at        timestamptz,
    -- an item redelivered with the same verdict adds nothing
    CONSTRAINT alert_fanout_once_per_verdict UNIQUE (item_id, classifier_version)
);

CREATE INDEX alert_fanout_pending ON alert_fanout (id) WHERE expanded_at IS NULL;
