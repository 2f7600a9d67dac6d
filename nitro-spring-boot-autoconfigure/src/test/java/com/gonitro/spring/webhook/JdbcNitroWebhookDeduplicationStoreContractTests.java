package com.gonitro.spring.webhook;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import com.gonitro.spring.webhook.NitroWebhookDeduplicationStore.Claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What {@link JdbcNitroWebhookDeduplicationStore} does on any database, beyond the contract of every store: each store
 * made by a test is a replica sharing the table.
 */
abstract class JdbcNitroWebhookDeduplicationStoreContractTests extends NitroWebhookDeduplicationStoreContractTests {

	/** The database, its table created and empty. */
	protected abstract JdbcTemplate jdbc();

	@Override
	protected NitroWebhookDeduplicationStore newStore() {
		return store(JdbcNitroWebhookDeduplicationStore.DEFAULT_TABLE_NAME);
	}

	private JdbcNitroWebhookDeduplicationStore store(String table) {
		return store(jdbc(), table, this.clock);
	}

	static JdbcNitroWebhookDeduplicationStore store(JdbcTemplate jdbc, String table, Clock clock) {
		JdbcNitroWebhookDeduplicationStore store = new JdbcNitroWebhookDeduplicationStore(jdbc, table);
		store.setClock(clock);
		store.setClaimTimeout(Duration.ofMinutes(1));
		store.setTimeToLive(Duration.ofHours(1));
		return store;
	}

	@Test
	void replicaWhoseClaimWasTakenOverDoesNotTouchTheNewClaim() {
		NitroWebhookDeduplicationStore first = newStore();
		NitroWebhookDeduplicationStore second = newStore();
		first.claim("evt-1");
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(second.claim("evt-1")).isEqualTo(Claim.CLAIMED);

		first.release("evt-1");

		assertThat(first.claim("evt-1")).isEqualTo(Claim.IN_PROGRESS);
		second.handled("evt-1");
		assertThat(first.claim("evt-1")).isEqualTo(Claim.HANDLED);
	}

	@Test
	void createTableIfMissingIsIdempotentAndHonoursTheTableName() {
		jdbc().execute("CREATE SCHEMA hooks");
		JdbcNitroWebhookDeduplicationStore store = store("hooks.events");

		store.createTableIfMissing();
		assertThatCode(store::createTableIfMissing).doesNotThrowAnyException();

		assertThat(store.claim("evt-1")).isEqualTo(Claim.CLAIMED);
		assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM hooks.events", Long.class)).isOne();
	}

	@Test
	void expiredRowsAreDeleted() {
		NitroWebhookDeduplicationStore store = newStore();
		store.claim("evt-1");
		store.handled("evt-1");
		this.clock.advance(Duration.ofMinutes(61));

		store.claim("evt-2");

		assertThat(jdbc().queryForList("SELECT event_id FROM nitro_webhook_events", String.class))
			.containsExactly("evt-2");
	}

	@Test
	void tableNameThatIsNotANameIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new JdbcNitroWebhookDeduplicationStore(jdbc(), "events; DROP TABLE users"));
	}

}
