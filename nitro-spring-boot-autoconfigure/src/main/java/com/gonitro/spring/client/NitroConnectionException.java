package com.gonitro.spring.client;

import java.io.Serial;

import org.springframework.web.reactive.function.client.WebClientRequestException;

import com.gonitro.spring.http.TransportFailure;

/**
 * A request to Nitro got no reply: the host is unknown, the connection was refused or lost, or a timeout expired
 * (after the replays {@code nitroWebClient} allows for idempotent requests).
 */
public class NitroConnectionException extends NitroException {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception from the {@code WebClient} failure.
	 * @param cause the failure
	 */
	public NitroConnectionException(WebClientRequestException cause) {
		super(message(cause), cause);
	}

	private static String message(WebClientRequestException cause) {
		TransportFailure failure = TransportFailure.of(cause);
		return "Nitro request " + cause.getMethod() + " " + cause.getUri().getRawPath() + " got no reply: "
				+ ((failure != null) ? failure.description() : String.valueOf(cause.getMostSpecificCause()));
	}

}
