package com.gonitro.spring.standin;

import java.io.InputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;

import com.gonitro.spring.client.FileContent;
import com.gonitro.spring.client.NitroApiException;
import com.gonitro.spring.sign.NitroDocumentFailedException;
import com.gonitro.spring.sign.NitroSignClient;
import com.gonitro.spring.sign.model.BoundingBox;
import com.gonitro.spring.sign.model.CreateEnvelope;
import com.gonitro.spring.sign.model.CreateField;
import com.gonitro.spring.sign.model.CreateParticipant;
import com.gonitro.spring.sign.model.Document;
import com.gonitro.spring.sign.model.DocumentMetadata;
import com.gonitro.spring.sign.model.DocumentStatus;
import com.gonitro.spring.sign.model.Envelope;
import com.gonitro.spring.sign.model.EnvelopePage;
import com.gonitro.spring.sign.model.EnvelopeStatus;
import com.gonitro.spring.sign.model.Field;
import com.gonitro.spring.sign.model.FieldType;
import com.gonitro.spring.sign.model.Participant;
import com.gonitro.spring.sign.model.ParticipantAuthentication;
import com.gonitro.spring.sign.model.SigningUrl;
import com.gonitro.spring.sign.model.UpdateField;
import com.gonitro.spring.sign.model.UpdateParticipant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The stand-in's Sign API, driven through the starter's typed client over HTTP: the flow from draft to sealed with
 * real PDF and ZIP files, Nitro's rules and limits, and its errors. Every reply is also checked against Nitro's
 * OpenAPI description.
 */
class StandInSignIntegrationTests extends StandInApiIntegrationTests {

	private static final NitroStandIn nitro = NitroStandIn.builder()
		.documentProcessingDelay(Duration.ofMillis(100))
		.sealingDelay(Duration.ofMillis(100))
		.envelopePageSize(5)
		.start();

	private NitroSignClient sign;

	@Override
	NitroStandIn standIn() {
		return nitro;
	}

	@BeforeEach
	void signClient() {
		this.sign = this.clients.sign();
	}

	@AfterAll
	static void stop() {
		nitro.close();
	}

	@Test
	void sendsSignsAndSealsAnEnvelope() throws IOException {
		byte[] contract = TestFiles.pdf("Employment contract\nBetween Ada and Nitro", "Signature page");
		Envelope envelope = this.sign.createEnvelope(CreateEnvelope.parallel("Contract", "Please sign", "Thanks"));
		assertThat(envelope.status()).isEqualTo(EnvelopeStatus.DRAFTED);

		Document pending = this.sign.uploadDocument(envelope.id(), DocumentMetadata.pdf("contract.pdf"),
				FileContent.of(contract, "contract.pdf"));
		assertThat(pending.status()).isEqualTo(DocumentStatus.PENDING);
		Document document = this.sign.awaitDocumentProcessed(envelope.id(), pending.id());
		assertThat(document.status()).isEqualTo(DocumentStatus.UPLOADED);
		assertThat(document.numPages()).isEqualTo(2);
		assertThat(document.sizeBytes()).isEqualTo(contract.length);

		Participant ada = this.sign.addParticipant(envelope.id(), CreateParticipant.signer("ada@example.com"));
		this.sign.addParticipant(envelope.id(), CreateParticipant.cc("hr@example.com"));
		Field signature = this.sign.addField(envelope.id(), document.id(),
				CreateField.signature(ada.id(), 2, BoundingBox.of(72, 100, 200, 40)));
		assertThat(signature.documentId()).isEqualTo(document.id());
		assertThat(signature.boundingBox()).isEqualTo(BoundingBox.of(72, 100, 200, 40));

		assertThat(this.sign.sendForSigning(envelope.id()).status()).isEqualTo(EnvelopeStatus.SENT);
		assertThatExceptionOfType(NitroApiException.Conflict.class)
			.isThrownBy(() -> this.sign.openSealedEnvelope(envelope.id()).readAllBytes())
			.satisfies((ex) -> assertThat(ex.getDetail()).contains("sent"));

		nitro.sign(envelope.id());
		assertThat(nitro.envelopeStatus(envelope.id())).isEqualTo("processing");
		Envelope sealed = this.sign.awaitEnvelopeStatus(envelope.id(), Duration.ofSeconds(10), EnvelopeStatus.SEALED);
		assertThat(sealed.status()).isEqualTo(EnvelopeStatus.SEALED);
		assertThat(this.sign.getDocument(envelope.id(), document.id()).status()).isEqualTo(DocumentStatus.SEALED);

		Map<String, byte[]> zip;
		try (InputStream in = this.sign.openSealedEnvelope(envelope.id())) {
			zip = TestFiles.unzip(in);
		}
		assertThat(zip).containsOnlyKeys("contract.pdf");
		String sealedText = TestFiles.text(zip.get("contract.pdf"));
		assertThat(sealedText).contains("Employment contract", "Signed: ada@example.com");
		try (InputStream in = this.sign.openSealedDocument(envelope.id(), document.id())) {
			assertThat(TestFiles.text(in.readAllBytes())).contains("Signed: ada@example.com");
		}
		try (InputStream in = this.sign.openOriginalEnvelope(envelope.id())) {
			assertThat(TestFiles.unzip(in).get("contract.pdf")).isEqualTo(contract);
		}
		try (InputStream in = this.sign.openAuditTrail(envelope.id())) {
			assertThat(TestFiles.text(in.readAllBytes())).contains("Sent for signing", "Signed by ada@example.com",
					envelope.id());
		}
	}

	@Test
	void sendsOnlyWhenEveryDocumentIsUploadedAndThereIsASigner() {
		try (NitroStandIn slow = NitroStandIn.builder().documentProcessingDelay(Duration.ofHours(1)).start()) {
			StandInClients slowClients = new StandInClients(slow);
			NitroSignClient slowSign = slowClients.sign();
			Envelope envelope = slowSign.createEnvelope(CreateEnvelope.parallel("NDA", "Sign", "Please"));
			assertThatExceptionOfType(NitroApiException.Conflict.class)
				.isThrownBy(() -> slowSign.sendForSigning(envelope.id()))
				.satisfies((ex) -> assertThat(ex.getDetail()).contains("no documents"));

			Document pending = slowSign.uploadDocument(envelope.id(), DocumentMetadata.pdf("nda.pdf"),
					FileContent.of(TestFiles.pdf("NDA"), "nda.pdf"));
			slowSign.addParticipant(envelope.id(), CreateParticipant.signer("ada@example.com"));
			assertThatExceptionOfType(NitroApiException.Conflict.class)
				.isThrownBy(() -> slowSign.sendForSigning(envelope.id()))
				.satisfies((ex) -> assertThat(ex.getDetail()).contains(pending.id(), "pending"));
			assertThat(slow.envelopeStatus(envelope.id())).isEqualTo("drafted");
			slowClients.recorder.assertConforms();
		}

		Envelope envelope = this.sign.createEnvelope(CreateEnvelope.parallel("NDA", "Sign", "Please"));
		this.sign.uploadDocumentAndAwait(envelope.id(), DocumentMetadata.pdf("nda.pdf"),
				FileContent.of(TestFiles.pdf("NDA"), "nda.pdf"));
		this.sign.addParticipant(envelope.id(), CreateParticipant.cc("cc@example.com"));
		assertThatExceptionOfType(NitroApiException.Conflict.class)
			.isThrownBy(() -> this.sign.sendForSigning(envelope.id()))
			.satisfies((ex) -> assertThat(ex.getDetail()).contains("no signer"));
	}

	@Test
	void answersErrorsAsNitroDoes() {
		assertThatExceptionOfType(NitroApiException.NotFound.class)
			.isThrownBy(() -> this.sign.getEnvelope("7d0c1e52-0000-4000-8000-000000000000"))
			.satisfies((ex) -> {
				assertThat(ex.getType()).isEqualTo("https://developers.gonitro.com/docs/build-nitro/errors#404-not-found");
				assertThat(ex.getDetail()).contains("7d0c1e52-0000-4000-8000-000000000000");
			});
		Envelope envelope = this.sign.createEnvelope(CreateEnvelope.parallel("Errors", "Sign", "Please"));
		assertThatExceptionOfType(NitroApiException.BadRequest.class)
			.isThrownBy(() -> this.sign.addParticipant(envelope.id(), CreateParticipant.signer("not-an-email")))
			.satisfies((ex) -> assertThat(ex.getValidationErrors()).containsKey("email"));
		assertThatExceptionOfType(NitroApiException.UnsupportedMediaType.class)
			.isThrownBy(() -> this.sign.uploadDocument(envelope.id(), DocumentMetadata.named("notes.txt"),
					FileContent.of("plain text".getBytes(), "notes.txt")))
			.satisfies((ex) -> assertThat(ex.getDetail()).contains("only PDF"));
		assertThatExceptionOfType(NitroApiException.UnsupportedMediaType.class)
			.isThrownBy(() -> this.sign.uploadDocument(envelope.id(), new DocumentMetadata("archive", "application/zip"),
					FileContent.of(new byte[] { 'P', 'K', 3, 4 }, "archive.zip")))
			.satisfies((ex) -> assertThat(ex.getDetail()).contains("application/zip"));
		byte[] tooLarge = new byte[StandInMultipart.MAX_FILE_SIZE + 1];
		System.arraycopy("%PDF-".getBytes(), 0, tooLarge, 0, 5);
		assertThatExceptionOfType(NitroApiException.ContentTooLarge.class)
			.isThrownBy(() -> this.sign.uploadDocument(envelope.id(), DocumentMetadata.pdf("huge.pdf"),
					FileContent.of(tooLarge, "huge.pdf")))
			.satisfies((ex) -> assertThat(ex.getDetail()).contains("20 MB"));

		Document document = this.sign.uploadDocumentAndAwait(envelope.id(), DocumentMetadata.pdf("one-page.pdf"),
				FileContent.of(TestFiles.pdf("Only page"), "one-page.pdf"));
		Participant signer = this.sign.addParticipant(envelope.id(), CreateParticipant.signer("ada@example.com"));
		Participant cc = this.sign.addParticipant(envelope.id(), CreateParticipant.cc("cc@example.com"));
		assertThatExceptionOfType(NitroApiException.UnprocessableEntity.class)
			.isThrownBy(() -> this.sign.addField(envelope.id(), document.id(),
					CreateField.signature(signer.id(), 3, BoundingBox.of(10, 10, 100, 30))))
			.satisfies((ex) -> assertThat(ex.getDetail()).contains("1 page"));
		assertThatExceptionOfType(NitroApiException.UnprocessableEntity.class)
			.isThrownBy(() -> this.sign.addField(envelope.id(), document.id(),
					CreateField.signature(cc.id(), 1, BoundingBox.of(10, 10, 100, 30))))
			.satisfies((ex) -> assertThat(ex.getDetail()).contains("only signers"));
		for (int i = 1; i < 15; i++) {
			this.sign.uploadDocument(envelope.id(), DocumentMetadata.pdf("page-" + i + ".pdf"),
					FileContent.of(TestFiles.pdf("Page " + i), "page-" + i + ".pdf"));
		}
		assertThatExceptionOfType(NitroApiException.UnprocessableEntity.class)
			.isThrownBy(() -> this.sign.uploadDocument(envelope.id(), DocumentMetadata.pdf("sixteenth.pdf"),
					FileContent.of(TestFiles.pdf("One too many"), "sixteenth.pdf")))
			.satisfies((ex) -> assertThat(ex.getDetail()).contains("15 documents"));

		this.sign.listDocuments(envelope.id()).forEach((each) -> this.sign.awaitDocumentProcessed(envelope.id(), each.id()));
		this.sign.sendForSigning(envelope.id());
		assertThatExceptionOfType(NitroApiException.Conflict.class)
			.isThrownBy(() -> this.sign.addParticipant(envelope.id(), CreateParticipant.signer("late@example.com")))
			.satisfies((ex) -> assertThat(ex.getDetail()).contains("sent", "drafted"));
	}

	@Test
	void failsDocumentsItCannotProcess() {
		Envelope envelope = this.sign.createEnvelope(CreateEnvelope.parallel("Broken", "Sign", "Please"));
		byte[] truncated = new byte[] { '%', 'P', 'D', 'F', '-', '1', '.', '7', '\n', 'x' };
		Document corrupt = this.sign.uploadDocument(envelope.id(), DocumentMetadata.pdf("corrupt.pdf"),
				FileContent.of(truncated, "corrupt.pdf"));
		assertThatExceptionOfType(NitroDocumentFailedException.class)
			.isThrownBy(() -> this.sign.awaitDocumentProcessed(envelope.id(), corrupt.id()))
			.satisfies((ex) -> assertThat(ex.getFailureReason()).contains("PDF"));
		Document locked = this.sign.uploadDocument(envelope.id(), DocumentMetadata.pdf("locked.pdf"),
				FileContent.of(TestFiles.protectedPdf("secret", "Locked"), "locked.pdf"));
		assertThatExceptionOfType(NitroDocumentFailedException.class)
			.isThrownBy(() -> this.sign.awaitDocumentProcessed(envelope.id(), locked.id()))
			.satisfies((ex) -> assertThat(ex.getFailureReason()).contains("password"));
		assertThat(this.sign.getDocument(envelope.id(), locked.id()).status()).isEqualTo(DocumentStatus.FAILED);
	}

	@Test
	void convertsOfficeDocumentsToPdf() throws IOException {
		byte[] docx = StandInOoxml.docx(List.of("Offer letter for Ada Lovelace"));
		Envelope envelope = this.sign.createEnvelope(CreateEnvelope.parallel("Offer", "Sign", "Please"));
		Document document = this.sign.uploadDocumentAndAwait(envelope.id(),
				new DocumentMetadata("offer.docx", StandInConversions.DOCX), FileContent.of(docx, "offer.docx"));
		Participant ada = this.sign.addParticipant(envelope.id(), CreateParticipant.signer("ada@example.com"));
		this.sign.addField(envelope.id(), document.id(), CreateField.signature(ada.id(), 1, BoundingBox.of(72, 500, 200, 40)));
		this.sign.sendForSigning(envelope.id());
		nitro.sign(envelope.id());
		this.sign.awaitEnvelopeStatus(envelope.id(), Duration.ofSeconds(10), EnvelopeStatus.SEALED);

		try (InputStream in = this.sign.openSealedDocument(envelope.id(), document.id())) {
			assertThat(TestFiles.text(in.readAllBytes())).contains("Offer letter for Ada Lovelace",
					"Signed: ada@example.com");
		}
		try (InputStream in = this.sign.openOriginalEnvelope(envelope.id())) {
			assertThat(TestFiles.unzip(in).get("offer.docx")).isEqualTo(docx);
		}
	}

	@Test
	void pagesThroughEnvelopesWithCursors() {
		List<String> created = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			created.add(this.sign.createEnvelope(CreateEnvelope.parallel("Envelope " + i, "Sign", "Please")).id());
		}
		assertThat(this.sign.listEnvelopes().map(Envelope::id)).containsExactlyElementsOf(created);
		EnvelopePage first = this.sign.getEnvelopePage(null);
		assertThat(first.items()).hasSize(5);
		EnvelopePage second = this.sign.getEnvelopePage(first.nextPage());
		assertThat(second.items()).extracting(Envelope::id).containsExactlyElementsOf(created.subList(5, 10));
		// As Nitro documents it: the items preceding the cursor's item (here, the second page's last).
		EnvelopePage back = this.sign.getEnvelopePageBefore(second.nextPage());
		assertThat(back.items()).extracting(Envelope::id).containsExactlyElementsOf(created.subList(4, 9));
		assertThatExceptionOfType(NitroApiException.BadRequest.class)
			.isThrownBy(() -> this.sign.getEnvelopePage("not-a-cursor"))
			.satisfies((ex) -> assertThat(ex.getValidationErrors()).containsKey("pageAfter"));
	}

	@Test
	void remindsCancelsAndRejectsSentEnvelopes() {
		Envelope drafted = this.sign.createEnvelope(CreateEnvelope.sequential("Draft", "Sign", "Please"));
		assertThatExceptionOfType(NitroApiException.Conflict.class)
			.isThrownBy(() -> this.sign.cancelEnvelope(drafted.id()));

		String toCancel = sentEnvelope("Cancel me", "ada@example.com", "bob@example.com");
		this.sign.sendReminders(toCancel, null);
		List<SigningUrl> urls = this.sign.listSigningUrls(toCancel);
		assertThat(urls).hasSize(2).allSatisfy((url) -> assertThat(url.signingUrl()).startsWith(nitro.baseUrl()));
		assertThat(this.sign.cancelEnvelope(toCancel).status()).isEqualTo(EnvelopeStatus.CANCELLED);
		assertThatExceptionOfType(NitroApiException.Conflict.class).isThrownBy(() -> this.sign.cancelEnvelope(toCancel));

		String toReject = sentEnvelope("Reject me", "ada@example.com");
		nitro.reject(toReject);
		assertThat(this.sign.getEnvelope(toReject).status()).isEqualTo(EnvelopeStatus.REJECTED);
		assertThatExceptionOfType(NitroApiException.Conflict.class).isThrownBy(() -> this.sign.listSigningUrls(toReject));
	}

	@Test
	void controlsAnswerNotFoundAndConflictAsTheSignApiDoes() {
		Envelope drafted = this.sign.createEnvelope(CreateEnvelope.parallel("Draft", "Sign", "Please"));

		ResponseEntity<String> unknown = control("no-such-envelope", "sign");
		assertThat(unknown.getStatusCode().value()).isEqualTo(404);
		assertThat(unknown.getBody()).contains("no-such-envelope");

		ResponseEntity<String> draft = control(drafted.id(), "sign");
		assertThat(draft.getStatusCode().value()).isEqualTo(409);
		assertThat(draft.getBody()).contains("drafted");
		assertThat(nitro.envelopeStatus(drafted.id())).isEqualTo("drafted");
	}

	@Test
	void editsDraftsParticipantsAndFields() {
		Envelope envelope = this.sign.createEnvelope(CreateEnvelope.parallel("Edits", "Sign", "Please"));
		Document first = this.sign.uploadDocumentAndAwait(envelope.id(), DocumentMetadata.pdf("first.pdf"),
				FileContent.of(TestFiles.pdf("First", "Second page"), "first.pdf"));
		Document second = this.sign.uploadDocumentAndAwait(envelope.id(), DocumentMetadata.pdf("second.pdf"),
				FileContent.of(TestFiles.pdf("Second"), "second.pdf"));
		this.sign.reorderDocuments(envelope.id(), List.of(second.id(), first.id()));
		assertThat(this.sign.listDocuments(envelope.id())).extracting(Document::id).containsExactly(second.id(), first.id());
		assertThat(this.sign.renameDocument(envelope.id(), second.id(), "renamed.pdf").name()).isEqualTo("renamed.pdf");

		List<Participant> participants = this.sign.addParticipants(envelope.id(),
				List.of(CreateParticipant.signer("ada@example.com"), CreateParticipant.signer("bob@example.com")));
		Participant ada = participants.get(0);
		Participant bob = participants.get(1);
		Participant updated = this.sign.updateParticipant(envelope.id(), ada.id(),
				new UpdateParticipant(ParticipantAuthentication.accessCode("4321")));
		assertThat(updated.authentication()).isEqualTo(ParticipantAuthentication.accessCode("4321"));

		List<Field> fields = this.sign.addFields(envelope.id(), first.id(),
				List.of(CreateField.signature(ada.id(), 1, BoundingBox.of(50, 50, 150, 30)),
						CreateField.initials(bob.id(), 2, BoundingBox.of(50, 50, 40, 20))));
		Field moved = this.sign.updateField(envelope.id(), first.id(), fields.get(0).id(),
				UpdateField.move(FieldType.SIGNATURE, 2, BoundingBox.of(60, 400, 150, 30)));
		assertThat(moved.page()).isEqualTo(2);
		this.sign.deleteParticipant(envelope.id(), bob.id());
		assertThat(this.sign.listFields(envelope.id(), first.id())).extracting(Field::id).containsExactly(moved.id());
		this.sign.deleteField(envelope.id(), first.id(), moved.id());
		assertThat(this.sign.listFields(envelope.id(), first.id())).isEmpty();
		this.sign.deleteDocument(envelope.id(), second.id());
		assertThat(this.sign.listDocuments(envelope.id())).extracting(Document::id).containsExactly(first.id());
		this.sign.deleteEnvelope(envelope.id());
		assertThatExceptionOfType(NitroApiException.NotFound.class).isThrownBy(() -> this.sign.getEnvelope(envelope.id()));
	}

	@Test
	void retriesAfterThrottlingAndRecoversFromRevokedTokens() {
		Envelope envelope = this.sign.createEnvelope(CreateEnvelope.parallel("Faults", "Sign", "Please"));
		int requestsBefore = nitro.apiRequestCount();
		nitro.throttle(1, Duration.ofSeconds(1));
		long started = System.nanoTime();
		assertThat(this.sign.getEnvelope(envelope.id()).id()).isEqualTo(envelope.id());
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
		assertThat(nitro.apiRequestCount() - requestsBefore).isEqualTo(2);

		int tokensBefore = nitro.tokenRequestCount();
		nitro.revokeAllTokens();
		assertThat(this.sign.getEnvelope(envelope.id()).id()).isEqualTo(envelope.id());
		assertThat(nitro.tokenRequestCount() - tokensBefore).isEqualTo(1);

		nitro.fail(1, 503);
		assertThat(this.sign.getEnvelope(envelope.id()).id()).isEqualTo(envelope.id());
		nitro.fail(1, 503);
		assertThatExceptionOfType(NitroApiException.ServerError.class)
			.isThrownBy(() -> this.sign.createEnvelope(CreateEnvelope.parallel("Not retried", "Sign", "Please")))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(503));
	}

	/** Calls a stand-in control over HTTP, as a person's browser would: outside Nitro's API, so not recorded. */
	private static ResponseEntity<String> control(String envelopeId, String action) {
		return WebClient.create(nitro.baseUrl())
			.post()
			.uri("/standin/envelopes/{envelopeID}:{action}", envelopeId, action)
			.exchangeToMono((response) -> response.toEntity(String.class))
			.block();
	}

	private String sentEnvelope(String name, String... signers) {
		Envelope envelope = this.sign.createEnvelope(CreateEnvelope.parallel(name, "Sign", "Please"));
		Document document = this.sign.uploadDocumentAndAwait(envelope.id(), DocumentMetadata.pdf("doc.pdf"),
				FileContent.of(TestFiles.pdf(name), "doc.pdf"));
		for (String email : signers) {
			Participant signer = this.sign.addParticipant(envelope.id(), CreateParticipant.signer(email));
			this.sign.addField(envelope.id(), document.id(),
					CreateField.signature(signer.id(), 1, BoundingBox.of(72, 600, 200, 40)));
		}
		this.sign.sendForSigning(envelope.id());
		return envelope.id();
	}

}
