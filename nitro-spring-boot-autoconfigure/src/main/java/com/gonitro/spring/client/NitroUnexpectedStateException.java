package com.gonitro.spring.client;

import java.io.Serial;

/**
 * A resource reached a final state other than the one awaited: an envelope rejected or cancelled while its sealing
 * was awaited, a job cancelled.
 */
public class NitroUnexpectedStateException extends NitroException {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message what was awaited and what happened instead
	 */
	public NitroUnexpectedStateException(String message) {
		super(message, null);
	}

}
