package com.gonitro.spring.standin;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link NitroStandInBuilder} chose, with the defaults; each stand-in gets its own copy.
 */
final class StandInSettings {

	String clientId = "nitro-stand-in";

	String clientSecret = "stand-in-" + UUID.randomUUID();

	Duration tokenLifetime = Duration.ofHours(24);

	Duration documentProcessingDelay = Duration.ofMillis(200);

	Duration sealingDelay = Duration.ofMillis(200);

	@Nullable Duration autoSignDelay;

	Duration jobDuration = Duration.ofMillis(300);

	Duration resultRetention = Duration.ofHours(1);

	int envelopePageSize = 20;

	int port;

	Clock clock = Clock.systemUTC();

	@Nullable URI webhookUrl;

	List<Duration> webhookRetryDelays = NitroStandInWebhooks.DEFAULT_RETRY_DELAYS;

	StandInSettings copy() {
		StandInSettings copy = new StandInSettings();
		copy.clientId = this.clientId;
		copy.clientSecret = this.clientSecret;
		copy.tokenLifetime = this.tokenLifetime;
		copy.documentProcessingDelay = this.documentProcessingDelay;
		copy.sealingDelay = this.sealingDelay;
		copy.autoSignDelay = this.autoSignDelay;
		copy.jobDuration = this.jobDuration;
		copy.resultRetention = this.resultRetention;
		copy.envelopePageSize = this.envelopePageSize;
		copy.port = this.port;
		copy.clock = this.clock;
		copy.webhookUrl = this.webhookUrl;
		copy.webhookRetryDelays = this.webhookRetryDelays;
		return copy;
	}

}
