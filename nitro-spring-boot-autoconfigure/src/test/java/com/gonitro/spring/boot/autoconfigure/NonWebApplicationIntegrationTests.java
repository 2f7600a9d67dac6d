package com.gonitro.spring.boot.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

import com.gonitro.spring.sign.NitroSignClient;
import com.gonitro.spring.sign.model.Envelope;
import com.gonitro.spring.sign.model.EnvelopeStatus;
import com.gonitro.spring.test.NitroWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Non-web applications (batch jobs, command-line tools) started the way users start them, with
 * {@code SpringApplication}: calls, credentials from a Kubernetes-style secret mount, and the start-up report.
 */
@ExtendWith(OutputCaptureExtension.class)
class NonWebApplicationIntegrationTests {

	@RegisterExtension
	static WireMockExtension nitro = NitroWireMock.extension();

	@BeforeEach
	void stubNitro() {
		NitroWireMock.stubToken(nitro, "batch-token", 86400);
		nitro.stubFor(get(urlEqualTo("/sign/envelopes")).willReturn(okJson("{\"items\":[]}")));
	}

	@Test
	void batchJobCallsNitro() {
		try (ConfigurableApplicationContext context = run("nitro.client-id=" + NitroWireMock.CLIENT_ID,
				"nitro.client-secret=" + NitroWireMock.CLIENT_SECRET)) {
			WebClient nitroWebClient = context.getBean("nitroWebClient", WebClient.class);

			for (int i = 0; i < 3; i++) {
				nitroWebClient.get().uri("/sign/envelopes").retrieve().bodyToMono(String.class).block();
			}

			nitro.verify(3, getRequestedFor(urlEqualTo("/sign/envelopes")).withHeader("Authorization",
					equalTo("Bearer batch-token")));
			assertThat(nitro.findAll(NitroWireMock.tokenRequests())).hasSize(1);
		}
	}

	@Test
	void batchJobUsesTheTypedSignClientThroughNitroWebClient() {
		nitro.stubFor(get(urlEqualTo("/sign/envelopes/e1"))
			.willReturn(okJson("{\"ID\":\"e1\",\"name\":\"NDA\",\"status\":\"sealed\"}")));
		try (ConfigurableApplicationContext context = run("nitro.client-id=" + NitroWireMock.CLIENT_ID,
				"nitro.client-secret=" + NitroWireMock.CLIENT_SECRET)) {
			NitroSignClient sign = context.getBean(NitroSignClient.class);

			Envelope envelope = sign.getEnvelope("e1");

			assertThat(envelope.status()).isEqualTo(EnvelopeStatus.SEALED);
			nitro.verify(getRequestedFor(urlEqualTo("/sign/envelopes/e1")).withHeader("Authorization",
					equalTo("Bearer batch-token")));
		}
	}

	@Test
	void nitroWebClientIsBuiltFromSpringBootsBuilderSoCustomizersApply() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BatchJob.class, Customized.class)
			.web(WebApplicationType.NONE)
			.properties("nitro.token-uri=" + NitroWireMock.tokenUri(nitro), "nitro.base-url=" + nitro.baseUrl(),
					"nitro.client-id=" + NitroWireMock.CLIENT_ID, "nitro.client-secret=" + NitroWireMock.CLIENT_SECRET)
			.run()) {
			context.getBean("nitroWebClient", WebClient.class)
				.get()
				.uri("/sign/envelopes")
				.retrieve()
				.bodyToMono(String.class)
				.block();

			nitro.verify(getRequestedFor(urlEqualTo("/sign/envelopes")).withHeader("X-Customized-By", equalTo("app")));
		}
	}

	@Test
	void credentialsFromAKubernetesSecretMountWithTrailingNewlines(@TempDir Path mount) throws IOException {
		Files.createDirectories(mount.resolve("nitro"));
		Files.writeString(mount.resolve("nitro/client-id"), NitroWireMock.CLIENT_ID + "\n");
		Files.writeString(mount.resolve("nitro/client-secret"), NitroWireMock.CLIENT_SECRET + "\r\n\n");

		try (ConfigurableApplicationContext context = run("spring.config.import=configtree:" + mount.toUri().getPath())) {
			context.getBean("nitroWebClient", WebClient.class)
				.get()
				.uri("/sign/envelopes")
				.retrieve()
				.bodyToMono(String.class)
				.block();

			nitro.verify(NitroWireMock.tokenRequests()
				.withRequestBody(equalToJson("{\"clientID\":\"" + NitroWireMock.CLIENT_ID + "\",\"clientSecret\":\""
						+ NitroWireMock.CLIENT_SECRET + "\"}")));
		}
	}

	@Test
	void startUpReportNamesTheMissingPropertyAndHowToSupplyIt(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("nitro.client-id=" + NitroWireMock.CLIENT_ID));

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("The Nitro client is misconfigured:")
			.contains("'nitro.client-secret' is not set, but 'nitro.client-id' is: Nitro needs both.")
			.contains("NITRO_CLIENT_SECRET")
			.contains("configtree:");
	}

	@Test
	void startUpReportNeverPrintsTheSecret(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("nitro.client-secret=" + NitroWireMock.CLIENT_SECRET));

		assertThat(output).contains("'nitro.client-id' is not set").doesNotContain(NitroWireMock.CLIENT_SECRET);
	}

	private ConfigurableApplicationContext run(String... properties) {
		return new SpringApplicationBuilder(BatchJob.class).web(WebApplicationType.NONE)
			.properties("nitro.token-uri=" + NitroWireMock.tokenUri(nitro), "nitro.base-url=" + nitro.baseUrl())
			.properties(properties)
			.run();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class BatchJob {

	}

	@Configuration(proxyBeanMethods = false)
	static class Customized {

		@Bean
		WebClientCustomizer customHeader() {
			return (builder) -> builder.defaultHeader("X-Customized-By", "app");
		}

	}

}
