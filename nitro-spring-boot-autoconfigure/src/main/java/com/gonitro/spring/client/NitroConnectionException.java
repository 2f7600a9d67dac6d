package com.gonitro.spring.client;

import java.io.Serial;

import org.springframework.web.reactive.function.client.WebClientRequestException;

import com.gonitro.spring.http.TransportFailure;

/**
 * A request to Nitro got no reply: the host is unknown, the connection was refused or lost, or a timeout expired
 * (after the replays {@code nitroWebClient} allows for idempotent requests). Its cause is what the HTTP client
 * reported, such as a {@code ConnectException}; not the {@code WebClientRequestException}, which holds the request's
 * headers.
 *
 * @since 0.1.0
 */
public class NitroConnectionException extends NitroException {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception from the {@code WebClient} failure.
	 * @param failure the failure; its cause becomes this exception's cause
	 */
	public NitroConnectionException(WebClientRequestException failure) {
		super(message(failure), failure);
	}

	private static String message(WebClientRequestException failure) {
		TransportFailure kind = TransportFailure.of(failure);
		return "Nitro request " + failure.getMethod() + " " + failure.getUri().getRawPath() + " got no reply: "
				+ ((kind != null) ? kind.description() : String.valueOf(failure.getMostSpecificCause()));
	}

}
