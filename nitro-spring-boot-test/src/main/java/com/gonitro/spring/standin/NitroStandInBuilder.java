package com.gonitro.spring.standin;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import org.springframework.util.Assert;

/**
 * Builds a {@link NitroStandIn}: its credentials, its timings, its port and its clock. Start with
 * {@link NitroStandIn#builder()}.
 *
 * @since 0.1.0
 */
public final class NitroStandInBuilder {

	private final StandInSettings settings = new StandInSettings();

	NitroStandInBuilder() {
	}

	/**
	 * Sets the client ID the token endpoint accepts. Defaults to {@code nitro-stand-in}.
	 * @param clientId the client ID
	 * @return this builder
	 */
	public NitroStandInBuilder clientId(String clientId) {
		Assert.hasText(clientId, "'clientId' must not be empty");
		this.settings.clientId = clientId;
		return this;
	}

	/**
	 * Sets the client secret the token endpoint accepts. Defaults to a random secret.
	 * @param clientSecret the client secret
	 * @return this builder
	 */
	public NitroStandInBuilder clientSecret(String clientSecret) {
		Assert.hasText(clientSecret, "'clientSecret' must not be empty");
		this.settings.clientSecret = clientSecret;
		return this;
	}

	/**
	 * Sets how long issued tokens last. Defaults to 24 hours, as Nitro's.
	 * @param tokenLifetime the lifetime
	 * @return this builder
	 */
	public NitroStandInBuilder tokenLifetime(Duration tokenLifetime) {
		Assert.isTrue(!tokenLifetime.isNegative() && !tokenLifetime.isZero(), "'tokenLifetime' must be positive");
		this.settings.tokenLifetime = tokenLifetime;
		return this;
	}

	/**
	 * Sets how long an uploaded document stays {@code pending} before it is {@code uploaded} (or
	 * {@code failed}). Defaults to 200 milliseconds.
	 * @param delay the processing time
	 * @return this builder
	 */
	public NitroStandInBuilder documentProcessingDelay(Duration delay) {
		Assert.isTrue(!delay.isNegative(), "'delay' must not be negative");
		this.settings.documentProcessingDelay = delay;
		return this;
	}

	/**
	 * Sets how long a signed envelope stays {@code processing} before it is {@code sealed}. Defaults to 200
	 * milliseconds.
	 * @param delay the sealing time
	 * @return this builder
	 */
	public NitroStandInBuilder sealingDelay(Duration delay) {
		Assert.isTrue(!delay.isNegative(), "'delay' must not be negative");
		this.settings.sealingDelay = delay;
		return this;
	}

	/**
	 * Makes every sent envelope get signed by itself after the given time, as if its signers were quick.
	 * Useful in development runs; off by default (a test calls {@link NitroStandIn#sign(String)}).
	 * @param delay the time between sending and signing
	 * @return this builder
	 */
	public NitroStandInBuilder signAutomaticallyAfter(Duration delay) {
		Assert.isTrue(!delay.isNegative(), "'delay' must not be negative");
		this.settings.autoSignDelay = delay;
		return this;
	}

	/**
	 * Sets how long an asynchronous PDF Services job runs. Defaults to 300 milliseconds.
	 * @param duration the running time
	 * @return this builder
	 */
	public NitroStandInBuilder jobDuration(Duration duration) {
		Assert.isTrue(!duration.isNegative(), "'duration' must not be negative");
		this.settings.jobDuration = duration;
		return this;
	}

	/**
	 * Sets how long result files and job results stay available. Defaults to one hour.
	 * @param retention the retention time
	 * @return this builder
	 */
	public NitroStandInBuilder resultRetention(Duration retention) {
		Assert.isTrue(!retention.isNegative() && !retention.isZero(), "'retention' must be positive");
		this.settings.resultRetention = retention;
		return this;
	}

	/**
	 * Sets how many envelopes a page of {@code GET /sign/envelopes} holds. Defaults to 20.
	 * @param pageSize the page size
	 * @return this builder
	 */
	public NitroStandInBuilder envelopePageSize(int pageSize) {
		Assert.isTrue(pageSize > 0, "'pageSize' must be positive");
		this.settings.envelopePageSize = pageSize;
		return this;
	}

	/**
	 * Sets the port of the API. Defaults to 0, a free port.
	 * @param port the port
	 * @return this builder
	 */
	public NitroStandInBuilder port(int port) {
		Assert.isTrue(port >= 0 && port <= 65535, "'port' must be between 0 and 65535");
		this.settings.port = port;
		return this;
	}

	/**
	 * Sets the clock that times tokens, processing, sealing and jobs. Defaults to the system clock.
	 * @param clock the clock
	 * @return this builder
	 */
	public NitroStandInBuilder clock(Clock clock) {
		Assert.notNull(clock, "'clock' must not be null");
		this.settings.clock = clock;
		return this;
	}

	/**
	 * Delivers Nitro Sign webhooks to a URL from the start, signed with the stand-in's credentials. Off by default;
	 * {@link NitroStandInWebhooks#deliverTo(URI)} sets it at run time.
	 * @param url an absolute {@code http} or {@code https} URL, such as {@code http://localhost:8080/nitro/webhooks}
	 * @return this builder
	 */
	public NitroStandInBuilder deliverWebhooksTo(URI url) {
		this.settings.webhookUrl = NitroStandInWebhooks.checkUrl(url);
		return this;
	}

	/**
	 * Sets the waits before each retry of a webhook delivery that got a 5xx reply or none. Defaults to 1 second, 10
	 * seconds and 1 minute; {@link NitroStandInWebhooks#setRetryDelays(Duration...)} sets them at run time.
	 * @param delays the waits, none for a single attempt
	 * @return this builder
	 */
	public NitroStandInBuilder webhookRetryDelays(Duration... delays) {
		this.settings.webhookRetryDelays = NitroStandInWebhooks.checkDelays(delays);
		return this;
	}

	/**
	 * Starts the stand-in.
	 * @return the running stand-in
	 */
	public NitroStandIn start() {
		return new NitroStandIn(this.settings);
	}

}
