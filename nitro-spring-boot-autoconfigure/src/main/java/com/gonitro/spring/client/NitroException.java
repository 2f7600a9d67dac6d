package com.gonitro.spring.client;

import java.io.Serial;

import org.jspecify.annotations.Nullable;

/**
 * Base class of the exceptions the typed Nitro clients throw. A failed token request surfaces as
 * {@link com.gonitro.spring.oauth.NitroTokenException} instead, which Spring Security code already knows.
 */
public class NitroException extends RuntimeException {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message what went wrong
	 * @param cause the underlying failure, if any
	 */
	public NitroException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
