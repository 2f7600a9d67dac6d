package com.gonitro.spring.oauth;

import java.io.Serial;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatusCode;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * Nitro's token endpoint did not issue a token. Carries the OAuth 2.0 error (code and description), the HTTP
 * status when there was a reply, the token URI, and the wait Nitro asked for ({@code Retry-After}) if any. Neither
 * the message nor any field nor any cause ever holds the client secret or a token.
 *
 * @since 0.1.0
 */
public class NitroTokenException extends ClientAuthorizationException {

	/**
	 * Error code of a reply that cannot be used as a token response: not JSON, no token, an HTTP error without an
	 * OAuth 2.0 error body, a redirect. Spring Security uses the same code.
	 */
	public static final String INVALID_TOKEN_RESPONSE = "invalid_token_response";

	/**
	 * Error code of a token request that got no reply because the token endpoint could not be reached.
	 */
	public static final String TOKEN_ENDPOINT_UNREACHABLE = "token_endpoint_unreachable";

	/**
	 * Error code of a token request that got no reply within the read timeout, or no token within the overall
	 * bound of a token request.
	 */
	public static final String TOKEN_ENDPOINT_TIMEOUT = "token_endpoint_timeout";

	/**
	 * Error code of a token request that could not be made because the client secret could not be read (its
	 * supplier failed or gave none).
	 */
	public static final String CREDENTIALS_UNAVAILABLE = "credentials_unavailable";

	@Serial
	private static final long serialVersionUID = 1L;

	private final @Nullable Integer statusCode;

	private final @Nullable URI tokenUri;

	private final @Nullable Duration retryAfter;

	private final @Nullable Instant backedOffUntil;

	/**
	 * Creates an exception for a failed token request of Nitro's default registration.
	 * @param error the OAuth 2.0 error, as Nitro sent it or as the client classified the failure
	 * @param statusCode the HTTP status of the reply, or {@code null} when no reply arrived
	 * @param tokenUri the token endpoint that was called
	 * @param cause the underlying failure, if any
	 */
	public NitroTokenException(OAuth2Error error, @Nullable HttpStatusCode statusCode, URI tokenUri,
			@Nullable Throwable cause) {
		this(error, NitroClientRegistration.REGISTRATION_ID, statusCode, tokenUri, null, cause);
	}

	/**
	 * Creates an exception for a failed token request.
	 * @param error the OAuth 2.0 error, as Nitro sent it or as the client classified the failure
	 * @param registrationId the registration the token was requested for, such as {@code nitro}
	 * @param statusCode the HTTP status of the reply, or {@code null} when no reply arrived
	 * @param tokenUri the token endpoint that was called, or {@code null} when the request could not be made
	 * @param retryAfter the wait the token endpoint asked for ({@code Retry-After}), if any
	 * @param cause the underlying failure, if any
	 */
	public NitroTokenException(OAuth2Error error, String registrationId, @Nullable HttpStatusCode statusCode,
			@Nullable URI tokenUri, @Nullable Duration retryAfter, @Nullable Throwable cause) {
		this(error, registrationId, (statusCode != null) ? statusCode.value() : null, tokenUri, retryAfter, null,
				cause);
	}

	private NitroTokenException(OAuth2Error error, String registrationId, @Nullable Integer statusCode,
			@Nullable URI tokenUri, @Nullable Duration retryAfter, @Nullable Instant backedOffUntil, @Nullable Throwable cause) {
		super(error, registrationId, message(error, statusCode, tokenUri, backedOffUntil), cause);
		this.statusCode = statusCode;
		this.tokenUri = tokenUri;
		this.retryAfter = retryAfter;
		this.backedOffUntil = backedOffUntil;
	}

	private static String message(OAuth2Error error, @Nullable Integer statusCode, @Nullable URI tokenUri,
			@Nullable Instant backedOffUntil) {
		StringBuilder message = new StringBuilder("Nitro token request");
		if (tokenUri != null) {
			message.append(" to ").append(tokenUri);
		}
		message.append(" failed");
		if (statusCode != null) {
			message.append(" with HTTP ").append(statusCode);
		}
		message.append(": ").append(error.getErrorCode());
		if (error.getDescription() != null) {
			message.append(": ").append(error.getDescription());
		}
		if (backedOffUntil != null) {
			message.append(" (the last token request failed; the next is made after ").append(backedOffUntil)
				.append(" or as soon as the credentials change)");
		}
		return message.toString();
	}

	/**
	 * Returns a copy of this failure for a call that was not allowed to request a token because the last request
	 * failed so recently (back-off). The copy's cause is this exception.
	 * @param until when the next token request may be made
	 * @return the copy
	 */
	NitroTokenException backedOffUntil(Instant until) {
		return new NitroTokenException(getError(), getClientRegistrationId(), this.statusCode, this.tokenUri,
				this.retryAfter, until, this);
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
	 * @return the token URI, or {@code null} when the request could not be made (its credentials could not be read)
	 */
	public @Nullable URI getTokenUri() {
		return this.tokenUri;
	}

	/**
	 * Returns how long the token endpoint asked clients to wait before the next token request
	 * ({@code Retry-After} of a 429 or 503 reply).
	 * @return the wait, or {@code null} when the reply stated none
	 */
	public @Nullable Duration getRetryAfter() {
		return this.retryAfter;
	}

	/**
	 * Returns, for a call that failed fast without a token request because the last one failed, when the next
	 * token request may be made.
	 * @return the end of the back-off, or {@code null} when this failure comes from a token request of its own
	 */
	public @Nullable Instant getBackedOffUntil() {
		return this.backedOffUntil;
	}

}
