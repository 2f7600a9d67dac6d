package com.gonitro.spring.standin;

import java.io.Serial;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;

/**
 * An error the stand-in answers as Nitro does: Problem Details ({@code application/problem+json}) with Nitro's
 * problem types, and {@code validation_errors} for 400.
 */
final class StandInProblem extends RuntimeException {

	@Serial
	private static final long serialVersionUID = 1L;

	private static final Log logger = LogFactory.getLog(NitroStandIn.class);

	private final HttpStatus status;

	private final @Nullable String type;

	private final @Nullable String title;

	private final transient Map<String, String> validationErrors;

	private StandInProblem(HttpStatus status, @Nullable String type, @Nullable String title, String detail,
			Map<String, String> validationErrors) {
		super(detail, null, false, false);
		this.status = status;
		this.type = type;
		this.title = title;
		this.validationErrors = validationErrors;
	}

	static StandInProblem of(HttpStatus status, String detail) {
		return new StandInProblem(status, null, null, detail, Map.of());
	}

	/** A PDF Services problem with its short type, such as {@code PDFIsPasswordProtected}. */
	static StandInProblem typed(HttpStatus status, String type, String title, String detail) {
		return new StandInProblem(status, type, title, detail, Map.of());
	}

	/** A 400 naming the invalid member, in {@code validation_errors}. */
	static StandInProblem invalid(String field, String message) {
		return new StandInProblem(HttpStatus.BAD_REQUEST, null, null, "Request validation failed: " + field + " " + message,
				Map.of(field, message));
	}

	static StandInProblem notFound(String what, String id) {
		return of(HttpStatus.NOT_FOUND, what + " with ID '" + id + "' not found");
	}

	static StandInProblem notFoundPath(String path) {
		return of(HttpStatus.NOT_FOUND, "No Nitro endpoint at " + path);
	}

	/** A 409: the resource is not in a state that allows the request. */
	static StandInProblem conflict(String detail) {
		return of(HttpStatus.CONFLICT, detail);
	}

	static StandInProblem unprocessable(String detail) {
		return of(HttpStatus.UNPROCESSABLE_CONTENT, detail);
	}

	/**
	 * Answers a rejection by the web layer with its status, and a failure of the stand-in itself as a 500, logging
	 * it: that is a bug to report, not Nitro's behaviour.
	 */
	static Mono<ServerResponse> internalError(Throwable failure, ServerRequest request) {
		if (failure instanceof ResponseStatusException rejected) {
			HttpStatus status = HttpStatus.valueOf(rejected.getStatusCode().value());
			return of(status, (rejected.getReason() != null) ? rejected.getReason() : status.getReasonPhrase())
				.reply(request);
		}
		if (failure instanceof DataBufferLimitException) {
			return of(HttpStatus.CONTENT_TOO_LARGE, "The request body is too large").reply(request);
		}
		logger.error("The Nitro stand-in failed on " + request.method() + " " + request.path(), failure);
		return of(HttpStatus.INTERNAL_SERVER_ERROR, "The Nitro stand-in failed: " + failure).reply(request);
	}

	HttpStatus status() {
		return this.status;
	}

	@Nullable String type() {
		return this.type;
	}

	@Nullable String title() {
		return this.title;
	}

	Mono<ServerResponse> reply(ServerRequest request) {
		return reply(request, (headers) -> {
		});
	}

	Mono<ServerResponse> reply(ServerRequest request, Consumer<HttpHeaders> headers) {
		ObjectNode problem = StandInJson.object();
		String reason = reasonPhrase(this.status);
		problem.put("type", (this.type != null) ? this.type : "https://developers.gonitro.com/docs/build-nitro/errors#"
				+ this.status.value() + "-" + reason.toLowerCase(Locale.ROOT).replace(' ', '-'));
		problem.put("title", (this.title != null) ? this.title : reason);
		problem.put("status", this.status.value());
		problem.put("detail", getMessage());
		problem.put("instance", request.path());
		if (!this.validationErrors.isEmpty()) {
			ObjectNode errors = problem.putObject("validation_errors");
			this.validationErrors.forEach(errors::put);
		}
		return ServerResponse.status(this.status)
			.headers(headers)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyValue(StandInJson.mapper.writeValueAsBytes(problem));
	}

	/** The reason phrase as Nitro writes it in problem types and titles (RFC 9110 renamed 422). */
	private static String reasonPhrase(HttpStatus status) {
		return (status.value() == 422) ? "Unprocessable Entity" : status.getReasonPhrase();
	}

}
