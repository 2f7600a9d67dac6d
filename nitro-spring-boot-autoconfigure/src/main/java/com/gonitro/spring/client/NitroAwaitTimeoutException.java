package com.gonitro.spring.client;

import java.io.Serial;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The deadline of a wait that polls Nitro expired before the resource reached the awaited state: a document still
 * {@code pending} after {@code nitro.sign.document-upload-timeout}, an envelope not sealed within the timeout given to
 * {@code awaitEnvelopeStatus}, a job still {@code running} after {@code nitro.pdf.job-timeout}. Each HTTP request of
 * the wait had a reply; the resource was simply not ready.
 *
 * @since 0.1.0
 */
public class NitroAwaitTimeoutException extends NitroTimeoutException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String resourceId;

	private final Duration awaitTimeout;

	private final @Nullable String lastStatus;

	/**
	 * Creates an exception.
	 * @param message what was awaited, and the last state seen
	 * @param resourceId the envelope, document or job awaited
	 * @param awaitTimeout the deadline that expired
	 * @param lastStatus the last status Nitro reported, as Nitro names it, or {@code null} if none was read
	 */
	public NitroAwaitTimeoutException(String message, String resourceId, Duration awaitTimeout,
			@Nullable String lastStatus) {
		super(message);
		this.resourceId = resourceId;
		this.awaitTimeout = awaitTimeout;
		this.lastStatus = lastStatus;
	}

	/**
	 * Returns the resource awaited.
	 * @return the ID of the envelope, document or job
	 */
	public String getResourceId() {
		return this.resourceId;
	}

	/**
	 * Returns how long the wait lasted: the await deadline, not an HTTP timeout.
	 * @return the deadline that expired
	 */
	public Duration getAwaitTimeout() {
		return this.awaitTimeout;
	}

	/**
	 * Returns the last status Nitro reported before the deadline.
	 * @return the status, such as {@code pending} or {@code running}, or {@code null} if none was read
	 */
	public @Nullable String getLastStatus() {
		return this.lastStatus;
	}

}
