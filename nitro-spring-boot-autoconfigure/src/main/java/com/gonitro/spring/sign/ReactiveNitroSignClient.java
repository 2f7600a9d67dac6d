package com.gonitro.spring.sign;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.util.Assert;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;

import com.gonitro.spring.client.FileContent;
import com.gonitro.spring.client.NitroAwaitTimeoutException;
import com.gonitro.spring.client.NitroErrors;
import com.gonitro.spring.client.NitroIds;
import com.gonitro.spring.client.NitroJson;
import com.gonitro.spring.client.NitroUnexpectedStateException;
import com.gonitro.spring.client.Polling;
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
import com.gonitro.spring.sign.model.Notification;
import com.gonitro.spring.sign.model.Participant;
import com.gonitro.spring.sign.model.SigningUrl;
import com.gonitro.spring.sign.model.UpdateEnvelope;
import com.gonitro.spring.sign.model.UpdateField;
import com.gonitro.spring.sign.model.UpdateParticipant;
import com.gonitro.spring.web.NitroExchangeFilterFunction;

/**
 * The Nitro Sign API, reactive: envelopes, documents, participants, fields, actions and downloads.
 * <p>
 * Built on {@code nitroWebClient}, so every call carries the application's token and is replayed as Nitro's guidance
 * says (after a 401, a 429, and for idempotent calls a 5xx). Errors surface as
 * {@link com.gonitro.spring.client.NitroApiException NitroApiException}s carrying Nitro's Problem Details (with a
 * subclass for each status worth catching), or {@link com.gonitro.spring.client.NitroConnectionException}s; never as
 * a raw {@code WebClientResponseException}. IDs are checked before any request is sent (an ID such as {@code ..} or
 * {@code a/b} is refused with an {@code IllegalArgumentException} naming the parameter, see {@link NitroIds}) and
 * encoded into paths; the {@code :} of action paths such as {@code :send-for-signing} is sent as it is.
 * <p>
 * Example: send a PDF for signature.
 * <pre>{@code
 * signClient.createEnvelope(CreateEnvelope.parallel("NDA", "Please sign", "Our NDA, for your signature"))
 *     .flatMap((envelope) -> signClient.uploadDocumentAndAwait(envelope.id(), DocumentMetadata.pdf("nda.pdf"),
 *             FileContent.of(Path.of("nda.pdf")))
 *         .zipWith(signClient.addParticipant(envelope.id(), CreateParticipant.signer("ada@example.com")))
 *         .flatMap((uploaded) -> signClient.addField(envelope.id(), uploaded.getT1().id(),
 *                 CreateField.signature(uploaded.getT2().id(), 1, BoundingBox.of(72, 700, 200, 40))))
 *         .then(signClient.sendForSigning(envelope.id())));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ReactiveNitroSignClient {

	private static final String ENVELOPES = "/sign/envelopes";

	private static final String ENVELOPE = ENVELOPES + "/{envelopeID}";

	private static final String DOCUMENTS = ENVELOPE + "/documents";

	private static final String DOCUMENT = DOCUMENTS + "/{documentID}";

	private static final String FIELDS = DOCUMENT + "/fields";

	private static final String FIELD = FIELDS + "/{fieldID}";

	private static final String PARTICIPANTS = ENVELOPE + "/participants";

	private static final String PARTICIPANT = PARTICIPANTS + "/{participantID}";

	/**
	 * A variable of a URI template, named as in Nitro's description ({@code envelopeID}): observations tag requests
	 * with the template. In the path, it is a Nitro ID.
	 */
	private static final Pattern URI_VARIABLE = Pattern.compile("\\{(\\w+)}");

	private static final Set<DocumentStatus> PROCESSED = EnumSet.of(DocumentStatus.UPLOADED, DocumentStatus.SIGNED,
			DocumentStatus.SEALED);

	private static final Set<EnvelopeStatus> FINAL = EnumSet.of(EnvelopeStatus.SEALED, EnvelopeStatus.REJECTED,
			EnvelopeStatus.CANCELLED, EnvelopeStatus.DELETED);

	private final WebClient webClient;

	private Polling documentPolling = new Polling(Duration.ofMillis(250), Duration.ofSeconds(5));

	private Polling envelopePolling = new Polling(Duration.ofSeconds(1), Duration.ofSeconds(30));

	private Duration documentUploadTimeout = Duration.ofMinutes(2);

	/**
	 * Creates a client on the given {@code WebClient}, which must authenticate requests for Nitro (the starter's
	 * {@code nitroWebClient} does). JSON is read and written with {@link NitroJson}, whatever the application's
	 * Jackson settings, and error replies become {@link com.gonitro.spring.client.NitroApiException}s.
	 * @param nitroWebClient the client for Nitro, with its base URL
	 */
	public ReactiveNitroSignClient(WebClient nitroWebClient) {
		Assert.notNull(nitroWebClient, "'nitroWebClient' must not be null");
		this.webClient = nitroWebClient.mutate()
			.codecs(NitroJson::configure)
			.defaultStatusHandler(HttpStatusCode::isError, NitroErrors::toException)
			.build();
	}

	/**
	 * Sets how long {@link #uploadDocumentAndAwait} waits for Nitro to process a document. Defaults to two minutes.
	 * @param documentUploadTimeout the longest wait
	 */
	public void setDocumentUploadTimeout(Duration documentUploadTimeout) {
		this.documentUploadTimeout = documentUploadTimeout;
	}

	/**
	 * Sets how often documents are polled while Nitro processes them: the first wait, doubling up to the longest.
	 * @param initialInterval the first wait
	 * @param maxInterval the longest wait
	 */
	public void setDocumentPolling(Duration initialInterval, Duration maxInterval) {
		this.documentPolling = new Polling(initialInterval, maxInterval);
	}

	/**
	 * Sets how often envelopes are polled by {@link #awaitEnvelopeStatus}: the first wait, doubling up to the
	 * longest.
	 * @param initialInterval the first wait
	 * @param maxInterval the longest wait
	 */
	public void setEnvelopePolling(Duration initialInterval, Duration maxInterval) {
		this.envelopePolling = new Polling(initialInterval, maxInterval);
	}

	// Envelopes

	/**
	 * Lists every envelope of the account, following Nitro's pages lazily: a page is requested only when the
	 * subscriber's demand reaches it.
	 * @return the envelopes
	 */
	public Flux<Envelope> listEnvelopes() {
		return new Pages<>(this::getEnvelopePage, EnvelopePage::items, EnvelopePage::nextPage).flux();
	}

	/**
	 * Returns one page of envelopes.
	 * @param pageAfter the cursor of the page (a previous page's {@code nextPage}), or {@code null} for the first
	 * @return the page
	 */
	public Mono<EnvelopePage> getEnvelopePage(@Nullable String pageAfter) {
		return (pageAfter != null)
				? exchange(HttpMethod.GET, null, EnvelopePage.class, ENVELOPES + "?pageAfter={pageAfter}", pageAfter)
				: exchange(HttpMethod.GET, null, EnvelopePage.class, ENVELOPES);
	}

	/**
	 * Returns the page of envelopes before the given cursor.
	 * @param pageBefore the cursor
	 * @return the page
	 */
	public Mono<EnvelopePage> getEnvelopePageBefore(String pageBefore) {
		return exchange(HttpMethod.GET, null, EnvelopePage.class, ENVELOPES + "?pageBefore={pageBefore}", pageBefore);
	}

	/**
	 * Creates an envelope, {@link EnvelopeStatus#DRAFTED}.
	 * @param envelope what it needs
	 * @return the envelope
	 */
	public Mono<Envelope> createEnvelope(CreateEnvelope envelope) {
		return exchange(HttpMethod.POST, envelope, Envelope.class, ENVELOPES);
	}

	/**
	 * Returns an envelope.
	 * @param envelopeId the envelope
	 * @return the envelope
	 */
	public Mono<Envelope> getEnvelope(String envelopeId) {
		return exchange(HttpMethod.GET, null, Envelope.class, ENVELOPE, envelopeId);
	}

	/**
	 * Changes a drafted envelope.
	 * @param envelopeId the envelope
	 * @param changes the changes
	 * @return the envelope as changed
	 */
	public Mono<Envelope> updateEnvelope(String envelopeId, UpdateEnvelope changes) {
		return exchange(HttpMethod.PATCH, changes, Envelope.class, ENVELOPE, envelopeId);
	}

	/**
	 * Deletes an envelope with its documents, participants and fields.
	 * @param envelopeId the envelope
	 * @return completion
	 */
	public Mono<Void> deleteEnvelope(String envelopeId) {
		return exchange(HttpMethod.DELETE, null, Void.class, ENVELOPE, envelopeId);
	}

	/**
	 * Sends an envelope for signing. Every document must be {@link DocumentStatus#UPLOADED}, or Nitro answers 409
	 * ({@link com.gonitro.spring.client.NitroApiException.Conflict}).
	 * @param envelopeId the envelope
	 * @return the envelope, now sent
	 */
	public Mono<Envelope> sendForSigning(String envelopeId) {
		return exchange(HttpMethod.POST, null, Envelope.class, ENVELOPE + ":send-for-signing", envelopeId);
	}

	/**
	 * Cancels a sent envelope.
	 * @param envelopeId the envelope
	 * @return the envelope, now cancelled
	 */
	public Mono<Envelope> cancelEnvelope(String envelopeId) {
		return exchange(HttpMethod.PUT, null, Envelope.class, ENVELOPE + ":cancel", envelopeId);
	}

	/**
	 * Reminds the participants who have not signed yet.
	 * @param envelopeId the envelope
	 * @param notification the reminder email, or {@code null} for Nitro's default
	 * @return completion
	 */
	public Mono<Void> sendReminders(String envelopeId, @Nullable Notification notification) {
		Map<String, Object> body = (notification != null) ? Map.of("notification", notification) : Map.of();
		return exchange(HttpMethod.POST, body, Void.class, ENVELOPE + ":send-reminders", envelopeId);
	}

	/**
	 * Waits, polling with backoff, until an envelope reaches one of the given statuses: typically
	 * {@link EnvelopeStatus#SEALED}, once everyone has signed.
	 * @param envelopeId the envelope
	 * @param timeout how long to wait at the most
	 * @param statuses the statuses awaited
	 * @return the envelope; or a {@link NitroUnexpectedStateException} if it reaches another final status
	 * (rejected, cancelled...); or a {@link NitroAwaitTimeoutException} once {@code timeout} has passed
	 */
	public Mono<Envelope> awaitEnvelopeStatus(String envelopeId, Duration timeout, EnvelopeStatus... statuses) {
		Set<EnvelopeStatus> awaited = EnumSet.copyOf(List.of(statuses));
		return this.envelopePolling.until(getEnvelope(envelopeId), (envelope) -> {
			if (awaited.contains(envelope.status())) {
				return Mono.just(envelope);
			}
			if (FINAL.contains(envelope.status())) {
				return Mono.error(new NitroUnexpectedStateException("Envelope " + envelopeId + " became "
						+ envelope.status().value() + " while " + awaited + " was awaited", envelopeId,
						envelope.status().value()));
			}
			return null;
		}, timeout, (last) -> new NitroAwaitTimeoutException("Envelope " + envelopeId + " did not become " + awaited
				+ " within " + timeout + ((last != null) ? "; it is " + last.status().value() : ""), envelopeId,
				timeout, (last != null) ? last.status().value() : null));
	}

	/**
	 * Streams the sealed envelope: a ZIP of the signed documents.
	 * @param envelopeId the envelope, {@link EnvelopeStatus#SEALED}
	 * @return the ZIP, in chunks: release each or write them with {@link DataBufferUtils}
	 */
	public Flux<DataBuffer> downloadSealedEnvelope(String envelopeId) {
		return download(MediaType.APPLICATION_OCTET_STREAM, ENVELOPE + ":download-sealed", envelopeId);
	}

	/**
	 * Writes the sealed envelope (a ZIP) to a file, streaming.
	 * @param envelopeId the envelope
	 * @param target the file, created or replaced
	 * @return the file
	 */
	public Mono<Path> downloadSealedEnvelope(String envelopeId, Path target) {
		return write(downloadSealedEnvelope(envelopeId), target);
	}

	/**
	 * Streams the original documents of an envelope, as a ZIP.
	 * @param envelopeId the envelope
	 * @return the ZIP, in chunks
	 */
	public Flux<DataBuffer> downloadOriginalEnvelope(String envelopeId) {
		return download(MediaType.APPLICATION_OCTET_STREAM, ENVELOPE + ":download-original", envelopeId);
	}

	/**
	 * Writes the original documents of an envelope (a ZIP) to a file, streaming.
	 * @param envelopeId the envelope
	 * @param target the file, created or replaced
	 * @return the file
	 */
	public Mono<Path> downloadOriginalEnvelope(String envelopeId, Path target) {
		return write(downloadOriginalEnvelope(envelopeId), target);
	}

	/**
	 * Streams the audit trail of an envelope, a PDF.
	 * @param envelopeId the envelope
	 * @return the PDF, in chunks
	 */
	public Flux<DataBuffer> downloadAuditTrail(String envelopeId) {
		return download(MediaType.APPLICATION_OCTET_STREAM, ENVELOPE + ":download-audit-trail", envelopeId);
	}

	/**
	 * Writes the audit trail of an envelope (a PDF) to a file, streaming.
	 * @param envelopeId the envelope
	 * @param target the file, created or replaced
	 * @return the file
	 */
	public Mono<Path> downloadAuditTrail(String envelopeId, Path target) {
		return write(downloadAuditTrail(envelopeId), target);
	}

	// Documents

	/**
	 * Lists the documents of an envelope, in their order.
	 * @param envelopeId the envelope
	 * @return the documents
	 */
	public Flux<Document> listDocuments(String envelopeId) {
		return items(new ParameterizedTypeReference<Items<Document>>() {
		}, DOCUMENTS, envelopeId);
	}

	/**
	 * Uploads a document into a drafted envelope, streaming its content (20 MB and 250 pages at the most). The
	 * document is {@link DocumentStatus#PENDING} until Nitro has processed it: use {@link #uploadDocumentAndAwait}
	 * to wait for that. The upload is replayed after a 401 or a 429 when its content can be read again.
	 * @param envelopeId the envelope
	 * @param metadata the document's name and, optionally, media type
	 * @param content the file
	 * @return the pending document
	 */
	public Mono<Document> uploadDocument(String envelopeId, DocumentMetadata metadata, FileContent content) {
		MultipartBodyBuilder multipart = new MultipartBodyBuilder();
		multipart.part("metadata", metadata, MediaType.APPLICATION_JSON);
		multipart.asyncPart("payload", content.read(DefaultDataBufferFactory.sharedInstance), DataBuffer.class)
			.filename(content.filename())
			.contentType(MediaType.APPLICATION_OCTET_STREAM);
		return exchange(HttpMethod.POST, new Multipart(multipart.build(), content.isReplayable()), Document.class,
				DOCUMENTS, envelopeId);
	}

	/**
	 * Uploads a document and waits, polling with backoff, until Nitro has processed it.
	 * @param envelopeId the envelope
	 * @param metadata the document's name and, optionally, media type
	 * @param content the file
	 * @return the uploaded document; or a {@link NitroDocumentFailedException} carrying Nitro's failure reason; or
	 * a {@link NitroAwaitTimeoutException} after the document upload timeout
	 */
	public Mono<Document> uploadDocumentAndAwait(String envelopeId, DocumentMetadata metadata, FileContent content) {
		return uploadDocument(envelopeId, metadata, content).flatMap((pending) -> awaitDocumentProcessed(envelopeId,
				NitroIds.requireValidInReply("document ID", pending.id())));
	}

	/**
	 * Adds a document the user already has in Nitro to a drafted envelope.
	 * @param envelopeId the envelope
	 * @param metadata the document's name in the envelope
	 * @param nitroDocumentId the Nitro document
	 * @return the pending document
	 */
	public Mono<Document> attachNitroDocument(String envelopeId, DocumentMetadata metadata, String nitroDocumentId) {
		MultipartBodyBuilder multipart = new MultipartBodyBuilder();
		multipart.part("metadata", metadata, MediaType.APPLICATION_JSON);
		return exchange(HttpMethod.POST, new Multipart(multipart.build(), null), Document.class,
				DOCUMENTS + "?nitroDocumentID={nitroDocumentID}", envelopeId,
				NitroIds.requireValid("nitroDocumentId", nitroDocumentId));
	}

	/**
	 * Waits, polling with backoff, until Nitro has processed a document.
	 * @param envelopeId the envelope
	 * @param documentId the document
	 * @return the document, uploaded; or a {@link NitroDocumentFailedException}; or a
	 * {@link NitroAwaitTimeoutException} after the document upload timeout
	 */
	public Mono<Document> awaitDocumentProcessed(String envelopeId, String documentId) {
		Duration timeout = this.documentUploadTimeout;
		return this.documentPolling.until(getDocument(envelopeId, documentId), (document) -> {
			if (PROCESSED.contains(document.status())) {
				return Mono.just(document);
			}
			if (document.status() == DocumentStatus.FAILED) {
				return Mono.error(
						new NitroDocumentFailedException(documentId, document.name(), document.failureReason()));
			}
			return null;
		}, timeout, (last) -> new NitroAwaitTimeoutException("Nitro did not finish processing document " + documentId
				+ " within " + timeout + ((last != null) ? "; it is " + last.status().value() : ""), documentId,
				timeout, (last != null) ? last.status().value() : null));
	}

	/**
	 * Returns a document.
	 * @param envelopeId the envelope
	 * @param documentId the document
	 * @return the document
	 */
	public Mono<Document> getDocument(String envelopeId, String documentId) {
		return exchange(HttpMethod.GET, null, Document.class, DOCUMENT, envelopeId, documentId);
	}

	/**
	 * Renames a document.
	 * @param envelopeId the envelope
	 * @param documentId the document
	 * @param name the new name
	 * @return the document
	 */
	public Mono<Document> renameDocument(String envelopeId, String documentId, String name) {
		return exchange(HttpMethod.PATCH, Map.of("name", name), Document.class, DOCUMENT, envelopeId, documentId);
	}

	/**
	 * Removes a document from a drafted envelope.
	 * @param envelopeId the envelope
	 * @param documentId the document
	 * @return completion
	 */
	public Mono<Void> deleteDocument(String envelopeId, String documentId) {
		return exchange(HttpMethod.DELETE, null, Void.class, DOCUMENT, envelopeId, documentId);
	}

	/**
	 * Puts the documents of an envelope in a new order.
	 * @param envelopeId the envelope
	 * @param documentIds all its documents, in the new order
	 * @return completion
	 */
	public Mono<Void> reorderDocuments(String envelopeId, List<String> documentIds) {
		return exchange(HttpMethod.PUT, Map.of("order", NitroIds.requireValid("documentIds", documentIds)), Void.class,
				DOCUMENTS + ":reorder", envelopeId);
	}

	/**
	 * Streams a sealed document, a PDF.
	 * @param envelopeId the envelope
	 * @param documentId the document
	 * @return the PDF, in chunks
	 */
	public Flux<DataBuffer> downloadSealedDocument(String envelopeId, String documentId) {
		return download(MediaType.APPLICATION_PDF, DOCUMENT + ":download-sealed", envelopeId, documentId);
	}

	/**
	 * Writes a sealed document (a PDF) to a file, streaming.
	 * @param envelopeId the envelope
	 * @param documentId the document
	 * @param target the file, created or replaced
	 * @return the file
	 */
	public Mono<Path> downloadSealedDocument(String envelopeId, String documentId, Path target) {
		return write(downloadSealedDocument(envelopeId, documentId), target);
	}

	// Participants

	/**
	 * Lists the participants of an envelope.
	 * @param envelopeId the envelope
	 * @return the participants
	 */
	public Flux<Participant> listParticipants(String envelopeId) {
		return items(new ParameterizedTypeReference<Items<Participant>>() {
		}, PARTICIPANTS, envelopeId);
	}

	/**
	 * Adds a participant to an envelope.
	 * @param envelopeId the envelope
	 * @param participant the participant
	 * @return the participant, with its ID
	 */
	public Mono<Participant> addParticipant(String envelopeId, CreateParticipant participant) {
		return exchange(HttpMethod.POST, participant, Participant.class, PARTICIPANTS, envelopeId);
	}

	/**
	 * Adds several participants to an envelope in one request.
	 * @param envelopeId the envelope
	 * @param participants the participants
	 * @return the participants, with their IDs
	 */
	public Flux<Participant> addParticipants(String envelopeId, List<CreateParticipant> participants) {
		return exchange(HttpMethod.POST, Map.of("items", participants), new ParameterizedTypeReference<Items<Participant>>() {
		}, PARTICIPANTS, envelopeId).flatMapIterable(Items::items);
	}

	/**
	 * Changes a participant.
	 * @param envelopeId the envelope
	 * @param participantId the participant
	 * @param changes the changes
	 * @return the participant
	 */
	public Mono<Participant> updateParticipant(String envelopeId, String participantId, UpdateParticipant changes) {
		return exchange(HttpMethod.PATCH, changes, Participant.class, PARTICIPANT, envelopeId, participantId);
	}

	/**
	 * Removes a participant, with their fields.
	 * @param envelopeId the envelope
	 * @param participantId the participant
	 * @return completion
	 */
	public Mono<Void> deleteParticipant(String envelopeId, String participantId) {
		return exchange(HttpMethod.DELETE, null, Void.class, PARTICIPANT, envelopeId, participantId);
	}

	/**
	 * Removes several participants in one request.
	 * @param envelopeId the envelope
	 * @param participantIds the participants
	 * @return completion
	 */
	public Mono<Void> deleteParticipants(String envelopeId, List<String> participantIds) {
		return exchange(HttpMethod.POST, Map.of("items", NitroIds.requireValid("participantIds", participantIds)),
				Void.class, PARTICIPANTS + ":batch-delete", envelopeId);
	}

	/**
	 * Lists the URLs signers open to sign a sent envelope (embedded signing).
	 * @param envelopeId the envelope, {@link EnvelopeStatus#SENT}
	 * @return the signing URLs
	 */
	public Flux<SigningUrl> listSigningUrls(String envelopeId) {
		return items(new ParameterizedTypeReference<Items<SigningUrl>>() {
		}, PARTICIPANTS + "/signing-urls", envelopeId);
	}

	// Fields

	/**
	 * Lists the fields of a document.
	 * @param envelopeId the envelope
	 * @param documentId the document
	 * @return the fields
	 */
	public Flux<Field> listFields(String envelopeId, String documentId) {
		return items(new ParameterizedTypeReference<Items<Field>>() {
		}, FIELDS, envelopeId, documentId);
	}

	/**
	 * Adds a field to an uploaded document.
	 * @param envelopeId the envelope
	 * @param documentId the document, {@link DocumentStatus#UPLOADED}
	 * @param field the field
	 * @return the field, with its ID
	 */
	public Mono<Field> addField(String envelopeId, String documentId, CreateField field) {
		return exchange(HttpMethod.POST, field, Field.class, FIELDS, envelopeId, documentId);
	}

	/**
	 * Adds several fields to an uploaded document in one request.
	 * @param envelopeId the envelope
	 * @param documentId the document
	 * @param fields the fields
	 * @return the fields, with their IDs
	 */
	public Flux<Field> addFields(String envelopeId, String documentId, List<CreateField> fields) {
		return exchange(HttpMethod.POST, Map.of("items", fields), new ParameterizedTypeReference<Items<Field>>() {
		}, FIELDS, envelopeId, documentId).flatMapIterable(Items::items);
	}

	/**
	 * Changes a field.
	 * @param envelopeId the envelope
	 * @param documentId the document
	 * @param fieldId the field
	 * @param changes the changes
	 * @return the field
	 */
	public Mono<Field> updateField(String envelopeId, String documentId, String fieldId, UpdateField changes) {
		return exchange(HttpMethod.PATCH, changes, Field.class, FIELD, envelopeId, documentId, fieldId);
	}

	/**
	 * Removes a field.
	 * @param envelopeId the envelope
	 * @param documentId the document
	 * @param fieldId the field
	 * @return completion
	 */
	public Mono<Void> deleteField(String envelopeId, String documentId, String fieldId) {
		return exchange(HttpMethod.DELETE, null, Void.class, FIELD, envelopeId, documentId, fieldId);
	}

	/**
	 * Removes several fields in one request.
	 * @param envelopeId the envelope
	 * @param documentId the document
	 * @param fieldIds the fields
	 * @return completion
	 */
	public Mono<Void> deleteFields(String envelopeId, String documentId, List<String> fieldIds) {
		return exchange(HttpMethod.POST, Map.of("items", NitroIds.requireValid("fieldIds", fieldIds)), Void.class,
				FIELDS + ":batch-delete", envelopeId, documentId);
	}

	// Plumbing: every request goes through exchange (JSON replies) or download (files)

	private <T> Mono<T> exchange(HttpMethod method, @Nullable Object body, Class<T> type, String uriTemplate,
			@Nullable String... uriVariables) {
		return exchange(method, body, ParameterizedTypeReference.forType(type), uriTemplate, uriVariables);
	}

	/**
	 * Sends a request whose reply is JSON, or empty.
	 * @param body a value sent as JSON, a {@link Multipart} body, or {@code null}
	 */
	private <T> Mono<T> exchange(HttpMethod method, @Nullable Object body, ParameterizedTypeReference<T> type,
			String uriTemplate, @Nullable String... uriVariables) {
		WebClient.RequestBodySpec request = this.webClient.method(method)
			.uri(uriTemplate, checkIds(uriTemplate, uriVariables))
			.accept(MediaType.APPLICATION_JSON);
		if (body instanceof Multipart multipart) {
			if (multipart.replayable() != null) {
				request.attribute(NitroExchangeFilterFunction.REPLAYABLE_BODY, multipart.replayable());
			}
			request.contentType(MediaType.MULTIPART_FORM_DATA).body(BodyInserters.fromMultipartData(multipart.parts()));
		}
		else if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
		}
		return request.retrieve().bodyToMono(type).onErrorMap(NitroErrors::translate);
	}

	/**
	 * Streams a file, asking for the media type Nitro's description names for it.
	 */
	private Flux<DataBuffer> download(MediaType accept, String uriTemplate, String... uriVariables) {
		return this.webClient.get()
			.uri(uriTemplate, checkIds(uriTemplate, uriVariables))
			.accept(accept)
			.retrieve()
			.bodyToFlux(DataBuffer.class)
			.onErrorMap(NitroErrors::translate);
	}

	/**
	 * Checks each variable of the template's path as a Nitro ID before it becomes part of the path, naming it as the
	 * method's parameter ({@code {envelopeID}} is {@code envelopeId}). Variables of the query (cursors, a Nitro
	 * document ID) are encoded as query values.
	 */
	private static Object[] checkIds(String uriTemplate, @Nullable String[] uriVariables) {
		int query = uriTemplate.indexOf('?');
		Matcher ids = URI_VARIABLE.matcher((query < 0) ? uriTemplate : uriTemplate.substring(0, query));
		for (int i = 0; ids.find(); i++) {
			NitroIds.requireValid(ids.group(1).replaceFirst("ID$", "Id"), uriVariables[i]);
		}
		return uriVariables;
	}

	private <T> Flux<T> items(ParameterizedTypeReference<Items<T>> type, String uriTemplate, String... uriVariables) {
		return exchange(HttpMethod.GET, null, type, uriTemplate, uriVariables).flatMapIterable(Items::items);
	}

	private static Mono<Path> write(Flux<DataBuffer> content, Path target) {
		return DataBufferUtils.write(content, target).thenReturn(target);
	}

	/**
	 * A multipart body.
	 * @param parts the parts
	 * @param replayable whether the request may be replayed whatever its size, or {@code null} to let the filter
	 * judge by its size
	 */
	private record Multipart(MultiValueMap<String, HttpEntity<?>> parts, @Nullable Boolean replayable) {

	}

}
