package com.gonitro.spring.standin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.codec.multipart.Part;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Documents of an envelope: {@code …/documents}, {@code …/documents/{documentID}} and {@code …/documents:reorder}.
 * Nitro's rules:
 * <ul>
 * <li>an upload is multipart: a {@code metadata} part (JSON {@code {name, contentType?}}, {@code name} required)
 * and a {@code payload} part (400 without them); {@code ?nitroDocumentID=} answers 404, as the stand-in has no
 * Nitro Drive;</li>
 * <li>a file holds at most 20 MB (413), an envelope at most 15 documents (422) and 300 MB (413);</li>
 * <li>without a {@code contentType} only a PDF is accepted (415 otherwise); with one, only the formats Nitro
 * converts (415 otherwise);</li>
 * <li>a new document answers {@code pending}, and reads {@code uploaded} once the processing delay has passed, or
 * {@code failed} with its reason: not a readable PDF, not convertible, more than 250 pages;</li>
 * <li>uploading, renaming, deleting and reordering change only a {@code drafted} envelope (409); a reorder lists
 * each of the envelope's document IDs once (400).</li>
 * </ul>
 */
final class StandInDocuments {

	static final String DOCUMENT = StandInEnvelopes.ENVELOPE + "/documents/{documentID}";

	private static final int MAX_DOCUMENTS = 15;

	private static final long MAX_ENVELOPE_SIZE = 300L * 1024 * 1024;

	private static final int MAX_PAGES = 250;

	private final StandInSign sign;

	private final Duration processingDelay;

	StandInDocuments(StandInSign sign, Duration processingDelay) {
		this.sign = sign;
		this.processingDelay = processingDelay;
	}

	RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route()
			.PUT(StandInEnvelopes.ENVELOPE + "/documents:reorder", this::reorder)
			.GET(StandInEnvelopes.ENVELOPE + "/documents", this::list)
			.POST(StandInEnvelopes.ENVELOPE + "/documents", this::upload)
			.GET(DOCUMENT, this::get)
			.PATCH(DOCUMENT, this::rename)
			.DELETE(DOCUMENT, this::delete)
			.build();
	}

	private Mono<ServerResponse> list(ServerRequest request) {
		return StandInJson.reply(HttpStatus.OK, this.sign.read(request, this::list));
	}

	private Mono<ServerResponse> upload(ServerRequest request) {
		String envelopeId = this.sign.drafted(request, "given documents", (envelope) -> envelope.id);
		Optional<String> nitroDocumentId = request.queryParam("nitroDocumentID");
		return request.multipartData().flatMap((parts) -> {
			Part metadataPart = parts.getFirst("metadata");
			Part payload = parts.getFirst("payload");
			if (metadataPart == null) {
				throw StandInProblem.invalid("metadata", "is required: a JSON part {\"name\", \"contentType\"}");
			}
			if (payload != null && nitroDocumentId.isPresent()) {
				throw StandInProblem.invalid("nitroDocumentID", "cannot be combined with a payload part");
			}
			if (payload == null) {
				throw nitroDocumentId.map((id) -> StandInProblem.notFound("Nitro document", id))
					.orElseGet(() -> StandInProblem.invalid("payload", "is required, or the nitroDocumentID query parameter"));
			}
			return StandInMultipart.bytes(metadataPart, StandInMultipart.MAX_FIELD_SIZE)
				.zipWith(StandInMultipart.bytes(payload, StandInMultipart.MAX_FILE_SIZE))
				.publishOn(Schedulers.boundedElastic())
				.map((upload) -> process(StandInJson.readObject(upload.getT1(), "metadata"), upload.getT2()));
		}).flatMap((document) -> StandInJson.reply(HttpStatus.CREATED,
				this.sign.drafted(envelopeId, "given documents", (envelope) -> {
					if (envelope.documents.size() >= MAX_DOCUMENTS) {
						throw StandInProblem.unprocessable("An envelope holds at most " + MAX_DOCUMENTS + " documents");
					}
					long size = envelope.documents.values().stream().mapToLong((existing) -> existing.original.length).sum();
					if (size + document.original.length > MAX_ENVELOPE_SIZE) {
						throw StandInProblem.of(HttpStatus.CONTENT_TOO_LARGE, "An envelope holds at most 300 MB of documents");
					}
					envelope.add(document, this.sign.now());
					return document.created();
				})));
	}

	/** What Nitro's processing makes of an upload: a PDF with its pages, or a failure with its reason. */
	private StandInDocument process(ObjectNode metadata, byte[] payload) {
		String name = StandInJson.requiredText(metadata, "name");
		String declared = metadata.path("contentType").asString(null);
		String contentType = (declared != null) ? declared.toLowerCase(Locale.ROOT).strip() : null;
		Instant now = this.sign.now();
		Instant processed = now.plus(this.processingDelay);
		if (contentType == null || contentType.equals(StandInPdfs.PDF)) {
			if (!StandInPdfs.looksLikePdf(payload)) {
				if (contentType == null) {
					throw StandInProblem.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The file is not a PDF: without a "
							+ "contentType in the metadata only PDF files are accepted");
				}
				return StandInDocument.failed(name, now, processed, payload, StandInPdfs.PDF,
						"The file could not be read as a PDF");
			}
			return checkedPdf(name, now, processed, payload, StandInPdfs.PDF, payload);
		}
		if (!StandInConversions.SIGN_CONVERTIBLE.contains(contentType)) {
			throw StandInProblem.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
					"Content type '" + declared + "' is not supported; see Nitro's list of supported file formats");
		}
		try {
			byte[] pdf = StandInConversions.toPdf(payload, contentType, name);
			return checkedPdf(name, now, processed, payload, contentType, pdf);
		}
		catch (StandInProblem ex) {
			return StandInDocument.failed(name, now, processed, payload, contentType, ex.getMessage());
		}
	}

	private static StandInDocument checkedPdf(String name, Instant now, Instant processed, byte[] original,
			String contentType, byte[] pdf) {
		int pages;
		try {
			pages = StandInPdfs.pageCount(pdf);
		}
		catch (StandInProblem ex) {
			return StandInDocument.failed(name, now, processed, original, contentType, ex.getMessage());
		}
		if (pages > MAX_PAGES) {
			return StandInDocument.failed(name, now, processed, original, contentType,
					"The document has " + pages + " pages; at most " + MAX_PAGES + " are allowed");
		}
		return StandInDocument.processed(name, now, processed, original, contentType, pdf, pages);
	}

	private Mono<ServerResponse> get(ServerRequest request) {
		return StandInJson.reply(HttpStatus.OK, this.sign.read(request, (envelope) -> envelope
			.document(request.pathVariable("documentID"))
			.json(this.sign.now(), this.sign.status(envelope))));
	}

	private Mono<ServerResponse> rename(ServerRequest request) {
		return StandInJson.body(request)
			.flatMap((body) -> StandInJson.reply(HttpStatus.OK, this.sign.drafted(request, "changed", (envelope) -> {
				StandInDocument document = envelope.document(request.pathVariable("documentID"));
				document.name = StandInJson.requiredText(body, "name");
				envelope.touch(this.sign.now(), "Document " + document.id + " renamed '" + document.name + "'");
				return document.json(this.sign.now(), this.sign.status(envelope));
			})));
	}

	private Mono<ServerResponse> delete(ServerRequest request) {
		this.sign.drafted(request, "changed", (envelope) -> {
			StandInDocument document = envelope.document(request.pathVariable("documentID"));
			envelope.remove(document, this.sign.now());
			return document;
		});
		return ServerResponse.noContent().build();
	}

	private Mono<ServerResponse> reorder(ServerRequest request) {
		return StandInJson.body(request)
			.flatMap((body) -> StandInJson.reply(HttpStatus.OK, this.sign.drafted(request, "changed", (envelope) -> {
				List<String> order = new ArrayList<>();
				body.path("order").forEach((id) -> order.add(id.asString()));
				if (!new HashSet<>(order).equals(envelope.documents.keySet())
						|| order.size() != envelope.documents.size()) {
					throw StandInProblem.invalid("order", "must list each of the envelope's document IDs once");
				}
				Map<String, StandInDocument> reordered = new LinkedHashMap<>();
				order.forEach((id) -> reordered.put(id, envelope.documents.get(id)));
				envelope.documents.clear();
				envelope.documents.putAll(reordered);
				envelope.touch(this.sign.now(), "Documents reordered");
				return list(envelope);
			})));
	}

	private ObjectNode list(StandInEnvelope envelope) {
		ObjectNode list = StandInJson.object();
		ArrayNode items = list.putArray("items");
		String status = this.sign.status(envelope);
		envelope.documents.values().forEach((document) -> items.add(document.json(this.sign.now(), status)));
		return list;
	}

}
