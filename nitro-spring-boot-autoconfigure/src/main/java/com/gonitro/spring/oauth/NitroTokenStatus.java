package com.gonitro.spring.oauth;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link NitroAccessTokenCache} knows of its token at a moment, without requesting one: for health checks and
 * metrics. Never the token itself.
 *
 * @param state whether a token is held, the last token request failed, or no token was requested yet
 * @param expiresAt when the held token expires, if one is held
 * @param refreshAt when the held token is renewed, if one is held
 * @param lastErrorCode the OAuth 2.0 error code of the last failed token request, if the last one failed
 * @param lastErrorAt when the last token request failed, if it did
 * @param retryAt when a token is requested again after that failure, if the last one failed
 * @since 0.1.0
 */
public record NitroTokenStatus(State state, @Nullable Instant expiresAt, @Nullable Instant refreshAt,
		@Nullable String lastErrorCode, @Nullable Instant lastErrorAt, @Nullable Instant retryAt) {

	/**
	 * The status before the first token request.
	 */
	public static final NitroTokenStatus UNKNOWN = new NitroTokenStatus(State.UNKNOWN, null, null, null, null, null);

	static NitroTokenStatus held(@Nullable Instant expiresAt, Instant refreshAt) {
		return new NitroTokenStatus(State.HELD, expiresAt, refreshAt, null, null, null);
	}

	static NitroTokenStatus failed(String errorCode, Instant at, Instant retryAt) {
		return new NitroTokenStatus(State.FAILED, null, null, errorCode, at, retryAt);
	}

	/**
	 * Where a cache stands.
	 */
	public enum State {

		/** No token was requested yet. */
		UNKNOWN,

		/** A token is held: the last token request succeeded. */
		HELD,

		/** The last token request failed. */
		FAILED

	}

}
