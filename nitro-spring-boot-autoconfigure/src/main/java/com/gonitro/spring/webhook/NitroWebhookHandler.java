package com.gonitro.spring.webhook;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;

import com.gonitro.spring.webhook.NitroWebhookDeduplicationStore.Claim;

/**
 * Handles one webhook delivery, whatever the web stack: verify, read, set duplicates aside, publish, answer.
 * <ul>
 * <li>A method other than {@code POST}: 405. A body over the {@linkplain #setMaxBodySize(int) limit} (256 KB by
 * default): 413, decided from {@code Content-Length} before the body is read, or after reading one byte more than
 * the limit.</li>
 * <li>A delivery that does not {@linkplain NitroWebhookVerifier verify}: 401, never published.</li>
 * <li>A verified body that is not the JSON Nitro sends ({@code {"id", "type", "created", "data"}}): 400.</li>
 * <li>An event already handled: 200, not published again. An event another delivery is handling right now: 503,
 * so that Nitro asks again later.</li>
 * <li>Otherwise the {@link NitroWebhookEvent} is published, and the listeners run before the answer: 200 when they
 * all returned; 500 when one threw, so that Nitro delivers the event again, and it is published again then.</li>
 * </ul>
 * Adapters call {@link #answerBeforeBody(String, HttpHeaders)}, read at most {@link #getMaxBodySize()} + 1 bytes of
 * the body if it returns {@code null}, then call {@link #handle(NitroWebhookRequest)}, which blocks while the
 * listeners run.
 *
 * @since 0.1.0
 */
public final class NitroWebhookHandler {

	private static final Log logger = LogFactory.getLog(NitroWebhookHandler.class);

	private static final int DEFAULT_MAX_BODY_SIZE = 256 * 1024;

	private final NitroWebhookVerifier verifier;

	private final NitroWebhookDeduplicationStore deduplicationStore;

	private final ApplicationEventPublisher publisher;

	private int maxBodySize = DEFAULT_MAX_BODY_SIZE;

	/**
	 * Creates a handler.
	 * @param verifier decides whether a delivery comes from Nitro
	 * @param deduplicationStore remembers the events handled
	 * @param publisher publishes the events, typically the application context
	 */
	public NitroWebhookHandler(NitroWebhookVerifier verifier, NitroWebhookDeduplicationStore deduplicationStore,
			ApplicationEventPublisher publisher) {
		Assert.notNull(verifier, "'verifier' must not be null");
		Assert.notNull(deduplicationStore, "'deduplicationStore' must not be null");
		Assert.notNull(publisher, "'publisher' must not be null");
		this.verifier = verifier;
		this.deduplicationStore = deduplicationStore;
		this.publisher = publisher;
	}

	/**
	 * Sets the largest body accepted. Defaults to 256 KB.
	 * @param maxBodySize the most bytes, at least 1
	 */
	public void setMaxBodySize(int maxBodySize) {
		Assert.isTrue(maxBodySize >= 1 && maxBodySize < Integer.MAX_VALUE, "'maxBodySize' must be at least 1");
		this.maxBodySize = maxBodySize;
	}

	/**
	 * Returns the largest body accepted: an adapter reads at most one byte more.
	 * @return the most bytes
	 */
	public int getMaxBodySize() {
		return this.maxBodySize;
	}

	/**
	 * Answers a delivery that can be refused before its body is read: a method other than {@code POST}, or a
	 * {@code Content-Length} over the limit.
	 * @param method the request's method
	 * @param headers the request's headers
	 * @return the answer, or {@code null} to read the body and {@link #handle(NitroWebhookRequest) handle} it
	 */
	public @Nullable NitroWebhookResponse answerBeforeBody(String method, HttpHeaders headers) {
		if (!"POST".equals(method)) {
			return NitroWebhookResponse.METHOD_NOT_ALLOWED;
		}
		long declaredLength;
		try {
			declaredLength = headers.getContentLength();
		}
		catch (NumberFormatException ex) {
			logger.debug("Refused a Nitro webhook delivery: its Content-Length is not a number");
			return NitroWebhookResponse.MALFORMED;
		}
		if (declaredLength > this.maxBodySize) {
			logger.debug("Refused a Nitro webhook delivery: its Content-Length is over the limit");
			return NitroWebhookResponse.TOO_LARGE;
		}
		return null;
	}

	/**
	 * Handles a delivery: verifies it, reads it, and publishes its event unless it was handled before.
	 * @param request the delivery, with at most {@link #getMaxBodySize()} + 1 bytes of its body
	 * @return the answer for Nitro
	 */
	public NitroWebhookResponse handle(NitroWebhookRequest request) {
		NitroWebhookResponse early = answerBeforeBody(request.method(), request.headers());
		if (early != null) {
			return early;
		}
		if (request.bodyLength() > this.maxBodySize) {
			logger.debug("Refused a Nitro webhook delivery: its body is over the limit");
			return NitroWebhookResponse.TOO_LARGE;
		}
		try {
			this.verifier.verify(request);
		}
		catch (NitroWebhookVerificationException ex) {
			logger.debug(ex.getMessage());
			return NitroWebhookResponse.NOT_VERIFIED;
		}
		NitroWebhookEvent event;
		try {
			event = WebhookPayload.read(request.bodyWithoutCopy(), this);
		}
		catch (IllegalArgumentException ex) {
			logger.debug("Refused a verified Nitro webhook delivery: " + ex.getMessage());
			return NitroWebhookResponse.MALFORMED;
		}
		return publishOnce(event);
	}

	private NitroWebhookResponse publishOnce(NitroWebhookEvent event) {
		Claim claim;
		try {
			claim = this.deduplicationStore.claim(event.id());
		}
		catch (RuntimeException ex) {
			logger.warn("Could not check whether Nitro webhook event " + event.id() + " was handled before: "
					+ "answered 503 so that Nitro delivers it again", ex);
			return NitroWebhookResponse.TRY_AGAIN_LATER;
		}
		if (claim == Claim.HANDLED) {
			logger.debug("Nitro webhook event " + event.id() + " was handled before: not published again");
			return NitroWebhookResponse.HANDLED;
		}
		if (claim == Claim.IN_PROGRESS) {
			logger.debug("Nitro webhook event " + event.id() + " is being handled by another delivery: answered 503");
			return NitroWebhookResponse.TRY_AGAIN_LATER;
		}
		boolean handled = false;
		try {
			this.publisher.publishEvent(event);
			handled = true;
			return NitroWebhookResponse.HANDLED;
		}
		catch (RuntimeException ex) {
			logger.warn("A listener failed on Nitro webhook event " + event.id() + " (" + event.type()
					+ "): answered 500 so that Nitro delivers it again", ex);
			return NitroWebhookResponse.LISTENER_FAILED;
		}
		finally {
			settle(event, handled);
		}
	}

	private void settle(NitroWebhookEvent event, boolean handled) {
		try {
			if (handled) {
				this.deduplicationStore.handled(event.id());
			}
			else {
				this.deduplicationStore.release(event.id());
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Could not record the outcome of Nitro webhook event " + event.id()
					+ "; a later delivery of it may be published again", ex);
		}
	}

	@Override
	public String toString() {
		return "NitroWebhookHandler[verifier=" + this.verifier + ", deduplicationStore=" + this.deduplicationStore
				+ "]";
	}

}
