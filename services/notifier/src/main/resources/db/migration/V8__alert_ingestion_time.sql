-- When ingestion accepted the item an alert is about, so that the time from ingestion to the
-- SMTP server accepting the alert (policypulse.notifier.alert.latency) can be measured. Alerts
-- enqueued before this column existed have none and are not measured.
ALTER TABLE outbox ADD COLUMN ingested_at timestamptz;
