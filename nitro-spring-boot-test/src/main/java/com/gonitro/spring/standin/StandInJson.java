package com.gonitro.spring.standin;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The stand-in's JSON: a private mapper, and replies written as bytes.
 */
final class StandInJson {

	static final JsonMapper mapper = JsonMapper.builder()
		.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
		.build();

	private StandInJson() {
	}

	static ObjectNode object() {
		return mapper.createObjectNode();
	}

	/** Reads a request body that must be a JSON object, or answers 400. */
	static ObjectNode readObject(byte @Nullable [] body, String what) {
		try {
			JsonNode json = (body != null && body.length > 0) ? mapper.readTree(body) : null;
			if (json instanceof ObjectNode object) {
				return object;
			}
		}
		catch (JacksonException ex) {
			// answered below
		}
		throw StandInProblem.invalid(what, "must be a JSON object");
	}

	/** A request body that must be a JSON object; 400 otherwise (an empty body included). */
	static Mono<ObjectNode> body(ServerRequest request) {
		return request.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]).map((bytes) -> readObject(bytes, "body"));
	}

	/** A member that must be a non-blank string; 400 naming it otherwise. */
	static String requiredText(JsonNode json, String name) {
		String value = json.path(name).asString("");
		if (value.isBlank()) {
			throw StandInProblem.invalid(name, "is required");
		}
		return value;
	}

	/** An instant as Nitro writes it: ISO-8601, UTC, whole seconds. */
	static String timestamp(Instant instant) {
		return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
	}

	/** A bounding box {@code [x, y, w, h]}, written as an array (or, as some of Nitro's replies do, a string). */
	static float[] boundingBox(@Nullable JsonNode value) {
		float[] box = new float[4];
		if (value != null && value.isArray() && value.size() == 4) {
			for (int i = 0; i < 4; i++) {
				box[i] = (float) value.get(i).asDouble();
			}
		}
		else if (value != null && value.isString()) {
			String[] parts = value.asString().replaceAll("[\\[\\]\\s]", "").split(",");
			for (int i = 0; i < Math.min(4, parts.length); i++) {
				box[i] = Float.parseFloat(parts[i]);
			}
		}
		return box;
	}

	static Mono<ServerResponse> reply(HttpStatusCode status, Object body) {
		return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON).bodyValue(mapper.writeValueAsBytes(body));
	}

}
