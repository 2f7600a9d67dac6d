package com.gonitro.spring;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.http.MediaType;

import com.gonitro.spring.pdf.model.JobStatus;
import com.gonitro.spring.pdf.model.PdfJob;
import com.gonitro.spring.sign.model.Envelope;
import com.gonitro.spring.sign.model.EnvelopeStatus;
import com.gonitro.spring.test.NitroWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link NitroClient} built without Spring Boot, as the README shows it, calls Nitro over HTTP through each of its
 * clients, all sharing one token.
 */
class NitroClientIntegrationTests {

	private static final String ENVELOPE_ID = "0d3c9b7e-1111-4a5b-9c3d-2e1f0a9b8c7d";

	private static final String JOB_ID = "7f1e2d3c-2222-4b5a-8c9d-0e1f2a3b4c5d";

	@RegisterExtension
	static WireMockExtension nitro = NitroWireMock.extension();

	@Test
	void everyClientOfAClientBuiltWithoutSpringBootCallsNitroWithTheOneToken() {
		NitroWireMock.stubToken(nitro, "plain-java-token", 86400);
		nitro.stubFor(get(urlEqualTo("/sign/envelopes")).willReturn(okJson("{\"items\":[]}")));
		nitro.stubFor(get(urlEqualTo("/sign/envelopes/" + ENVELOPE_ID))
			.willReturn(okJson("{\"ID\":\"" + ENVELOPE_ID + "\",\"name\":\"NDA\",\"status\":\"sent\"}")));
		nitro.stubFor(get(urlEqualTo("/jobs/" + JOB_ID + "/status"))
			.willReturn(okJson("{\"jobID\":\"" + JOB_ID + "\",\"status\":\"running\",\"progress\":40}")));

		NitroClient nitroClient = NitroClient.builder()
			.credentials(NitroWireMock.CLIENT_ID, NitroWireMock.CLIENT_SECRET)
			.tokenUri(NitroWireMock.tokenUri(nitro))
			.baseUrl(nitro.baseUrl())
			.build();

		String fromWebClient = nitroClient.webClient()
			.get()
			.uri("/sign/envelopes")
			.accept(MediaType.APPLICATION_JSON)
			.retrieve()
			.bodyToMono(String.class)
			.block();
		String fromRestClient = nitroClient.restClient()
			.get()
			.uri("/sign/envelopes")
			.accept(MediaType.APPLICATION_JSON)
			.retrieve()
			.body(String.class);
		Envelope envelope = nitroClient.sign().getEnvelope(ENVELOPE_ID);
		PdfJob job = nitroClient.pdf().getJobStatus(JOB_ID);

		assertThat(fromWebClient).isEqualTo("{\"items\":[]}");
		assertThat(fromRestClient).isEqualTo("{\"items\":[]}");
		assertThat(envelope.status()).isEqualTo(EnvelopeStatus.SENT);
		assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
		nitro.verify(1, NitroWireMock.tokenRequests());
		nitro.verify(4, anyRequestedFor(urlPathMatching("/(sign|jobs)/.*")).withHeader("Authorization",
				equalTo("Bearer plain-java-token")));
		NitroWireMock.assertConformsToOpenApi(nitro);
	}

}
