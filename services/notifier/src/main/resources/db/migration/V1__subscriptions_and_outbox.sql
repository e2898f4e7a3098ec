-- Who wants to hear about what.
CREATE TABLE subscription (
    id              uuid         PRIMARY KEY,
    email           varchar(254) NOT NULL,
    jurisdictions   text[]       NOT NULL,
    topics          text[]       NOT NULL,
    delivery        varchar(16)  NOT NULL,
    status          varchar(16)  NOT NULL CHECK (status IN ('pending', 'confirmed', 'unsubscribed')),
    created_at      timestamptz  NOT NULL,
    confirmed_at    timestamptz,
    unsubscribed_at timestamptz
);

CREATE INDEX subscription_status_delivery ON subscription (status, delivery);

-- Every email the notifier means to send, rendered when it is enqueued, and what became of it.
-- One alert per subscription and story: a redelivered record or a second outlet reporting the
-- same story hits the unique constraint and is dropped. Confirmations have no story.
CREATE TABLE outbox (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind               varchar(16)  NOT NULL CHECK (kind IN ('confirmation', 'alert')),
    subscription_id    uuid         NOT NULL REFERENCES subscription (id),
    story_id           varchar(128),
    item_id            varchar(128),
    classifier_version varchar(64),
    matched_rules      text,
    recipient          varchar(254) NOT NULL,
    subject            text         NOT NULL,
    text_body          text         NOT NULL,
    html_body          text         NOT NULL,
    list_unsubscribe   text,
    message_id         varchar(128) NOT NULL UNIQUE,
    status             varchar(16)  NOT NULL DEFAULT 'pending'
                                    CHECK (status IN ('pending', 'sent', 'cancelled')),
    attempts           integer      NOT NULL DEFAULT 0,
    next_attempt_at    timestamptz  NOT NULL,
    last_error         text,
    created_at         timestamptz  NOT NULL,
    sent_at            timestamptz,
    CONSTRAINT outbox_one_alert_per_story UNIQUE (subscription_id, story_id),
    CHECK ((kind = 'alert') = (story_id IS NOT NULL))
);

CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';
