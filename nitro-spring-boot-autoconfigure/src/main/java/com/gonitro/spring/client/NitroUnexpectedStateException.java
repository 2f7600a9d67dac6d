package com.gonitro.spring.client;

import java.io.Serial;

/**
 * A resource reached a final state other than the one awaited: an envelope rejected or cancelled while its sealing
 * was awaited, a job cancelled.
 *
 * @since 0.1.0
 */
public class NitroUnexpectedStateException extends NitroException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String resourceId;

	private final String status;

	/**
	 * Creates an exception.
	 * @param message what was awaited and what happened instead
	 * @param resourceId the envelope, document or job
	 * @param status the status it reached, as Nitro names it (such as {@code rejected})
	 */
	public NitroUnexpectedStateException(String message, String resourceId, String status) {
		super(message, null);
		this.resourceId = resourceId;
		this.status = status;
	}

	/**
	 * Returns the resource that reached an unexpected state.
	 * @return the ID of the envelope, document or job
	 */
	public String getResourceId() {
		return this.resourceId;
	}

	/**
	 * Returns the status the resource reached.
	 * @return the status, as Nitro names it (such as {@code rejected} or {@code canceled})
	 */
	public String getStatus() {
		return this.status;
	}

}
