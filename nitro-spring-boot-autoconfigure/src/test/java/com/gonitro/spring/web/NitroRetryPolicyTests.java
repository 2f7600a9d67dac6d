package com.gonitro.spring.web;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link NitroRetryPolicy}: its backoff doubles with bounded jitter and never overflows, whatever the settings.
 */
class NitroRetryPolicyTests {

	/** The longest backoff before its jitter. */
	private static final Duration LONGEST_BACKOFF = Duration.ofDays(1);

	@Test
	void backoffDoublesAtEachRetryWithAtMostAQuarterOfJitter() {
		NitroRetryPolicy policy = new NitroRetryPolicy(4, Duration.ofSeconds(30), Duration.ofMillis(100), 1024);

		for (int i = 0; i < 100; i++) {
			assertThat(policy.backoff(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(125));
			assertThat(policy.backoff(2)).isBetween(Duration.ofMillis(200), Duration.ofMillis(250));
			assertThat(policy.backoff(3)).isBetween(Duration.ofMillis(400), Duration.ofMillis(500));
		}
	}

	@Test
	void zeroInitialBackoffNeverWaits() {
		NitroRetryPolicy policy = new NitroRetryPolicy(4, Duration.ofSeconds(30), Duration.ZERO, 1024);

		assertThat(policy.backoff(1)).isZero();
		assertThat(policy.backoff(Integer.MAX_VALUE)).isZero();
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 17, 63, 64, 65, 1000, Integer.MAX_VALUE })
	void backoffNeverOverflowsForManyRetries(int retry) {
		NitroRetryPolicy policy = new NitroRetryPolicy(4, Duration.ofSeconds(30), Duration.ofMillis(500), 1024);

		assertThat(policy.backoff(retry)).isPositive().isLessThanOrEqualTo(withJitter(LONGEST_BACKOFF));
	}

	@ParameterizedTest
	@ValueSource(longs = { 86_400_000L, 86_400_001L, Long.MAX_VALUE / 1000, Long.MAX_VALUE })
	void backoffNeverOverflowsForHugeInitialBackoffs(long seconds) {
		NitroRetryPolicy policy = new NitroRetryPolicy(4, Duration.ofSeconds(Long.MAX_VALUE), Duration.ofSeconds(seconds),
				1024);

		for (int retry : new int[] { 1, 2, 16, 17, Integer.MAX_VALUE }) {
			assertThat(policy.backoff(retry)).isBetween(LONGEST_BACKOFF, withJitter(LONGEST_BACKOFF));
		}
	}

	@Test
	void policiesThatCannotWorkAreRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new NitroRetryPolicy(0, Duration.ofSeconds(30), Duration.ofMillis(500), 1024));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new NitroRetryPolicy(4, Duration.ofSeconds(-1), Duration.ofMillis(500), 1024));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new NitroRetryPolicy(4, Duration.ofSeconds(30), Duration.ofMillis(-1), 1024));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new NitroRetryPolicy(4, Duration.ofSeconds(30), Duration.ofMillis(500), -1));
	}

	private static Duration withJitter(Duration backoff) {
		return backoff.plus(backoff.dividedBy(4));
	}

}
