package com.gonitro.spring.micrometer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter.MeterProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import com.gonitro.spring.oauth.NitroAccessTokenCache;
import com.gonitro.spring.web.NitroReplayListener;

/**
 * Micrometer meters for what the starter does on its own, beside the {@code nitro.token.requests} observation:
 * <ul>
 * <li>{@value #REPLAYS}: a counter of replays, tagged {@code application}, {@code reason} ({@code 401},
 * {@code 429}, {@code 5xx}, {@code connection}) and {@code outcome} ({@code succeeded}, {@code gave_up}); see
 * {@link NitroReplayListener} for when each is counted;</li>
 * <li>{@value #TOKEN_EXPIRY}: a gauge per application configured up front, the seconds until its held token must be
 * renewed; {@code NaN} (no value) while it holds none.</li>
 * </ul>
 * Tenants' applications count in {@value #REPLAYS} as application {@code tenant}, and have no gauge. No secret, token
 * or client ID is ever a tag.
 *
 * @since 0.1.0
 */
public final class NitroMetrics implements MeterBinder, NitroReplayListener {

	/**
	 * The name of the replay counter.
	 */
	public static final String REPLAYS = "nitro.client.replays";

	/**
	 * The name of the token expiry gauge.
	 */
	public static final String TOKEN_EXPIRY = "nitro.token.expiry";

	private final Supplier<? extends Collection<NitroAccessTokenCache>> tokenCaches;

	private final Clock clock;

	private volatile @Nullable MeterProvider<Counter> replays;

	/**
	 * Creates the meters for the given token caches, read when the meters are bound to a registry.
	 * @param tokenCaches supplies the token caches of the applications configured up front
	 */
	public NitroMetrics(Supplier<? extends Collection<NitroAccessTokenCache>> tokenCaches) {
		this(tokenCaches, Clock.systemUTC());
	}

	NitroMetrics(Supplier<? extends Collection<NitroAccessTokenCache>> tokenCaches, Clock clock) {
		Assert.notNull(tokenCaches, "'tokenCaches' must not be null");
		this.tokenCaches = tokenCaches;
		this.clock = clock;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.replays = Counter.builder(REPLAYS)
			.description("Requests to Nitro replayed after a 401, a 429, a 5xx or a lost connection")
			.withRegistry(registry);
		for (NitroAccessTokenCache tokenCache : this.tokenCaches.get()) {
			Gauge.builder(TOKEN_EXPIRY, tokenCache, this::secondsUntilRenewal)
				.description("Seconds until the held Nitro access token must be renewed")
				.baseUnit("seconds")
				.tag("application", tokenCache.getApplicationName())
				.register(registry);
		}
	}

	@Override
	public void onReplay(String application, Reason reason, Outcome outcome) {
		MeterProvider<Counter> replays = this.replays;
		if (replays != null) {
			replays.withTags("application", application, "reason", reason.tagValue(), "outcome", outcome.tagValue())
				.increment();
		}
	}

	private double secondsUntilRenewal(NitroAccessTokenCache tokenCache) {
		// Only a token held has a time to be renewed.
		Instant refreshAt = tokenCache.status().refreshAt();
		if (refreshAt == null) {
			return Double.NaN;
		}
		return Math.max(0, Duration.between(this.clock.instant(), refreshAt).toMillis() / 1000.0);
	}

}
