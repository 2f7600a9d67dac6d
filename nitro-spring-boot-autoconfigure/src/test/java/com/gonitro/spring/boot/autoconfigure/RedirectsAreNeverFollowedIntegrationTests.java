package com.gonitro.spring.boot.autoconfigure;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import com.gonitro.spring.oauth.NitroTokenException;
import com.gonitro.spring.test.NitroTestApplication;
import com.gonitro.spring.test.NitroWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An application that tells Spring Boot's HTTP clients to follow redirects ({@code spring.http.clients.redirects=follow})
 * still never has the client secret or a token follow one: Nitro's connector and request factory never follow
 * redirects, whichever HTTP client Boot uses. The redirects point at a second server, which must receive nothing
 * from Nitro's clients; the application's own clients, which do follow, show that the setting is in effect.
 */
class RedirectsAreNeverFollowedIntegrationTests {

	private static final String ENVELOPES = "/sign/envelopes";

	@RegisterExtension
	static WireMockExtension nitro = NitroWireMock.extension();

	@RegisterExtension
	static WireMockExtension elsewhere = NitroWireMock.extension();

	@BeforeEach
	void elsewhereAnswersAnything() {
		elsewhere.stubFor(any(anyUrl())
			.willReturn(okJson("{\"accessToken\":\"foreign-token\",\"tokenType\":\"Bearer\",\"expiresIn\":86400}")));
	}

	@ParameterizedTest
	@CsvSource({ "reactor, reactor", "jdk, jdk", "jdk, simple" })
	void tokenRequestIsNotFollowedWhenTheApplicationFollowsRedirects(String connector, String factory) {
		nitro.stubFor(NitroWireMock.tokenRequest()
			.willReturn(aResponse().withStatus(307).withHeader("Location", elsewhere.baseUrl() + "/collect?from=nitro")));
		nitro.stubFor(get(urlEqualTo(ENVELOPES)).willReturn(okJson("{\"items\":[]}")));

		try (ConfigurableApplicationContext context = run(connector, factory)) {
			WebClient nitroWebClient = context.getBean("nitroWebClient", WebClient.class);
			RestClient nitroRestClient = context.getBean("nitroRestClient", RestClient.class);

			assertThatExceptionOfType(NitroTokenException.class)
				.isThrownBy(() -> nitroWebClient.get().uri(ENVELOPES).retrieve().bodyToMono(String.class).block())
				.withMessageContaining("redirected to " + elsewhere.baseUrl() + ";");
			assertThatExceptionOfType(NitroTokenException.class)
				.isThrownBy(() -> nitroRestClient.get().uri(ENVELOPES).retrieve().body(String.class))
				.withMessageContaining("redirected to " + elsewhere.baseUrl() + ";");

			assertThat(elsewhere.findAll(anyRequestedFor(anyUrl()))).isEmpty();
			nitro.verify(0, anyRequestedFor(urlEqualTo(ENVELOPES)));
		}
	}

	@ParameterizedTest
	@CsvSource({ "reactor, reactor", "jdk, jdk", "jdk, simple" })
	void apiCallRedirectedToAnotherOriginIsNotFollowed(String connector, String factory) {
		NitroWireMock.stubToken(nitro, "nitro-token", 86400);
		nitro.stubFor(get(urlEqualTo(ENVELOPES))
			.willReturn(aResponse().withStatus(302).withHeader("Location", elsewhere.baseUrl() + "/collect?from=api")));

		try (ConfigurableApplicationContext context = run(connector, factory)) {
			int fromWebClient = context.getBean("nitroWebClient", WebClient.class)
				.get()
				.uri(ENVELOPES)
				.retrieve()
				.toBodilessEntity()
				.block()
				.getStatusCode()
				.value();
			int fromRestClient = context.getBean("nitroRestClient", RestClient.class)
				.get()
				.uri(ENVELOPES)
				.retrieve()
				.toBodilessEntity()
				.getStatusCode()
				.value();

			assertThat(fromWebClient).isEqualTo(302);
			assertThat(fromRestClient).isEqualTo(302);
			assertThat(elsewhere.findAll(anyRequestedFor(anyUrl()))).isEmpty();

			context.getBean(WebClient.Builder.class).build().get().uri(nitro.baseUrl() + ENVELOPES).retrieve()
				.toBodilessEntity().block();
			context.getBean(RestClient.Builder.class).build().get().uri(nitro.baseUrl() + ENVELOPES).retrieve()
				.toBodilessEntity();
			assertThat(elsewhere.findAll(anyRequestedFor(anyUrl()))).as("the application's own clients follow")
				.hasSize(2);
		}
	}

	private static ConfigurableApplicationContext run(String connector, String factory) {
		return NitroTestApplication.start(nitro, WebApplicationType.NONE, "spring.http.clients.redirects=follow",
				"spring.http.clients.reactive.connector=" + connector, "spring.http.clients.imperative.factory=" + factory);
	}

}
