package com.gonitro.spring.oauth;

import java.io.Serial;
import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatusCode;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * Nitro's token endpoint did not issue a token. Carries the OAuth 2.0 error (code and description), the HTTP
 * status when there was a reply, and the token URI. Neither the message nor any field ever holds the client
 * secret or a token.
 */
public class NitroTokenException extends ClientAuthorizationException {

	/**
	 * Error code of a reply that cannot be used as a token response: not JSON, no token, an HTTP error without an
	 * OAuth 2.0 error body. Spring Security uses the same code.
	 */
	public static final String INVALID_TOKEN_RESPONSE = "invalid_token_response";

	/**
	 * Error code of a token request that got no reply because the token endpoint could not be reached.
	 */
	public static final String TOKEN_ENDPOINT_UNREACHABLE = "token_endpoint_unreachable";

	/**
	 * Error code of a token request that got no reply within the read timeout.
	 */
	public static final String TOKEN_ENDPOINT_TIMEOUT = "token_endpoint_timeout";

	@Serial
	private static final long serialVersionUID = 1L;

	private final @Nullable Integer statusCode;

	private final URI tokenUri;

	/**
	 * Creates an exception for a failed token request.
	 * @param error the OAuth 2.0 error, as Nitro sent it or as the client classified the failure
	 * @param statusCode the HTTP status of the reply, or {@code null} when no reply arrived
	 * @param tokenUri the token endpoint that was called
	 * @param cause the underlying failure, if any
	 */
	public NitroTokenException(OAuth2Error error, @Nullable HttpStatusCode statusCode, URI tokenUri,
			@Nullable Throwable cause) {
		super(error, NitroClientRegistration.REGISTRATION_ID, message(error, statusCode, tokenUri), cause);
		this.statusCode = (statusCode != null) ? statusCode.value() : null;
		this.tokenUri = tokenUri;
	}

	private static String message(OAuth2Error error, @Nullable HttpStatusCode statusCode, URI tokenUri) {
		StringBuilder message = new StringBuilder("Nitro token request to ").append(tokenUri).append(" failed");
		if (statusCode != null) {
			message.append(" with HTTP ").append(statusCode.value());
		}
		message.append(": ").append(error.getErrorCode());
		if (error.getDescription() != null) {
			message.append(": ").append(error.getDescription());
		}
		return message.toString();
	}

	/**
	 * Returns the HTTP status of the token endpoint's reply.
	 * @return the status, or {@code null} when the request got no reply (connection refused, timeout)
	 */
	public @Nullable HttpStatusCode getStatusCode() {
		return (this.statusCode != null) ? HttpStatusCode.valueOf(this.statusCode) : null;
	}

	/**
	 * Returns the token endpoint that was called.
	 * @return the token URI
	 */
	public URI getTokenUri() {
		return this.tokenUri;
	}

}
