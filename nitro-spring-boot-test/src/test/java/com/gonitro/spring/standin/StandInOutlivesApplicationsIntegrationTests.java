package com.gonitro.spring.standin;

import java.net.URI;
import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

import com.gonitro.spring.sign.model.CreateEnvelope;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stand-in shared by several application contexts keeps serving, and delivering webhooks, after a WebFlux
 * application stops: stopping disposes Reactor Netty's global resources, which the stand-in does not use.
 */
class StandInOutlivesApplicationsIntegrationTests {

	@RegisterExtension
	static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@Test
	void keepsServingAfterAWebFluxApplicationStops() {
		receiver.stubFor(post(urlPathEqualTo("/nitro/webhooks")).willReturn(aResponse().withStatus(200)));
		try (NitroStandIn nitro = NitroStandIn.builder()
			.deliverWebhooksTo(URI.create(receiver.baseUrl() + "/nitro/webhooks"))
			.start()) {
			SpringApplication application = new SpringApplication(WebFluxApplication.class);
			application.setWebApplicationType(WebApplicationType.REACTIVE);
			try (ConfigurableApplicationContext context = application.run("--server.port=0")) {
				assertThat(context.getEnvironment().getProperty("local.server.port")).isNotNull();
			}

			String id = new StandInClients(nitro).sign()
				.createEnvelope(CreateEnvelope.parallel("After the application", "Sign", "Please"))
				.id();

			assertThat(nitro.envelopeIds()).containsExactly(id);
			assertThat(nitro.webhooks().awaitDelivery("EnvelopeCreated", Duration.ofSeconds(10)).isDelivered()).isTrue();
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class WebFluxApplication {

	}

}
