package com.gonitro.spring.standin;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;

import org.springframework.util.Assert;

/**
 * The Nitro Sign webhooks a {@link NitroStandIn} delivers, and what became of each. Nitro posts one event per change
 * to the URL configured for the API application; the stand-in posts to the URL given here, or to
 * {@link NitroStandInBuilder#deliverWebhooksTo(URI)}, signed with the credentials it issues (key ID its client ID,
 * key its client secret), and retries after a 5xx reply or a network failure as Nitro does; a 2xx or 4xx reply ends
 * the delivery. Events are not ordered.
 * <p>
 * The events: {@code EnvelopeCreated}, {@code EnvelopeDocumentAdded}, {@code EnvelopeDocumentDeleted},
 * {@code EnvelopeSentForSignature}, {@code EnvelopeCancelled}, {@code SignatureRequestDeclined}
 * ({@link NitroStandIn#reject(String)}), {@code SignatureRequestSigned} (one per signer),
 * {@code EnvelopeSigningCompleted} and {@code EnvelopeSealed}.
 * <p>
 * Without a URL nothing is sent and no thread runs. With one, a timer looks at the envelopes every 50 ms, so that
 * what happens with time alone (automatic signing, sealing) is announced when it happens, by the stand-in's clock.
 * <pre>{@code
 * nitro.webhooks().deliverTo(URI.create("http://localhost:" + port + "/nitro/webhooks"));
 * nitro.sign(envelopeId);
 * Delivery sealed = nitro.webhooks().awaitDelivery("EnvelopeSealed", Duration.ofSeconds(5));
 * assertThat(sealed.status()).isEqualTo(200);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class NitroStandInWebhooks {

	/** The retry delays unless configured otherwise: four attempts in about a minute. */
	static final List<Duration> DEFAULT_RETRY_DELAYS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(10),
			Duration.ofMinutes(1));

	private static final Duration TICK = Duration.ofMillis(50);

	private static final Log logger = LogFactory.getLog(NitroStandInWebhooks.class);

	private final StandInWebhookSender sender;

	private final @Nullable URI initialUrl;

	private final List<Duration> initialRetryDelays;

	private final List<Delivery> delivered = new ArrayList<>();

	private volatile @Nullable URI url;

	private volatile List<Duration> retryDelays;

	private volatile Runnable refresh = () -> {
	};

	private @Nullable Disposable timer;

	private Disposable.Composite inFlight = Disposables.composite();

	NitroStandInWebhooks(StandInWebhookSender sender, @Nullable URI url, List<Duration> retryDelays) {
		this.sender = sender;
		this.initialUrl = url;
		this.initialRetryDelays = List.copyOf(retryDelays);
		this.url = url;
		this.retryDelays = this.initialRetryDelays;
	}

	/**
	 * Delivers the events from now on to a URL, as configuring the webhook URL of an API application in Nitro does.
	 * @param url an absolute {@code http} or {@code https} URL, such as
	 * {@code http://localhost:8080/nitro/webhooks}
	 */
	public void deliverTo(URI url) {
		this.url = checkUrl(url);
		startTimer();
	}

	/**
	 * Stops delivering events; deliveries under way finish.
	 */
	public void stopDelivering() {
		this.url = null;
		stopTimer();
	}

	/**
	 * Returns where events are delivered.
	 * @return the URL, or {@code null} when none is configured
	 */
	public @Nullable URI deliveryUrl() {
		return this.url;
	}

	/**
	 * Sets the waits before each retry of a delivery that got a 5xx reply or none; one attempt more than there are
	 * delays. Defaults to 1 second, 10 seconds and 1 minute; tests choose milliseconds.
	 * @param delays the waits, none for a single attempt
	 */
	public void setRetryDelays(Duration... delays) {
		this.retryDelays = checkDelays(delays);
	}

	/**
	 * Returns the deliveries that have ended, in the order they ended: delivered (2xx), refused (4xx or another
	 * status) or given up after the last retry.
	 * @return the deliveries since start or the last {@link NitroStandIn#reset()}
	 */
	public List<Delivery> delivered() {
		synchronized (this.delivered) {
			return List.copyOf(this.delivered);
		}
	}

	/**
	 * Waits until a delivery of an event of the given type has ended, and returns the first.
	 * @param type the event type, such as {@code EnvelopeSealed}
	 * @param timeout the longest wait
	 * @return the delivery: the event sent, and each attempt with the receiver's reply
	 * @throws IllegalStateException if none ended in time
	 */
	public Delivery awaitDelivery(String type, Duration timeout) {
		return awaitDeliveries(type, 1, timeout).get(0);
	}

	/**
	 * Waits until the deliveries of {@code count} events of the given type have ended, and returns them.
	 * @param type the event type, such as {@code SignatureRequestSigned}
	 * @param count how many
	 * @param timeout the longest wait
	 * @return the first {@code count} such deliveries, in the order they ended
	 * @throws IllegalStateException if fewer ended in time
	 */
	public List<Delivery> awaitDeliveries(String type, int count, Duration timeout) {
		Assert.isTrue(count > 0, "'count' must be positive");
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.delivered) {
			while (true) {
				List<Delivery> matching = this.delivered.stream()
					.filter((delivery) -> delivery.type().equals(type))
					.toList();
				if (matching.size() >= count) {
					return matching.subList(0, count);
				}
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new IllegalStateException(count + " delivery(ies) of " + type + " expected within " + timeout
							+ ", " + matching.size() + " ended; all that ended: "
							+ this.delivered.stream().map(Delivery::type).toList() + "; delivering to " + this.url);
				}
				try {
					this.delivered.wait(Math.max(1, left / 1_000_000));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted while waiting for " + type, ex);
				}
			}
		}
	}

	static URI checkUrl(URI url) {
		Assert.notNull(url, "'url' must not be null");
		Assert.isTrue(url.isAbsolute() && url.getHost() != null
				&& ("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme())),
				"'url' must be an absolute http(s) URL");
		return url;
	}

	static List<Duration> checkDelays(Duration... delays) {
		for (Duration delay : delays) {
			Assert.isTrue(delay != null && !delay.isNegative(), "'delays' must not be negative");
		}
		return List.of(delays);
	}

	/** Looks at the envelopes with the timer while a URL is configured, so that timed changes are announced. */
	void watch(Runnable refresh) {
		this.refresh = refresh;
		startTimer();
	}

	/** Delivers an event if a URL is configured. */
	void emit(StandInWebhookEvent event) {
		URI target = this.url;
		if (target == null) {
			return;
		}
		synchronized (this) {
			// Held until it ends, so that a reset can cancel it.
			Disposable.Composite group = this.inFlight;
			Disposable.Swap delivery = Disposables.swap();
			group.add(delivery);
			delivery.update(this.sender.deliver(event, target, this.retryDelays)
				.doFinally((signal) -> group.remove(delivery))
				.subscribe(this::record,
						(ex) -> logger.warn("The Nitro stand-in failed to deliver webhook " + event.id(), ex)));
		}
	}

	/** Back to the builder's URL and retry delays; forgets deliveries and cancels those under way. */
	void reset() {
		synchronized (this) {
			this.inFlight.dispose();
			this.inFlight = Disposables.composite();
		}
		synchronized (this.delivered) {
			this.delivered.clear();
		}
		this.retryDelays = this.initialRetryDelays;
		this.url = this.initialUrl;
		if (this.url != null) {
			startTimer();
		}
		else {
			stopTimer();
		}
	}

	synchronized void close() {
		stopTimer();
		this.inFlight.dispose();
	}

	private void record(Delivery delivery) {
		synchronized (this.delivered) {
			this.delivered.add(delivery);
			this.delivered.notifyAll();
		}
	}

	private synchronized void startTimer() {
		if (this.timer == null && this.url != null) {
			this.timer = Flux.interval(TICK, TICK).subscribe((tick) -> {
				try {
					this.refresh.run();
				}
				catch (RuntimeException ex) {
					logger.warn("The Nitro stand-in failed to look for webhook events", ex);
				}
			});
		}
	}

	private synchronized void stopTimer() {
		if (this.timer != null) {
			this.timer.dispose();
			this.timer = null;
		}
	}

	/**
	 * One event's delivery, once it has ended.
	 *
	 * @param eventId the event's {@code id}
	 * @param type the event's {@code type}, such as {@code EnvelopeSealed}
	 * @param created the event's {@code created}
	 * @param data the event's {@code data}, such as {@code envelopeID} and {@code participantID}
	 * @param url where it was sent
	 * @param body the request body, the JSON event, as sent
	 * @param attempts each attempt, in order; the last one ended the delivery
	 * @since 0.1.0
	 */
	public record Delivery(String eventId, String type, Instant created, Map<String, String> data, URI url,
			String body, List<Attempt> attempts) {

		/**
		 * Copies the data and attempts.
		 */
		public Delivery {
			data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
			attempts = List.copyOf(attempts);
		}

		/**
		 * Returns whether the receiver accepted the event (2xx).
		 * @return whether it was delivered
		 */
		public boolean isDelivered() {
			int status = status();
			return status >= 200 && status < 300;
		}

		/**
		 * Returns the status of the reply that ended the delivery.
		 * @return the status, or 0 if the last attempt got no reply
		 */
		public int status() {
			return this.attempts.isEmpty() ? 0 : this.attempts.get(this.attempts.size() - 1).status();
		}

		/**
		 * Returns the headers of the last attempt: {@code Host}, {@code Date}, {@code Content-Digest},
		 * {@code Signature-Input} and {@code Signature}.
		 * @return the headers, by name
		 */
		public Map<String, String> headers() {
			return this.attempts.isEmpty() ? Map.of() : this.attempts.get(this.attempts.size() - 1).headers();
		}

	}

	/**
	 * One attempt to deliver an event.
	 *
	 * @param headers the signature headers sent ({@code Host}, {@code Date}, {@code Content-Digest},
	 * {@code Signature-Input}, {@code Signature}), signed for this attempt
	 * @param status the receiver's status, 0 if it did not answer
	 * @param reply the receiver's reply body (at most 64 KB), empty if none
	 * @param failure why no reply came (connection refused, no reply within 15 seconds), or {@code null}
	 * @since 0.1.0
	 */
	public record Attempt(Map<String, String> headers, int status, String reply, @Nullable String failure) {

		/**
		 * Copies the headers.
		 */
		public Attempt {
			headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
		}

		/** Nitro retries after a 5xx reply or none. */
		boolean isRetryable() {
			return this.status == 0 || this.status >= 500;
		}

	}

}
