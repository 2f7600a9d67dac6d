package com.gonitro.spring.client;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link Polling} polls until the verdict is final, stops at the verdict's error or at other failures, and ends at
 * its deadline with the error made from the last resource read.
 */
class PollingTests {

	private final Polling polling = new Polling(Duration.ofMillis(1), Duration.ofMillis(2));

	private final AtomicInteger polls = new AtomicInteger();

	@Test
	void pollsUntilTheVerdictIsFinal() {
		Mono<String> poll = statuses("pending", "pending", "uploaded");

		String outcome = this.polling
			.until(poll, (status) -> status.equals("uploaded") ? Mono.just(status) : null, Duration.ofSeconds(30),
					(last) -> timedOut(last))
			.block();

		assertThat(outcome).isEqualTo("uploaded");
		assertThat(this.polls).hasValue(3);
	}

	@Test
	void theVerdictsErrorEndsPolling() {
		Mono<String> poll = statuses("pending", "failed", "uploaded");

		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.polling.until(poll,
				(status) -> switch (status) {
					case "failed" -> Mono.error(new IllegalStateException("failed"));
					case "uploaded" -> Mono.just(status);
					default -> null;
				}, Duration.ofSeconds(30), (last) -> timedOut(last)).block()).withMessage("failed");
		assertThat(this.polls).hasValue(2);
	}

	@Test
	void aFailedPollIsNotRetried() {
		Mono<String> poll = Mono.defer(() -> {
			this.polls.incrementAndGet();
			return Mono.error(new IOException("connection refused"));
		});

		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> this.polling.until(poll, (status) -> null, Duration.ofSeconds(30), (last) -> timedOut(last))
				.block())
			.withRootCauseInstanceOf(IOException.class);
		assertThat(this.polls).hasValue(1);
	}

	@Test
	void theDeadlineEndsWithTheErrorForTheLastResourceRead() {
		Mono<String> poll = statuses("pending");

		assertThatExceptionOfType(NitroAwaitTimeoutException.class)
			.isThrownBy(() -> this.polling.until(poll, (status) -> null, Duration.ofMillis(50), (last) -> timedOut(last))
				.block())
			.satisfies((ex) -> assertThat(ex.getLastStatus()).isEqualTo("pending"));
	}

	@Test
	void theDeadlineBeforeAnyReplyEndsWithoutALastResource() {
		assertThatExceptionOfType(NitroAwaitTimeoutException.class)
			.isThrownBy(() -> this.polling
				.until(Mono.<String>never(), (status) -> null, Duration.ofMillis(20), (last) -> timedOut(last))
				.block())
			.satisfies((ex) -> assertThat(ex.getLastStatus()).isNull());
	}

	/** Replies with the given statuses in turn, the last one for ever. */
	private Mono<String> statuses(String... statuses) {
		List<String> replies = List.of(statuses);
		return Mono.fromSupplier(() -> replies.get(Math.min(this.polls.getAndIncrement(), replies.size() - 1)));
	}

	private static NitroAwaitTimeoutException timedOut(String last) {
		return new NitroAwaitTimeoutException("not done", "D1", Duration.ZERO, last);
	}

}
