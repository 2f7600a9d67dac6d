package com.gonitro.spring.client;

import java.io.Serial;

import org.jspecify.annotations.Nullable;

import com.gonitro.spring.http.ReplyText;

/**
 * Base class of the exceptions the typed Nitro clients throw. A failed token request surfaces as
 * {@link com.gonitro.spring.oauth.NitroTokenException} instead, which Spring Security code already knows.
 * <p>
 * No exception of this hierarchy holds the request it failed on, or the memory of the exchange: the
 * {@code WebClient} exceptions that hold the request (and so its headers, the {@code Authorization} header with the
 * token among them) are left out of the cause chain, which keeps what caused them instead, such as the
 * {@code ConnectException}; an exception that may reference the reply's buffers (a decoding exception) is kept as a
 * copy of its type name, message and stack trace.
 * <p>
 * Messages quote what Nitro replied (a problem's title and detail, a job's error, a status): whatever the reply held,
 * a message is at most {@value #MAX_MESSAGE_LENGTH} characters and holds no control characters, so that a hostile or
 * broken reply can neither forge log lines nor fill a log. The getters of each exception keep the reply's text as it
 * came.
 *
 * @since 0.1.0
 */
public class NitroException extends RuntimeException {

	/**
	 * The longest message, in characters.
	 */
	public static final int MAX_MESSAGE_LENGTH = 1000;

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message what went wrong, shortened and stripped of control characters as described above
	 * @param cause the underlying failure, if any, kept as described above
	 */
	public NitroException(String message, @Nullable Throwable cause) {
		super(ReplyText.echo(message, MAX_MESSAGE_LENGTH), SafeCause.of(cause));
	}

}
