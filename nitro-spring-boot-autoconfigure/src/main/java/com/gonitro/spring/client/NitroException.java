package com.gonitro.spring.client;

import java.io.Serial;

import org.jspecify.annotations.Nullable;

/**
 * Base class of the exceptions the typed Nitro clients throw. A failed token request surfaces as
 * {@link com.gonitro.spring.oauth.NitroTokenException} instead, which Spring Security code already knows.
 * <p>
 * No exception of this hierarchy holds the request it failed on, or the memory of the exchange: the
 * {@code WebClient} exceptions that hold the request (and so its headers, the {@code Authorization} header with the
 * token among them) are left out of the cause chain, which keeps what caused them instead, such as the
 * {@code ConnectException}; an exception that may reference the reply's buffers (a decoding exception) is kept as a
 * copy of its type name, message and stack trace.
 *
 * @since 0.1.0
 */
public class NitroException extends RuntimeException {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message what went wrong
	 * @param cause the underlying failure, if any, kept as described above
	 */
	public NitroException(String message, @Nullable Throwable cause) {
		super(message, SafeCause.of(cause));
	}

}
