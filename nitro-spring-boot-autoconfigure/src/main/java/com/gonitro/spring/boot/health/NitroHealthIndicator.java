package com.gonitro.spring.boot.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.util.Assert;

import com.gonitro.spring.oauth.NitroAccessTokenCache;
import com.gonitro.spring.oauth.NitroTokenStatus;

/**
 * The health of one Nitro application, read from its token cache without ever requesting a token: {@code UP} with
 * when the held token expires, {@code DOWN} with the OAuth 2.0 error code of the last token request and when it
 * failed, {@code UNKNOWN} before the first token request. Never the secret or the token.
 * <p>
 * Off by default ({@code management.health.nitro.enabled}): an outage at Nitro must not fail a liveness or readiness
 * probe and restart pods unless the application says so.
 *
 * @since 0.1.0
 */
public final class NitroHealthIndicator implements HealthIndicator {

	private final NitroAccessTokenCache tokenCache;

	/**
	 * Creates an indicator for the given application's token cache.
	 * @param tokenCache the token cache
	 */
	public NitroHealthIndicator(NitroAccessTokenCache tokenCache) {
		Assert.notNull(tokenCache, "'tokenCache' must not be null");
		this.tokenCache = tokenCache;
	}

	@Override
	public Health health() {
		NitroTokenStatus status = this.tokenCache.status();
		return switch (status.state()) {
			case UNKNOWN -> Health.unknown().withDetail("token", "not requested yet").build();
			case HELD -> Health.up()
				.withDetail("token", "held")
				.withDetail("expiresAt", String.valueOf(status.expiresAt()))
				.withDetail("renewsAt", String.valueOf(status.refreshAt()))
				.build();
			case FAILED -> Health.down()
				.withDetail("token", "last request failed")
				.withDetail("error", String.valueOf(status.lastErrorCode()))
				.withDetail("failedAt", String.valueOf(status.lastErrorAt()))
				.withDetail("nextRequestAfter", String.valueOf(status.retryAt()))
				.build();
		};
	}

}
