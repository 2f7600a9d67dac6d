package com.gonitro.spring.standin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Nitro's token endpoint, and the check of the Bearer tokens it issued: JSON {@code {"clientID","clientSecret"}} in,
 * {@code {"accessToken","tokenType","expiresIn"}} out; wrong credentials get {@code invalid_client}.
 */
final class StandInTokens {

	private final Map<String, Instant> issued = new ConcurrentHashMap<>();

	private final AtomicInteger requests = new AtomicInteger();

	private final Clock clock;

	private final String originalSecret;

	private final String clientId;

	private volatile String clientSecret;

	private volatile Duration lifetime;

	StandInTokens(String clientId, String clientSecret, Duration lifetime, Clock clock) {
		this.clientId = clientId;
		this.clientSecret = clientSecret;
		this.originalSecret = clientSecret;
		this.lifetime = lifetime;
		this.clock = clock;
	}

	String clientId() {
		return this.clientId;
	}

	String clientSecret() {
		return this.clientSecret;
	}

	int requestCount() {
		return this.requests.get();
	}

	void setLifetime(Duration lifetime) {
		this.lifetime = lifetime;
	}

	void revokeAll() {
		this.issued.clear();
	}

	void rotate(String newSecret) {
		this.clientSecret = newSecret;
		revokeAll();
	}

	/** Restores the original secret (revoking the tokens issued with another) and zeroes the count. */
	void reset() {
		if (!this.clientSecret.equals(this.originalSecret)) {
			rotate(this.originalSecret);
		}
		this.requests.set(0);
	}

	Mono<ServerResponse> issue(ServerRequest request) {
		this.requests.incrementAndGet();
		boolean json = request.headers().contentType().map(MediaType.APPLICATION_JSON::isCompatibleWith).orElse(false);
		if (!json) {
			return oauthError(HttpStatus.BAD_REQUEST, "invalid_request", "The token request must be JSON: {\"clientID\",\"clientSecret\"}");
		}
		return request.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]).flatMap((body) -> {
			JsonNode credentials;
			try {
				credentials = StandInJson.mapper.readTree(body);
			}
			catch (JacksonException ex) {
				return oauthError(HttpStatus.BAD_REQUEST, "invalid_request", "The token request is not valid JSON");
			}
			if (credentials == null || !this.clientId.equals(text(credentials, "clientID"))
					|| !this.clientSecret.equals(text(credentials, "clientSecret"))) {
				return oauthError(HttpStatus.UNAUTHORIZED, "invalid_client", "Client authentication failed");
			}
			String token = "standin-" + UUID.randomUUID();
			Duration lifetime = this.lifetime;
			this.issued.put(token, this.clock.instant().plus(lifetime));
			ObjectNode reply = StandInJson.object();
			reply.put("accessToken", token);
			reply.put("tokenType", "Bearer");
			reply.put("expiresIn", lifetime.toSeconds());
			return StandInJson.reply(HttpStatus.OK, reply);
		});
	}

	/** Lets through only requests carrying a token this stand-in issued, not expired and not revoked. */
	HandlerFilterFunction<ServerResponse, ServerResponse> authentication() {
		return (request, next) -> {
			String header = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
			String token = (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) ? header.substring(7).strip()
					: null;
			Instant expiresAt = (token != null) ? this.issued.get(token) : null;
			if (expiresAt == null || !this.clock.instant().isBefore(expiresAt)) {
				return StandInProblem.of(HttpStatus.UNAUTHORIZED, "Missing or invalid Authorization header")
					.reply(request, (headers) -> headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\""));
			}
			return next.handle(request);
		};
	}

	private static Mono<ServerResponse> oauthError(HttpStatus status, String error, String description) {
		ObjectNode reply = StandInJson.object();
		reply.put("error", error);
		reply.put("error_description", description);
		return StandInJson.reply(status, reply);
	}

	private static @Nullable String text(JsonNode json, String name) {
		JsonNode value = json.get(name);
		return (value != null && value.isString()) ? value.asString() : null;
	}

}
