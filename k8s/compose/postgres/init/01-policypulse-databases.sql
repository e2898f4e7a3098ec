-- Run once by the postgres image, when its data volume is still empty: one database and one
-- owner per service, so that ingestion and the notifier never see each other's tables. The
-- passwords are for this local stack only and match docker-compose.yml.
CREATE USER ingestion WITH PASSWORD 'ingestion-local';
CREATE DATABASE ingestion OWNER ingestion;

CREATE USER notifier WITH PASSWORD 'notifier-local';
CREATE DATABASE notifier OWNER notifier;
