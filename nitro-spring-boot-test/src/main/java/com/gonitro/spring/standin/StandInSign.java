package com.gonitro.spring.standin;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.Part;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The Sign API: envelopes, documents, participants and fields, with Nitro's rules for what each state allows and
 * Nitro's limits (20 MB and 250 pages per document, 15 documents and 300 MB per envelope, 200 participants).
 */
final class StandInSign {

	private static final String ENVELOPE = "/sign/envelopes/{envelopeID}";

	private static final String DOCUMENT = ENVELOPE + "/documents/{documentID}";

	private static final int MAX_DOCUMENTS = 15;

	private static final long MAX_ENVELOPE_SIZE = 300L * 1024 * 1024;

	private static final int MAX_PAGES = 250;

	private static final int MAX_PARTICIPANTS = 200;

	private static final Set<String> FIELD_TYPES = Set.of("signature", "name", "checkbox", "date", "initials",
			"company", "title", "custom");

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	private final Map<String, StandInEnvelope> envelopes = new LinkedHashMap<>();

	private final Clock clock;

	private final Duration processingDelay;

	private final Duration sealingDelay;

	private final @Nullable Duration autoSignDelay;

	private final int pageSize;

	StandInSign(NitroStandIn.Settings settings) {
		this.clock = settings.clock;
		this.processingDelay = settings.documentProcessingDelay;
		this.sealingDelay = settings.sealingDelay;
		this.autoSignDelay = settings.autoSignDelay;
		this.pageSize = settings.envelopePageSize;
	}

	RouterFunction<ServerResponse> routes() {
		// Actions first: "{envelopeID}" alone would also match "{envelopeID}:send-for-signing".
		return RouterFunctions.route()
			.POST(ENVELOPE + ":send-for-signing", this::sendForSigning)
			.PUT(ENVELOPE + ":cancel", this::cancel)
			.POST(ENVELOPE + ":send-reminders", this::sendReminders)
			.GET(ENVELOPE + ":download-sealed", this::downloadSealedEnvelope)
			.GET(ENVELOPE + ":download-original", this::downloadOriginal)
			.GET(ENVELOPE + ":download-audit-trail", this::downloadAuditTrail)
			.GET(DOCUMENT + ":download-sealed", this::downloadSealedDocument)
			.PUT(ENVELOPE + "/documents:reorder", this::reorderDocuments)
			.POST(ENVELOPE + "/participants:batch-delete", this::deleteParticipants)
			.POST(DOCUMENT + "/fields:batch-delete", this::deleteFields)
			.GET(ENVELOPE + "/participants/signing-urls", this::signingUrls)
			.GET("/sign/envelopes", this::listEnvelopes)
			.POST("/sign/envelopes", this::createEnvelope)
			.GET(ENVELOPE, this::getEnvelope)
			.PATCH(ENVELOPE, this::updateEnvelope)
			.DELETE(ENVELOPE, this::deleteEnvelope)
			.GET(ENVELOPE + "/documents", this::listDocuments)
			.POST(ENVELOPE + "/documents", this::uploadDocument)
			.GET(DOCUMENT, this::getDocument)
			.PATCH(DOCUMENT, this::renameDocument)
			.DELETE(DOCUMENT, this::deleteDocument)
			.GET(DOCUMENT + "/fields", this::listFields)
			.POST(DOCUMENT + "/fields", this::addFields)
			.PATCH(DOCUMENT + "/fields/{fieldID}", this::updateField)
			.DELETE(DOCUMENT + "/fields/{fieldID}", this::deleteField)
			.GET(ENVELOPE + "/participants", this::listParticipants)
			.POST(ENVELOPE + "/participants", this::addParticipants)
			.PATCH(ENVELOPE + "/participants/{participantID}", this::updateParticipant)
			.DELETE(ENVELOPE + "/participants/{participantID}", this::deleteParticipant)
			.build();
	}

	// Test hooks

	void signAll(String envelopeId) {
		locked(() -> {
			StandInEnvelope envelope = this.envelopes.get(envelopeId);
			if (envelope == null) {
				throw new IllegalStateException("No envelope " + envelopeId);
			}
			String status = status(envelope);
			if (!status.equals("sent")) {
				throw new IllegalStateException("Envelope " + envelopeId + " is " + status + ", not sent: send it for "
						+ "signing before signing it");
			}
			envelope.sign(now());
			return null;
		});
	}

	void reject(String envelopeId) {
		locked(() -> {
			StandInEnvelope envelope = this.envelopes.get(envelopeId);
			if (envelope == null || !status(envelope).equals("sent")) {
				throw new IllegalStateException("Envelope " + envelopeId + " does not exist or is not sent");
			}
			envelope.end("rejected", now());
			return null;
		});
	}

	String status(String envelopeId) {
		return locked(() -> {
			StandInEnvelope envelope = this.envelopes.get(envelopeId);
			if (envelope == null) {
				throw new IllegalStateException("No envelope " + envelopeId);
			}
			return status(envelope);
		});
	}

	List<String> envelopeIds() {
		return locked(() -> List.copyOf(this.envelopes.keySet()));
	}

	void reset() {
		locked(() -> {
			this.envelopes.clear();
			return null;
		});
	}

	// Envelopes

	private Mono<ServerResponse> listEnvelopes(ServerRequest request) {
		Optional<String> after = request.queryParam("pageAfter");
		Optional<String> before = request.queryParam("pageBefore");
		if (after.isPresent() && before.isPresent()) {
			throw StandInProblem.invalid("pageAfter", "cannot be used together with pageBefore");
		}
		return json(HttpStatus.OK, locked(() -> {
			List<StandInEnvelope> all = new ArrayList<>(this.envelopes.values());
			int from = 0;
			int to = Math.min(all.size(), this.pageSize);
			if (after.isPresent()) {
				from = position(all, after.get(), "pageAfter") + 1;
				to = Math.min(all.size(), from + this.pageSize);
			}
			else if (before.isPresent()) {
				to = position(all, before.get(), "pageBefore");
				from = Math.max(0, to - this.pageSize);
			}
			ObjectNode page = StandInJson.object();
			ArrayNode items = page.putArray("items");
			all.subList(from, to).forEach((envelope) -> items.add(envelope.summary(status(envelope))));
			if (to < all.size() && to > from) {
				page.put("nextPage", cursor(all.get(to - 1).id));
			}
			return page;
		}));
	}

	private Mono<ServerResponse> createEnvelope(ServerRequest request) {
		return body(request).flatMap((body) -> {
			String name = requiredText(body, "name");
			String mode = mode(body.path("mode").asString("parallel"));
			StandInEnvelope envelope = new StandInEnvelope(name, mode, notification(body), now());
			locked(() -> this.envelopes.put(envelope.id, envelope));
			return json(HttpStatus.CREATED, envelope.details(envelope.status(now(), this.sealingDelay, null)));
		});
	}

	private Mono<ServerResponse> getEnvelope(ServerRequest request) {
		return json(HttpStatus.OK, read(request, (envelope) -> envelope.details(status(envelope))));
	}

	private Mono<ServerResponse> updateEnvelope(ServerRequest request) {
		return body(request).flatMap((body) -> json(HttpStatus.OK, drafted(request, "updated", (envelope) -> {
			if (body.has("name")) {
				envelope.name = requiredText(body, "name");
			}
			if (body.has("mode")) {
				envelope.mode = mode(body.path("mode").asString(""));
			}
			if (body.has("notification")) {
				envelope.notification = notification(body);
			}
			envelope.touch(now(), "Envelope updated");
			return envelope.summary(status(envelope));
		})));
	}

	private Mono<ServerResponse> deleteEnvelope(ServerRequest request) {
		locked(() -> this.envelopes.remove(envelope(request).id));
		return ServerResponse.noContent().build();
	}

	private Mono<ServerResponse> sendForSigning(ServerRequest request) {
		return json(HttpStatus.OK, drafted(request, "sent for signing", (envelope) -> {
			if (envelope.documents.isEmpty()) {
				throw StandInProblem.conflict("The envelope has no documents: upload at least one before sending it");
			}
			for (StandInDocument document : envelope.documents.values()) {
				if (!document.isUploaded(now())) {
					throw StandInProblem.conflict("Document '" + document.name + "' (" + document.id + ") is "
							+ document.status(now(), "drafted") + ": every document must be uploaded before sending");
				}
			}
			if (envelope.signers().isEmpty()) {
				throw StandInProblem.conflict("The envelope has no signer: add a participant with the signer role");
			}
			envelope.send(now());
			return envelope.summary(status(envelope));
		}));
	}

	private Mono<ServerResponse> cancel(ServerRequest request) {
		return json(HttpStatus.OK, sent(request, "cancelled", (envelope) -> {
			envelope.end("cancelled", now());
			return envelope.details(status(envelope));
		}));
	}

	private Mono<ServerResponse> sendReminders(ServerRequest request) {
		sent(request, "reminded", (envelope) -> {
			envelope.touch(now(), "Reminders sent to the signers who have not signed");
			return envelope;
		});
		return ServerResponse.accepted().build();
	}

	private Mono<ServerResponse> signingUrls(ServerRequest request) {
		return json(HttpStatus.OK, sent(request, "signed through signing URLs", (envelope) -> {
			ObjectNode list = StandInJson.object();
			ArrayNode items = list.putArray("items");
			int userId = 1;
			for (ObjectNode signer : envelope.signers()) {
				ObjectNode url = items.addObject();
				url.put("userId", userId++);
				url.put("signingUrl", request.uri().resolve("/standin/sign/" + envelope.id + "/"
						+ signer.path("ID").asString()).toString());
				url.put("expiresAt", StandInJson.timestamp(now().plus(Duration.ofDays(7))));
			}
			list.put("total", items.size());
			return list;
		}));
	}

	private Mono<ServerResponse> downloadSealedEnvelope(ServerRequest request) {
		return blocking(() -> {
			Sealed sealed = sealed(request);
			Map<String, byte[]> entries = new LinkedHashMap<>();
			for (StandInDocument document : sealed.envelope.documents.values()) {
				entries.put(unique(entries, pdfName(document.name)),
						document.sealed(sealed.envelope.participants, sealed.signedAt));
			}
			return StandInPdfs.zip(entries);
		}).flatMap((zip) -> file(zip, MediaType.APPLICATION_OCTET_STREAM, "sealed.zip"));
	}

	private Mono<ServerResponse> downloadSealedDocument(ServerRequest request) {
		return blocking(() -> {
			Sealed sealed = sealed(request);
			StandInDocument document = document(sealed.envelope, request.pathVariable("documentID"));
			return document.sealed(sealed.envelope.participants, sealed.signedAt);
		}).flatMap((pdf) -> file(pdf, MediaType.APPLICATION_PDF, "sealed.pdf"));
	}

	private Mono<ServerResponse> downloadOriginal(ServerRequest request) {
		byte[] zip = read(request, (envelope) -> {
			Map<String, byte[]> entries = new LinkedHashMap<>();
			for (StandInDocument document : envelope.documents.values()) {
				entries.put(unique(entries, document.name), document.original);
			}
			return StandInPdfs.zip(entries);
		});
		return file(zip, MediaType.APPLICATION_OCTET_STREAM, "original.zip");
	}

	private Mono<ServerResponse> downloadAuditTrail(ServerRequest request) {
		return blocking(() -> {
			List<String> lines = new ArrayList<>();
			String title = read(request, (envelope) -> {
				lines.add("Envelope ID: " + envelope.id);
				lines.add("Status: " + status(envelope));
				lines.add("");
				lines.addAll(envelope.auditTrail());
				return "Audit trail: " + envelope.name;
			});
			return StandInPdfs.text(title, lines);
		}).flatMap((pdf) -> file(pdf, MediaType.APPLICATION_OCTET_STREAM, "audit-trail.pdf"));
	}

	// Documents

	private Mono<ServerResponse> listDocuments(ServerRequest request) {
		return json(HttpStatus.OK, read(request, (envelope) -> documentList(envelope)));
	}

	private Mono<ServerResponse> uploadDocument(ServerRequest request) {
		String envelopeId = drafted(request, "given documents", (envelope) -> envelope.id);
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
			return StandInMultipart.text(metadataPart)
				.zipWith(StandInMultipart.bytes(payload, StandInMultipart.MAX_FILE_SIZE))
				.publishOn(Schedulers.boundedElastic())
				.map((upload) -> process(StandInJson.readObject(upload.getT1().getBytes(StandardCharsets.UTF_8),
						"metadata"), upload.getT2()));
		}).flatMap((document) -> json(HttpStatus.CREATED, locked(() -> {
			StandInEnvelope envelope = drafted(envelopeId, "given documents");
			if (envelope.documents.size() >= MAX_DOCUMENTS) {
				throw StandInProblem.unprocessable("An envelope holds at most " + MAX_DOCUMENTS + " documents");
			}
			long size = envelope.documents.values().stream().mapToLong((existing) -> existing.original.length).sum();
			if (size + document.original.length > MAX_ENVELOPE_SIZE) {
				throw StandInProblem.of(HttpStatus.CONTENT_TOO_LARGE, "An envelope holds at most 300 MB of documents");
			}
			envelope.documents.put(document.id, document);
			envelope.touch(now(), "Document '" + document.name + "' uploaded");
			return document.created();
		})));
	}

	/** What Nitro's processing makes of an upload: a PDF with its pages, or a failure with its reason. */
	private StandInDocument process(ObjectNode metadata, byte[] payload) {
		String name = requiredText(metadata, "name");
		String declared = metadata.path("contentType").asString(null);
		String contentType = (declared != null) ? declared.toLowerCase(Locale.ROOT).strip() : null;
		Instant now = now();
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

	private StandInDocument checkedPdf(String name, Instant now, Instant processed, byte[] original,
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

	private Mono<ServerResponse> getDocument(ServerRequest request) {
		return json(HttpStatus.OK, read(request, (envelope) -> document(envelope, request.pathVariable("documentID"))
			.json(now(), status(envelope))));
	}

	private Mono<ServerResponse> renameDocument(ServerRequest request) {
		return body(request).flatMap((body) -> json(HttpStatus.OK, drafted(request, "changed", (envelope) -> {
			StandInDocument document = document(envelope, request.pathVariable("documentID"));
			document.name = requiredText(body, "name");
			envelope.touch(now(), "Document " + document.id + " renamed '" + document.name + "'");
			return document.json(now(), status(envelope));
		})));
	}

	private Mono<ServerResponse> deleteDocument(ServerRequest request) {
		drafted(request, "changed", (envelope) -> {
			StandInDocument document = document(envelope, request.pathVariable("documentID"));
			envelope.documents.remove(document.id);
			envelope.touch(now(), "Document '" + document.name + "' deleted");
			return document;
		});
		return ServerResponse.noContent().build();
	}

	private Mono<ServerResponse> reorderDocuments(ServerRequest request) {
		return body(request).flatMap((body) -> json(HttpStatus.OK, drafted(request, "changed", (envelope) -> {
			List<String> order = new ArrayList<>();
			body.path("order").forEach((id) -> order.add(id.asString()));
			if (!new HashSet<>(order).equals(envelope.documents.keySet()) || order.size() != envelope.documents.size()) {
				throw StandInProblem.invalid("order", "must list each of the envelope's document IDs once");
			}
			Map<String, StandInDocument> reordered = new LinkedHashMap<>();
			order.forEach((id) -> reordered.put(id, envelope.documents.get(id)));
			envelope.documents.clear();
			envelope.documents.putAll(reordered);
			envelope.touch(now(), "Documents reordered");
			return documentList(envelope);
		})));
	}

	// Participants

	private Mono<ServerResponse> listParticipants(ServerRequest request) {
		return json(HttpStatus.OK, read(request, (envelope) -> {
			ObjectNode list = StandInJson.object();
			ArrayNode items = list.putArray("items");
			envelope.participants.values().forEach(items::add);
			list.put("total", items.size());
			return list;
		}));
	}

	private Mono<ServerResponse> addParticipants(ServerRequest request) {
		return body(request).flatMap((body) -> {
			boolean bulk = body.has("items");
			List<ObjectNode> created = new ArrayList<>();
			if (bulk) {
				if (!body.get("items").isArray() || body.get("items").isEmpty()) {
					throw StandInProblem.invalid("items", "must be a non-empty array of participants");
				}
				body.get("items").forEach((item) -> created.add(participant(item, "items[" + created.size() + "].")));
			}
			else {
				created.add(participant(body, ""));
			}
			drafted(request, "given participants", (envelope) -> {
				if (envelope.participants.size() + created.size() > MAX_PARTICIPANTS) {
					throw StandInProblem.unprocessable("An envelope holds at most " + MAX_PARTICIPANTS + " participants");
				}
				created.forEach((participant) -> {
					envelope.participants.put(participant.get("ID").asString(), participant);
					envelope.touch(now(), "Participant " + participant.path("email").asString() + " added as "
							+ participant.path("role").asString());
				});
				return envelope;
			});
			if (!bulk) {
				return json(HttpStatus.CREATED, created.get(0));
			}
			ObjectNode reply = StandInJson.object();
			created.forEach(reply.putArray("items")::add);
			return json(HttpStatus.OK, reply);
		});
	}

	private ObjectNode participant(JsonNode body, String prefix) {
		if (!body.isObject()) {
			throw StandInProblem.invalid(prefix + "participant", "must be a JSON object");
		}
		String email = body.path("email").asString("");
		if (!EMAIL.matcher(email).matches()) {
			throw StandInProblem.invalid(prefix + "email", "must be a valid email address");
		}
		String role = body.path("role").asString("");
		if (!role.equals("signer") && !role.equals("cc")) {
			throw StandInProblem.invalid(prefix + "role", "must be one of [signer, cc]");
		}
		ObjectNode participant = StandInJson.object();
		participant.put("ID", UUID.randomUUID().toString());
		participant.put("email", email);
		participant.put("role", role);
		if (body.has("authentication")) {
			participant.set("authentication", authentication(body.get("authentication"), prefix));
		}
		return participant;
	}

	private static JsonNode authentication(JsonNode authentication, String prefix) {
		String type = authentication.path("type").asString("");
		if (type.equals("AccessCode")) {
			int length = authentication.path("accessCode").asString("").length();
			if (length < 4 || length > 32) {
				throw StandInProblem.invalid(prefix + "authentication.accessCode", "must contain between 4 and 32 characters");
			}
		}
		else if (type.equals("SMS")) {
			if (!authentication.path("countryCode").asString("").matches("\\+\\d{1,4}")) {
				throw StandInProblem.invalid(prefix + "authentication.countryCode", "must be + followed by 1-4 digits");
			}
			if (!authentication.path("phoneNumber").asString("").matches("\\d+")) {
				throw StandInProblem.invalid(prefix + "authentication.phoneNumber", "must be digits only");
			}
		}
		else {
			throw StandInProblem.invalid(prefix + "authentication.type", "must be one of [AccessCode, SMS]");
		}
		return authentication;
	}

	private Mono<ServerResponse> updateParticipant(ServerRequest request) {
		return body(request).flatMap((body) -> json(HttpStatus.OK, drafted(request, "changed", (envelope) -> {
			ObjectNode participant = participant(envelope, request.pathVariable("participantID"));
			if (body.has("authentication")) {
				participant.set("authentication", authentication(body.get("authentication"), ""));
			}
			envelope.touch(now(), "Participant " + participant.path("email").asString() + " updated");
			return participant;
		})));
	}

	private Mono<ServerResponse> deleteParticipant(ServerRequest request) {
		drafted(request, "changed", (envelope) -> {
			removeParticipant(envelope, participant(envelope, request.pathVariable("participantID")));
			return envelope;
		});
		return ServerResponse.noContent().build();
	}

	private Mono<ServerResponse> deleteParticipants(ServerRequest request) {
		return body(request).flatMap((body) -> {
			drafted(request, "changed", (envelope) -> {
				List<ObjectNode> participants = new ArrayList<>();
				body.path("items").forEach((id) -> participants.add(participant(envelope, id.asString())));
				participants.forEach((participant) -> removeParticipant(envelope, participant));
				return envelope;
			});
			return ServerResponse.ok().build();
		});
	}

	private void removeParticipant(StandInEnvelope envelope, ObjectNode participant) {
		String id = participant.get("ID").asString();
		envelope.participants.remove(id);
		envelope.documents.values()
			.forEach((document) -> document.fields.values()
				.removeIf((field) -> id.equals(field.path("participantID").asString())));
		envelope.touch(now(), "Participant " + participant.path("email").asString() + " removed");
	}

	// Fields

	private Mono<ServerResponse> listFields(ServerRequest request) {
		return json(HttpStatus.OK, read(request, (envelope) -> {
			ObjectNode list = StandInJson.object();
			ArrayNode items = list.putArray("items");
			document(envelope, request.pathVariable("documentID")).fields.values().forEach(items::add);
			return list;
		}));
	}

	private Mono<ServerResponse> addFields(ServerRequest request) {
		return body(request).flatMap((body) -> {
			boolean bulk = body.has("items");
			List<ObjectNode> created = drafted(request, "given fields", (envelope) -> {
				StandInDocument document = document(envelope, request.pathVariable("documentID"));
				List<ObjectNode> fields = new ArrayList<>();
				if (bulk) {
					for (JsonNode item : body.path("items")) {
						String prefix = "items[" + fields.size() + "].";
						if (!(item instanceof ObjectNode object)) {
							throw StandInProblem.invalid(prefix + "field", "must be a JSON object");
						}
						fields.add(field(envelope, document, object, StandInJson.object(), prefix));
					}
				}
				else {
					fields.add(field(envelope, document, body, StandInJson.object(), ""));
				}
				fields.forEach((field) -> document.fields.put(field.get("ID").asString(), field));
				envelope.touch(now(), fields.size() + " field(s) added to '" + document.name + "'");
				return fields;
			});
			if (!bulk) {
				return json(HttpStatus.CREATED, created.get(0));
			}
			ObjectNode reply = StandInJson.object();
			created.forEach(reply.putArray("items")::add);
			return json(HttpStatus.OK, reply);
		});
	}

	private Mono<ServerResponse> updateField(ServerRequest request) {
		return body(request).flatMap((body) -> json(HttpStatus.OK, drafted(request, "changed", (envelope) -> {
			StandInDocument document = document(envelope, request.pathVariable("documentID"));
			ObjectNode existing = field(document, request.pathVariable("fieldID"));
			ObjectNode merged = existing.deepCopy();
			merged.setAll(body);
			ObjectNode updated = field(envelope, document, merged, existing, "");
			document.fields.put(existing.get("ID").asString(), updated);
			envelope.touch(now(), "Field " + existing.get("ID").asString() + " updated");
			return updated;
		})));
	}

	private Mono<ServerResponse> deleteField(ServerRequest request) {
		drafted(request, "changed", (envelope) -> {
			StandInDocument document = document(envelope, request.pathVariable("documentID"));
			document.fields.remove(field(document, request.pathVariable("fieldID")).get("ID").asString());
			return envelope;
		});
		return ServerResponse.noContent().build();
	}

	private Mono<ServerResponse> deleteFields(ServerRequest request) {
		return body(request).flatMap((body) -> {
			drafted(request, "changed", (envelope) -> {
				StandInDocument document = document(envelope, request.pathVariable("documentID"));
				List<String> ids = new ArrayList<>();
				body.path("items").forEach((id) -> ids.add(field(document, id.asString()).get("ID").asString()));
				ids.forEach(document.fields::remove);
				return envelope;
			});
			return ServerResponse.ok().build();
		});
	}

	/** A field as Nitro stores it, checked against its document and participants. */
	private ObjectNode field(StandInEnvelope envelope, StandInDocument document, ObjectNode body, ObjectNode existing,
			String prefix) {
		String type = body.path("type").asString("");
		if (!FIELD_TYPES.contains(type)) {
			throw StandInProblem.invalid(prefix + "type", "must be one of " + FIELD_TYPES);
		}
		JsonNode box = body.get("boundingBox");
		if (box == null || !box.isArray() || box.size() != 4 || !allNumbers(box) || box.get(2).asDouble() <= 0
				|| box.get(3).asDouble() <= 0) {
			throw StandInProblem.invalid(prefix + "boundingBox", "must be [x, y, w, h] in points, w and h positive");
		}
		if (!body.path("page").isIntegralNumber()) {
			throw StandInProblem.invalid(prefix + "page", "is required: the 1-based page number");
		}
		if (!document.isUploaded(now())) {
			throw StandInProblem.unprocessable("Document " + document.id + " is " + document.status(now(), "drafted")
					+ ": fields can be placed once it is uploaded");
		}
		int page = body.get("page").asInt();
		if (page < 1 || page > document.numPages) {
			throw StandInProblem.unprocessable(
					"Page " + page + " does not exist: the document has " + document.numPages + " page(s)");
		}
		String participantId = body.path("participantID").asString("");
		ObjectNode participant = envelope.participants.get(participantId);
		if (participant == null) {
			throw StandInProblem.unprocessable("Participant " + participantId + " is not in this envelope");
		}
		if (!"signer".equals(participant.path("role").asString())) {
			throw StandInProblem.unprocessable("Participant " + participantId + " is cc: only signers can have fields");
		}
		ObjectNode field = StandInJson.object();
		field.put("ID", existing.path("ID").asString(UUID.randomUUID().toString()));
		field.put("participantID", participantId);
		field.put("documentID", document.id);
		field.put("page", page);
		field.set("boundingBox", box);
		field.put("required", body.path("required").asBoolean(true));
		field.put("type", type);
		for (String extra : List.of("label", "format", "modifiable")) {
			if (body.has(extra)) {
				field.set(extra, body.get(extra));
			}
		}
		return field;
	}

	private static boolean allNumbers(JsonNode array) {
		for (JsonNode value : array) {
			if (!value.isNumber()) {
				return false;
			}
		}
		return true;
	}

	// Lookups and rules

	private <T> T read(ServerRequest request, Function<StandInEnvelope, T> action) {
		return locked(() -> action.apply(envelope(request)));
	}

	/** Runs a change that only a drafted envelope allows; 409 otherwise. */
	private <T> T drafted(ServerRequest request, String what, Function<StandInEnvelope, T> action) {
		return locked(() -> action.apply(drafted(envelope(request).id, what)));
	}

	private StandInEnvelope drafted(String envelopeId, String what) {
		StandInEnvelope envelope = this.envelopes.get(envelopeId);
		if (envelope == null) {
			throw StandInProblem.notFound("Envelope", envelopeId);
		}
		String status = status(envelope);
		if (!status.equals("drafted")) {
			throw StandInProblem.conflict("The envelope is " + status + ": only a drafted envelope can be " + what);
		}
		return envelope;
	}

	/** Runs an action that only a sent envelope allows; 409 otherwise. */
	private <T> T sent(ServerRequest request, String what, Function<StandInEnvelope, T> action) {
		return locked(() -> {
			StandInEnvelope envelope = envelope(request);
			String status = status(envelope);
			if (!status.equals("sent")) {
				throw StandInProblem.conflict("The envelope is " + status + ": only a sent envelope can be " + what);
			}
			return action.apply(envelope);
		});
	}

	private Sealed sealed(ServerRequest request) {
		return locked(() -> {
			StandInEnvelope envelope = envelope(request);
			String status = status(envelope);
			if (!status.equals("sealed")) {
				throw StandInProblem.conflict("The envelope is " + status + ": it can be downloaded sealed once sealed");
			}
			return new Sealed(envelope, envelope.signedAt(now(), this.autoSignDelay));
		});
	}

	private StandInEnvelope envelope(ServerRequest request) {
		String id = request.pathVariable("envelopeID");
		StandInEnvelope envelope = this.envelopes.get(id);
		if (envelope == null) {
			throw StandInProblem.notFound("Envelope", id);
		}
		return envelope;
	}

	private static StandInDocument document(StandInEnvelope envelope, String id) {
		StandInDocument document = envelope.documents.get(id);
		if (document == null) {
			throw StandInProblem.notFound("Document", id);
		}
		return document;
	}

	private static ObjectNode participant(StandInEnvelope envelope, String id) {
		ObjectNode participant = envelope.participants.get(id);
		if (participant == null) {
			throw StandInProblem.notFound("Participant", id);
		}
		return participant;
	}

	private static ObjectNode field(StandInDocument document, String id) {
		ObjectNode field = document.fields.get(id);
		if (field == null) {
			throw StandInProblem.notFound("Field", id);
		}
		return field;
	}

	private ObjectNode documentList(StandInEnvelope envelope) {
		ObjectNode list = StandInJson.object();
		ArrayNode items = list.putArray("items");
		envelope.documents.values().forEach((document) -> items.add(document.json(now(), status(envelope))));
		return list;
	}

	private String status(StandInEnvelope envelope) {
		return envelope.status(now(), this.sealingDelay, this.autoSignDelay);
	}

	private static String mode(String mode) {
		if (!mode.equals("sequential") && !mode.equals("parallel")) {
			throw StandInProblem.invalid("mode", "must be one of [sequential, parallel]");
		}
		return mode;
	}

	private static @Nullable ObjectNode notification(ObjectNode body) {
		JsonNode notification = body.get("notification");
		if (notification == null || notification.isNull()) {
			return null;
		}
		if (!notification.isObject()) {
			throw StandInProblem.invalid("notification", "must be an object {subject, body}");
		}
		return (ObjectNode) notification;
	}

	private static String requiredText(JsonNode body, String name) {
		String value = body.path(name).asString("");
		if (value.isBlank()) {
			throw StandInProblem.invalid(name, "is required");
		}
		return value;
	}

	private static int position(List<StandInEnvelope> envelopes, String cursor, String parameter) {
		String id;
		try {
			id = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw StandInProblem.invalid(parameter, "is not a cursor this API returned");
		}
		for (int i = 0; i < envelopes.size(); i++) {
			if (envelopes.get(i).id.equals(id)) {
				return i;
			}
		}
		throw StandInProblem.invalid(parameter, "is not a cursor this API returned");
	}

	private static String cursor(String envelopeId) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(envelopeId.getBytes(StandardCharsets.UTF_8));
	}

	private static String pdfName(String name) {
		return name.toLowerCase(Locale.ROOT).endsWith(".pdf") ? name : name + ".pdf";
	}

	private static String unique(Map<String, byte[]> entries, String name) {
		String candidate = name;
		for (int i = 2; entries.containsKey(candidate); i++) {
			candidate = i + "-" + name;
		}
		return candidate;
	}

	private Instant now() {
		return this.clock.instant();
	}

	private synchronized <T> T locked(Supplier<T> action) {
		return action.get();
	}

	private static Mono<ObjectNode> body(ServerRequest request) {
		return request.bodyToMono(byte[].class)
			.defaultIfEmpty(new byte[0])
			.map((bytes) -> StandInJson.readObject(bytes, "body"));
	}

	private static Mono<ServerResponse> json(HttpStatus status, Object body) {
		return StandInJson.reply(status, body);
	}

	private static <T> Mono<T> blocking(Supplier<T> work) {
		return Mono.fromSupplier(work).subscribeOn(Schedulers.boundedElastic());
	}

	private static Mono<ServerResponse> file(byte[] content, MediaType type, String filename) {
		return ServerResponse.ok()
			.contentType(type)
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"")
			.contentLength(content.length)
			.bodyValue(content);
	}

	private record Sealed(StandInEnvelope envelope, Instant signedAt) {

	}

}
