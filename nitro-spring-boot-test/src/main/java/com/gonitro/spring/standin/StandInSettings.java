package com.gonitro.spring.standin;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link NitroStandInBuilder} chose, with the defaults. A stand-in reads them in its constructor and keeps
 * no reference, so the builder may go on changing and starting more stand-ins.
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

}
