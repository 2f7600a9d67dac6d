package com.gonitro.spring.standin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

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
 * Participants of an envelope: {@code …/participants}, {@code …/participants/{participantID}},
 * {@code …/participants:batch-delete} and {@code …/participants/signing-urls}. Nitro's rules:
 * <ul>
 * <li>one participant, or several as {@code {items:[…]}} (a non-empty array); each has a valid {@code email} and
 * the {@code role} {@code signer} or {@code cc} (400 naming the member otherwise);</li>
 * <li>{@code authentication} is {@code AccessCode} with an {@code accessCode} of 4 to 32 characters, or {@code SMS}
 * with a {@code countryCode} ({@code +} and 1 to 4 digits) and a {@code phoneNumber} of digits (400 otherwise); PATCH
 * changes only the authentication, never the email;</li>
 * <li>an envelope holds at most 200 participants (422);</li>
 * <li>participants change only while the envelope is {@code drafted} (409); removing one removes its fields;</li>
 * <li>signing URLs exist only for a {@code sent} envelope (409), one per signer (cc recipients have none), valid for
 * seven days.</li>
 * </ul>
 */
final class StandInParticipants {

	private static final String PARTICIPANTS = StandInEnvelopes.ENVELOPE + "/participants";

	private static final int MAX_PARTICIPANTS = 200;

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	private static final Pattern COUNTRY_CODE = Pattern.compile("\\+\\d{1,4}");

	private static final Pattern PHONE_NUMBER = Pattern.compile("\\d+");

	private final StandInSign sign;

	StandInParticipants(StandInSign sign) {
		this.sign = sign;
	}

	RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route()
			.POST(PARTICIPANTS + ":batch-delete", this::deleteAll)
			.GET(PARTICIPANTS + "/signing-urls", this::signingUrls)
			.GET(PARTICIPANTS, this::list)
			.POST(PARTICIPANTS, this::add)
			.PATCH(PARTICIPANTS + "/{participantID}", this::update)
			.DELETE(PARTICIPANTS + "/{participantID}", this::delete)
			.build();
	}

	private Mono<ServerResponse> list(ServerRequest request) {
		return StandInJson.reply(HttpStatus.OK, this.sign.read(request, (envelope) -> {
			ObjectNode list = StandInJson.object();
			ArrayNode items = list.putArray("items");
			envelope.participants.values().forEach(items::add);
			list.put("total", items.size());
			return list;
		}));
	}

	private Mono<ServerResponse> add(ServerRequest request) {
		return StandInJson.body(request).flatMap((body) -> {
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
			this.sign.drafted(request, "given participants", (envelope) -> {
				if (envelope.participants.size() + created.size() > MAX_PARTICIPANTS) {
					throw StandInProblem.unprocessable("An envelope holds at most " + MAX_PARTICIPANTS + " participants");
				}
				created.forEach((participant) -> {
					envelope.participants.put(participant.get("ID").asString(), participant);
					envelope.touch(this.sign.now(), "Participant " + participant.path("email").asString() + " added as "
							+ participant.path("role").asString());
				});
				return envelope;
			});
			if (!bulk) {
				return StandInJson.reply(HttpStatus.CREATED, created.get(0));
			}
			ObjectNode reply = StandInJson.object();
			created.forEach(reply.putArray("items")::add);
			return StandInJson.reply(HttpStatus.OK, reply);
		});
	}

	private static ObjectNode participant(JsonNode body, String prefix) {
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
				throw StandInProblem.invalid(prefix + "authentication.accessCode",
						"must contain between 4 and 32 characters");
			}
		}
		else if (type.equals("SMS")) {
			if (!COUNTRY_CODE.matcher(authentication.path("countryCode").asString("")).matches()) {
				throw StandInProblem.invalid(prefix + "authentication.countryCode", "must be + followed by 1-4 digits");
			}
			if (!PHONE_NUMBER.matcher(authentication.path("phoneNumber").asString("")).matches()) {
				throw StandInProblem.invalid(prefix + "authentication.phoneNumber", "must be digits only");
			}
		}
		else {
			throw StandInProblem.invalid(prefix + "authentication.type", "must be one of [AccessCode, SMS]");
		}
		return authentication;
	}

	private Mono<ServerResponse> update(ServerRequest request) {
		return StandInJson.body(request)
			.flatMap((body) -> StandInJson.reply(HttpStatus.OK, this.sign.drafted(request, "changed", (envelope) -> {
				ObjectNode participant = envelope.participant(request.pathVariable("participantID"));
				if (body.has("authentication")) {
					participant.set("authentication", authentication(body.get("authentication"), ""));
				}
				envelope.touch(this.sign.now(), "Participant " + participant.path("email").asString() + " updated");
				return participant;
			})));
	}

	private Mono<ServerResponse> delete(ServerRequest request) {
		this.sign.drafted(request, "changed", (envelope) -> {
			remove(envelope, envelope.participant(request.pathVariable("participantID")));
			return envelope;
		});
		return ServerResponse.noContent().build();
	}

	private Mono<ServerResponse> deleteAll(ServerRequest request) {
		return StandInJson.body(request).flatMap((body) -> {
			this.sign.drafted(request, "changed", (envelope) -> {
				List<ObjectNode> participants = new ArrayList<>();
				body.path("items").forEach((id) -> participants.add(envelope.participant(id.asString())));
				participants.forEach((participant) -> remove(envelope, participant));
				return envelope;
			});
			return ServerResponse.ok().build();
		});
	}

	private void remove(StandInEnvelope envelope, ObjectNode participant) {
		String id = participant.get("ID").asString();
		envelope.participants.remove(id);
		envelope.documents.values()
			.forEach((document) -> document.fields.values()
				.removeIf((field) -> id.equals(field.path("participantID").asString())));
		envelope.touch(this.sign.now(), "Participant " + participant.path("email").asString() + " removed");
	}

	private Mono<ServerResponse> signingUrls(ServerRequest request) {
		return StandInJson.reply(HttpStatus.OK, this.sign.sent(request, "signed through signing URLs", (envelope) -> {
			ObjectNode list = StandInJson.object();
			ArrayNode items = list.putArray("items");
			int userId = 1;
			for (ObjectNode signer : envelope.signers()) {
				ObjectNode url = items.addObject();
				url.put("userId", userId++);
				url.put("signingUrl", request.uri()
					.resolve(StandInControls.PATH + "/sign/" + envelope.id + "/" + signer.path("ID").asString())
					.toString());
				url.put("expiresAt", StandInJson.timestamp(this.sign.now().plus(Duration.ofDays(7))));
			}
			list.put("total", items.size());
			return list;
		}));
	}

}
