package com.gonitro.spring.webhook;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.util.Assert;

/**
 * A {@link NitroWebhookDeduplicationStore} in this instance's memory: enough for a single instance of the
 * application. It remembers an event for a {@linkplain #setTimeToLive(Duration) time to live} (3 days by default),
 * and at most {@linkplain #setMaxSize(int) a number of events} (10,000 by default), forgetting the oldest first. A
 * claim not followed by {@code handled} or {@code release} within the {@linkplain #setClaimTimeout(Duration) claim
 * timeout} (1 minute by default) is abandoned: the next delivery claims the event again.
 *
 * @since 0.1.0
 */
public class InMemoryNitroWebhookDeduplicationStore implements NitroWebhookDeduplicationStore {

	private final Object lock = new Object();

	/** In the order of their claims, so the oldest come first. */
	private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

	private int maxSize = 10_000;

	private Duration timeToLive = Duration.ofDays(3);

	private Duration claimTimeout = Duration.ofMinutes(1);

	private Clock clock = Clock.systemUTC();

	/**
	 * Sets the most events remembered; beyond, the oldest are forgotten. Defaults to 10,000.
	 * @param maxSize the most events, at least 1
	 */
	public void setMaxSize(int maxSize) {
		Assert.isTrue(maxSize >= 1, "'maxSize' must be at least 1");
		this.maxSize = maxSize;
	}

	/**
	 * Sets how long an event is remembered after its claim. Defaults to 3 days.
	 * @param timeToLive the time to live, positive
	 */
	public void setTimeToLive(Duration timeToLive) {
		Assert.isTrue(timeToLive != null && timeToLive.compareTo(Duration.ZERO) > 0, "'timeToLive' must be positive");
		this.timeToLive = timeToLive;
	}

	/**
	 * Sets how long a claim holds without {@code handled} or {@code release}. Defaults to 1 minute.
	 * @param claimTimeout the claim timeout, positive
	 */
	public void setClaimTimeout(Duration claimTimeout) {
		Assert.isTrue(claimTimeout != null && claimTimeout.compareTo(Duration.ZERO) > 0, "'claimTimeout' must be positive");
		this.claimTimeout = claimTimeout;
	}

	/**
	 * Sets the clock that times claims.
	 * @param clock the clock
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "'clock' must not be null");
		this.clock = clock;
	}

	@Override
	public Claim claim(String eventId) {
		long now = this.clock.millis();
		synchronized (this.lock) {
			forgetExpired(now);
			Entry entry = this.entries.get(eventId);
			if (entry != null && entry.handled) {
				return Claim.HANDLED;
			}
			if (entry != null && entry.claimedAt > now - this.claimTimeout.toMillis()) {
				return Claim.IN_PROGRESS;
			}
			this.entries.remove(eventId);
			this.entries.put(eventId, new Entry(now, false));
			while (this.entries.size() > this.maxSize) {
				Iterator<String> eldest = this.entries.keySet().iterator();
				eldest.next();
				eldest.remove();
			}
			return Claim.CLAIMED;
		}
	}

	@Override
	public void handled(String eventId) {
		synchronized (this.lock) {
			this.entries.computeIfPresent(eventId, (id, entry) -> new Entry(entry.claimedAt, true));
		}
	}

	@Override
	public void release(String eventId) {
		synchronized (this.lock) {
			Entry entry = this.entries.get(eventId);
			if (entry != null && !entry.handled) {
				this.entries.remove(eventId);
			}
		}
	}

	/**
	 * Returns how many events are remembered now.
	 * @return the number of events
	 */
	public int size() {
		synchronized (this.lock) {
			forgetExpired(this.clock.millis());
			return this.entries.size();
		}
	}

	private void forgetExpired(long now) {
		long oldestKept = now - this.timeToLive.toMillis();
		Iterator<Map.Entry<String, Entry>> iterator = this.entries.entrySet().iterator();
		while (iterator.hasNext() && iterator.next().getValue().claimedAt <= oldestKept) {
			iterator.remove();
		}
	}

	private record Entry(long claimedAt, boolean handled) {

	}

}
