-- An alert is written without its email when the item is consumed, with the verdict (once
-- per item and classifier version, in alert_item) and why the subscriber gets it (rules,
-- JSON); the dispatch pass renders it before it can be claimed. Consuming an item then no
-- longer waits for one rendering per subscriber. Digests and confirmations are still
-- written rendered. Stop notifiers of earlier versions before this migration runs: they
-- would claim unrendered alerts.
ALTER TABLE outbox
    ALTER COLUMN subject DROP NOT NULL,
    ALTER COLUMN text_body DROP NOT NULL,
    ALTER COLUMN html_body DROP NOT NULL,
    ADD COLUMN rules text;

-- added without checking the existing rows under an exclusive lock, then checked
ALTER TABLE outbox ADD CONSTRAINT outbox_rendered_or_renderable
    CHECK ((subject IS NOT NULL AND text_body IS NOT NULL AND html_body IS NOT NULL)
        OR (kind = 'alert' AND rules IS NOT NULL AND item_id IS NOT NULL)) NOT VALID;
ALTER TABLE outbox VALIDATE CONSTRAINT outbox_rendered_or_renderable;

CREATE TABLE alert_item (
    item_id            varchar(128) NOT NULL,
    classifier_version varchar(64)  NOT NULL,
    payload            text         NOT NULL,
    created_at         timestamptz  NOT NULL,
    PRIMARY KEY (item_id, classifier_version)
);

-- what the dispatch pass renders: due and not rendered
CREATE INDEX outbox_unrendered ON outbox (next_attempt_at, id) WHERE subject IS NULL AND status = 'pending';

-- what the dispatcher claims: due and rendered (a backlog of unrendered alerts must not
-- slow every claim down)
CREATE INDEX outbox_claimable ON outbox (next_attempt_at, id) WHERE status = 'pending' AND subject IS NOT NULL;
