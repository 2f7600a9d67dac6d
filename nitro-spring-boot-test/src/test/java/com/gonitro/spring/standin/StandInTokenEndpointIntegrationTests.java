package com.gonitro.spring.standin;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;

import com.gonitro.spring.test.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stand-in's token endpoint and token checks, over raw HTTP: Nitro's JSON dialect, {@code invalid_client},
 * only the tokens it issued, expiry, revocation and rotation.
 */
class StandInTokenEndpointIntegrationTests {

	private static final MutableClock clock = new MutableClock();

	private static final NitroStandIn nitro = NitroStandIn.builder()
		.clientId("token-test-client")
		.clientSecret("token-test-secret")
		.tokenLifetime(Duration.ofMinutes(30))
		.clock(clock)
		.start();

	private final WebClient http = WebClient.create(nitro.baseUrl());

	@AfterEach
	void reset() {
		nitro.reset();
	}

	@AfterAll
	static void stop() {
		nitro.close();
	}

	@Test
	void issuesTokensInNitrosJsonDialect() {
		ResponseEntity<JsonNode> reply = token("token-test-client", "token-test-secret");

		assertThat(reply.getStatusCode().value()).isEqualTo(200);
		assertThat(reply.getBody().path("accessToken").asString()).isNotBlank();
		assertThat(reply.getBody().path("tokenType").asString()).isEqualTo("Bearer");
		assertThat(reply.getBody().path("expiresIn").asLong()).isEqualTo(1800);
		assertThat(nitro.tokenRequestCount()).isEqualTo(1);
		assertThat(nitro.properties()).containsEntry("nitro.client-id", "token-test-client")
			.containsEntry("nitro.client-secret", "token-test-secret")
			.containsEntry("nitro.token-uri", nitro.baseUrl() + "/oauth/token")
			.containsEntry("nitro.base-url", nitro.baseUrl());
	}

	@Test
	void rejectsWrongCredentialsAndFormPosts() {
		ResponseEntity<JsonNode> wrong = token("token-test-client", "wrong-secret");
		assertThat(wrong.getStatusCode().value()).isEqualTo(401);
		assertThat(wrong.getBody().path("error").asString()).isEqualTo("invalid_client");

		ResponseEntity<JsonNode> form = this.http.post()
			.uri("/oauth/token")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("grant_type=client_credentials&client_id=token-test-client&client_secret=token-test-secret")
			.exchangeToMono((response) -> response.toEntity(JsonNode.class))
			.block();
		assertThat(form.getStatusCode().value()).isEqualTo(400);
		assertThat(form.getBody().path("error").asString()).isEqualTo("invalid_request");
	}

	@Test
	void acceptsOnlyTheTokensItIssuedUntilTheyExpire() {
		assertThat(envelopes(null).getStatusCode().value()).isEqualTo(401);
		ResponseEntity<JsonNode> forged = envelopes("forged-token");
		assertThat(forged.getStatusCode().value()).isEqualTo(401);
		assertThat(forged.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(forged.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).contains("invalid_token");
		assertThat(forged.getBody().path("status").asInt()).isEqualTo(401);

		String token = token("token-test-client", "token-test-secret").getBody().path("accessToken").asString();
		assertThat(envelopes(token).getStatusCode().value()).isEqualTo(200);
		clock.advance(Duration.ofMinutes(31));
		assertThat(envelopes(token).getStatusCode().value()).isEqualTo(401);
	}

	@Test
	void revokesEveryTokenOnRotation() {
		String token = token("token-test-client", "token-test-secret").getBody().path("accessToken").asString();
		nitro.revokeAllTokens();
		assertThat(envelopes(token).getStatusCode().value()).isEqualTo(401);

		String beforeRotation = token("token-test-client", "token-test-secret").getBody().path("accessToken").asString();
		nitro.rotateCredentials("rotated-secret");
		assertThat(envelopes(beforeRotation).getStatusCode().value()).isEqualTo(401);
		assertThat(token("token-test-client", "token-test-secret").getStatusCode().value()).isEqualTo(401);
		assertThat(token("token-test-client", "rotated-secret").getStatusCode().value()).isEqualTo(200);
		assertThat(nitro.clientSecret()).isEqualTo("rotated-secret");

		nitro.reset();
		assertThat(nitro.clientSecret()).isEqualTo("token-test-secret");
		assertThat(token("token-test-client", "token-test-secret").getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void delaysEveryReplyWhenAsked() {
		nitro.setLatency(Duration.ofMillis(300));
		long started = System.nanoTime();
		assertThat(token("token-test-client", "token-test-secret").getStatusCode().value()).isEqualTo(200);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
	}

	@Test
	void answersUnknownPathsWithProblemDetails() {
		ResponseEntity<JsonNode> reply = this.http.get()
			.uri("/sign/nothing-here")
			.exchangeToMono((response) -> response.toEntity(JsonNode.class))
			.block();
		assertThat(reply.getStatusCode().value()).isEqualTo(404);
		assertThat(reply.getBody().path("detail").asString()).contains("/sign/nothing-here");
	}

	private ResponseEntity<JsonNode> token(String clientId, String clientSecret) {
		return this.http.post()
			.uri("/oauth/token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("clientID", clientId, "clientSecret", clientSecret))
			.exchangeToMono((response) -> response.toEntity(JsonNode.class))
			.block();
	}

	private ResponseEntity<JsonNode> envelopes(String token) {
		return this.http.get()
			.uri("/sign/envelopes")
			.headers((headers) -> {
				if (token != null) {
					headers.setBearerAuth(token);
				}
			})
			.exchangeToMono((response) -> response.toEntity(JsonNode.class))
			.block();
	}

}
