package com.gonitro.spring.standin;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Delivers one webhook event as Nitro does: a signed JSON POST to the application's URL, retried after a 5xx reply or
 * a network failure (no reply within 15 seconds included) with the configured delays, and ended by a 2xx or 4xx
 * reply (or any other status: redirects are not followed). Each attempt is signed afresh, with its own
 * {@code Date}.
 */
final class StandInWebhookSender {

	/** How long the receiver has to answer. */
	static final Duration TIMEOUT = Duration.ofSeconds(15);

	/** How much of a receiver's reply is kept, for a test to read. */
	private static final int MAX_REPLY = 64 * 1024;

	private static final Log logger = LogFactory.getLog(StandInWebhookSender.class);

	private final WebClient client;

	private final Clock clock;

	private final Supplier<String> clientId;

	private final Supplier<String> clientSecret;

	/**
	 * @param client sends the requests
	 * @param clock times the {@code Date} of each attempt and the signature's {@code created}
	 * @param clientId the key ID
	 * @param clientSecret the key, read at each attempt so that a rotated secret signs from then on
	 */
	StandInWebhookSender(WebClient client, Clock clock, Supplier<String> clientId, Supplier<String> clientSecret) {
		this.client = client.mutate().codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(MAX_REPLY)).build();
		this.clock = clock;
		this.clientId = clientId;
		this.clientSecret = clientSecret;
	}

	/** Delivers the event, retrying after each of {@code retryDelays}; completes with what happened. */
	Mono<NitroStandInWebhooks.Delivery> deliver(StandInWebhookEvent event, URI url, List<Duration> retryDelays) {
		byte[] body = event.json();
		List<NitroStandInWebhooks.Attempt> attempts = new ArrayList<>();
		return attempt(url, body, attempts, retryDelays).then(Mono.fromSupplier(() -> {
			NitroStandInWebhooks.Delivery delivery = new NitroStandInWebhooks.Delivery(event.id(), event.type(),
					event.created(), event.data(), url, new String(body, StandardCharsets.UTF_8), attempts);
			if (!delivery.isDelivered()) {
				NitroStandInWebhooks.Attempt last = attempts.get(attempts.size() - 1);
				logger.info("The Nitro stand-in could not deliver the " + event.type() + " webhook " + event.id()
						+ " to " + url + " in " + attempts.size() + " attempt(s): "
						+ ((last.failure() != null) ? last.failure() : "HTTP " + last.status()));
			}
			return delivery;
		}));
	}

	private Mono<Void> attempt(URI url, byte[] body, List<NitroStandInWebhooks.Attempt> attempts,
			List<Duration> retryDelays) {
		return Mono.defer(() -> send(url, body)).flatMap((attempt) -> {
			attempts.add(attempt);
			int retries = attempts.size() - 1;
			if (!attempt.isRetryable() || retries >= retryDelays.size()) {
				return Mono.empty();
			}
			return Mono.delay(retryDelays.get(retries)).then(attempt(url, body, attempts, retryDelays));
		});
	}

	private Mono<NitroStandInWebhooks.Attempt> send(URI url, byte[] body) {
		Map<String, String> headers = StandInWebhookSignature.headers(url, body, this.clock.instant(),
				this.clientId.get(), this.clientSecret.get());
		return this.client.post()
			.uri(url)
			.headers((http) -> headers.forEach(http::set))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.onErrorResume(DataBufferLimitException.class,
						(ex) -> Mono.just("(a reply of more than 64 KB, not kept)"))
				.defaultIfEmpty("")
				.map((reply) -> new NitroStandInWebhooks.Attempt(headers, response.statusCode().value(), reply, null)))
			.timeout(TIMEOUT)
			.onErrorResume((ex) -> Mono.just(new NitroStandInWebhooks.Attempt(headers, 0, "", failure(ex))));
	}

	private static String failure(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return (ex instanceof TimeoutException) ? "no reply within " + TIMEOUT.toSeconds() + " s"
				: cause.getClass().getSimpleName() + ((cause.getMessage() != null) ? ": " + cause.getMessage() : "");
	}

}
