package com.gonitro.spring.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import com.gonitro.spring.pdf.NitroPdfClient;
import com.gonitro.spring.pdf.ReactiveNitroPdfClient;
import com.gonitro.spring.sign.NitroSignClient;
import com.gonitro.spring.sign.ReactiveNitroSignClient;
import com.gonitro.spring.sign.model.BoundingBox;
import com.gonitro.spring.sign.model.CreateField;
import com.gonitro.spring.sign.model.CreateParticipant;
import com.gonitro.spring.sign.model.DocumentMetadata;
import com.gonitro.spring.sign.model.EnvelopeStatus;
import com.gonitro.spring.sign.model.UpdateEnvelope;
import com.gonitro.spring.sign.model.UpdateField;
import com.gonitro.spring.sign.model.UpdateParticipant;
import com.gonitro.spring.test.NitroWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * IDs that could change the meaning of a request path ({@code ..}, {@code a/b}, {@code %2e%2e}, control
 * characters...) are refused by every method of the typed clients, reactive and blocking, with an
 * {@link IllegalArgumentException} naming the parameter, before any request is sent (not even a token request);
 * UUIDs and Nitro's other IDs are sent.
 */
class UntrustedIdsIntegrationTests {

	private static final String E = "0d3c9b7e-1111-4a5b-9c3d-2e1f0a9b8c7d";

	private static final String D = "456e7890-e12b-34d5-a678-426614175000";

	private static final String P = "123e4567-e89b-12d3-a456-426614174000";

	private static final String F = "987e6543-e21b-12d3-a456-426614174999";

	private static final Path TARGET = Path.of("target", "untrusted-ids-never-written");

	@RegisterExtension
	static WireMockExtension nitro = NitroWireMock.extension();

	private static ReactiveNitroSignClient sign;

	private static NitroSignClient blockingSign;

	private static ReactiveNitroPdfClient pdf;

	private static NitroPdfClient blockingPdf;

	@BeforeEach
	void createClients() {
		NitroWireMock.stubToken(nitro, "ids-token", 86400);
		sign = new ReactiveNitroSignClient(NitroWireMock.nitroWebClient(nitro));
		blockingSign = new NitroSignClient(sign);
		pdf = new ReactiveNitroPdfClient(NitroWireMock.nitroWebClient(nitro));
		blockingPdf = new NitroPdfClient(pdf);
	}

	@AfterEach
	void requestsConformToNitrosOpenApi() {
		NitroWireMock.assertConformsToOpenApi(nitro);
	}

	/** Every ID parameter of every method of the reactive clients, and of the blocking clients by kind of call. */
	static Stream<Arguments> idParameters() {
		DocumentMetadata metadata = DocumentMetadata.pdf("NDA");
		FileContent content = FileContent.of("%PDF".getBytes(), "nda.pdf");
		CreateField field = CreateField.signature(P, 1, BoundingBox.of(72, 700, 200, 40));
		UpdateField move = UpdateField.move(com.gonitro.spring.sign.model.FieldType.SIGNATURE, 2, BoundingBox.of(1, 2, 3, 4));
		UpdateParticipant noChange = new UpdateParticipant(null);
		return Stream.of(
				call("getEnvelope", "envelopeId", (id) -> sign.getEnvelope(id)),
				call("updateEnvelope", "envelopeId", (id) -> sign.updateEnvelope(id, UpdateEnvelope.name("x"))),
				call("deleteEnvelope", "envelopeId", (id) -> sign.deleteEnvelope(id)),
				call("sendForSigning", "envelopeId", (id) -> sign.sendForSigning(id)),
				call("cancelEnvelope", "envelopeId", (id) -> sign.cancelEnvelope(id)),
				call("sendReminders", "envelopeId", (id) -> sign.sendReminders(id, null)),
				call("awaitEnvelopeStatus", "envelopeId",
						(id) -> sign.awaitEnvelopeStatus(id, Duration.ofSeconds(5), EnvelopeStatus.SEALED)),
				call("downloadSealedEnvelope", "envelopeId", (id) -> sign.downloadSealedEnvelope(id)),
				call("downloadSealedEnvelope(Path)", "envelopeId", (id) -> sign.downloadSealedEnvelope(id, TARGET)),
				call("downloadOriginalEnvelope", "envelopeId", (id) -> sign.downloadOriginalEnvelope(id)),
				call("downloadOriginalEnvelope(Path)", "envelopeId", (id) -> sign.downloadOriginalEnvelope(id, TARGET)),
				call("downloadAuditTrail", "envelopeId", (id) -> sign.downloadAuditTrail(id)),
				call("downloadAuditTrail(Path)", "envelopeId", (id) -> sign.downloadAuditTrail(id, TARGET)),
				call("listDocuments", "envelopeId", (id) -> sign.listDocuments(id)),
				call("uploadDocument", "envelopeId", (id) -> sign.uploadDocument(id, metadata, content)),
				call("uploadDocumentAndAwait", "envelopeId", (id) -> sign.uploadDocumentAndAwait(id, metadata, content)),
				call("attachNitroDocument", "envelopeId", (id) -> sign.attachNitroDocument(id, metadata, D)),
				call("attachNitroDocument", "nitroDocumentId", (id) -> sign.attachNitroDocument(E, metadata, id)),
				call("awaitDocumentProcessed", "envelopeId", (id) -> sign.awaitDocumentProcessed(id, D)),
				call("awaitDocumentProcessed", "documentId", (id) -> sign.awaitDocumentProcessed(E, id)),
				call("getDocument", "envelopeId", (id) -> sign.getDocument(id, D)),
				call("getDocument", "documentId", (id) -> sign.getDocument(E, id)),
				call("renameDocument", "envelopeId", (id) -> sign.renameDocument(id, D, "n")),
				call("renameDocument", "documentId", (id) -> sign.renameDocument(E, id, "n")),
				call("deleteDocument", "envelopeId", (id) -> sign.deleteDocument(id, D)),
				call("deleteDocument", "documentId", (id) -> sign.deleteDocument(E, id)),
				call("reorderDocuments", "envelopeId", (id) -> sign.reorderDocuments(id, List.of(D))),
				call("reorderDocuments", "documentIds", (id) -> sign.reorderDocuments(E, List.of(D, id))),
				call("downloadSealedDocument", "envelopeId", (id) -> sign.downloadSealedDocument(id, D)),
				call("downloadSealedDocument", "documentId", (id) -> sign.downloadSealedDocument(E, id)),
				call("downloadSealedDocument(Path)", "documentId", (id) -> sign.downloadSealedDocument(E, id, TARGET)),
				call("listParticipants", "envelopeId", (id) -> sign.listParticipants(id)),
				call("addParticipant", "envelopeId", (id) -> sign.addParticipant(id, CreateParticipant.cc("a@example.com"))),
				call("addParticipants", "envelopeId",
						(id) -> sign.addParticipants(id, List.of(CreateParticipant.cc("a@example.com")))),
				call("updateParticipant", "envelopeId", (id) -> sign.updateParticipant(id, P, noChange)),
				call("updateParticipant", "participantId", (id) -> sign.updateParticipant(E, id, noChange)),
				call("deleteParticipant", "envelopeId", (id) -> sign.deleteParticipant(id, P)),
				call("deleteParticipant", "participantId", (id) -> sign.deleteParticipant(E, id)),
				call("deleteParticipants", "envelopeId", (id) -> sign.deleteParticipants(id, List.of(P))),
				call("deleteParticipants", "participantIds", (id) -> sign.deleteParticipants(E, List.of(P, id))),
				call("listSigningUrls", "envelopeId", (id) -> sign.listSigningUrls(id)),
				call("listFields", "envelopeId", (id) -> sign.listFields(id, D)),
				call("listFields", "documentId", (id) -> sign.listFields(E, id)),
				call("addField", "envelopeId", (id) -> sign.addField(id, D, field)),
				call("addField", "documentId", (id) -> sign.addField(E, id, field)),
				call("addFields", "envelopeId", (id) -> sign.addFields(id, D, List.of(field))),
				call("addFields", "documentId", (id) -> sign.addFields(E, id, List.of(field))),
				call("updateField", "envelopeId", (id) -> sign.updateField(id, D, F, move)),
				call("updateField", "documentId", (id) -> sign.updateField(E, id, F, move)),
				call("updateField", "fieldId", (id) -> sign.updateField(E, D, id, move)),
				call("deleteField", "envelopeId", (id) -> sign.deleteField(id, D, F)),
				call("deleteField", "documentId", (id) -> sign.deleteField(E, id, F)),
				call("deleteField", "fieldId", (id) -> sign.deleteField(E, D, id)),
				call("deleteFields", "envelopeId", (id) -> sign.deleteFields(id, D, List.of(F))),
				call("deleteFields", "documentId", (id) -> sign.deleteFields(E, id, List.of(F))),
				call("deleteFields", "fieldIds", (id) -> sign.deleteFields(E, D, List.of(F, id))),
				call("getJobStatus", "jobId", (id) -> pdf.getJobStatus(id)),
				call("watchJob", "jobId", (id) -> pdf.watchJob(id)),
				call("awaitJob", "jobId", (id) -> pdf.awaitJob(id)),
				call("getJobResult", "jobId", (id) -> pdf.getJobResult(id)),
				call("blocking getEnvelope", "envelopeId", (id) -> blockingSign.getEnvelope(id)),
				call("blocking deleteParticipant", "participantId", (id) -> {
					blockingSign.deleteParticipant(E, id);
					return null;
				}),
				call("blocking deleteFields", "fieldIds", (id) -> {
					blockingSign.deleteFields(E, D, List.of(F, id));
					return null;
				}),
				call("blocking attachNitroDocument", "nitroDocumentId",
						(id) -> blockingSign.attachNitroDocument(E, metadata, id)),
				call("blocking awaitEnvelopeStatus", "envelopeId",
						(id) -> blockingSign.awaitEnvelopeStatus(id, Duration.ofSeconds(5), EnvelopeStatus.SEALED)),
				call("blocking openSealedDocument", "documentId", (id) -> blockingSign.openSealedDocument(E, id)),
				call("blocking listFields", "documentId", (id) -> blockingSign.listFields(E, id)),
				call("blocking getJobStatus", "jobId", (id) -> blockingPdf.getJobStatus(id)),
				call("blocking awaitJob", "jobId", (id) -> blockingPdf.awaitJob(id)),
				call("blocking getJobResult", "jobId", (id) -> blockingPdf.getJobResult(id)));
	}

	@ParameterizedTest(name = "{0} ({1})")
	@MethodSource("idParameters")
	void everyIdParameterRefusesADotSegmentBeforeSendingAnything(String method, String parameter,
			Function<String, Object> call) {
		Throwable refused = invoke(call, "..");

		assertThat(refused).isInstanceOf(IllegalArgumentException.class)
			.hasMessageStartingWith(parameter.endsWith("Ids") ? "'" + parameter + "' must hold Nitro IDs, but [1] is '..'"
					: "'" + parameter + "' must be a Nitro ID, but is '..'");
		assertThat(nitro.getAllServeEvents()).as("requests sent").isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "", ".", "..", "../E1", "a/b", "a\\b", "a?b", "a#b", "%2e%2e", "a%2Fb", "a\nb", "a\u0000b",
			"a\u202eb", " a", "a\tb" })
	void everyKindOfUnsafeIdIsRefusedBeforeSendingAnything(String id) {
		assertThat(invoke((value) -> sign.deleteParticipant(E, value), id)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageStartingWith("'participantId' must be a Nitro ID, but is ");
		assertThat(invoke((value) -> {
			blockingSign.deleteParticipant(E, value);
			return null;
		}, id)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageStartingWith("'participantId' must be a Nitro ID, but is ");
		assertThat(invoke((value) -> blockingPdf.awaitJob(value), id)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageStartingWith("'jobId' must be a Nitro ID, but is ");
		assertThat(nitro.getAllServeEvents()).as("requests sent").isEmpty();
	}

	@Test
	void nullIdIsRefusedBeforeSendingAnything() {
		assertThat(invoke((value) -> sign.getEnvelope(value), null)).isInstanceOf(IllegalArgumentException.class)
			.hasMessage("'envelopeId' must be a Nitro ID, but is null");
		assertThat(invoke((value) -> sign.deleteParticipants(E, null), null)).isInstanceOf(IllegalArgumentException.class)
			.hasMessage("'participantIds' must not be null");
		assertThat(nitro.getAllServeEvents()).as("requests sent").isEmpty();
	}

	@Test
	void refusalQuotesOnlyAShortEscapedPrefix() {
		String hostile = "..\r\nAuthorization: Bearer stolen/" + "x".repeat(10_000);

		Throwable refused = invoke((value) -> sign.getEnvelope(value), hostile);

		assertThat(refused).hasMessage("'envelopeId' must be a Nitro ID, but is '..\\u000d\\u000aAuthorization: Beare'... "
				+ "(longer than 256 characters)");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { P, "nitro-doc-42", "p2", "A_b.c~d-1", "a..b", "...", "a:b;c=d+e@f" })
	void uuidsAndOtherNitroIdsAreSentEncoded(String id) {
		String encoded = org.springframework.web.util.UriUtils.encode(id, java.nio.charset.StandardCharsets.UTF_8);
		nitro.stubFor(delete(urlEqualTo("/sign/envelopes/" + E + "/participants/" + encoded))
			.willReturn(aResponse().withStatus(204)));
		nitro.stubFor(get(urlEqualTo("/jobs/" + encoded + "/status"))
			.willReturn(NitroWireMock.json(200, "{\"jobID\":\"" + id + "\",\"status\":\"running\"}")));

		sign.deleteParticipant(E, id).block();
		blockingPdf.getJobStatus(id);

		nitro.verify(deleteRequestedFor(urlEqualTo("/sign/envelopes/" + E + "/participants/" + encoded)));
		nitro.verify(getRequestedFor(urlEqualTo("/jobs/" + encoded + "/status")));
	}

	private static Arguments call(String method, String parameter, Function<String, Object> call) {
		return Arguments.of(method, parameter, call);
	}

	/** Calls, and subscribes to what the call returns, as an application would. */
	private static Throwable invoke(Function<String, Object> call, String id) {
		return catchThrowable(() -> {
			Object result = call.apply(id);
			if (result instanceof Mono<?> mono) {
				mono.block(Duration.ofSeconds(10));
			}
			else if (result instanceof Flux<?> flux) {
				flux.collectList().block(Duration.ofSeconds(10));
			}
			else if (result instanceof Publisher<?>) {
				throw new IllegalStateException("Unexpected publisher " + result);
			}
		});
	}

}
