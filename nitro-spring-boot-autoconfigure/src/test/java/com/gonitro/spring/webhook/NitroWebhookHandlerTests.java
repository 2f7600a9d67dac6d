package com.gonitro.spring.webhook;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link NitroWebhookHandler}'s answers where the web stack and Nitro cannot lead it (the endpoint tests cover the
 * rest over HTTP): framing it cannot trust, and a deduplication store that fails.
 */
class NitroWebhookHandlerTests {

	private static final byte[] BODY = "{\"id\":\"evt-1\",\"type\":\"EnvelopeSealed\",\"created\":\"2026-11-28T12:00:00Z\"}"
		.getBytes(StandardCharsets.UTF_8);

	private final List<Object> published = new ArrayList<>();

	@Test
	void contentLengthThatIsNotANumberIsAnswered400BeforeTheBodyIsRead() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.CONTENT_LENGTH, "12abc");

		assertThat(handler(new InMemoryNitroWebhookDeduplicationStore()).answerBeforeBody("POST", headers).status())
			.isEqualTo(HttpStatus.BAD_REQUEST);
	}

	@Test
	void bodyOverTheLimitWithoutContentLengthIsAnswered413() {
		NitroWebhookHandler handler = handler(new InMemoryNitroWebhookDeduplicationStore());
		handler.setMaxBodySize(BODY.length - 1);

		assertThat(handler.handle(request()).status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
		assertThat(this.published).isEmpty();
	}

	@Test
	void storeThatCannotBeReachedIsAnswered503AndNothingIsPublished() {
		NitroWebhookDeduplicationStore down = new FailingStore(true);

		assertThat(handler(down).handle(request()).status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(this.published).isEmpty();
	}

	@Test
	void storeThatFailsToRecordTheOutcomeStillAnswersWhatTheListenersDid() {
		assertThat(handler(new FailingStore(false)).handle(request()).status()).isEqualTo(HttpStatus.OK);
		assertThat(this.published).hasSize(1);
	}

	private NitroWebhookHandler handler(NitroWebhookDeduplicationStore store) {
		return new NitroWebhookHandler((request) -> {
		}, store, this.published::add);
	}

	private static NitroWebhookRequest request() {
		return new NitroWebhookRequest("POST", "/nitro/webhooks", new HttpHeaders(), BODY);
	}

	private record FailingStore(boolean failClaims) implements NitroWebhookDeduplicationStore {

		@Override
		public Claim claim(String eventId) {
			if (this.failClaims) {
				throw new IllegalStateException("The database is down");
			}
			return Claim.CLAIMED;
		}

		@Override
		public void handled(String eventId) {
			throw new IllegalStateException("The database is down");
		}

		@Override
		public void release(String eventId) {
			throw new IllegalStateException("The database is down");
		}

	}

}
