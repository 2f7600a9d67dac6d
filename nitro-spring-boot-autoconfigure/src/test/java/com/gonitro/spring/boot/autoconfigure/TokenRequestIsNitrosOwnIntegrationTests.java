package com.gonitro.spring.boot.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.ClientRequestObservationContext;
import org.springframework.web.reactive.function.client.WebClient;

import com.gonitro.spring.oauth.NitroTokenRequestObservation;
import com.gonitro.spring.test.NitroWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token request carries the client secret, so it goes through a {@code WebClient} of Nitro's own: the
 * application's {@link WebClientCustomizer}s shape {@code nitroWebClient}'s API calls but never the token request,
 * while Spring Boot's observations still see it.
 */
class TokenRequestIsNitrosOwnIntegrationTests {

	private static final String ENVELOPES = "/sign/envelopes";

	@RegisterExtension
	static WireMockExtension nitro = NitroWireMock.extension();

	@BeforeEach
	void stubNitro() {
		NitroWireMock.stubToken(nitro, "nitro-token", 86400);
		nitro.stubFor(get(urlEqualTo(ENVELOPES)).willReturn(okJson("{\"items\":[]}")));
	}

	@Test
	void applicationsWebClientCustomizerShapesApiCallsButNeverTheTokenRequest() {
		try (ConfigurableApplicationContext context = run(CustomizingApplication.class)) {
			callNitro(context);

			nitro.verify(1, NitroWireMock.tokenRequests().withHeader("X-Application", absent()));
			nitro.verify(1, getRequestedFor(urlEqualTo(ENVELOPES)).withHeader("X-Application", equalTo("custom")));
			assertThat(context.getBean(CustomizingApplication.class).seenByTheFilter)
				.containsExactly("GET " + nitro.baseUrl() + ENVELOPES + " without Authorization");
		}
	}

	@Test
	void tokenRequestIsObservedWithItsHttpClientRequestAsAChild() {
		try (ConfigurableApplicationContext context = run(ObservingApplication.class)) {
			callNitro(context);

			assertThat(context.getBean(ObservingApplication.class).stopped)
				.contains("http.client.requests " + NitroWireMock.TOKEN_PATH + " in " + NitroTokenRequestObservation.NAME)
				.anySatisfy((stopped) -> assertThat(stopped).startsWith(NitroTokenRequestObservation.NAME + " in "));
			assertThat(context.getBean(MeterRegistry.class)
				.get(NitroTokenRequestObservation.NAME)
				.tag(NitroTokenRequestObservation.OUTCOME, "success")
				.timer()
				.count()).isEqualTo(1);
		}
	}

	private static void callNitro(ConfigurableApplicationContext context) {
		context.getBean("nitroWebClient", WebClient.class).get().uri(ENVELOPES).retrieve().bodyToMono(String.class).block();
	}

	private static ConfigurableApplicationContext run(Class<?> application) {
		return new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.properties("nitro.client-id=" + NitroWireMock.CLIENT_ID, "nitro.client-secret=" + NitroWireMock.CLIENT_SECRET,
					"nitro.token-uri=" + NitroWireMock.tokenUri(nitro), "nitro.base-url=" + nitro.baseUrl())
			.run();
	}

	/**
	 * An application whose customizer adds a default header and a filter that records what it sees.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class CustomizingApplication {

		final List<String> seenByTheFilter = new CopyOnWriteArrayList<>();

		@Bean
		WebClientCustomizer applicationCustomizer() {
			return (builder) -> builder.defaultHeader("X-Application", "custom").filter((request, next) -> {
				boolean authorized = request.headers().containsHeader(HttpHeaders.AUTHORIZATION);
				this.seenByTheFilter.add(request.method() + " " + request.url() + " "
						+ (authorized ? "with" : "without") + " Authorization");
				return next.exchange(request);
			});
		}

	}

	/**
	 * An application with an observation handler that records each observation as it stops: its name, the path of
	 * an HTTP client request, and the name of its parent.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ObservingApplication {

		final List<String> stopped = new CopyOnWriteArrayList<>();

		@Bean
		ObservationHandler<Observation.Context> recordingHandler() {
			return new ObservationHandler<>() {

				@Override
				public boolean supportsContext(Observation.Context context) {
					return true;
				}

				@Override
				public void onStop(Observation.Context context) {
					String path = (context instanceof ClientRequestObservationContext client && client.getRequest() != null)
							? " " + client.getRequest().url().getPath() : "";
					ObservationView parent = context.getParentObservation();
					ObservingApplication.this.stopped.add(context.getName() + path + " in "
							+ ((parent != null) ? parent.getContextView().getName() : "nothing"));
				}

			};
		}

	}

}
