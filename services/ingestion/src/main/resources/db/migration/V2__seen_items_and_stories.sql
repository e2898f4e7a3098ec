-- What ingestion has published, so that a restart publishes nothing twice, and the story
-- fingerprints of recent items, so that a restart still groups new reports with them.

-- Every item id ingestion has recognised. published_id is the id of the record on the
-- ingested topic that carries the item: the item itself, or an earlier item with the same
-- text under another address. content_hash (SHA-256 of the normalised title and body, hex)
-- is set on published items whose text is long enough to be recognised by it.
CREATE TABLE seen_items (
    item_id      varchar(128) PRIMARY KEY,
    published_id varchar(128) NOT NULL,
    content_hash char(64),
    seen_at      timestamptz  NOT NULL
);

CREATE INDEX seen_items_content_hash ON seen_items (content_hash) WHERE content_hash IS NOT NULL;
CREATE INDEX seen_items_seen_at ON seen_items (seen_at);

-- One row per published item of the story window (older rows are deleted). features holds
-- the 32-bit hashes of its informative words, places its place keys (comma-separated),
-- signature its MinHash signature (128 big-endian 32-bit integers).
CREATE TABLE story_items (
    item_id      varchar(128) PRIMARY KEY,
    story_id     varchar(128) NOT NULL,
    published_at timestamptz  NOT NULL,
    features     bytea        NOT NULL,
    places       varchar(2000) NOT NULL,
    signature    bytea        NOT NULL
);

CREATE INDEX story_items_published_at ON story_items (published_at);
