package com.gonitro.spring.webhook;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.gonitro.spring.webhook.NitroWebhookDeduplicationStore.Claim;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link InMemoryNitroWebhookDeduplicationStore}: the contract within one instance, and its bound.
 */
class InMemoryNitroWebhookDeduplicationStoreTests extends NitroWebhookDeduplicationStoreContractTests {

	private final InMemoryNitroWebhookDeduplicationStore store = new InMemoryNitroWebhookDeduplicationStore();

	InMemoryNitroWebhookDeduplicationStoreTests() {
		this.store.setClock(this.clock);
		this.store.setClaimTimeout(Duration.ofMinutes(1));
		this.store.setTimeToLive(Duration.ofHours(1));
	}

	/** One instance's memory: every "replica" is the same store. */
	@Override
	protected NitroWebhookDeduplicationStore newStore() {
		return this.store;
	}

	@Test
	void keepsAtMostMaxSizeEventsForgettingTheOldestFirst() {
		this.store.setMaxSize(3);
		for (String id : new String[] { "evt-1", "evt-2", "evt-3", "evt-4" }) {
			this.store.claim(id);
			this.store.handled(id);
		}

		assertThat(this.store.size()).isEqualTo(3);
		assertThat(this.store.claim("evt-4")).isEqualTo(Claim.HANDLED);
		assertThat(this.store.claim("evt-1")).isEqualTo(Claim.CLAIMED);
	}

	@Test
	void forgetsExpiredEventsAsTimePasses() {
		this.store.claim("evt-1");
		this.store.handled("evt-1");
		this.clock.advance(Duration.ofMinutes(30));
		this.store.claim("evt-2");

		this.clock.advance(Duration.ofMinutes(31));

		assertThat(this.store.size()).isEqualTo(1);
	}

}
