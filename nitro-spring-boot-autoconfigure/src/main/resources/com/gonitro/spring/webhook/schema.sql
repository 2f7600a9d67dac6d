-- The table in which replicas share the IDs of the Nitro webhook events they handled.
-- Portable SQL (H2, PostgreSQL, MySQL, MariaDB, SQL Server); times are epoch milliseconds.
CREATE TABLE nitro_webhook_events (
	event_id VARCHAR(255) NOT NULL PRIMARY KEY,
	claimed_at BIGINT NOT NULL,
	handled_at BIGINT
);
