package com.gonitro.spring.client;

import java.io.Serial;

/**
 * Nitro did not reach an awaited state in time. The typed clients throw the subclass
 * {@link NitroAwaitTimeoutException}, whose name says what expired: the deadline of a wait that polls Nitro, not an
 * HTTP timeout. A call that gets no reply within {@code nitro.connect-timeout} or {@code nitro.read-timeout} fails
 * with a {@link NitroConnectionException} instead.
 *
 * @since 0.1.0
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
