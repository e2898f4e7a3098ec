-- Digests: subscriptions with daily or weekly delivery get one email per period listing what
-- matched since their last digest, instead of an alert per story.

-- A digest is an outbox email of its own kind; it names no story.
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN ('confirmation', 'alert', 'digest'));

-- One row per subscription and period once that period's digest was composed, whether it went
-- into the outbox (item_count > 0) or every item had already reached the address (item_count = 0).
-- The unique key makes a period's digest happen once, across restarts and instances: a second
-- composer's insert waits for the first to commit and then inserts nothing.
CREATE TABLE digest (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscription_id uuid        NOT NULL REFERENCES subscription (id),
    cadence         varchar(8)  NOT NULL CHECK (cadence IN ('daily', 'weekly')),
    -- the subscriber's local date the digest is due on (for weekly ones, the weekly day)
    period_start    date        NOT NULL,
    due_at          timestamptz NOT NULL,
    item_count      integer     NOT NULL DEFAULT 0,
    composed_at     timestamptz NOT NULL,
    CONSTRAINT digest_once_per_period UNIQUE (subscription_id, cadence, period_start)
);

-- The classified items that digests will show, each stored once however many subscriptions it
-- matched: the event as the notifier received it (PolicyItemClassified, JSON).
CREATE TABLE digest_source (
    item_id            varchar(128) PRIMARY KEY,
    story_id           varchar(128) NOT NULL,
    classifier_version varchar(64)  NOT NULL,
    item               jsonb        NOT NULL,
    recorded_at        timestamptz  NOT NULL
);

-- What matched a daily or weekly subscription, recorded in the transaction that matched it, until
-- a digest takes it: pending, then included (listed), omitted (counted only, the digest being
-- full), alerted (the address already had it in an alert or another digest) or discarded (the
-- subscription was cancelled or went back to immediate alerts). One row per subscription and
-- story, like alerts: another outlet's item of the same story adds nothing. matched_rules keeps
-- why the subscription got it, as the email tells it (MatchedRules, JSON).
CREATE TABLE digest_item (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscription_id uuid         NOT NULL REFERENCES subscription (id),
    story_id        varchar(128) NOT NULL,
    item_id         varchar(128) NOT NULL REFERENCES digest_source (item_id),
    matched_rules   jsonb        NOT NULL,
    recorded_at     timestamptz  NOT NULL,
    status          varchar(16)  NOT NULL DEFAULT 'pending'
                                 CHECK (status IN ('pending', 'included', 'omitted', 'alerted', 'discarded')),
    digest_id       bigint       REFERENCES digest (id),
    CONSTRAINT digest_item_one_per_story UNIQUE (subscription_id, story_id),
    CHECK ((status = 'pending') = (digest_id IS NULL) OR status = 'discarded')
);

CREATE INDEX digest_item_pending ON digest_item (subscription_id, recorded_at) WHERE status = 'pending';
-- finding whether an address already had a story in a digest
CREATE INDEX digest_item_story ON digest_item (story_id) WHERE status = 'included';
CREATE INDEX digest_item_source ON digest_item (item_id);
