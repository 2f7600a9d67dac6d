package com.gonitro.spring.webhook;

import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * {@link JdbcNitroWebhookDeduplicationStore} on an embedded H2 database.
 */
class JdbcNitroWebhookDeduplicationStoreTests extends JdbcNitroWebhookDeduplicationStoreContractTests {

	private final JdbcTemplate jdbc = new JdbcTemplate(new SimpleDriverDataSource(new org.h2.Driver(),
			"jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));

	JdbcNitroWebhookDeduplicationStoreTests() {
		new JdbcNitroWebhookDeduplicationStore(this.jdbc).createTableIfMissing();
	}

	@Override
	protected JdbcTemplate jdbc() {
		return this.jdbc;
	}

}
