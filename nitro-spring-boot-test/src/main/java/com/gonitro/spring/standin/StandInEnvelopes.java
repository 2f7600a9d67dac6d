package com.gonitro.spring.standin;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
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
 * Envelopes: {@code /sign/envelopes} and {@code /sign/envelopes/{envelopeID}}, with the actions
 * {@code :send-for-signing}, {@code :cancel} and {@code :send-reminders}. Nitro's rules:
 * <ul>
 * <li>a new envelope needs a {@code name}; {@code mode} is {@code sequential} or {@code parallel} (default), and a
 * {@code notification} is an object {@code {subject, body}} (400 otherwise);</li>
 * <li>lists are pages of the configured size, oldest first, with a {@code nextPage} cursor to pass as
 * {@code pageAfter} (or {@code pageBefore}, not both: 400; a cursor this API did not return: 400);</li>
 * <li>PATCH changes only a {@code drafted} envelope (409); DELETE removes any envelope with its documents,
 * participants and fields (204);</li>
 * <li>{@code :send-for-signing} takes a {@code drafted} envelope with at least one document, every document
 * {@code uploaded}, and at least one signer (409 otherwise); it becomes {@code sent};</li>
 * <li>{@code :cancel} (PUT) takes only a {@code sent} envelope, which becomes {@code cancelled}; {@code :send-reminders}
 * takes only a {@code sent} envelope and answers 202 (409 otherwise).</li>
 * </ul>
 */
final class StandInEnvelopes {

	static final String ENVELOPE = "/sign/envelopes/{envelopeID}";

	private final StandInSign sign;

	private final int pageSize;

	StandInEnvelopes(StandInSign sign, int pageSize) {
		this.sign = sign;
		this.pageSize = pageSize;
	}

	RouterFunction<ServerResponse> routes() {
		// Actions first: "{envelopeID}" alone would also match "{envelopeID}:send-for-signing".
		return RouterFunctions.route()
			.POST(ENVELOPE + ":send-for-signing", this::sendForSigning)
			.PUT(ENVELOPE + ":cancel", this::cancel)
			.POST(ENVELOPE + ":send-reminders", this::sendReminders)
			.GET("/sign/envelopes", this::list)
			.POST("/sign/envelopes", this::create)
			.GET(ENVELOPE, this::get)
			.PATCH(ENVELOPE, this::update)
			.DELETE(ENVELOPE, this::delete)
			.build();
	}

	private Mono<ServerResponse> list(ServerRequest request) {
		Optional<String> after = request.queryParam("pageAfter");
		Optional<String> before = request.queryParam("pageBefore");
		if (after.isPresent() && before.isPresent()) {
			throw StandInProblem.invalid("pageAfter", "cannot be used together with pageBefore");
		}
		return StandInJson.reply(HttpStatus.OK, this.sign.all((all) -> {
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
			all.subList(from, to).forEach((envelope) -> items.add(envelope.summary(this.sign.status(envelope))));
			if (to < all.size() && to > from) {
				page.put("nextPage", cursor(all.get(to - 1).id));
			}
			return page;
		}));
	}

	private Mono<ServerResponse> create(ServerRequest request) {
		return StandInJson.body(request).flatMap((body) -> {
			String name = StandInJson.requiredText(body, "name");
			String mode = mode(body.path("mode").asString("parallel"));
			StandInEnvelope envelope = this.sign.create(name, mode, notification(body));
			return StandInJson.reply(HttpStatus.CREATED, envelope.created());
		});
	}

	private Mono<ServerResponse> get(ServerRequest request) {
		return StandInJson.reply(HttpStatus.OK,
				this.sign.read(request, (envelope) -> envelope.details(this.sign.status(envelope))));
	}

	private Mono<ServerResponse> update(ServerRequest request) {
		return StandInJson.body(request)
			.flatMap((body) -> StandInJson.reply(HttpStatus.OK, this.sign.drafted(request, "updated", (envelope) -> {
				if (body.has("name")) {
					envelope.name = StandInJson.requiredText(body, "name");
				}
				if (body.has("mode")) {
					envelope.mode = mode(body.path("mode").asString(""));
				}
				if (body.has("notification")) {
					envelope.notification = notification(body);
				}
				envelope.touch(this.sign.now(), "Envelope updated");
				return envelope.summary(this.sign.status(envelope));
			})));
	}

	private Mono<ServerResponse> delete(ServerRequest request) {
		this.sign.remove(request);
		return ServerResponse.noContent().build();
	}

	private Mono<ServerResponse> sendForSigning(ServerRequest request) {
		return StandInJson.reply(HttpStatus.OK, this.sign.drafted(request, "sent for signing", (envelope) -> {
			if (envelope.documents.isEmpty()) {
				throw StandInProblem.conflict("The envelope has no documents: upload at least one before sending it");
			}
			for (StandInDocument document : envelope.documents.values()) {
				if (!document.isUploaded(this.sign.now())) {
					throw StandInProblem.conflict("Document '" + document.name + "' (" + document.id + ") is "
							+ document.status(this.sign.now(), "drafted")
							+ ": every document must be uploaded before sending");
				}
			}
			if (envelope.signers().isEmpty()) {
				throw StandInProblem.conflict("The envelope has no signer: add a participant with the signer role");
			}
			envelope.send(this.sign.now());
			return envelope.summary(this.sign.status(envelope));
		}));
	}

	private Mono<ServerResponse> cancel(ServerRequest request) {
		return StandInJson.reply(HttpStatus.OK, this.sign.sent(request, "cancelled", (envelope) -> {
			envelope.cancel(this.sign.now());
			return envelope.details(this.sign.status(envelope));
		}));
	}

	private Mono<ServerResponse> sendReminders(ServerRequest request) {
		this.sign.sent(request, "reminded", (envelope) -> {
			envelope.touch(this.sign.now(), "Reminders sent to the signers who have not signed");
			return envelope;
		});
		return ServerResponse.accepted().build();
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

}
