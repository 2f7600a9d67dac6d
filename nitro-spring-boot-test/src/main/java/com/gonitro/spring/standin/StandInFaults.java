package com.gonitro.spring.standin;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Faults a test injects: latency on every reply, 429 with {@code Retry-After} on the next API requests, or another
 * error status on them.
 */
final class StandInFaults {

	private volatile Duration latency = Duration.ZERO;

	private final AtomicInteger throttled = new AtomicInteger();

	private volatile long retryAfterSeconds;

	private final AtomicInteger failing = new AtomicInteger();

	private volatile HttpStatus failure = HttpStatus.SERVICE_UNAVAILABLE;

	private final AtomicInteger requests = new AtomicInteger();

	void setLatency(Duration latency) {
		this.latency = latency;
	}

	void throttle(int requests, Duration retryAfter) {
		this.retryAfterSeconds = retryAfter.toSeconds();
		this.throttled.set(requests);
	}

	void fail(int requests, HttpStatus status) {
		this.failure = status;
		this.failing.set(requests);
	}

	void reset() {
		this.latency = Duration.ZERO;
		this.throttled.set(0);
		this.failing.set(0);
		this.requests.set(0);
	}

	int requestCount() {
		return this.requests.get();
	}

	/** Counts API requests, answered or refused. */
	HandlerFilterFunction<ServerResponse, ServerResponse> counting() {
		return (request, next) -> {
			this.requests.incrementAndGet();
			return next.handle(request);
		};
	}

	/** Delays every reply by the latency. */
	HandlerFilterFunction<ServerResponse, ServerResponse> latency() {
		return (request, next) -> {
			Duration latency = this.latency;
			return latency.isZero() ? next.handle(request) : Mono.delay(latency).then(next.handle(request));
		};
	}

	/** Throttles or fails API requests while a test asks for it. */
	HandlerFilterFunction<ServerResponse, ServerResponse> apiFaults() {
		return (request, next) -> {
			if (takeOne(this.throttled)) {
				return StandInProblem.of(HttpStatus.TOO_MANY_REQUESTS, "Rate limit exceeded")
					.reply(request, (headers) -> headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(this.retryAfterSeconds)));
			}
			if (takeOne(this.failing)) {
				return StandInProblem.of(this.failure, "Injected failure").reply(request);
			}
			return next.handle(request);
		};
	}

	private static boolean takeOne(AtomicInteger counter) {
		return counter.getAndUpdate((left) -> Math.max(0, left - 1)) > 0;
	}

}
