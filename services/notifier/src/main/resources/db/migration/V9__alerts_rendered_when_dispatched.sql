-- An alert is written without its email when the item is consumed, with the item (once,
-- in alert_item) and why the subscriber gets it (rules, JSON); the dispatch pass renders
-- it before it can be claimed. Consuming an item then no longer waits for one rendering
-- per subscriber. Digests and confirmations are still written rendered.
ALTER TABLE outbox
    ALTER COLUMN subject DROP NOT NULL,
    ALTER COLUMN text_body DROP NOT NULL,
    ALTER COLUMN html_body DROP NOT NULL,
    ADD COLUMN rules text;

ALTER TABLE outbox ADD CONSTRAINT outbox_rendered_or_renderable
    CHECK ((subject IS NOT NULL AND text_body IS NOT NULL AND html_body IS NOT NULL)
        OR (kind = 'alert' AND rules IS NOT NULL AND item_id IS NOT NULL));

CREATE TABLE alert_item (
    item_id    varchar(128) PRIMARY KEY,
    payload    text         NOT NULL,
    created_at timestamptz  NOT NULL
);

CREATE INDEX outbox_unrendered ON outbox (next_attempt_at, id) WHERE subject IS NULL AND status = 'pending';

-- what the dispatcher claims: due and rendered (a backlog of unrendered alerts must not
-- slow every claim down)
CREATE INDEX outbox_claimable ON outbox (next_attempt_at, id) WHERE status = 'pending' AND subject IS NOT NULL;
