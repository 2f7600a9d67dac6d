package com.gonitro.spring.webhook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.gonitro.spring.test.MutableClock;
import com.gonitro.spring.webhook.NitroWebhookDeduplicationStore.Claim;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link NitroWebhookDeduplicationStore} does, whatever keeps the IDs. Each store under test is made with
 * a claim timeout of 1 minute and a time to live of 1 hour, on the given clock.
 */
abstract class NitroWebhookDeduplicationStoreContractTests {

	protected final MutableClock clock = new MutableClock();

	/** A store; stores made by one test share what they keep, as replicas of one application do. */
	protected abstract NitroWebhookDeduplicationStore newStore();

	@Test
	void newEventIsClaimedOnce() {
		NitroWebhookDeduplicationStore store = newStore();

		assertThat(store.claim("evt-1")).isEqualTo(Claim.CLAIMED);
		assertThat(store.claim("evt-1")).isEqualTo(Claim.IN_PROGRESS);
		assertThat(store.claim("evt-2")).isEqualTo(Claim.CLAIMED);
	}

	@Test
	void handledEventIsHandledOnEveryLaterDelivery() {
		NitroWebhookDeduplicationStore store = newStore();
		store.claim("evt-1");
		store.handled("evt-1");

		assertThat(store.claim("evt-1")).isEqualTo(Claim.HANDLED);
		this.clock.advance(Duration.ofMinutes(59));
		assertThat(store.claim("evt-1")).isEqualTo(Claim.HANDLED);
	}

	@Test
	void releasedEventIsClaimedAgain() {
		NitroWebhookDeduplicationStore store = newStore();
		store.claim("evt-1");
		store.release("evt-1");

		assertThat(store.claim("evt-1")).isEqualTo(Claim.CLAIMED);
	}

	@Test
	void abandonedClaimIsTakenOverAfterTheClaimTimeout() {
		NitroWebhookDeduplicationStore store = newStore();
		store.claim("evt-1");
		this.clock.advance(Duration.ofSeconds(59));
		assertThat(store.claim("evt-1")).isEqualTo(Claim.IN_PROGRESS);

		this.clock.advance(Duration.ofSeconds(2));

		assertThat(store.claim("evt-1")).isEqualTo(Claim.CLAIMED);
	}

	@Test
	void handledEventIsForgottenAfterItsTimeToLive() {
		NitroWebhookDeduplicationStore store = newStore();
		store.claim("evt-1");
		store.handled("evt-1");

		this.clock.advance(Duration.ofMinutes(61));

		assertThat(store.claim("evt-1")).isEqualTo(Claim.CLAIMED);
	}

	@Test
	void concurrentDeliveriesOfOneEventAcrossReplicasAreClaimedOnce() throws Exception {
		List<NitroWebhookDeduplicationStore> replicas = List.of(newStore(), newStore(), newStore(), newStore());
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			for (int event = 0; event < 20; event++) {
				String id = "evt-concurrent-" + event;
				CountDownLatch start = new CountDownLatch(1);
				List<Future<Claim>> claims = new ArrayList<>();
				for (int delivery = 0; delivery < 8; delivery++) {
					NitroWebhookDeduplicationStore replica = replicas.get(delivery % replicas.size());
					Callable<Claim> claim = () -> {
						start.await();
						return replica.claim(id);
					};
					claims.add(executor.submit(claim));
				}
				start.countDown();
				List<Claim> outcomes = new ArrayList<>();
				for (Future<Claim> claim : claims) {
					outcomes.add(claim.get(30, TimeUnit.SECONDS));
				}
				assertThat(outcomes).as("claims of %s", id).containsOnlyOnce(Claim.CLAIMED);
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

}
