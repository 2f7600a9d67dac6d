package com.gonitro.spring.boot.autoconfigure;

import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * {@link WebhookReplicasIntegrationTests} on an embedded H2 database.
 */
class H2WebhookReplicasIntegrationTests extends WebhookReplicasIntegrationTests {

	private final DataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
			"jdbc:h2:mem:replicas-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

	@Override
	DataSource dataSource() {
		return this.dataSource;
	}

}
