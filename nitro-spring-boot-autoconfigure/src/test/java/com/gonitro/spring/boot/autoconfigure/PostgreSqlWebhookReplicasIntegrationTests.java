package com.gonitro.spring.boot.autoconfigure;

import javax.sql.DataSource;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * {@link WebhookReplicasIntegrationTests} on PostgreSQL, where Docker is available.
 */
@Testcontainers(disabledWithoutDocker = true)
class PostgreSqlWebhookReplicasIntegrationTests extends WebhookReplicasIntegrationTests {

	@Container
	static final PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17-alpine");

	@Override
	DataSource dataSource() {
		return new SimpleDriverDataSource(new org.postgresql.Driver(), postgres.getJdbcUrl(), postgres.getUsername(),
				postgres.getPassword());
	}

}
