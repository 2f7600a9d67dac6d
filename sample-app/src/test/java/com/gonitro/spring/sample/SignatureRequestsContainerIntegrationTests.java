package com.gonitro.spring.sample;

import com.github.tomakehurst.wiremock.client.WireMock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signature flow of {@link SignatureRequestsIntegrationTests}, against Nitro played by WireMock in a container: the
 * sample's calls cross a real network boundary, as they do in production. Needs Docker, and is skipped without it;
 * the in-process stand-in tests cover the same flow everywhere.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SignatureRequestsContainerIntegrationTests {

	private static final String ENVELOPE = "5b0e9c1e-3f4d-4a6b-9c8d-7e6f5a4b3c2d";

	private static final String DOCUMENT = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";

	private static final String SIGNER = "9f8e7d6c-5b4a-4c3d-2e1f-0a9b8c7d6e5f";

	@Container
	static final GenericContainer<?> nitro = new GenericContainer<>("wiremock/wiremock:3.13.2").withExposedPorts(8080)
		.waitingFor(Wait.forHttp("/__admin/health").forStatusCode(200));

	@DynamicPropertySource
	static void nitroProperties(DynamicPropertyRegistry registry) {
		String baseUrl = "http://" + nitro.getHost() + ":" + nitro.getMappedPort(8080);
		registry.add("nitro.client-id", () -> "container-client");
		registry.add("nitro.client-secret", () -> "container-secret");
		registry.add("nitro.token-uri", () -> baseUrl + "/oauth/token");
		registry.add("nitro.base-url", () -> baseUrl);
	}

	@LocalServerPort
	int port;

	private WireMock wiremock;

	@BeforeEach
	void stubNitro() {
		this.wiremock = new WireMock(nitro.getHost(), nitro.getMappedPort(8080));
		this.wiremock.resetMappings();
		this.wiremock.register(post(urlEqualTo("/oauth/token"))
			.withRequestBody(equalToJson("{\"clientID\":\"container-client\",\"clientSecret\":\"container-secret\"}"))
			.willReturn(okJson("{\"accessToken\":\"container-token\",\"tokenType\":\"Bearer\",\"expiresIn\":86400}")));
		this.wiremock.register(post(urlEqualTo("/sign/envelopes")).willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"ID\":\"" + ENVELOPE + "\",\"name\":\"contract.pdf for Ada\",\"status\":\"drafted\"}")));
		this.wiremock.register(post(urlEqualTo("/sign/envelopes/" + ENVELOPE + "/documents")).willReturn(aResponse()
			.withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"ID\":\"" + DOCUMENT + "\",\"name\":\"contract.pdf\",\"status\":\"pending\"}")));
		this.wiremock.register(get(urlEqualTo("/sign/envelopes/" + ENVELOPE + "/documents/" + DOCUMENT)).willReturn(
				okJson("{\"ID\":\"" + DOCUMENT + "\",\"name\":\"contract.pdf\",\"status\":\"uploaded\",\"numPages\":1}")));
		this.wiremock.register(post(urlEqualTo("/sign/envelopes/" + ENVELOPE + "/participants")).willReturn(aResponse()
			.withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"ID\":\"" + SIGNER + "\",\"email\":\"ada@example.com\",\"role\":\"signer\"}")));
		this.wiremock.register(post(urlPathMatching("/sign/envelopes/" + ENVELOPE + "/documents/" + DOCUMENT + "/fields"))
			.willReturn(aResponse().withStatus(201)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"ID\":\"0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f\",\"type\":\"signature\",\"page\":1}")));
		this.wiremock.register(post(urlEqualTo("/sign/envelopes/" + ENVELOPE + ":send-for-signing"))
			.willReturn(okJson("{\"ID\":\"" + ENVELOPE + "\",\"name\":\"contract.pdf for Ada\",\"status\":\"sent\"}")));
	}

	@Test
	void sendsAPdfForSignatureThroughANetworkedNitro() {
		ResponseEntity<JsonNode> created = new SampleClient(this.port).requestSignature("Contract", "ada@example.com");

		assertThat(created.getStatusCode().value()).isEqualTo(201);
		assertThat(created.getBody().path("id").asString()).isEqualTo(ENVELOPE);
		assertThat(created.getBody().path("status").asString()).isEqualTo("sent");
		this.wiremock.verifyThat(postRequestedFor(urlEqualTo("/sign/envelopes/" + ENVELOPE + ":send-for-signing"))
			.withHeader("Authorization", equalTo("Bearer container-token")));
	}

}
