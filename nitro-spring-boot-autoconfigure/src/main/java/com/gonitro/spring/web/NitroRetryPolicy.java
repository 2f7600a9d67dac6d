package com.gonitro.spring.web;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.util.Assert;

/**
 * How {@link NitroExchangeFilterFunction} replays requests that Nitro throttled (429), that failed on Nitro's
 * side (5xx), or that got no reply.
 *
 * @param maxAttempts the most times one request is sent, the first time included; at least 1
 * @param maxTotalWait the most time spent waiting between attempts of one request; a wait that would exceed it
 * is not made, and the last reply or error is returned instead
 * @param initialBackoff the wait before the first retry when Nitro states no {@code Retry-After}; it doubles at
 * each further retry, with up to 25% random jitter
 * @param maxReplayableBodySize the largest request body, in bytes, that is kept in memory while the request is in
 * flight so that it can be replayed; requests with larger bodies are not replayed
 * @since 0.1.0
 */
public record NitroRetryPolicy(int maxAttempts, Duration maxTotalWait, Duration initialBackoff,
		int maxReplayableBodySize) {

	/** The longest backoff, however large the initial backoff and the number of retries: one day. */
	private static final Duration MAX_BACKOFF = Duration.ofDays(1);

	/**
	 * Creates a policy.
	 */
	public NitroRetryPolicy {
		Assert.isTrue(maxAttempts >= 1, "'maxAttempts' must be at least 1");
		Assert.isTrue(maxTotalWait != null && !maxTotalWait.isNegative(), "'maxTotalWait' must not be negative");
		Assert.isTrue(initialBackoff != null && !initialBackoff.isNegative(), "'initialBackoff' must not be negative");
		Assert.isTrue(maxReplayableBodySize >= 0, "'maxReplayableBodySize' must not be negative");
	}

	/**
	 * The default policy: 4 attempts, at most 30 seconds of waiting, 500 ms initial backoff, bodies up to 256 KiB
	 * replayable.
	 * @return the default policy
	 */
	public static NitroRetryPolicy defaults() {
		return new NitroRetryPolicy(4, Duration.ofSeconds(30), Duration.ofMillis(500), 256 * 1024);
	}

	/**
	 * A policy that never waits and retries: only the single replay after a 401 remains.
	 * @return a policy without retries
	 */
	public static NitroRetryPolicy none() {
		return new NitroRetryPolicy(1, Duration.ZERO, Duration.ZERO, 256 * 1024);
	}

	/**
	 * Returns the wait before the given retry when Nitro states none.
	 * @param retry the retry, 1 for the first
	 * @return the wait, with jitter
	 */
	Duration backoff(int retry) {
		// Clamped before converting: toMillis() of a huge initial backoff overflows.
		Duration initial = (this.initialBackoff.compareTo(MAX_BACKOFF) < 0) ? this.initialBackoff : MAX_BACKOFF;
		long base = Math.min(initial.toMillis() << Math.min(retry - 1, 16), MAX_BACKOFF.toMillis());
		long jitter = (base > 0) ? ThreadLocalRandom.current().nextLong(base / 4 + 1) : 0;
		return Duration.ofMillis(base + jitter);
	}

}
