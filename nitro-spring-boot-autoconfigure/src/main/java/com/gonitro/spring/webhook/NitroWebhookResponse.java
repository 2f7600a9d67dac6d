package com.gonitro.spring.webhook;

import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * The answer to a webhook delivery, independent of the web stack: a status and headers, no body.
 *
 * @since 0.1.0
 */
public final class NitroWebhookResponse {

	static final NitroWebhookResponse HANDLED = new NitroWebhookResponse(HttpStatus.OK);

	static final NitroWebhookResponse MALFORMED = new NitroWebhookResponse(HttpStatus.BAD_REQUEST);

	static final NitroWebhookResponse NOT_VERIFIED = new NitroWebhookResponse(HttpStatus.UNAUTHORIZED);

	static final NitroWebhookResponse TOO_LARGE = new NitroWebhookResponse(HttpStatus.CONTENT_TOO_LARGE);

	static final NitroWebhookResponse LISTENER_FAILED = new NitroWebhookResponse(HttpStatus.INTERNAL_SERVER_ERROR);

	static final NitroWebhookResponse TRY_AGAIN_LATER = new NitroWebhookResponse(HttpStatus.SERVICE_UNAVAILABLE);

	static final NitroWebhookResponse METHOD_NOT_ALLOWED;

	static {
		HttpHeaders allow = new HttpHeaders();
		allow.setAllow(Set.of(HttpMethod.POST));
		METHOD_NOT_ALLOWED = new NitroWebhookResponse(HttpStatus.METHOD_NOT_ALLOWED, allow);
	}

	private final HttpStatus status;

	private final HttpHeaders headers;

	private NitroWebhookResponse(HttpStatus status) {
		this(status, new HttpHeaders());
	}

	private NitroWebhookResponse(HttpStatus status, HttpHeaders headers) {
		this.status = status;
		this.headers = HttpHeaders.readOnlyHttpHeaders(headers);
	}

	/**
	 * Returns the status.
	 * @return the status
	 */
	public HttpStatus status() {
		return this.status;
	}

	/**
	 * Returns the headers to send with the status.
	 * @return the headers, read-only
	 */
	public HttpHeaders headers() {
		return this.headers;
	}

	@Override
	public String toString() {
		return "NitroWebhookResponse[" + this.status + "]";
	}

}
