package com.gonitro.spring.client;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Polls until a resource reaches a final state, with exponential backoff and an overall deadline: Nitro has no
 * webhooks for documents and envelopes, and job events may be unavailable.
 * <p>
 * <strong>Support class for the typed clients, public only so that their packages can share it: not API, subject to
 * change without notice.</strong>
 *
 * @since 0.1.0
 */
public final class Polling {

	private final Duration initialInterval;

	private final Duration maxInterval;

	/**
	 * Creates a poller.
	 * @param initialInterval the wait after the first poll; it doubles at each poll, with up to 25% jitter
	 * @param maxInterval the longest wait between two polls
	 */
	public Polling(Duration initialInterval, Duration maxInterval) {
		this.initialInterval = initialInterval;
		this.maxInterval = maxInterval;
	}

	/**
	 * Polls until {@code verdict} says the state is final.
	 * @param <T> the resource type
	 * @param poll fetches the resource: subscribed to once per poll
	 * @param verdict {@code null} while the state is not final; otherwise the outcome: the resource as a value, or
	 * an error such as a failed document
	 * @param deadline how long to poll at the most
	 * @param deadlineExpired the error once the deadline has expired, given the last resource read (or
	 * {@code null})
	 * @return the resource in its final state, or the verdict's error, or the error of {@code deadlineExpired}
	 */
	public <T> Mono<T> until(Mono<T> poll, Function<T, @Nullable Mono<T>> verdict, Duration deadline,
			Function<@Nullable T, ? extends NitroTimeoutException> deadlineExpired) {
		return Mono.defer(() -> {
			AtomicReference<@Nullable T> last = new AtomicReference<>();
			return poll.doOnNext(last::set)
				.flatMap((resource) -> {
					Mono<T> outcome = verdict.apply(resource);
					return (outcome != null) ? outcome : Mono.error(new NotYet());
				})
				.retryWhen(Retry.backoff(Long.MAX_VALUE, this.initialInterval)
					.maxBackoff(this.maxInterval)
					.jitter(0.25)
					.filter(NotYet.class::isInstance))
				.timeout(deadline, Mono.error(() -> deadlineExpired.apply(last.get())));
		});
	}

	private static final class NotYet extends RuntimeException {

		NotYet() {
			super(null, null, false, false);
		}

	}

}
