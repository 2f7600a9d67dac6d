package com.gonitro.spring.webhook;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a delivery's JSON, {@code {"id", "type", "created", "data"}}, into a {@link NitroWebhookEvent}, with a
 * mapper of its own so that the application's Jackson settings cannot change how Nitro's payload reads.
 */
final class WebhookPayload {

	/** Printable ASCII, no spaces: safe in a log line and a database key. */
	private static final Pattern ID = Pattern.compile("[\\x21-\\x7e]{1,255}");

	private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9._-]{1,100}");

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private WebhookPayload() {
	}

	/**
	 * Reads a delivery.
	 * @param body the delivery's body
	 * @param source the event's source
	 * @return the event
	 * @throws IllegalArgumentException if the body is not such JSON, saying what is wrong
	 */
	static NitroWebhookEvent read(byte[] body, Object source) {
		JsonNode root;
		try {
			root = mapper.readTree(body);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("the body is not JSON");
		}
		if (root == null || !root.isObject()) {
			throw new IllegalArgumentException("the body is not a JSON object");
		}
		String id = text(root, "id", ID);
		String type = text(root, "type", TYPE);
		Instant created = instant(text(root, "created", null));
		JsonNode data = root.get("data");
		if (data != null && !data.isNull() && !data.isObject()) {
			throw new IllegalArgumentException("'data' is not a JSON object");
		}
		Map<String, Object> values;
		try {
			values = (data != null && data.isObject()) ? mapper.treeToValue(data, MAP) : Map.of();
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("'data' cannot be read");
		}
		return NitroWebhookEvent.of(source, id, type, created, values);
	}

	private static String text(JsonNode root, String name, @Nullable Pattern pattern) {
		JsonNode node = root.get(name);
		if (node == null || !node.isString()) {
			throw new IllegalArgumentException("'" + name + "' is missing or not a string");
		}
		String value = node.stringValue();
		if (pattern != null && !pattern.matcher(value).matches()) {
			throw new IllegalArgumentException("'" + name + "' is not a valid " + name);
		}
		return value;
	}

	/** An ISO 8601 date-time; UTC when it states no offset, as Nitro's are UTC. */
	private static Instant instant(String value) {
		if (value.length() > 64) {
			throw new IllegalArgumentException("'created' is not an ISO 8601 date-time");
		}
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			try {
				return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
			}
			catch (DateTimeParseException notLocal) {
				throw new IllegalArgumentException("'created' is not an ISO 8601 date-time");
			}
		}
	}

}
