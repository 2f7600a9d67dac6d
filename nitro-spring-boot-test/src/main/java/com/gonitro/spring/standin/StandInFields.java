package com.gonitro.spring.standin;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Fields on a document: {@code …/documents/{documentID}/fields}, {@code …/fields/{fieldID}} and
 * {@code …/fields:batch-delete}. Nitro's rules:
 * <ul>
 * <li>one field (201), or several as {@code {items:[…]}} (200);</li>
 * <li>{@code type} is one of signature, name, checkbox, date, initials, company, title, custom; {@code boundingBox}
 * is {@code [x, y, w, h]} in PDF points with a positive width and height; {@code page} is required (400 naming the
 * member otherwise);</li>
 * <li>the document must be {@code uploaded}, the page must exist in it (1-based), and the field's
 * {@code participantID} must be a signer of the envelope (422 otherwise);</li>
 * <li>fields change only while the envelope is {@code drafted} (409); PATCH merges the given members into the
 * field and checks it again.</li>
 * </ul>
 */
final class StandInFields {

	private static final String FIELDS = StandInDocuments.DOCUMENT + "/fields";

	private static final Set<String> TYPES = Set.of("signature", "name", "checkbox", "date", "initials", "company",
			"title", "custom");

	private final StandInSign sign;

	StandInFields(StandInSign sign) {
		this.sign = sign;
	}

	RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route()
			.POST(FIELDS + ":batch-delete", this::deleteAll)
			.GET(FIELDS, this::list)
			.POST(FIELDS, this::add)
			.PATCH(FIELDS + "/{fieldID}", this::update)
			.DELETE(FIELDS + "/{fieldID}", this::delete)
			.build();
	}

	private Mono<ServerResponse> list(ServerRequest request) {
		return StandInJson.reply(HttpStatus.OK, this.sign.read(request, (envelope) -> {
			ObjectNode list = StandInJson.object();
			ArrayNode items = list.putArray("items");
			envelope.document(request.pathVariable("documentID")).fields.values().forEach(items::add);
			return list;
		}));
	}

	private Mono<ServerResponse> add(ServerRequest request) {
		return StandInJson.body(request).flatMap((body) -> {
			boolean bulk = body.has("items");
			List<ObjectNode> created = this.sign.drafted(request, "given fields", (envelope) -> {
				StandInDocument document = envelope.document(request.pathVariable("documentID"));
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
				envelope.touch(this.sign.now(), fields.size() + " field(s) added to '" + document.name + "'");
				return fields;
			});
			if (!bulk) {
				return StandInJson.reply(HttpStatus.CREATED, created.get(0));
			}
			ObjectNode reply = StandInJson.object();
			created.forEach(reply.putArray("items")::add);
			return StandInJson.reply(HttpStatus.OK, reply);
		});
	}

	private Mono<ServerResponse> update(ServerRequest request) {
		return StandInJson.body(request)
			.flatMap((body) -> StandInJson.reply(HttpStatus.OK, this.sign.drafted(request, "changed", (envelope) -> {
				StandInDocument document = envelope.document(request.pathVariable("documentID"));
				ObjectNode existing = document.field(request.pathVariable("fieldID"));
				ObjectNode merged = existing.deepCopy();
				merged.setAll(body);
				ObjectNode updated = field(envelope, document, merged, existing, "");
				document.fields.put(existing.get("ID").asString(), updated);
				envelope.touch(this.sign.now(), "Field " + existing.get("ID").asString() + " updated");
				return updated;
			})));
	}

	private Mono<ServerResponse> delete(ServerRequest request) {
		this.sign.drafted(request, "changed", (envelope) -> {
			StandInDocument document = envelope.document(request.pathVariable("documentID"));
			document.fields.remove(document.field(request.pathVariable("fieldID")).get("ID").asString());
			return envelope;
		});
		return ServerResponse.noContent().build();
	}

	private Mono<ServerResponse> deleteAll(ServerRequest request) {
		return StandInJson.body(request).flatMap((body) -> {
			this.sign.drafted(request, "changed", (envelope) -> {
				StandInDocument document = envelope.document(request.pathVariable("documentID"));
				List<String> ids = new ArrayList<>();
				body.path("items").forEach((id) -> ids.add(document.field(id.asString()).get("ID").asString()));
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
		if (!TYPES.contains(type)) {
			throw StandInProblem.invalid(prefix + "type", "must be one of " + TYPES);
		}
		JsonNode box = body.get("boundingBox");
		if (box == null || !box.isArray() || box.size() != 4 || !allNumbers(box) || box.get(2).asDouble() <= 0
				|| box.get(3).asDouble() <= 0) {
			throw StandInProblem.invalid(prefix + "boundingBox", "must be [x, y, w, h] in points, w and h positive");
		}
		if (!body.path("page").isIntegralNumber()) {
			throw StandInProblem.invalid(prefix + "page", "is required: the 1-based page number");
		}
		if (!document.isUploaded(this.sign.now())) {
			throw StandInProblem.unprocessable("Document " + document.id + " is "
					+ document.status(this.sign.now(), "drafted") + ": fields can be placed once it is uploaded");
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

}
