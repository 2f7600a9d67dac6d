package com.gonitro.spring.client;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.core.codec.CodecException;
import org.springframework.http.HttpRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import com.gonitro.spring.http.RetryAfter;

/**
 * Turns what a {@code WebClient} reports into the typed clients' exceptions: error replies into
 * {@link NitroApiException}s carrying Nitro's Problem Details, missing replies into
 * {@link NitroConnectionException}s, unreadable bodies into {@link NitroUnexpectedResponseException}s. No raw
 * {@code WebClientResponseException} leaves a typed client, and no exception they throw holds the request (see
 * {@link NitroException}).
 * <p>
 * <strong>Support class for the typed clients, public only so that their packages can share it: not API, subject to
 * change without notice.</strong>
 *
 * @since 0.1.0
 */
public final class NitroErrors {

	private static final Set<String> PROBLEM_MEMBERS = Set.of("type", "title", "status", "detail", "instance",
			"extensions", "validation_errors", "validationErrors");

	private NitroErrors() {
	}

	/**
	 * Reads an error reply: for
	 * {@code WebClient.builder().defaultStatusHandler(HttpStatusCode::isError, NitroErrors::toException)}.
	 * @param response the error reply
	 * @return the exception, once the body has been read
	 */
	public static Mono<NitroApiException> toException(ClientResponse response) {
		HttpRequest request = response.request();
		int status = response.statusCode().value();
		return response.bodyToMono(byte[].class)
			.onErrorResume((ex) -> Mono.empty())
			.defaultIfEmpty(new byte[0])
			.map((body) -> NitroApiException.create(status, request.getMethod(), request.getURI(), problem(body),
					RetryAfter.of(response.headers().asHttpHeaders(), Clock.systemUTC())));
	}

	/**
	 * Translates a failure that is not an error reply: for {@code onErrorMap(NitroErrors::translate)}.
	 * @param failure the failure
	 * @return the exception to surface
	 */
	public static Throwable translate(Throwable failure) {
		if (failure instanceof WebClientRequestException requestException) {
			return new NitroConnectionException(requestException);
		}
		if (failure instanceof WebClientResponseException responseException) {
			if (responseException.getCause() instanceof NitroException readingFailed) {
				return readingFailed;
			}
			HttpRequest request = responseException.getRequest();
			String target = (request != null) ? request.getMethod() + " " + request.getURI().getRawPath() : "a request";
			return new NitroUnexpectedResponseException("Nitro's reply to " + target + " could not be read: "
					+ responseException.getMostSpecificCause().getMessage(), responseException);
		}
		if (failure instanceof CodecException codecException) {
			return new NitroUnexpectedResponseException(
					"Nitro's reply could not be read: " + codecException.getMostSpecificCause().getMessage(),
					codecException);
		}
		return failure;
	}

	static NitroApiException.Problem problem(byte[] body) {
		JsonNode json;
		try {
			json = (body.length > 0) ? NitroJson.mapper().readTree(body) : null;
		}
		catch (JacksonException ex) {
			json = null;
		}
		if (json == null || !json.isObject()) {
			return NitroApiException.Problem.EMPTY;
		}
		Map<String, Object> extensions = new LinkedHashMap<>();
		JsonNode declared = json.get("extensions");
		if (declared != null && declared.isObject()) {
			extensions.putAll(NitroJson.mapper().convertValue(declared, Map.class));
		}
		for (Map.Entry<String, JsonNode> member : json.properties()) {
			if (!PROBLEM_MEMBERS.contains(member.getKey())) {
				extensions.put(member.getKey(), NitroJson.mapper().convertValue(member.getValue(), Object.class));
			}
		}
		return new NitroApiException.Problem(text(json, "type"), text(json, "title"), text(json, "detail"),
				text(json, "instance"), extensions,
				validationErrors(json.has("validation_errors") ? json.get("validation_errors") : json.get("validationErrors")));
	}

	/**
	 * Reads {@code validation_errors}, an object of messages by field, or an array of {@code {field, message}}.
	 */
	private static Map<String, String> validationErrors(@Nullable JsonNode errors) {
		Map<String, String> byField = new LinkedHashMap<>();
		if (errors != null && errors.isObject()) {
			errors.properties().forEach((error) -> byField.put(error.getKey(), asText(error.getValue())));
		}
		else if (errors != null && errors.isArray()) {
			int index = 0;
			for (JsonNode error : errors) {
				String field = (text(error, "field") != null) ? text(error, "field") : String.valueOf(index);
				String message = (text(error, "message") != null) ? text(error, "message") : asText(error);
				byField.put(field, message);
				index++;
			}
		}
		return byField;
	}

	private static @Nullable String text(JsonNode json, String name) {
		JsonNode member = json.get(name);
		return (member != null && !member.isNull()) ? asText(member) : null;
	}

	private static String asText(JsonNode node) {
		return node.isValueNode() ? node.asString() : node.toString();
	}

}
