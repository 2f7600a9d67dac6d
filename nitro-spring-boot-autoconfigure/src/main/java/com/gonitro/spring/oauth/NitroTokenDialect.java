package com.gonitro.spring.oauth;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatusCode;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;

/**
 * What Nitro's token endpoint expects and answers, in one place.
 * <p>
 * Request: {@code {"clientID":"…","clientSecret":"…"}} as {@code application/json}. Success: Nitro's documented
 * {@code {"accessToken","tokenType","expiresIn"}} or the RFC 6749 shape {@code {"access_token","token_type",
 * "expires_in"}}; {@code expiresIn} is in seconds. Errors: the RFC 6749 shape
 * {@code {"error","error_description","error_uri"}}.
 * <p>
 * Bodies are written and read as bytes with a private {@link JsonMapper}, so that neither the application's
 * Jackson settings nor Spring's codec logging (which prints decoded values at TRACE) ever see the secret or the
 * token.
 */
final class NitroTokenDialect {

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
	 * @param status the HTTP status of the reply
	 * @param body the reply body, empty when there was none
	 * @param tokenUri the token endpoint that answered, for error messages
	 * @param defaultExpiresIn the lifetime to assume when the reply states no usable {@code expiresIn}
	 * @return the token response
	 * @throws NitroTokenException when the reply is an error or carries no usable token
	 */
	static OAuth2AccessTokenResponse readReply(HttpStatusCode status, byte[] body, URI tokenUri,
			Duration defaultExpiresIn) {
		JsonNode reply = parse(body);
		if (!status.is2xxSuccessful() || text(reply, "error", "error") != null) {
			throw new NitroTokenException(readError(status, reply), status, tokenUri, null);
		}
		if (reply == null) {
			throw invalid(status, tokenUri, "the reply is not a JSON object");
		}
		String accessToken = text(reply, "accessToken", "access_token");
		if (accessToken == null || accessToken.isBlank()) {
			throw invalid(status, tokenUri, "the reply carries no accessToken");
		}
		String tokenType = text(reply, "tokenType", "token_type");
		if (tokenType != null && !OAuth2AccessToken.TokenType.BEARER.getValue().equalsIgnoreCase(tokenType)) {
			throw invalid(status, tokenUri, "the reply's tokenType is '" + abbreviate(tokenType) + "', not Bearer");
		}
		return OAuth2AccessTokenResponse.withToken(accessToken)
			.tokenType(OAuth2AccessToken.TokenType.BEARER)
			.expiresIn(expiresIn(reply, defaultExpiresIn))
			.build();
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

	private static OAuth2Error readError(HttpStatusCode status, @Nullable JsonNode reply) {
		String code = text(reply, "error", "error");
		if (code != null) {
			return new OAuth2Error(code, text(reply, "error_description", "errorDescription"),
					text(reply, "error_uri", "errorUri"));
		}
		String problem = text(reply, "detail", "title");
		String description = "HTTP " + status.value() + " without an OAuth 2.0 error body"
				+ ((problem != null) ? " (" + abbreviate(problem) + ")" : "");
		return new OAuth2Error(NitroTokenException.INVALID_TOKEN_RESPONSE, description, null);
	}

	private static long expiresIn(JsonNode reply, Duration defaultExpiresIn) {
		JsonNode node = reply.has("expiresIn") ? reply.get("expiresIn") : reply.get("expires_in");
		long seconds = -1;
		if (node != null && node.isNumber()) {
			seconds = node.asLong();
		}
		else if (node != null && node.isString()) {
			try {
				seconds = Long.parseLong(node.asString().strip());
			}
			catch (NumberFormatException ex) {
				// not usable: fall back to the default lifetime
			}
		}
		return (seconds > 0) ? seconds : Math.max(1, defaultExpiresIn.toSeconds());
	}

	private static @Nullable String text(@Nullable JsonNode reply, String name, String alternative) {
		if (reply == null) {
			return null;
		}
		JsonNode node = reply.has(name) ? reply.get(name) : reply.get(alternative);
		return (node != null && node.isString()) ? node.asString() : null;
	}

	private static NitroTokenException invalid(HttpStatusCode status, URI tokenUri, String description) {
		return new NitroTokenException(new OAuth2Error(NitroTokenException.INVALID_TOKEN_RESPONSE, description, null), status, tokenUri,
				null);
	}

	private static String abbreviate(String text) {
		return (text.length() <= MAX_ECHOED_TEXT) ? text : text.substring(0, MAX_ECHOED_TEXT) + "…";
	}

}
