-- The sources ingestion polls. Rows come from configuration (origin 'config'), the REST
-- API ('api'), OPML imports ('opml') and the shipped public source list ('catalogue').
CREATE TABLE sources (
    -- "C" collation: listing by id is byte order, the same on every server and locale
    id                    text COLLATE "C" PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
    type                  text        NOT NULL CHECK (type IN ('feed', 'page')),
    url                   text        NOT NULL CHECK (length(url) <= 2048),
    item_selector         text        CHECK (length(item_selector) <= 500),
    poll_interval_ms      bigint      NOT NULL CHECK (poll_interval_ms > 0),
    paused                boolean     NOT NULL DEFAULT false,
    allow_private_network boolean     NOT NULL DEFAULT false,
    origin                text        NOT NULL CHECK (origin IN ('config', 'api', 'opml', 'catalogue')),
    -- For 'config' and 'catalogue' rows: the paused value their definition had when last
    -- applied. A pause or resume through the API lasts until the definition's own value changes.
    configured_paused     boolean,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT sources_page_has_selector CHECK (type <> 'page' OR item_selector IS NOT NULL),
    -- The allowance to reach private networks is given in configuration only.
    CONSTRAINT sources_private_network_from_config CHECK (NOT allow_private_network OR origin = 'config')
);

-- OPML imports skip feeds whose URL is already registered.
CREATE INDEX sources_url ON sources (url);
