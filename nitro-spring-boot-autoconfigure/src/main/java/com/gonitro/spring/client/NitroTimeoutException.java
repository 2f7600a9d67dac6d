package com.gonitro.spring.client;

import java.io.Serial;

/**
 * Nitro did not reach the awaited state in time: a document still pending, an envelope not yet sealed, a job still
 * running.
 */
public class NitroTimeoutException extends NitroException {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message what was awaited, and the last state seen
	 */
	public NitroTimeoutException(String message) {
		super(message, null);
	}

}
