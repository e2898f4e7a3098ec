-- Digests report what became of each item they listed, as alerts do: the digest email's
-- outbox row names its digest, and a dispatch event may stand for a line of a digest
-- (channel 'digest', digest_id set) rather than an alert.
ALTER TABLE outbox ADD COLUMN digest_id bigint REFERENCES digest (id);
CREATE INDEX outbox_digest ON outbox (digest_id) WHERE digest_id IS NOT NULL;

ALTER TABLE dispatch_event ADD COLUMN channel varchar(8) NOT NULL DEFAULT 'alert'
    CONSTRAINT dispatch_event_channel_check CHECK (channel IN ('alert', 'digest'));
ALTER TABLE dispatch_event ADD COLUMN digest_id bigint REFERENCES digest (id);
-- A story left out of a digest because the address had already heard of it, or an alert
-- not enqueued because the address had the story in a digest, has no email of its own.
ALTER TABLE dispatch_event ALTER COLUMN outbox_id DROP NOT NULL;
ALTER TABLE dispatch_event ADD CONSTRAINT dispatch_event_digest_check
    CHECK (channel = 'alert' OR digest_id IS NOT NULL);

-- Whether a digest lists stories the address already heard of in an alert or another
-- digest. By default it does not.
ALTER TABLE subscription ADD COLUMN digest_repeats boolean NOT NULL DEFAULT false;

-- finding whether an address already had a story in a digest, from the alert side
CREATE INDEX digest_item_included_story ON digest_item (story_id, subscription_id) WHERE status = 'included';
DROP INDEX digest_item_story;
