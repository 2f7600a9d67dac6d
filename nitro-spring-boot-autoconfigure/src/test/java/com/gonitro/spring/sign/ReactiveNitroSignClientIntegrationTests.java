package com.gonitro.spring.sign;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBufferUtils;

import com.gonitro.spring.client.FileContent;
import com.gonitro.spring.client.NitroAwaitTimeoutException;
import com.gonitro.spring.client.NitroUnexpectedResponseException;
import com.gonitro.spring.client.NitroUnexpectedStateException;
import com.gonitro.spring.sign.model.BoundingBox;
import com.gonitro.spring.sign.model.CreateEnvelope;
import com.gonitro.spring.sign.model.CreateField;
import com.gonitro.spring.sign.model.CreateParticipant;
import com.gonitro.spring.sign.model.Document;
import com.gonitro.spring.sign.model.DocumentMetadata;
import com.gonitro.spring.sign.model.DocumentStatus;
import com.gonitro.spring.sign.model.Envelope;
import com.gonitro.spring.sign.model.EnvelopeStatus;
import com.gonitro.spring.sign.model.Field;
import com.gonitro.spring.sign.model.FieldType;
import com.gonitro.spring.sign.model.Notification;
import com.gonitro.spring.sign.model.Participant;
import com.gonitro.spring.sign.model.ParticipantAuthentication;
import com.gonitro.spring.sign.model.ParticipantRole;
import com.gonitro.spring.sign.model.SigningMode;
import com.gonitro.spring.sign.model.SigningUrl;
import com.gonitro.spring.sign.model.UpdateEnvelope;
import com.gonitro.spring.sign.model.UpdateField;
import com.gonitro.spring.sign.model.UpdateParticipant;
import com.gonitro.spring.test.NitroWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every Nitro Sign operation of {@link ReactiveNitroSignClient} over real HTTP, against stubs whose bodies follow
 * Nitro's OpenAPI description: what crosses the wire (method, path, headers, content types, multipart parts, JSON
 * field names) and how replies are read.
 */
class ReactiveNitroSignClientIntegrationTests {

	static final String ENVELOPE_ID = "0d3c9b7e-1111-4a5b-9c3d-2e1f0a9b8c7d";

	static final String DOCUMENT_ID = "456e7890-e12b-34d5-a678-426614175000";

	static final String PARTICIPANT_ID = "123e4567-e89b-12d3-a456-426614174000";

	static final String FIELD_ID = "987e6543-e21b-12d3-a456-426614174999";

	static final String ENVELOPE = "/sign/envelopes/" + ENVELOPE_ID;

	static final String DOCUMENT = ENVELOPE + "/documents/" + DOCUMENT_ID;

	static final String ENVELOPE_JSON = """
			{"ID":"%s","name":"NDA","status":"drafted","mode":"parallel",
			 "notification":{"subject":"Please sign","body":"Our NDA"},
			 "createdAt":"2026-11-28T10:00:00Z","lastModifiedAt":"2026-11-28T10:00:00Z"}""".formatted(ENVELOPE_ID);

	static final String PARTICIPANT_JSON = """
			{"ID":"%s","email":"ada@example.com","role":"signer",
			 "authentication":{"type":"AccessCode","accessCode":"4321"}}""".formatted(PARTICIPANT_ID);

	static final String FIELD_JSON = """
			{"ID":"%s","participantID":"%s","documentID":"%s","page":1,"boundingBox":[72.0,700.0,200.0,40.0],
			 "required":true,"type":"signature"}""".formatted(FIELD_ID, PARTICIPANT_ID, DOCUMENT_ID);

	@RegisterExtension
	static WireMockExtension nitro = NitroWireMock.extension();

	private ReactiveNitroSignClient sign;

	@BeforeEach
	void createClient() {
		NitroWireMock.stubToken(nitro, "sign-token", 86400);
		this.sign = new ReactiveNitroSignClient(NitroWireMock.nitroWebClient(nitro));
		this.sign.setDocumentPolling(Duration.ofMillis(10), Duration.ofMillis(20));
		this.sign.setEnvelopePolling(Duration.ofMillis(10), Duration.ofMillis(20));
	}

	@AfterEach
	void requestsConformToNitrosOpenApi() {
		NitroWireMock.assertConformsToOpenApi(nitro);
	}

	// Envelopes

	@Test
	void listEnvelopesFollowsThreePagesOfCursors() {
		stubEnvelopePages();

		List<Envelope> envelopes = this.sign.listEnvelopes().collectList().block();

		assertThat(envelopes).extracting(Envelope::name).containsExactly("e1", "e2", "e3", "e4", "e5");
		nitro.verify(getRequestedFor(urlEqualTo("/sign/envelopes")).withHeader("Authorization", equalTo("Bearer sign-token")));
		nitro.verify(getRequestedFor(urlEqualTo("/sign/envelopes?pageAfter=cursor%2B1%2F%3D")));
		nitro.verify(getRequestedFor(urlEqualTo("/sign/envelopes?pageAfter=cursor-2")));
	}

	@Test
	void listEnvelopesRequestsPagesOnlyAsFarAsTheSubscriberReads() {
		stubEnvelopePages();

		List<Envelope> firstTwo = this.sign.listEnvelopes().take(2).collectList().block();
		assertThat(firstTwo).hasSize(2);
		assertThat(envelopePageRequests()).isEqualTo(1);

		nitro.resetRequests();
		List<Envelope> firstThree = this.sign.listEnvelopes().take(3).collectList().block();
		assertThat(firstThree).hasSize(3);
		assertThat(envelopePageRequests()).isEqualTo(2);

		nitro.resetRequests();
		List<Envelope> oneByOne = this.sign.listEnvelopes().limitRate(1).take(2).collectList().block();
		assertThat(oneByOne).hasSize(2);
		assertThat(envelopePageRequests()).isEqualTo(1);
	}

	@Test
	void createEnvelopeSendsNameNotificationAndMode() {
		nitro.stubFor(post(urlEqualTo("/sign/envelopes")).willReturn(json(201, ENVELOPE_JSON)));

		Envelope envelope = this.sign.createEnvelope(CreateEnvelope.parallel("NDA", "Please sign", "Our NDA")).block();

		nitro.verify(postRequestedFor(urlEqualTo("/sign/envelopes"))
			.withHeader("Content-Type", containing("application/json"))
			.withRequestBody(equalToJson("""
					{"name":"NDA","notification":{"subject":"Please sign","body":"Our NDA"},"mode":"parallel"}""")));
		assertThat(envelope.id()).isEqualTo(ENVELOPE_ID);
		assertThat(envelope.status()).isEqualTo(EnvelopeStatus.DRAFTED);
		assertThat(envelope.mode()).isEqualTo(SigningMode.PARALLEL);
		assertThat(envelope.notification()).isEqualTo(new Notification("Please sign", "Our NDA"));
		assertThat(envelope.createdAt()).isEqualTo(Instant.parse("2026-11-28T10:00:00Z"));
	}

	@Test
	void getUpdateAndDeleteAnEnvelope() {
		nitro.stubFor(get(urlEqualTo(ENVELOPE)).willReturn(json(200, ENVELOPE_JSON)));
		nitro.stubFor(patch(urlEqualTo(ENVELOPE)).willReturn(json(200, ENVELOPE_JSON.replace("\"NDA\"", "\"NDA v2\""))));
		nitro.stubFor(delete(urlEqualTo(ENVELOPE)).willReturn(aResponse().withStatus(204)));

		assertThat(this.sign.getEnvelope(ENVELOPE_ID).block().name()).isEqualTo("NDA");
		assertThat(this.sign.updateEnvelope(ENVELOPE_ID, UpdateEnvelope.name("NDA v2")).block().name()).isEqualTo("NDA v2");
		this.sign.deleteEnvelope(ENVELOPE_ID).block();

		nitro.verify(patchRequestedFor(urlEqualTo(ENVELOPE)).withRequestBody(equalToJson("{\"name\":\"NDA v2\"}")));
		nitro.verify(deleteRequestedFor(urlEqualTo(ENVELOPE)));
	}

	@Test
	void actionsAreSentWithTheirColonLiterally() {
		nitro.stubFor(post(urlEqualTo(ENVELOPE + ":send-for-signing"))
			.willReturn(json(200, ENVELOPE_JSON.replace("drafted", "sent"))));
		nitro.stubFor(put(urlEqualTo(ENVELOPE + ":cancel")).willReturn(json(200, ENVELOPE_JSON.replace("drafted", "cancelled"))));
		nitro.stubFor(post(urlEqualTo(ENVELOPE + ":send-reminders")).willReturn(aResponse().withStatus(202)));

		assertThat(this.sign.sendForSigning(ENVELOPE_ID).block().status()).isEqualTo(EnvelopeStatus.SENT);
		assertThat(this.sign.cancelEnvelope(ENVELOPE_ID).block().status()).isEqualTo(EnvelopeStatus.CANCELLED);
		this.sign.sendReminders(ENVELOPE_ID, new Notification("Reminder", "Please sign today")).block();

		assertThat(nitro.findAll(postRequestedFor(urlEqualTo(ENVELOPE + ":send-for-signing")))).singleElement()
			.satisfies((request) -> {
				assertThat(request.getUrl()).contains(":send-for-signing").doesNotContain("%3A");
				assertThat(request.getBody()).isEmpty();
			});
		nitro.verify(putRequestedFor(urlEqualTo(ENVELOPE + ":cancel")));
		nitro.verify(postRequestedFor(urlEqualTo(ENVELOPE + ":send-reminders")).withRequestBody(
				equalToJson("{\"notification\":{\"subject\":\"Reminder\",\"body\":\"Please sign today\"}}")));
	}

	@Test
	void idsAreEncodedSafelyIntoPaths() {
		nitro.stubFor(get(urlEqualTo("/sign/envelopes/a%3Bb%3Dc%2B%C3%A9")).willReturn(json(200, ENVELOPE_JSON)));

		this.sign.getEnvelope("a;b=c+\u00e9").block();

		nitro.verify(getRequestedFor(urlEqualTo("/sign/envelopes/a%3Bb%3Dc%2B%C3%A9")));
	}

	@Test
	void jsonCallsAcceptJsonAndDownloadsTheMediaTypeNitrosDescriptionNames() {
		nitro.stubFor(get(urlEqualTo(ENVELOPE)).willReturn(json(200, ENVELOPE_JSON)));
		nitro.stubFor(delete(urlEqualTo(ENVELOPE)).willReturn(aResponse().withStatus(204)));
		nitro.stubFor(get(urlEqualTo(ENVELOPE + ":download-sealed")).willReturn(binary("application/octet-stream", new byte[] { 1 })));
		nitro.stubFor(get(urlEqualTo(DOCUMENT + ":download-sealed")).willReturn(binary("application/pdf", new byte[] { 2 })));

		this.sign.getEnvelope(ENVELOPE_ID).block();
		this.sign.deleteEnvelope(ENVELOPE_ID).block();
		DataBufferUtils.join(this.sign.downloadSealedEnvelope(ENVELOPE_ID)).map(DataBufferUtils::release).block();
		DataBufferUtils.join(this.sign.downloadSealedDocument(ENVELOPE_ID, DOCUMENT_ID)).map(DataBufferUtils::release).block();

		nitro.verify(getRequestedFor(urlEqualTo(ENVELOPE)).withHeader("Accept", equalTo("application/json")));
		nitro.verify(deleteRequestedFor(urlEqualTo(ENVELOPE)).withHeader("Accept", equalTo("application/json")));
		nitro.verify(getRequestedFor(urlEqualTo(ENVELOPE + ":download-sealed"))
			.withHeader("Accept", equalTo("application/octet-stream")));
		nitro.verify(getRequestedFor(urlEqualTo(DOCUMENT + ":download-sealed")).withHeader("Accept", equalTo("application/pdf")));
	}

	@Test
	void documentIdInAReplyThatIsNotANitroIdIsRefusedBeforeItIsPolled() {
		nitro.stubFor(post(urlEqualTo(ENVELOPE + "/documents"))
			.willReturn(json(201, "{\"ID\":\"../..\",\"name\":\"NDA\",\"status\":\"pending\"}")));

		assertThatExceptionOfType(NitroUnexpectedResponseException.class)
			.isThrownBy(() -> this.sign.uploadDocumentAndAwait(ENVELOPE_ID, DocumentMetadata.pdf("NDA"),
					FileContent.of("%PDF".getBytes(), "nda.pdf")).block())
			.withMessage("Nitro's reply names a document ID that is not a Nitro ID: '../..' (it contains '/')");
		assertThat(nitro.findAll(getRequestedFor(urlPathMatching("/sign/.*")))).isEmpty();
	}

	@Test
	void awaitEnvelopeStatusPollsUntilSealed() {
		stubInTurn(() -> get(urlEqualTo(ENVELOPE)), json(200, ENVELOPE_JSON.replace("drafted", "sent")),
				json(200, ENVELOPE_JSON.replace("drafted", "processing")),
				json(200, ENVELOPE_JSON.replace("drafted", "sealed")));

		Envelope sealed = this.sign.awaitEnvelopeStatus(ENVELOPE_ID, Duration.ofSeconds(10), EnvelopeStatus.SEALED)
			.block();

		assertThat(sealed.status()).isEqualTo(EnvelopeStatus.SEALED);
		assertThat(nitro.findAll(getRequestedFor(urlEqualTo(ENVELOPE)))).hasSize(3);
	}

	@Test
	void awaitEnvelopeStatusFailsWhenTheEnvelopeIsRejected() {
		nitro.stubFor(get(urlEqualTo(ENVELOPE)).willReturn(json(200, ENVELOPE_JSON.replace("drafted", "rejected"))));

		assertThatExceptionOfType(NitroUnexpectedStateException.class)
			.isThrownBy(() -> this.sign.awaitEnvelopeStatus(ENVELOPE_ID, Duration.ofSeconds(10), EnvelopeStatus.SEALED).block())
			.withMessage("Envelope " + ENVELOPE_ID + " became rejected while [SEALED] was awaited")
			.satisfies((ex) -> {
				assertThat(ex.getResourceId()).isEqualTo(ENVELOPE_ID);
				assertThat(ex.getStatus()).isEqualTo("rejected");
			});
	}

	@Test
	void downloadsStreamTheSealedEnvelopeOriginalsAndAuditTrail(@TempDir Path dir) throws Exception {
		byte[] zip = "PK\u0003\u0004 sealed zip".getBytes();
		byte[] originals = "PK\u0003\u0004 originals".getBytes();
		byte[] audit = "%PDF-1.7 audit trail".getBytes();
		nitro.stubFor(get(urlEqualTo(ENVELOPE + ":download-sealed")).willReturn(binary("application/octet-stream", zip)));
		nitro.stubFor(get(urlEqualTo(ENVELOPE + ":download-original")).willReturn(binary("application/octet-stream", originals)));
		nitro.stubFor(get(urlEqualTo(ENVELOPE + ":download-audit-trail")).willReturn(binary("application/octet-stream", audit)));
		nitro.stubFor(get(urlEqualTo(DOCUMENT + ":download-sealed")).willReturn(binary("application/pdf", audit)));

		Path sealed = this.sign.downloadSealedEnvelope(ENVELOPE_ID, dir.resolve("sealed.zip")).block();
		Path original = this.sign.downloadOriginalEnvelope(ENVELOPE_ID, dir.resolve("original.zip")).block();
		Path trail = this.sign.downloadAuditTrail(ENVELOPE_ID, dir.resolve("audit.pdf")).block();
		byte[] document = DataBufferUtils.join(this.sign.downloadSealedDocument(ENVELOPE_ID, DOCUMENT_ID))
			.map((buffer) -> {
				byte[] bytes = new byte[buffer.readableByteCount()];
				buffer.read(bytes);
				DataBufferUtils.release(buffer);
				return bytes;
			})
			.block();

		assertThat(sealed).hasBinaryContent(zip);
		assertThat(original).hasBinaryContent(originals);
		assertThat(trail).hasBinaryContent(audit);
		assertThat(document).isEqualTo(audit);
	}

	// Documents

	@Test
	void uploadDocumentSendsMetadataAndPayloadParts(@TempDir Path dir) throws Exception {
		Path pdf = Files.write(dir.resolve("nda.pdf"), "%PDF-1.7 the NDA".getBytes());
		nitro.stubFor(post(urlEqualTo(ENVELOPE + "/documents")).willReturn(json(201, """
				{"ID":"%s","name":"NDA","status":"pending","createdAt":"2026-11-28T10:00:00Z"}""".formatted(DOCUMENT_ID))));

		Document document = this.sign.uploadDocument(ENVELOPE_ID, DocumentMetadata.pdf("NDA"), FileContent.of(pdf)).block();

		assertThat(document.status()).isEqualTo(DocumentStatus.PENDING);
		nitro.verify(postRequestedFor(urlEqualTo(ENVELOPE + "/documents"))
			.withHeader("Content-Type", containing("multipart/form-data"))
			.withRequestBodyPart(aMultipart("metadata").withHeader("Content-Type", containing("application/json"))
				.withBody(equalToJson("{\"name\":\"NDA\",\"contentType\":\"application/pdf\"}"))
				.build())
			.withRequestBodyPart(aMultipart("payload").withHeader("Content-Type", equalTo("application/octet-stream"))
				.withHeader("Content-Disposition", containing("filename=\"nda.pdf\""))
				.withBody(binaryEqualTo("%PDF-1.7 the NDA".getBytes()))
				.build()));
	}

	@Test
	void uploadDocumentAndAwaitPollsUntilTheDocumentIsUploaded() {
		nitro.stubFor(post(urlEqualTo(ENVELOPE + "/documents"))
			.willReturn(json(201, documentJson("pending"))));
		stubInTurn(() -> get(urlEqualTo(DOCUMENT)), json(200, documentJson("pending")), json(200, documentJson("pending")),
				json(200, """
						{"ID":"%s","name":"NDA","status":"uploaded","sizeBytes":18,"numPages":1}""".formatted(DOCUMENT_ID)));

		Document uploaded = this.sign.uploadDocumentAndAwait(ENVELOPE_ID, DocumentMetadata.pdf("NDA"),
				FileContent.of("%PDF-1.7".getBytes(), "nda.pdf"))
			.block();

		assertThat(uploaded.status()).isEqualTo(DocumentStatus.UPLOADED);
		assertThat(uploaded.numPages()).isEqualTo(1);
		assertThat(nitro.findAll(getRequestedFor(urlEqualTo(DOCUMENT)))).hasSize(3);
	}

	@Test
	void uploadThatNitroCannotProcessFailsWithItsFailureReason() {
		nitro.stubFor(post(urlEqualTo(ENVELOPE + "/documents")).willReturn(json(201, documentJson("pending"))));
		nitro.stubFor(get(urlEqualTo(DOCUMENT)).willReturn(json(200, """
				{"ID":"%s","name":"NDA","status":"failed","failureReason":"The file is not a valid PDF"}""".formatted(DOCUMENT_ID))));

		assertThatExceptionOfType(NitroDocumentFailedException.class)
			.isThrownBy(() -> this.sign.uploadDocumentAndAwait(ENVELOPE_ID, DocumentMetadata.pdf("NDA"),
					FileContent.of("not a pdf".getBytes(), "nda.pdf")).block())
			.withMessage("Nitro could not process document " + DOCUMENT_ID + " (NDA): The file is not a valid PDF")
			.satisfies((ex) -> assertThat(ex.getFailureReason()).isEqualTo("The file is not a valid PDF"));
	}

	@Test
	void uploadThatStaysPendingTimesOut() {
		this.sign.setDocumentUploadTimeout(Duration.ofMillis(300));
		nitro.stubFor(post(urlEqualTo(ENVELOPE + "/documents")).willReturn(json(201, documentJson("pending"))));
		nitro.stubFor(get(urlEqualTo(DOCUMENT)).willReturn(json(200, documentJson("pending"))));

		assertThatExceptionOfType(NitroAwaitTimeoutException.class)
			.isThrownBy(() -> this.sign.uploadDocumentAndAwait(ENVELOPE_ID, DocumentMetadata.pdf("NDA"),
					FileContent.of("%PDF".getBytes(), "nda.pdf")).block())
			.withMessage("Nitro did not finish processing document " + DOCUMENT_ID + " within PT0.3S; it is pending")
			.satisfies((ex) -> {
				assertThat(ex.getResourceId()).isEqualTo(DOCUMENT_ID);
				assertThat(ex.getAwaitTimeout()).isEqualTo(Duration.ofMillis(300));
				assertThat(ex.getLastStatus()).isEqualTo("pending");
			});
	}

	@Test
	void attachAnExistingNitroDocument() {
		nitro.stubFor(post(urlPathEqualTo(ENVELOPE + "/documents")).willReturn(json(201, documentJson("pending"))));

		this.sign.attachNitroDocument(ENVELOPE_ID, DocumentMetadata.named("Contract"), "nitro-doc-42").block();

		nitro.verify(postRequestedFor(urlEqualTo(ENVELOPE + "/documents?nitroDocumentID=nitro-doc-42"))
			.withRequestBodyPart(aMultipart("metadata").withBody(equalToJson("{\"name\":\"Contract\"}")).build()));
	}

	@Test
	void listGetRenameReorderAndDeleteDocuments() {
		nitro.stubFor(get(urlEqualTo(ENVELOPE + "/documents")).willReturn(json(200, """
				{"items":[{"ID":"%s","name":"NDA","statue":"pending","status":"uploaded"},
				          {"id":"second","name":"Annex","status":"sealed"}]}""".formatted(DOCUMENT_ID))));
		nitro.stubFor(get(urlEqualTo(DOCUMENT)).willReturn(json(200, documentJson("uploaded"))));
		nitro.stubFor(patch(urlEqualTo(DOCUMENT)).willReturn(json(200, documentJson("uploaded"))));
		nitro.stubFor(put(urlEqualTo(ENVELOPE + "/documents:reorder")).willReturn(json(200, "{}")));
		nitro.stubFor(delete(urlEqualTo(DOCUMENT)).willReturn(aResponse().withStatus(204)));

		List<Document> documents = this.sign.listDocuments(ENVELOPE_ID).collectList().block();
		this.sign.getDocument(ENVELOPE_ID, DOCUMENT_ID).block();
		this.sign.renameDocument(ENVELOPE_ID, DOCUMENT_ID, "NDA signed").block();
		this.sign.reorderDocuments(ENVELOPE_ID, List.of("second", DOCUMENT_ID)).block();
		this.sign.deleteDocument(ENVELOPE_ID, DOCUMENT_ID).block();

		assertThat(documents).extracting(Document::id).containsExactly(DOCUMENT_ID, "second");
		assertThat(documents).extracting(Document::status).containsExactly(DocumentStatus.UPLOADED, DocumentStatus.SEALED);
		nitro.verify(patchRequestedFor(urlEqualTo(DOCUMENT)).withRequestBody(equalToJson("{\"name\":\"NDA signed\"}")));
		nitro.verify(putRequestedFor(urlEqualTo(ENVELOPE + "/documents:reorder"))
			.withRequestBody(equalToJson("{\"order\":[\"second\",\"" + DOCUMENT_ID + "\"]}")));
		nitro.verify(deleteRequestedFor(urlEqualTo(DOCUMENT)));
	}

	// Participants

	@Test
	void addParticipantsOneByOneAndInBulk() {
		nitro.stubFor(post(urlEqualTo(ENVELOPE + "/participants"))
			.withRequestBody(equalToJson("{\"email\":\"ada@example.com\",\"role\":\"signer\",\"authentication\":{\"type\":\"AccessCode\",\"accessCode\":\"4321\"}}"))
			.willReturn(json(201, PARTICIPANT_JSON)));
		nitro.stubFor(post(urlEqualTo(ENVELOPE + "/participants"))
			.withRequestBody(equalToJson("{\"items\":[{\"email\":\"bob@example.com\",\"role\":\"signer\",\"authentication\":{\"type\":\"SMS\",\"countryCode\":\"+1\",\"phoneNumber\":\"5551234\"}},{\"email\":\"carol@example.com\",\"role\":\"cc\"}]}"))
			.willReturn(json(200, """
					{"items":[{"ID":"p2","email":"bob@example.com","role":"SIGNER"},{"ID":"p3","email":"carol@example.com","role":"cc"}]}""")));

		Participant ada = this.sign.addParticipant(ENVELOPE_ID,
				CreateParticipant.signer("ada@example.com").withAuthentication(ParticipantAuthentication.accessCode("4321")))
			.block();
		List<Participant> more = this.sign.addParticipants(ENVELOPE_ID, List.of(
				CreateParticipant.signer("bob@example.com").withAuthentication(ParticipantAuthentication.sms("+1", "5551234")),
				CreateParticipant.cc("carol@example.com")))
			.collectList()
			.block();

		assertThat(ada.id()).isEqualTo(PARTICIPANT_ID);
		assertThat(ada.authentication()).isEqualTo(ParticipantAuthentication.accessCode("4321"));
		assertThat(more).extracting(Participant::role).containsExactly(ParticipantRole.SIGNER, ParticipantRole.CC);
	}

	@Test
	void listUpdateAndDeleteParticipantsAndListSigningUrls() {
		nitro.stubFor(get(urlEqualTo(ENVELOPE + "/participants")).willReturn(json(200, """
				{"items":[%s,{"ID":"p9","email":"eve@example.com","role":"witness","authentication":{"type":"Passkey"}}],"total":2}""".formatted(PARTICIPANT_JSON))));
		nitro.stubFor(patch(urlEqualTo(ENVELOPE + "/participants/" + PARTICIPANT_ID)).willReturn(json(200, PARTICIPANT_JSON)));
		nitro.stubFor(delete(urlEqualTo(ENVELOPE + "/participants/" + PARTICIPANT_ID)).willReturn(aResponse().withStatus(204)));
		nitro.stubFor(post(urlEqualTo(ENVELOPE + "/participants:batch-delete")).willReturn(aResponse().withStatus(200)));
		nitro.stubFor(get(urlEqualTo(ENVELOPE + "/participants/signing-urls")).willReturn(json(200, """
				{"items":[{"userId":42,"signingUrl":"https://sign.gonitro.com/s/abc","expiresAt":"2026-12-01T00:00:00Z"}],"total":1}""")));

		List<Participant> participants = this.sign.listParticipants(ENVELOPE_ID).collectList().block();
		this.sign.updateParticipant(ENVELOPE_ID, PARTICIPANT_ID,
				new UpdateParticipant(ParticipantAuthentication.sms("+44", "7700900123"))).block();
		this.sign.deleteParticipant(ENVELOPE_ID, PARTICIPANT_ID).block();
		this.sign.deleteParticipants(ENVELOPE_ID, List.of("p2", "p3")).block();
		List<SigningUrl> urls = this.sign.listSigningUrls(ENVELOPE_ID).collectList().block();

		assertThat(participants).hasSize(2);
		assertThat(participants.get(1).role()).isEqualTo(ParticipantRole.UNKNOWN);
		assertThat(participants.get(1).authentication()).isEqualTo(new ParticipantAuthentication.Unknown("Passkey"));
		nitro.verify(patchRequestedFor(urlEqualTo(ENVELOPE + "/participants/" + PARTICIPANT_ID)).withRequestBody(
				equalToJson("{\"authentication\":{\"type\":\"SMS\",\"countryCode\":\"+44\",\"phoneNumber\":\"7700900123\"}}")));
		nitro.verify(postRequestedFor(urlEqualTo(ENVELOPE + "/participants:batch-delete"))
			.withRequestBody(equalToJson("{\"items\":[\"p2\",\"p3\"]}")));
		assertThat(urls).singleElement().satisfies((url) -> {
			assertThat(url.signingUrl()).isEqualTo("https://sign.gonitro.com/s/abc");
			assertThat(url.userId()).isEqualTo(42L);
		});
	}

	// Fields

	@Test
	void addFieldsOneByOneAndInBulk() {
		nitro.stubFor(post(urlEqualTo(DOCUMENT + "/fields"))
			.withRequestBody(equalToJson("""
					{"type":"signature","participantID":"%s","page":1,"boundingBox":[72.0,700.0,200.0,40.0],"required":true}""".formatted(PARTICIPANT_ID)))
			.willReturn(json(201, FIELD_JSON)));
		nitro.stubFor(post(urlEqualTo(DOCUMENT + "/fields"))
			.withRequestBody(equalToJson("""
					{"items":[{"type":"date","participantID":"%s","page":1,"boundingBox":[300.0,700.0,100.0,20.0],"required":true,"format":"MM/DD/YYYY","modifiable":false},
					          {"type":"custom","participantID":"%s","page":2,"boundingBox":[72.0,100.0,200.0,20.0],"required":false,"label":"Job title"}]}""".formatted(PARTICIPANT_ID, PARTICIPANT_ID)))
			.willReturn(json(200, """
					{"items":[{"ID":"f2","participantID":"%s","documentID":"%s","type":"date","boundingBox":"[300, 700, 100, 20]","format":"MM/DD/YYYY"},
					          {"ID":"f3","participantID":"%s","documentID":"%s","type":"custom","label":"Job title"}]}""".formatted(PARTICIPANT_ID, DOCUMENT_ID, PARTICIPANT_ID, DOCUMENT_ID))));

		Field signature = this.sign.addField(ENVELOPE_ID, DOCUMENT_ID,
				CreateField.signature(PARTICIPANT_ID, 1, BoundingBox.of(72, 700, 200, 40))).block();
		List<Field> more = this.sign.addFields(ENVELOPE_ID, DOCUMENT_ID, List.of(
				CreateField.date(PARTICIPANT_ID, 1, BoundingBox.of(300, 700, 100, 20), "MM/DD/YYYY").withModifiable(false),
				CreateField.custom(PARTICIPANT_ID, 2, BoundingBox.of(72, 100, 200, 20), "Job title").withRequired(false)))
			.collectList()
			.block();

		assertThat(signature.id()).isEqualTo(FIELD_ID);
		assertThat(signature.boundingBox()).isEqualTo(BoundingBox.of(72, 700, 200, 40));
		assertThat(more.get(0).boundingBox()).isEqualTo(BoundingBox.of(300, 700, 100, 20));
		assertThat(more).extracting(Field::type).containsExactly(FieldType.DATE, FieldType.CUSTOM);
	}

	@Test
	void listUpdateAndDeleteFields() {
		nitro.stubFor(get(urlEqualTo(DOCUMENT + "/fields")).willReturn(json(200, """
				{"items":[{"fieldID":"%s","participantID":"%s","documentID":"%s","page":1,"boundingBox":[100.0,200.0,150.0,50.0],
				           "required":true,"type":"signature","color":"blue"},
				          {"ID":"f9","type":"stamp"}]}""".formatted(FIELD_ID, PARTICIPANT_ID, DOCUMENT_ID))));
		nitro.stubFor(patch(urlEqualTo(DOCUMENT + "/fields/" + FIELD_ID)).willReturn(json(200, FIELD_JSON)));
		nitro.stubFor(delete(urlEqualTo(DOCUMENT + "/fields/" + FIELD_ID)).willReturn(aResponse().withStatus(204)));
		nitro.stubFor(post(urlEqualTo(DOCUMENT + "/fields:batch-delete")).willReturn(aResponse().withStatus(200)));

		List<Field> fields = this.sign.listFields(ENVELOPE_ID, DOCUMENT_ID).collectList().block();
		this.sign.updateField(ENVELOPE_ID, DOCUMENT_ID, FIELD_ID,
				UpdateField.move(FieldType.SIGNATURE, 2, BoundingBox.of(10, 20, 30, 40))).block();
		this.sign.deleteField(ENVELOPE_ID, DOCUMENT_ID, FIELD_ID).block();
		this.sign.deleteFields(ENVELOPE_ID, DOCUMENT_ID, List.of("f2", "f3")).block();

		assertThat(fields).extracting(Field::id).containsExactly(FIELD_ID, "f9");
		assertThat(fields.get(1).type()).isEqualTo(FieldType.UNKNOWN);
		nitro.verify(patchRequestedFor(urlEqualTo(DOCUMENT + "/fields/" + FIELD_ID)).withRequestBody(
				equalToJson("{\"type\":\"signature\",\"page\":2,\"boundingBox\":[10.0,20.0,30.0,40.0]}")));
		nitro.verify(deleteRequestedFor(urlEqualTo(DOCUMENT + "/fields/" + FIELD_ID)));
		nitro.verify(postRequestedFor(urlEqualTo(DOCUMENT + "/fields:batch-delete"))
			.withRequestBody(equalToJson("{\"items\":[\"f2\",\"f3\"]}")));
	}

	// Tolerance

	@Test
	void modelsIgnoreUnknownFieldsMapUnknownStatusesAndReadLowerCaseIds() {
		nitro.stubFor(get(urlEqualTo(ENVELOPE)).willReturn(json(200, """
				{"id":"%s","name":"NDA","status":"archived","mode":"round-robin","createdAt":"2026-11-28T10:00:00Z",
				 "brandNewField":{"nested":[1,2,3]},"folder":"Legal"}""".formatted(ENVELOPE_ID))));

		Envelope envelope = this.sign.getEnvelope(ENVELOPE_ID).block();

		assertThat(envelope.id()).isEqualTo(ENVELOPE_ID);
		assertThat(envelope.status()).isEqualTo(EnvelopeStatus.UNKNOWN);
		assertThat(envelope.mode()).isEqualTo(SigningMode.UNKNOWN);
	}

	@Test
	void uploadsAreMarkedReplayableOnlyWhenTheirContentCanBeReadAgain() {
		nitro.stubFor(post(urlEqualTo(ENVELOPE + "/documents")).inScenario("401").whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(401)).willSetStateTo("renewed"));
		nitro.stubFor(post(urlEqualTo(ENVELOPE + "/documents")).inScenario("401").whenScenarioStateIs("renewed")
			.willReturn(json(201, documentJson("pending"))));
		byte[] large = new byte[600 * 1024];

		this.sign.uploadDocument(ENVELOPE_ID, DocumentMetadata.pdf("Big"), FileContent.of(large, "big.pdf")).block();

		List<LoggedRequest> uploads = nitro.findAll(postRequestedFor(urlEqualTo(ENVELOPE + "/documents")));
		assertThat(uploads).hasSize(2).allSatisfy((upload) -> assertThat(upload.getParts())
			.filteredOn((part) -> part.getName().equals("payload"))
			.singleElement()
			.satisfies((payload) -> assertThat(payload.getBody().asBytes()).hasSize(large.length)));
	}

	private static int envelopePageRequests() {
		return nitro.findAll(getRequestedFor(urlPathEqualTo("/sign/envelopes")).withHeader("Authorization", containing("Bearer")))
			.size();
	}

	private static void stubEnvelopePages() {
		nitro.stubFor(get(urlEqualTo("/sign/envelopes")).willReturn(json(200, """
				{"items":[%s,%s],"nextPage":"cursor+1/="}""".formatted(envelopeJson("e1"), envelopeJson("e2")))));
		nitro.stubFor(get(urlEqualTo("/sign/envelopes?pageAfter=cursor%2B1%2F%3D")).willReturn(json(200, """
				{"items":[%s,%s],"nextPage":"cursor-2"}""".formatted(envelopeJson("e3"), envelopeJson("e4")))));
		nitro.stubFor(get(urlEqualTo("/sign/envelopes?pageAfter=cursor-2"))
			.willReturn(json(200, "{\"items\":[" + envelopeJson("e5") + "]}")));
	}

	private static String envelopeJson(String name) {
		return "{\"ID\":\"id-" + name + "\",\"name\":\"" + name + "\",\"status\":\"sent\"}";
	}

	private static String documentJson(String status) {
		return "{\"ID\":\"" + DOCUMENT_ID + "\",\"name\":\"NDA\",\"status\":\"" + status + "\"}";
	}

	static ResponseDefinitionBuilder json(int status, String body) {
		return NitroWireMock.json(status, body);
	}

	private static ResponseDefinitionBuilder binary(String contentType, byte[] body) {
		return aResponse().withStatus(200).withHeader("Content-Type", contentType).withBody(body);
	}

	private static void stubInTurn(java.util.function.Supplier<MappingBuilder> request,
			ResponseDefinitionBuilder... responses) {
		String state = Scenario.STARTED;
		for (int i = 0; i < responses.length; i++) {
			String next = (i < responses.length - 1) ? "reply-" + (i + 1) : state;
			nitro.stubFor(request.get().inScenario("replies").whenScenarioStateIs(state).willReturn(responses[i])
				.willSetStateTo(next));
			state = next;
		}
	}

}
