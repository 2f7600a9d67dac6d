package com.gonitro.spring.webhook;

import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;

/**
 * A webhook delivery as it reached the application, independent of the web stack: what a
 * {@link NitroWebhookVerifier} checks and {@link NitroWebhookHandler} reads.
 *
 * @since 0.1.0
 */
public final class NitroWebhookRequest {

	private final String method;

	private final String path;

	private final HttpHeaders headers;

	private final byte[] body;

	/**
	 * Creates a request.
	 * @param method the HTTP method, such as {@code POST}
	 * @param path the request's path as sent (not decoded), context path included, without the query
	 * @param headers the request's headers
	 * @param body the request's body, empty if it has none
	 */
	public NitroWebhookRequest(String method, String path, HttpHeaders headers, byte[] body) {
		Assert.hasText(method, "'method' must not be empty");
		Assert.notNull(path, "'path' must not be null");
		Assert.notNull(headers, "'headers' must not be null");
		Assert.notNull(body, "'body' must not be null");
		this.method = method;
		this.path = path;
		this.headers = HttpHeaders.readOnlyHttpHeaders(headers);
		this.body = body;
	}

	/**
	 * Returns the HTTP method.
	 * @return the method, such as {@code POST}
	 */
	public String method() {
		return this.method;
	}

	/**
	 * Returns the path as sent: RFC 9421's {@code @path}.
	 * @return the path, not decoded
	 */
	public String path() {
		return this.path;
	}

	/**
	 * Returns the headers.
	 * @return the headers, read-only
	 */
	public HttpHeaders headers() {
		return this.headers;
	}

	/**
	 * Returns the body.
	 * @return a copy of the body
	 */
	public byte[] body() {
		return this.body.clone();
	}

	/**
	 * Returns the body's length.
	 * @return the number of bytes in the body
	 */
	public int bodyLength() {
		return this.body.length;
	}

	byte[] bodyWithoutCopy() {
		return this.body;
	}

	@Override
	public String toString() {
		return "NitroWebhookRequest[" + this.method + " " + this.path + ", " + this.body.length + " bytes]";
	}

}
