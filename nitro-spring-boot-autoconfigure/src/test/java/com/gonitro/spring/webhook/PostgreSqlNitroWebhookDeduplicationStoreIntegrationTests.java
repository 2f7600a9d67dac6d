package com.gonitro.spring.webhook;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * {@link JdbcNitroWebhookDeduplicationStore} on PostgreSQL, where Docker is available: the same contract, with
 * PostgreSQL's own locking and error codes.
 */
@Testcontainers(disabledWithoutDocker = true)
class PostgreSqlNitroWebhookDeduplicationStoreIntegrationTests extends JdbcNitroWebhookDeduplicationStoreContractTests {

	@Container
	static final PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17-alpine");

	private static JdbcTemplate jdbc;

	@BeforeAll
	static void createTable() {
		jdbc = new JdbcTemplate(new SimpleDriverDataSource(new org.postgresql.Driver(), postgres.getJdbcUrl(),
				postgres.getUsername(), postgres.getPassword()));
		new JdbcNitroWebhookDeduplicationStore(jdbc).createTableIfMissing();
	}

	@BeforeEach
	void emptyTable() {
		jdbc.execute("DELETE FROM nitro_webhook_events");
		jdbc.execute("DROP SCHEMA IF EXISTS hooks CASCADE");
	}

	@Override
	protected JdbcTemplate jdbc() {
		return jdbc;
	}

}
