package com.gonitro.spring.sign;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.util.Assert;

import com.gonitro.spring.client.Blocking;
import com.gonitro.spring.client.FileContent;
import com.gonitro.spring.sign.model.CreateEnvelope;
import com.gonitro.spring.sign.model.CreateField;
import com.gonitro.spring.sign.model.CreateParticipant;
import com.gonitro.spring.sign.model.Document;
import com.gonitro.spring.sign.model.DocumentMetadata;
import com.gonitro.spring.sign.model.Envelope;
import com.gonitro.spring.sign.model.EnvelopePage;
import com.gonitro.spring.sign.model.EnvelopeStatus;
import com.gonitro.spring.sign.model.Field;
import com.gonitro.spring.sign.model.Notification;
import com.gonitro.spring.sign.model.Participant;
import com.gonitro.spring.sign.model.SigningUrl;
import com.gonitro.spring.sign.model.UpdateEnvelope;
import com.gonitro.spring.sign.model.UpdateField;
import com.gonitro.spring.sign.model.UpdateParticipant;

/**
 * The Nitro Sign API, blocking: for servlet applications, batch jobs and command-line tools. Each method waits for
 * {@link ReactiveNitroSignClient}, so it must not be called on a non-blocking thread (Reactor refuses that). Errors
 * surface as {@link com.gonitro.spring.client.NitroApiException NitroApiException}s carrying Nitro's Problem
 * Details. An ID that is not a Nitro ID (such as {@code ..}) is refused with an {@code IllegalArgumentException}
 * naming the parameter, before any request is sent.
 * <p>
 * Example: send a PDF for signature, wait until it is sealed, download it.
 * <pre>{@code
 * Envelope envelope = sign.createEnvelope(CreateEnvelope.parallel("NDA", "Please sign", "Our NDA"));
 * Document document = sign.uploadDocumentAndAwait(envelope.id(), DocumentMetadata.pdf("nda.pdf"),
 *         FileContent.of(Path.of("nda.pdf")));
 * Participant signer = sign.addParticipant(envelope.id(), CreateParticipant.signer("ada@example.com"));
 * sign.addField(envelope.id(), document.id(), CreateField.signature(signer.id(), 1, BoundingBox.of(72, 700, 200, 40)));
 * sign.sendForSigning(envelope.id());
 * sign.awaitEnvelopeStatus(envelope.id(), Duration.ofDays(7), EnvelopeStatus.SEALED);
 * sign.downloadSealedEnvelope(envelope.id(), Path.of("nda-signed.zip"));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class NitroSignClient {

	private final ReactiveNitroSignClient reactive;

	/**
	 * Creates a client that waits for the given reactive client.
	 * @param reactive the reactive client
	 */
	public NitroSignClient(ReactiveNitroSignClient reactive) {
		Assert.notNull(reactive, "'reactive' must not be null");
		this.reactive = reactive;
	}

	/**
	 * Returns the reactive client this one waits for.
	 * @return the reactive client
	 */
	public ReactiveNitroSignClient reactive() {
		return this.reactive;
	}

	// Envelopes

	/**
	 * Lists every envelope of the account, following Nitro's pages lazily: a page is requested only when the
	 * stream reaches it. Close the stream, or read it to the end.
	 * @return the envelopes
	 */
	public Stream<Envelope> listEnvelopes() {
		Pages<EnvelopePage, Envelope> pages = new Pages<>(this.reactive::getEnvelopePage, EnvelopePage::items,
				EnvelopePage::nextPage);
		return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages.iterator(), Spliterator.ORDERED), false);
	}

	/**
	 * Returns one page of envelopes.
	 * @param pageAfter the cursor of the page, or {@code null} for the first
	 * @return the page
	 */
	public EnvelopePage getEnvelopePage(@Nullable String pageAfter) {
		return Blocking.await(this.reactive.getEnvelopePage(pageAfter));
	}

	/**
	 * Returns the page of envelopes before the given cursor.
	 * @param pageBefore the cursor
	 * @return the page
	 */
	public EnvelopePage getEnvelopePageBefore(String pageBefore) {
		return Blocking.await(this.reactive.getEnvelopePageBefore(pageBefore));
	}

	/**
	 * Creates an envelope, drafted.
	 * @param envelope what it needs
	 * @return the envelope
	 */
	public Envelope createEnvelope(CreateEnvelope envelope) {
		return Blocking.await(this.reactive.createEnvelope(envelope));
	}

	/**
	 * Returns an envelope.
	 * @param envelopeId the envelope
	 * @return the envelope
	 */
	public Envelope getEnvelope(String envelopeId) {
		return Blocking.await(this.reactive.getEnvelope(envelopeId));
	}

	/**
	 * Changes a drafted envelope.
	 * @param envelopeId the envelope
	 * @param changes the changes
	 * @return the envelope as changed
	 */
	public Envelope updateEnvelope(String envelopeId, UpdateEnvelope changes) {
		return Blocking.await(this.reactive.updateEnvelope(envelopeId, changes));
	}

	/**
	 * Deletes an envelope with its documents, participants and fields.
	 * @param envelopeId the envelope
	 */
	public void deleteEnvelope(String envelopeId) {
		this.reactive.deleteEnvelope(envelopeId).block();
	}

	/**
	 * Sends an envelope for signing; every document must be uploaded, or Nitro answers 409.
	 * @param envelopeId the envelope
	 * @return the envelope, now sent
	 */
	public Envelope sendForSigning(String envelopeId) {
		return Blocking.await(this.reactive.sendForSigning(envelopeId));
	}

	/**
	 * Cancels a sent envelope.
	 * @param envelopeId the envelope
	 * @return the envelope, now cancelled
	 */
	public Envelope cancelEnvelope(String envelopeId) {
		return Blocking.await(this.reactive.cancelEnvelope(envelopeId));
	}

	/**
	 * Reminds the participants who have not signed yet.
	 * @param envelopeId the envelope
	 * @param notification the reminder email, or {@code null} for Nitro's default
	 */
	public void sendReminders(String envelopeId, @Nullable Notification notification) {
		this.reactive.sendReminders(envelopeId, notification).block();
	}

	/**
	 * Waits, polling with backoff, until an envelope reaches one of the given statuses.
	 * @param envelopeId the envelope
	 * @param timeout how long to wait at the most
	 * @param statuses the statuses awaited, typically {@link EnvelopeStatus#SEALED}
	 * @return the envelope
	 * @throws com.gonitro.spring.client.NitroUnexpectedStateException if it reaches another final status
	 * @throws com.gonitro.spring.client.NitroAwaitTimeoutException if it does not reach one in time
	 */
	public Envelope awaitEnvelopeStatus(String envelopeId, Duration timeout, EnvelopeStatus... statuses) {
		return Blocking.await(this.reactive.awaitEnvelopeStatus(envelopeId, timeout, statuses));
	}

	/**
	 * Writes the sealed envelope (a ZIP of the signed documents) to a file, streaming.
	 * @param envelopeId the envelope, sealed
	 * @param target the file, created or replaced
	 * @return the file
	 */
	public Path downloadSealedEnvelope(String envelopeId, Path target) {
		return Blocking.await(this.reactive.downloadSealedEnvelope(envelopeId, target));
	}

	/**
	 * Opens the sealed envelope (a ZIP) as a stream, read from the network as it is consumed. Close it.
	 * @param envelopeId the envelope, sealed
	 * @return the stream
	 */
	public InputStream openSealedEnvelope(String envelopeId) {
		return Blocking.stream(this.reactive.downloadSealedEnvelope(envelopeId));
	}

	/**
	 * Writes the original documents of an envelope (a ZIP) to a file, streaming.
	 * @param envelopeId the envelope
	 * @param target the file, created or replaced
	 * @return the file
	 */
	public Path downloadOriginalEnvelope(String envelopeId, Path target) {
		return Blocking.await(this.reactive.downloadOriginalEnvelope(envelopeId, target));
	}

	/**
	 * Opens the original documents of an envelope (a ZIP) as a stream. Close it.
	 * @param envelopeId the envelope
	 * @return the stream
	 */
	public InputStream openOriginalEnvelope(String envelopeId) {
		return Blocking.stream(this.reactive.downloadOriginalEnvelope(envelopeId));
	}

	/**
	 * Writes the audit trail of an envelope (a PDF) to a file, streaming.
	 * @param envelopeId the envelope
	 * @param target the file, created or replaced
	 * @return the file
	 */
	public Path downloadAuditTrail(String envelopeId, Path target) {
		return Blocking.await(this.reactive.downloadAuditTrail(envelopeId, target));
	}

	/**
	 * Opens the audit trail of an envelope (a PDF) as a stream. Close it.
	 * @param envelopeId the envelope
	 * @return the stream
	 */
	public InputStream openAuditTrail(String envelopeId) {
		return Blocking.stream(this.reactive.downloadAuditTrail(envelopeId));
	}

	// Documents

	/**
	 * Lists the documents of an envelope.
	 * @param envelopeId the envelope
	 * @return the documents, in their order
	 */
	public List<Document> listDocuments(String envelopeId) {
		return list(this.reactive.listDocuments(envelopeId));
	}

	/**
	 * Uploads a document into a drafted envelope, streaming its content; it is pending until Nitro has processed
	 * it.
	 * @param envelopeId the envelope
	 * @param metadata the document's name and, optionally, media type
	 * @param content the file
	 * @return the pending document
	 */
	public Document uploadDocument(String envelopeId, DocumentMetadata metadata, FileContent content) {
		return Blocking.await(this.reactive.uploadDocument(envelopeId, metadata, content));
	}

	/**
	 * Uploads a document and waits, polling with backoff, until Nitro has processed it.
	 * @param envelopeId the envelope
	 * @param metadata the document's name and, optionally, media type
	 * @param content the file
	 * @return the uploaded document
	 * @throws NitroDocumentFailedException with Nitro's failure reason if Nitro could not process it
	 * @throws com.gonitro.spring.client.NitroAwaitTimeoutException if Nitro takes longer than the upload timeout
	 */
	public Document uploadDocumentAndAwait(String envelopeId, DocumentMetadata metadata, FileContent content) {
		return Blocking.await(this.reactive.uploadDocumentAndAwait(envelopeId, metadata, content));
	}

	/**
	 * Adds a document the user already has in Nitro to a drafted envelope.
	 * @param envelopeId the envelope
	 * @param metadata the document's name in the envelope
	 * @param nitroDocumentId the Nitro document
	 * @return the pending document
	 */
	public Document attachNitroDocument(String envelopeId, DocumentMetadata metadata, String nitroDocumentId) {
		return Blocking.await(this.reactive.attachNitroDocument(envelopeId, metadata, nitroDocumentId));
	}

	/**
	 * Waits, polling with backoff, until Nitro has processed a document.
	 * @param envelopeId the envelope
	 * @param documentId the document
	 * @return the document, uploaded
	 */
	public Document awaitDocumentProcessed(String envelopeId, String documentId) {
		return Blocking.await(this.reactive.awaitDocumentProcessed(envelopeId, documentId));
	}

	/**
	 * Returns a document.
	 * @param envelopeId the envelope
	 * @param documentId the document
	 * @return the document
	 */
	public Document getDocument(String envelopeId, String documentId) {
		return Blocking.await(this.reactive.getDocument(envelopeId, documentId));
	}

	/**
	 * Renames a document.
	 * @param envelopeId the envelope
	 * @param documentId the document
	 * @param name the new name
	 * @return the document
	 */
	public Document renameDocument(String envelopeId, String documentId, String name) {
		return Blocking.await(this.reactive.renameDocument(envelopeId, documentId, name));
	}

	/**
	 * Removes a document from a drafted envelope.
	 * @param envelopeId the envelope
	 * @param documentId the document
	 */
	public void deleteDocument(String envelopeId, String documentId) {
		this.reactive.deleteDocument(envelopeId, documentId).block();
	}

	/**
	 * Puts the documents of an envelope in a new order.
	 * @param envelopeId the envelope
	 * @param documentIds all its documents, in the new order
	 */
	public void reorderDocuments(String envelopeId, List<String> documentIds) {
		this.reactive.reorderDocuments(envelopeId, documentIds).block();
	}

	/**
	 * Writes a sealed document (a PDF) to a file, streaming.
	 * @param envelopeId the envelope
	 * @param documentId the document
	 * @param target the file, created or replaced
	 * @return the file
	 */
	public Path downloadSealedDocument(String envelopeId, String documentId, Path target) {
		return Blocking.await(this.reactive.downloadSealedDocument(envelopeId, documentId, target));
	}

	/**
	 * Opens a sealed document (a PDF) as a stream. Close it.
	 * @param envelopeId the envelope
	 * @param documentId the document
	 * @return the stream
	 */
	public InputStream openSealedDocument(String envelopeId, String documentId) {
		return Blocking.stream(this.reactive.downloadSealedDocument(envelopeId, documentId));
	}

	// Participants

	/**
	 * Lists the participants of an envelope.
	 * @param envelopeId the envelope
	 * @return the participants
	 */
	public List<Participant> listParticipants(String envelopeId) {
		return list(this.reactive.listParticipants(envelopeId));
	}

	/**
	 * Adds a participant to an envelope.
	 * @param envelopeId the envelope
	 * @param participant the participant
	 * @return the participant, with its ID
	 */
	public Participant addParticipant(String envelopeId, CreateParticipant participant) {
		return Blocking.await(this.reactive.addParticipant(envelopeId, participant));
	}

	/**
	 * Adds several participants in one request.
	 * @param envelopeId the envelope
	 * @param participants the participants
	 * @return the participants, with their IDs
	 */
	public List<Participant> addParticipants(String envelopeId, List<CreateParticipant> participants) {
		return list(this.reactive.addParticipants(envelopeId, participants));
	}

	/**
	 * Changes a participant.
	 * @param envelopeId the envelope
	 * @param participantId the participant
	 * @param changes the changes
	 * @return the participant
	 */
	public Participant updateParticipant(String envelopeId, String participantId, UpdateParticipant changes) {
		return Blocking.await(this.reactive.updateParticipant(envelopeId, participantId, changes));
	}

	/**
	 * Removes a participant, with their fields.
	 * @param envelopeId the envelope
	 * @param participantId the participant
	 */
	public void deleteParticipant(String envelopeId, String participantId) {
		this.reactive.deleteParticipant(envelopeId, participantId).block();
	}

	/**
	 * Removes several participants in one request.
	 * @param envelopeId the envelope
	 * @param participantIds the participants
	 */
	public void deleteParticipants(String envelopeId, List<String> participantIds) {
		this.reactive.deleteParticipants(envelopeId, participantIds).block();
	}

	/**
	 * Lists the URLs signers open to sign a sent envelope (embedded signing).
	 * @param envelopeId the envelope, sent
	 * @return the signing URLs
	 */
	public List<SigningUrl> listSigningUrls(String envelopeId) {
		return list(this.reactive.listSigningUrls(envelopeId));
	}

	// Fields

	/**
	 * Lists the fields of a document.
	 * @param envelopeId the envelope
	 * @param documentId the document
	 * @return the fields
	 */
	public List<Field> listFields(String envelopeId, String documentId) {
		return list(this.reactive.listFields(envelopeId, documentId));
	}

	/**
	 * Adds a field to an uploaded document.
	 * @param envelopeId the envelope
	 * @param documentId the document, uploaded
	 * @param field the field
	 * @return the field, with its ID
	 */
	public Field addField(String envelopeId, String documentId, CreateField field) {
		return Blocking.await(this.reactive.addField(envelopeId, documentId, field));
	}

	/**
	 * Adds several fields in one request.
	 * @param envelopeId the envelope
	 * @param documentId the document
	 * @param fields the fields
	 * @return the fields, with their IDs
	 */
	public List<Field> addFields(String envelopeId, String documentId, List<CreateField> fields) {
		return list(this.reactive.addFields(envelopeId, documentId, fields));
	}

	/**
	 * Changes a field.
	 * @param envelopeId the envelope
	 * @param documentId the document
	 * @param fieldId the field
	 * @param changes the changes
	 * @return the field
	 */
	public Field updateField(String envelopeId, String documentId, String fieldId, UpdateField changes) {
		return Blocking.await(this.reactive.updateField(envelopeId, documentId, fieldId, changes));
	}

	/**
	 * Removes a field.
	 * @param envelopeId the envelope
	 * @param documentId the document
	 * @param fieldId the field
	 */
	public void deleteField(String envelopeId, String documentId, String fieldId) {
		this.reactive.deleteField(envelopeId, documentId, fieldId).block();
	}

	/**
	 * Removes several fields in one request.
	 * @param envelopeId the envelope
	 * @param documentId the document
	 * @param fieldIds the fields
	 */
	public void deleteFields(String envelopeId, String documentId, List<String> fieldIds) {
		this.reactive.deleteFields(envelopeId, documentId, fieldIds).block();
	}

	private static <T> List<T> list(Flux<T> items) {
		return Blocking.await(items.collectList());
	}

}
