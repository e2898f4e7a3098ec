-- What else a subscriber may choose besides jurisdictions and topics. Every column defaults to
-- what subscriptions meant before it existed, so stored subscriptions keep receiving exactly what
-- they did, and their rules_key (computed from delivery, jurisdictions and topics, followed only by
-- the choices that differ from these defaults) stays valid as it is.
ALTER TABLE subscription
    ADD COLUMN include_eu_member_states boolean     NOT NULL DEFAULT false,
    ADD COLUMN min_severity             varchar(8)  NOT NULL DEFAULT 'low'
        CONSTRAINT subscription_min_severity_check CHECK (min_severity IN ('low', 'medium', 'high', 'critical')),
    ADD COLUMN policy_moves_only        boolean     NOT NULL DEFAULT true,
    ADD COLUMN keywords                 text[]      NOT NULL DEFAULT '{}',
    ADD COLUMN timezone                 varchar(64) NOT NULL DEFAULT 'UTC',
    ADD COLUMN digest_hour              smallint    NOT NULL DEFAULT 8
        CONSTRAINT subscription_digest_hour_check CHECK (digest_hour BETWEEN 0 AND 23),
    ADD COLUMN paused                   boolean     NOT NULL DEFAULT false,
    ADD COLUMN updated_at               timestamptz;

ALTER TABLE subscription ADD CONSTRAINT subscription_delivery_check
    CHECK (delivery IN ('immediate', 'daily', 'weekly'));

-- The API lists subscriptions oldest first, of every address or of one.
CREATE INDEX subscription_created ON subscription (created_at, id);
CREATE INDEX subscription_email_created ON subscription (lower(email), created_at, id);
