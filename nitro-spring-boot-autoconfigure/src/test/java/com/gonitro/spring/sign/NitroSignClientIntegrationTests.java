package com.gonitro.spring.sign;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.gonitro.spring.client.FileContent;
import com.gonitro.spring.client.NitroApiException;
import com.gonitro.spring.client.NitroUnexpectedResponseException;
import com.gonitro.spring.sign.model.BoundingBox;
import com.gonitro.spring.sign.model.CreateEnvelope;
import com.gonitro.spring.sign.model.CreateField;
import com.gonitro.spring.sign.model.CreateParticipant;
import com.gonitro.spring.sign.model.Document;
import com.gonitro.spring.sign.model.DocumentMetadata;
import com.gonitro.spring.sign.model.Envelope;
import com.gonitro.spring.sign.model.EnvelopeStatus;
import com.gonitro.spring.sign.model.Participant;
import com.gonitro.spring.test.NitroWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link NitroSignClient}, the blocking twin, over real HTTP: the whole signature flow from a plain thread, lazy
 * paging through a {@code Stream}, downloads to a file and as a stream, and errors as exceptions.
 */
class NitroSignClientIntegrationTests {

	private static final String ENVELOPE_ID = ReactiveNitroSignClientIntegrationTests.ENVELOPE_ID;

	private static final String ENVELOPE = ReactiveNitroSignClientIntegrationTests.ENVELOPE;

	private static final String DOCUMENT = ReactiveNitroSignClientIntegrationTests.DOCUMENT;

	@RegisterExtension
	static WireMockExtension nitro = NitroWireMock.extension();

	private NitroSignClient sign;

	private ReactiveNitroSignClient reactive;

	@BeforeEach
	void createClient() {
		NitroWireMock.stubToken(nitro, "sign-token", 86400);
		ReactiveNitroSignClient reactive = new ReactiveNitroSignClient(NitroWireMock.nitroWebClient(nitro));
		reactive.setDocumentPolling(java.time.Duration.ofMillis(10), java.time.Duration.ofMillis(20));
		reactive.setEnvelopePolling(java.time.Duration.ofMillis(10), java.time.Duration.ofMillis(20));
		this.sign = new NitroSignClient(reactive);
		this.reactive = reactive;
	}

	@AfterEach
	void requestsConformToNitrosOpenApi() {
		NitroWireMock.assertConformsToOpenApi(nitro);
	}

	@Test
	void theWholeSignatureFlowBlocking(@TempDir Path dir) {
		nitro.stubFor(post(urlEqualTo("/sign/envelopes")).willReturn(NitroWireMock.json(201, ReactiveNitroSignClientIntegrationTests.ENVELOPE_JSON)));
		nitro.stubFor(post(urlEqualTo(ENVELOPE + "/documents")).willReturn(NitroWireMock.json(201,
				"{\"ID\":\"" + ReactiveNitroSignClientIntegrationTests.DOCUMENT_ID + "\",\"name\":\"NDA\",\"status\":\"pending\"}")));
		nitro.stubFor(get(urlEqualTo(DOCUMENT)).willReturn(NitroWireMock.json(200,
				"{\"ID\":\"" + ReactiveNitroSignClientIntegrationTests.DOCUMENT_ID + "\",\"name\":\"NDA\",\"status\":\"uploaded\"}")));
		nitro.stubFor(post(urlEqualTo(ENVELOPE + "/participants")).willReturn(NitroWireMock.json(201,
				ReactiveNitroSignClientIntegrationTests.PARTICIPANT_JSON)));
		nitro.stubFor(post(urlEqualTo(DOCUMENT + "/fields")).willReturn(NitroWireMock.json(201,
				ReactiveNitroSignClientIntegrationTests.FIELD_JSON)));
		nitro.stubFor(post(urlEqualTo(ENVELOPE + ":send-for-signing")).willReturn(NitroWireMock.json(200,
				ReactiveNitroSignClientIntegrationTests.ENVELOPE_JSON.replace("drafted", "sent"))));
		nitro.stubFor(get(urlEqualTo(ENVELOPE)).willReturn(NitroWireMock.json(200,
				ReactiveNitroSignClientIntegrationTests.ENVELOPE_JSON.replace("drafted", "sealed"))));
		nitro.stubFor(get(urlEqualTo(ENVELOPE + ":download-sealed")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/octet-stream")
			.withBody("PK sealed".getBytes())));

		Envelope envelope = this.sign.createEnvelope(CreateEnvelope.parallel("NDA", "Please sign", "Our NDA"));
		Document document = this.sign.uploadDocumentAndAwait(envelope.id(), DocumentMetadata.pdf("NDA"),
				FileContent.of("%PDF-1.7".getBytes(), "nda.pdf"));
		Participant signer = this.sign.addParticipant(envelope.id(), CreateParticipant.signer("ada@example.com"));
		this.sign.addField(envelope.id(), document.id(), CreateField.signature(signer.id(), 1, BoundingBox.of(72, 700, 200, 40)));
		Envelope sent = this.sign.sendForSigning(envelope.id());
		Envelope sealed = this.sign.awaitEnvelopeStatus(envelope.id(), java.time.Duration.ofSeconds(5), EnvelopeStatus.SEALED);
		Path zip = this.sign.downloadSealedEnvelope(envelope.id(), dir.resolve("signed.zip"));

		assertThat(sent.status()).isEqualTo(EnvelopeStatus.SENT);
		assertThat(sealed.status()).isEqualTo(EnvelopeStatus.SEALED);
		assertThat(zip).hasBinaryContent("PK sealed".getBytes());
	}

	@Test
	void listEnvelopesStreamRequestsPagesOnlyAsFarAsItIsRead() {
		nitro.stubFor(get(urlEqualTo("/sign/envelopes")).willReturn(NitroWireMock.json(200,
				"{\"items\":[{\"ID\":\"1\",\"status\":\"sent\"},{\"ID\":\"2\",\"status\":\"sent\"}],\"nextPage\":\"p2\"}")));
		nitro.stubFor(get(urlEqualTo("/sign/envelopes?pageAfter=p2")).willReturn(NitroWireMock.json(200,
				"{\"items\":[{\"ID\":\"3\",\"status\":\"sent\"},{\"ID\":\"4\",\"status\":\"sent\"}],\"nextPage\":\"p3\"}")));
		nitro.stubFor(get(urlEqualTo("/sign/envelopes?pageAfter=p3")).willReturn(NitroWireMock.json(200,
				"{\"items\":[{\"ID\":\"5\",\"status\":\"sent\"}]}")));

		try (Stream<Envelope> envelopes = this.sign.listEnvelopes()) {
			assertThat(envelopes.limit(2).map(Envelope::id).toList()).containsExactly("1", "2");
		}
		assertThat(pageRequests()).isEqualTo(1);

		nitro.resetRequests();
		try (Stream<Envelope> envelopes = this.sign.listEnvelopes()) {
			assertThat(envelopes.limit(3).map(Envelope::id).toList()).containsExactly("1", "2", "3");
		}
		assertThat(pageRequests()).isEqualTo(2);

		nitro.resetRequests();
		try (Stream<Envelope> envelopes = this.sign.listEnvelopes()) {
			assertThat(envelopes.map(Envelope::id).toList()).containsExactly("1", "2", "3", "4", "5");
		}
		assertThat(pageRequests()).isEqualTo(3);
	}

	@Test
	void pagesWhoseCursorsLoopEndTheListInsteadOfBeingRequestedForever() {
		// The first page names p1; p1 names itself twice, then (too late) ends with an envelope.
		nitro.stubFor(get(urlEqualTo("/sign/envelopes")).willReturn(NitroWireMock.json(200,
				"{\"items\":[],\"nextPage\":\"p1\"}")));
		String state = Scenario.STARTED;
		for (int i = 1; i <= 2; i++) {
			nitro.stubFor(get(urlEqualTo("/sign/envelopes?pageAfter=p1")).inScenario("loop")
				.whenScenarioStateIs(state)
				.willReturn(NitroWireMock.json(200, "{\"items\":[],\"nextPage\":\"p1\"}"))
				.willSetStateTo("looped-" + i));
			state = "looped-" + i;
		}
		nitro.stubFor(get(urlEqualTo("/sign/envelopes?pageAfter=p1")).inScenario("loop")
			.whenScenarioStateIs(state)
			.willReturn(NitroWireMock.json(200, "{\"items\":[{\"ID\":\"9\",\"status\":\"sent\"}]}")));

		assertThatExceptionOfType(NitroUnexpectedResponseException.class).isThrownBy(() -> {
			try (Stream<Envelope> envelopes = this.sign.listEnvelopes()) {
				envelopes.findFirst();
			}
		}).withMessageContaining("page cursor");
		assertThat(pageRequests()).isEqualTo(2);

		nitro.resetRequests();
		nitro.resetScenarios();
		assertThatExceptionOfType(NitroUnexpectedResponseException.class)
			.isThrownBy(() -> this.reactive.listEnvelopes().blockFirst())
			.withMessageContaining("page cursor");
		assertThat(pageRequests()).isEqualTo(2);
	}

	@Test
	void sealedEnvelopeOpensAsAStream() throws Exception {
		nitro.stubFor(get(urlEqualTo(ENVELOPE + ":download-sealed")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/octet-stream")
			.withBody("PK streamed".getBytes())));

		try (InputStream zip = this.sign.openSealedEnvelope(ENVELOPE_ID)) {
			assertThat(zip.readAllBytes()).isEqualTo("PK streamed".getBytes());
		}
	}

	@Test
	void errorsSurfaceAsNitroApiExceptions() {
		nitro.stubFor(post(urlEqualTo(ENVELOPE + ":send-for-signing")).willReturn(aResponse().withStatus(409)
			.withHeader("Content-Type", "application/problem+json")
			.withBody("""
					{"type":"https://developers.gonitro.com/docs/build-nitro/errors#409-conflict","title":"Conflict","status":409,
					 "detail":"Envelope in invalid state","instance":"%s:send-for-signing"}""".formatted(ENVELOPE))));

		assertThatExceptionOfType(NitroApiException.Conflict.class).isThrownBy(() -> this.sign.sendForSigning(ENVELOPE_ID))
			.withMessageContaining("Envelope in invalid state");
	}

	@Test
	void listsAreReturnedWhole() {
		nitro.stubFor(get(urlEqualTo(ENVELOPE + "/participants")).willReturn(NitroWireMock.json(200,
				"{\"items\":[" + ReactiveNitroSignClientIntegrationTests.PARTICIPANT_JSON + "],\"total\":1}")));

		List<Participant> participants = this.sign.listParticipants(ENVELOPE_ID);

		assertThat(participants).extracting(Participant::email).containsExactly("ada@example.com");
	}

	private static int pageRequests() {
		return nitro.findAll(getRequestedFor(urlPathEqualTo("/sign/envelopes"))).size();
	}

}
