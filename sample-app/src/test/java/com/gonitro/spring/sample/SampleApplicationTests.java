package com.gonitro.spring.sample;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample is a plain Spring MVC application that added only the starter: it calls Nitro, and its own endpoints
 * stay as open as they were (no login, no security filter chain).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleApplicationTests {

	@RegisterExtension
	static WireMockExtension nitro = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@DynamicPropertySource
	static void nitroProperties(DynamicPropertyRegistry registry) {
		registry.add("nitro.client-id", () -> "sample-id");
		registry.add("nitro.client-secret", () -> "sample-secret");
		registry.add("nitro.token-uri", () -> nitro.baseUrl() + "/oauth/token");
		registry.add("nitro.base-url", nitro::baseUrl);
	}

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Test
	void listsEnvelopesThroughTheStarter() {
		nitro.stubFor(post(urlEqualTo("/oauth/token"))
			.willReturn(okJson("{\"accessToken\":\"sample-token\",\"tokenType\":\"Bearer\",\"expiresIn\":86400}")));
		nitro.stubFor(get(urlEqualTo("/sign/envelopes"))
			.willReturn(okJson("{\"items\":[{\"ID\":\"0d3c9b7e-1111-4a5b-9c3d-2e1f0a9b8c7d\",\"name\":\"NDA\"}]}")));

		String page = http().get().uri("/envelopes").retrieve().body(String.class);

		assertThat(page).contains("\"name\":\"NDA\"");
		nitro.verify(getRequestedFor(urlEqualTo("/sign/envelopes")).withHeader("Authorization",
				equalTo("Bearer sample-token")));
	}

	@Test
	void ownEndpointsStayOpenWithoutLogin() {
		ResponseEntity<String> home = http().get().uri("/").retrieve().toEntity(String.class);

		assertThat(home.getStatusCode().value()).isEqualTo(200);
		assertThat(home.getBody()).startsWith("Nitro sample");
		assertThat(home.getHeaders().get("WWW-Authenticate")).isNull();
		assertThat(this.context.containsBean("springSecurityFilterChain")).isFalse();
		assertThat(this.context.getBeanNamesForType(org.springframework.security.web.SecurityFilterChain.class))
			.isEmpty();
	}

	private RestClient http() {
		return RestClient.create("http://localhost:" + this.port);
	}

}
