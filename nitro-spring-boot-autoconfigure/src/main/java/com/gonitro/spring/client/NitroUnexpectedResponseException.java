package com.gonitro.spring.client;

import java.io.Serial;

import org.jspecify.annotations.Nullable;

/**
 * Nitro answered with a success status but a reply the client cannot use: a body that is not the JSON it documents,
 * a job reply that names no job, an ID that is not a Nitro ID, an event stream beyond the client's bounds.
 *
 * @since 0.1.0
 */
public class NitroUnexpectedResponseException extends NitroException {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message what was unexpected
	 */
	public NitroUnexpectedResponseException(String message) {
		super(message, null);
	}

	/**
	 * Creates an exception.
	 * @param message what was unexpected
	 * @param cause the decoding failure, if any
	 */
	public NitroUnexpectedResponseException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
