package com.gonitro.spring.oauth;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;

import com.gonitro.spring.http.ReplyText;
import com.gonitro.spring.http.RetryAfter;

/**
 * What Nitro's token endpoint expects and answers, in one place.
 * <p>
 * Request: {@code {"clientID":"…","clientSecret":"…"}} as {@code application/json}. Success: Nitro's documented
 * {@code {"accessToken","tokenType","expiresIn"}} or the RFC 6749 shape {@code {"access_token","token_type",
 * "expires_in"}}; {@code expiresIn} is in seconds. Errors: the RFC 6749 shape
 * {@code {"error","error_description","error_uri"}}.
 * <p>
 * The reply is hostile until read: its size is bounded by {@link #MAX_REPLY_SIZE}, a redirect is an error (never
 * followed), text echoed into messages is shortened, stripped of control characters and never holds the client
 * secret (should the endpoint repeat what it was sent), and {@code expiresIn} is
 * read as follows: absent or unreadable means the default lifetime; zero or negative means the token is already
 * expired, which is an error; more than {@link #MAX_LIFETIME} is clamped to it.
 * <p>
 * Bodies are written and read as bytes with a private {@link JsonMapper}, so that neither the application's
 * Jackson settings nor Spring's codec logging (which prints decoded values at TRACE) ever see the secret or the
 * token.
 */
final class NitroTokenDialect {

	/**
	 * The largest token reply read: a token reply is a few hundred bytes.
	 */
	static final int MAX_REPLY_SIZE = 64 * 1024;

	/**
	 * The longest lifetime a token is trusted with, whatever its reply says (Nitro's tokens live 24 hours).
	 */
	static final Duration MAX_LIFETIME = Duration.ofDays(7);

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final int MAX_ECHOED_TEXT = 200;

	private NitroTokenDialect() {
	}

	static byte[] requestBody(ClientRegistration registration) {
		ObjectNode body = json.createObjectNode();
		body.put("clientID", registration.getClientId());
		body.put("clientSecret", registration.getClientSecret());
		return json.writeValueAsBytes(body);
	}

	/**
	 * Reads a reply of the token endpoint.
	 * @param reply the reply: status, headers and body (empty when there was none)
	 * @param request what was asked: the token endpoint and registration, for error messages
	 * @param defaultExpiresIn the lifetime to assume when the reply states no usable {@code expiresIn}
	 * @param clock the clock against which a {@code Retry-After} date is read
	 * @return the token response
	 * @throws NitroTokenException when the reply is an error or carries no usable token
	 */
	static OAuth2AccessTokenResponse readReply(Reply reply, Request request, Duration defaultExpiresIn, Clock clock) {
		HttpStatusCode status = reply.status();
		if (status.is3xxRedirection()) {
			throw request.failure(status, null, NitroTokenException.INVALID_TOKEN_RESPONSE,
					"the token endpoint redirected to " + origin(request, reply.headers().getLocation())
							+ "; redirects are never followed: set the token URI to where the token endpoint is");
		}
		JsonNode body = parse(reply.body());
		if (!status.is2xxSuccessful() || text(body, "error", "error") != null) {
			throw new NitroTokenException(readError(status, body, request), request.registrationId(), status,
					request.tokenUri(), RetryAfter.of(reply.headers(), clock), null);
		}
		if (body == null) {
			throw request.failure(status, null, NitroTokenException.INVALID_TOKEN_RESPONSE,
					"the reply is not a JSON object");
		}
		String accessToken = text(body, "accessToken", "access_token");
		if (accessToken == null || accessToken.isBlank()) {
			throw request.failure(status, null, NitroTokenException.INVALID_TOKEN_RESPONSE,
					"the reply carries no accessToken");
		}
		String tokenType = text(body, "tokenType", "token_type");
		if (tokenType != null && !OAuth2AccessToken.TokenType.BEARER.getValue().equalsIgnoreCase(tokenType)) {
			throw request.failure(status, null, NitroTokenException.INVALID_TOKEN_RESPONSE,
					"the reply's tokenType is '" + request.echo(tokenType) + "', not Bearer");
		}
		long expiresIn = expiresIn(body, defaultExpiresIn);
		if (expiresIn <= 0) {
			throw request.failure(status, null, NitroTokenException.INVALID_TOKEN_RESPONSE,
					"the reply's expiresIn is " + expiresIn + ": the token would already be expired");
		}
		return OAuth2AccessTokenResponse.withToken(accessToken)
			.tokenType(OAuth2AccessToken.TokenType.BEARER)
			.expiresIn(expiresIn)
			.build();
	}

	/**
	 * Returns a failure for a reply larger than {@link #MAX_REPLY_SIZE}.
	 */
	static NitroTokenException replyTooLarge(Request request, HttpStatusCode status) {
		return request.failure(status, null, NitroTokenException.INVALID_TOKEN_RESPONSE,
				"the reply is larger than " + MAX_REPLY_SIZE + " bytes");
	}

	private static @Nullable JsonNode parse(byte[] body) {
		try {
			JsonNode node = json.readTree(body);
			return (node != null && node.isObject()) ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static OAuth2Error readError(HttpStatusCode status, @Nullable JsonNode reply, Request request) {
		String code = text(reply, "error", "error");
		if (code != null) {
			String description = text(reply, "error_description", "errorDescription");
			String uri = text(reply, "error_uri", "errorUri");
			return new OAuth2Error(request.echo(code), (description != null) ? request.echo(description) : null,
					(uri != null) ? request.echo(uri) : null);
		}
		String problem = text(reply, "detail", "title");
		String description = "HTTP " + status.value() + " without an OAuth 2.0 error body"
				+ ((problem != null) ? " (" + request.echo(problem) + ")" : "");
		return new OAuth2Error(NitroTokenException.INVALID_TOKEN_RESPONSE, description, null);
	}

	/**
	 * Reads {@code expiresIn} in seconds: the default lifetime when absent or unreadable, at most
	 * {@link #MAX_LIFETIME}; zero or negative as it is, for the caller to refuse.
	 */
	private static long expiresIn(JsonNode reply, Duration defaultExpiresIn) {
		JsonNode node = reply.has("expiresIn") ? reply.get("expiresIn") : reply.get("expires_in");
		BigDecimal seconds = null;
		if (node != null && node.isNumber()) {
			// A number beyond a double's range (1e400) is read as infinite, which has no decimal value.
			double approximately = node.doubleValue();
			seconds = !Double.isInfinite(approximately) ? node.decimalValue()
					: BigDecimal.valueOf((approximately > 0) ? Long.MAX_VALUE : Long.MIN_VALUE);
		}
		else if (node != null && node.isString()) {
			try {
				seconds = new BigDecimal(node.asString().strip());
			}
			catch (NumberFormatException ex) {
				// not usable: the default lifetime applies
			}
		}
		if (seconds == null) {
			return Math.max(1, Math.min(defaultExpiresIn.toSeconds(), MAX_LIFETIME.toSeconds()));
		}
		if (seconds.signum() <= 0) {
			return seconds.max(BigDecimal.valueOf(Long.MIN_VALUE)).longValue();
		}
		return seconds.min(BigDecimal.valueOf(MAX_LIFETIME.toSeconds())).longValue();
	}

	private static @Nullable String text(@Nullable JsonNode reply, String name, String alternative) {
		if (reply == null) {
			return null;
		}
		JsonNode node = reply.has(name) ? reply.get(name) : reply.get(alternative);
		return (node != null && node.isString()) ? node.asString() : null;
	}

	/**
	 * Returns the origin (scheme, host, port) a redirect points to, never its path or query, which may carry
	 * anything.
	 */
	private static String origin(Request request, @Nullable URI location) {
		if (location == null) {
			return "no location";
		}
		try {
			URI target = request.tokenUri().resolve(location);
			if (target.getScheme() == null || target.getHost() == null) {
				return "an unreadable location";
			}
			return request.echo(target.getScheme() + "://" + target.getHost()
					+ ((target.getPort() != -1) ? ":" + target.getPort() : ""));
		}
		catch (IllegalArgumentException ex) {
			return "an unreadable location";
		}
	}

	/**
	 * A reply of the token endpoint.
	 *
	 * @param status its HTTP status
	 * @param headers its headers
	 * @param body its body, empty when there was none
	 */
	record Reply(HttpStatusCode status, HttpHeaders headers, byte[] body) {

	}

	/**
	 * What a token request asked, for failures.
	 *
	 * @param registrationId the registration the token is for
	 * @param tokenUri the token endpoint
	 * @param clientSecret the secret that was sent, masked wherever the reply repeats it; never printed
	 */
	record Request(String registrationId, URI tokenUri, String clientSecret) {

		/**
		 * Returns text from the reply fit for a message or a log line: the client secret masked (an endpoint that
		 * repeats the request it refuses would otherwise put it in the message), at most
		 * {@value NitroTokenDialect#MAX_ECHOED_TEXT} characters, control characters (which could forge log lines)
		 * replaced.
		 */
		String echo(String text) {
			String masked = this.clientSecret.isEmpty() ? text : text.replace(this.clientSecret, "******");
			return ReplyText.echo(masked, MAX_ECHOED_TEXT);
		}

		NitroTokenException failure(@Nullable HttpStatusCode status, @Nullable Throwable cause, String code,
				String description) {
			return new NitroTokenException(new OAuth2Error(code, description, null), this.registrationId, status,
					this.tokenUri, null, cause);
		}

		@Override
		public String toString() {
			return "Request[registrationId=" + this.registrationId + ", tokenUri=" + this.tokenUri
					+ ", clientSecret=******]";
		}

	}

}
