package com.gonitro.spring.client;

import java.io.Serial;

/**
 * Nitro answered with a success status but a body the client cannot read (not the JSON it documents, for
 * example).
 */
public class NitroUnexpectedResponseException extends NitroException {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message what was unexpected
	 * @param cause the decoding failure
	 */
	public NitroUnexpectedResponseException(String message, Throwable cause) {
		super(message, cause);
	}

}
