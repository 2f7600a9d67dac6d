package com.gonitro.spring.boot.autoconfigure;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.client.RestClient;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.registry.HttpServiceGroup;
import org.springframework.web.service.registry.ImportHttpServices;

import com.gonitro.spring.test.NitroWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP client styles of a Spring application, each calling Nitro with the same token and rules as
 * {@code nitroWebClient}: the {@code nitroRestClient} bean, and an application's own {@code @HttpExchange} interfaces
 * imported into the HTTP service group {@code nitro}, backed by a {@code RestClient} or a {@code WebClient}; in a
 * servlet application and in a non-web one, over HTTP, including a 401 replayed with a new token. A group of another
 * name stays untouched.
 */
class HttpClientStylesIntegrationTests {

	private static final String ENVELOPE = "/sign/envelopes/e1";

	private static final String ENVELOPE_JSON = "{\"ID\":\"e1\",\"status\":\"sent\"}";

	@RegisterExtension
	static WireMockExtension nitro = NitroWireMock.extension();

	@RegisterExtension
	static WireMockExtension other = NitroWireMock.extension();

	private ConfigurableApplicationContext context;

	@BeforeEach
	void nitroRevokesTheFirstToken() {
		NitroWireMock.stubTokensInTurn(nitro, 86400, "revoked", "fresh");
		nitro.stubFor(get(urlEqualTo(ENVELOPE)).withHeader("Authorization", equalTo("Bearer revoked"))
			.willReturn(aResponse().withStatus(401)));
		nitro.stubFor(get(urlEqualTo(ENVELOPE)).withHeader("Authorization", equalTo("Bearer fresh"))
			.willReturn(okJson(ENVELOPE_JSON)));
		other.stubFor(get(urlEqualTo("/things/t1")).willReturn(okJson("{\"thing\":\"t1\"}")));
	}

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = { "NONE", "SERVLET" })
	void nitroRestClientReplaysA401WithANewToken(WebApplicationType type) {
		RestClient nitroRestClient = start(type).getBean("nitroRestClient", RestClient.class);

		String body = nitroRestClient.get().uri("/sign/envelopes/{id}", "e1").retrieve().body(String.class);

		assertThat(body).isEqualTo(ENVELOPE_JSON);
		assertReplayedOnceWithTheFreshToken();
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = { "NONE", "SERVLET" })
	void httpInterfaceInTheRestClientGroupNitroCallsNitroAndReplaysA401(WebApplicationType type) {
		Envelopes envelopes = start(type).getBean(Envelopes.class);

		assertThat(envelopes.get("e1")).isEqualTo(ENVELOPE_JSON);
		assertReplayedOnceWithTheFreshToken();
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = { "NONE", "SERVLET" })
	void httpInterfaceInTheWebClientGroupNitroCallsNitroAndReplaysA401(WebApplicationType type) {
		ReactiveEnvelopes envelopes = start(WebClientGroupApp.class, type).getBean(ReactiveEnvelopes.class);

		assertThat(envelopes.get("e1").block()).isEqualTo(ENVELOPE_JSON);
		assertReplayedOnceWithTheFreshToken();
	}

	@Test
	void httpInterfaceOfAnotherGroupGetsNeitherNitrosBaseUrlNorItsToken() {
		Things things = start(WebApplicationType.NONE).getBean(Things.class);

		assertThat(things.get("t1")).isEqualTo("{\"thing\":\"t1\"}");
		other.verify(getRequestedFor(urlEqualTo("/things/t1")).withHeader("Authorization", absent()));
		assertThat(nitro.findAll(NitroWireMock.tokenRequests())).isEmpty();
	}

	@Test
	void interceptorsOfTheApplicationNeverSeeTheTokenBeforeOrAfterTheExchange() {
		ConfigurableApplicationContext context = start(InterceptingApp.class, WebApplicationType.NONE);
		HeaderRecorder recorder = context.getBean(HeaderRecorder.class);

		assertThat(context.getBean(Envelopes.class).get("e1")).isEqualTo(ENVELOPE_JSON);
		assertThat(context.getBean("nitroRestClient", RestClient.class).get().uri(ENVELOPE).retrieve().body(String.class))
			.isEqualTo(ENVELOPE_JSON);

		assertThat(recorder.seen).hasSize(4).allSatisfy((header) -> assertThat(header).isEqualTo("none"));
		nitro.verify(2, getRequestedFor(urlEqualTo(ENVELOPE)).withHeader("Authorization", equalTo("Bearer fresh")));
	}

	private void assertReplayedOnceWithTheFreshToken() {
		nitro.verify(1, getRequestedFor(urlEqualTo(ENVELOPE)).withHeader("Authorization", equalTo("Bearer revoked")));
		nitro.verify(1, getRequestedFor(urlEqualTo(ENVELOPE)).withHeader("Authorization", equalTo("Bearer fresh")));
		assertThat(nitro.findAll(NitroWireMock.tokenRequests())).hasSize(2);
	}

	private ConfigurableApplicationContext start(WebApplicationType type) {
		return start(App.class, type);
	}

	private ConfigurableApplicationContext start(Class<?> application, WebApplicationType type) {
		this.context = new SpringApplicationBuilder(application).web(type)
			.properties("nitro.client-id=" + NitroWireMock.CLIENT_ID, "nitro.client-secret=" + NitroWireMock.CLIENT_SECRET,
					"nitro.token-uri=" + NitroWireMock.tokenUri(nitro), "nitro.base-url=" + nitro.baseUrl(),
					"spring.http.serviceclient.other.base-url=" + other.baseUrl(), "server.port=0")
			.run();
		return this.context;
	}

	/** An application's own interface for a Nitro endpoint the typed clients may not cover. */
	interface Envelopes {

		@GetExchange("/sign/envelopes/{id}")
		String get(@PathVariable String id);

	}

	/** The same, reactive. */
	interface ReactiveEnvelopes {

		@GetExchange("/sign/envelopes/{id}")
		Mono<String> get(@PathVariable String id);

	}

	/** An interface for another service. */
	interface Things {

		@GetExchange("/things/{id}")
		String get(@PathVariable String id);

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@ImportHttpServices(group = "nitro", types = Envelopes.class)
	@ImportHttpServices(group = "other", types = Things.class)
	static class App {

	}

	/** Records the {@code Authorization} header an interceptor of the application sees, before and after. */
	static class HeaderRecorder implements ClientHttpRequestInterceptor {

		final List<String> seen = new CopyOnWriteArrayList<>();

		@Override
		public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
				throws IOException {
			record(request);
			try {
				return execution.execute(request, body);
			}
			finally {
				record(request);
			}
		}

		private void record(HttpRequest request) {
			this.seen.add(Objects.requireNonNullElse(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION), "none"));
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@ImportHttpServices(group = "nitro", types = Envelopes.class)
	static class InterceptingApp {

		@Bean
		HeaderRecorder headerRecorder() {
			return new HeaderRecorder();
		}

		@Bean
		RestClientCustomizer recordingCustomizer(HeaderRecorder recorder) {
			return (builder) -> builder.requestInterceptor(recorder);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@ImportHttpServices(group = "nitro", types = ReactiveEnvelopes.class,
			clientType = HttpServiceGroup.ClientType.WEB_CLIENT)
	static class WebClientGroupApp {

	}

}
