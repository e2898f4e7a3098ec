-- How each source has been doing, kept so that a restart neither forgets a failing source
-- nor has to learn a source's usual rhythm again before it can tell that it fell silent.
-- Rows are keyed by source id only: a source removed and later added again with the same
-- id picks up its old history.
create table source_health (
    source_id            text primary key,
    last_success         timestamptz,
    last_error           timestamptz,
    last_error_message   text,
    consecutive_failures integer not null default 0,
    last_new_item        timestamptz,
    -- epoch seconds of the dates of its newest new items (at most 100), oldest first
    recent_item_times    bigint[] not null default '{}',
    updated_at           timestamptz not null default now()
);
