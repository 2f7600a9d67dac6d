package com.gonitro.spring.example;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.gonitro.spring.NitroClient;
import com.gonitro.spring.sign.model.CreateEnvelope;
import com.gonitro.spring.sign.model.Envelope;
import com.gonitro.spring.test.NitroWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "Without Spring Boot" example, compiled and run against Nitro's dialect on loopback: the README's code
 * block is the text between the {@code tag::example} markers below, and a test fails when the two differ.
 */
class WithoutSpringBootIntegrationTests {

	private static final Path README = Path.of("..", "README.md");

	@RegisterExtension
	static WireMockExtension nitro = NitroWireMock.extension();

	@Test
	void theReadmeExampleCallsNitroWithoutSpringBoot() {
		NitroWireMock.stubToken(nitro, "plain-java-token", 86400);
		nitro.stubFor(post(urlEqualTo("/sign/envelopes")).willReturn(okJson("{\"ID\":\"e1\",\"status\":\"drafted\"}")));
		nitro.stubFor(get(urlEqualTo("/sign/envelopes/e1")).willReturn(okJson("{\"ID\":\"e1\",\"status\":\"drafted\"}")));

		Envelope envelope = example(NitroWireMock.CLIENT_ID, NitroWireMock.CLIENT_SECRET, NitroWireMock.tokenUri(nitro),
				nitro.baseUrl());

		assertThat(envelope.id()).isEqualTo("e1");
		nitro.verify(1, NitroWireMock.tokenRequests());
		nitro.verify(postRequestedFor(urlEqualTo("/sign/envelopes")).withHeader("Authorization",
				equalTo("Bearer plain-java-token")));
		nitro.verify(getRequestedFor(urlEqualTo("/sign/envelopes/e1")).withHeader("Authorization",
				equalTo("Bearer plain-java-token")));
	}

	@Test
	void theReadmeShowsExactlyThisExample() throws IOException {
		List<String> source = Files.readAllLines(Path.of("src/test/java/com/gonitro/spring/example/WithoutSpringBootIntegrationTests.java"));
		List<String> example = source.subList(source.indexOf("\t\t// tag::example[]") + 1,
				source.indexOf("\t\t// end::example[]"))
			.stream()
			.map((line) -> line.replaceFirst("^\t\t", "").replace("\t", "    "))
			.toList();

		assertThat(Files.readString(README)).contains(String.join("\n", example));
	}

	static Envelope example(String clientId, String clientSecret, String tokenUri, String baseUrl) {
		// tag::example[]
		NitroClient nitro = NitroClient.builder()
			.credentials(clientId, clientSecret)   // from your secret store
			.tokenUri(tokenUri)                     // optional: Nitro's token endpoint by default
			.baseUrl(baseUrl)                       // optional: Nitro's API by default
			.build();

		Envelope draft = nitro.sign().createEnvelope(CreateEnvelope.parallel("NDA", "Please sign", "Our NDA"));
		Envelope envelope = nitro.sign().getEnvelope(draft.id());
		// nitro.webClient(), nitro.restClient(), nitro.reactiveSign(), nitro.pdf(), nitro.reactivePdf(): the same token
		// end::example[]
		return envelope;
	}

}
