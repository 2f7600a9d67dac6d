package com.gonitro.spring.client;

import java.io.Serial;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;

/**
 * Nitro answered with an error status. Carries Nitro's Problem Details ({@code application/problem+json}):
 * {@code type}, {@code title}, {@code detail}, {@code instance}, {@code extensions} and, for 400,
 * {@code validation_errors}. PDF Services use short types, such as {@code PDFIsPasswordProtected} or
 * {@code ConversionFailed}: test them with {@link #isType(String)}.
 * <p>
 * Subclasses exist for the statuses worth catching on their own: {@link BadRequest} (400), {@link Unauthorized}
 * (401), {@link NotFound} (404), {@link Conflict} (409), {@link Gone} (410), {@link ContentTooLarge} (413),
 * {@link UnsupportedMediaType} (415), {@link UnprocessableEntity} (422), {@link TooManyRequests} (429) and
 * {@link ServerError} (5xx).
 *
 * @since 0.1.0
 */
public class NitroApiException extends NitroException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final int status;

	private final HttpMethod method;

	private final URI uri;

	private final transient Problem problem;

	/**
	 * Creates an exception for an error reply.
	 * @param status the HTTP status
	 * @param method the method of the request
	 * @param uri the URI of the request
	 * @param problem the Problem Details Nitro sent, or {@link Problem#EMPTY}
	 */
	public NitroApiException(int status, HttpMethod method, URI uri, Problem problem) {
		super(message(status, method, uri, problem), null);
		this.status = status;
		this.method = method;
		this.uri = PrintableUrls.withoutCredentials(uri);
		this.problem = problem;
	}

	/**
	 * Creates the exception that fits the status: a subclass where there is one.
	 * @param status the HTTP status
	 * @param method the method of the request
	 * @param uri the URI of the request
	 * @param problem the Problem Details Nitro sent, or {@link Problem#EMPTY}
	 * @param retryAfter the wait Nitro asked for with {@code Retry-After}, if any
	 * @return the exception
	 */
	public static NitroApiException create(int status, HttpMethod method, URI uri, Problem problem,
			@Nullable Duration retryAfter) {
		return switch (status) {
			case 400 -> new BadRequest(method, uri, problem);
			case 401 -> new Unauthorized(method, uri, problem);
			case 404 -> new NotFound(method, uri, problem);
			case 409 -> new Conflict(method, uri, problem);
			case 410 -> new Gone(method, uri, problem);
			case 413 -> new ContentTooLarge(method, uri, problem);
			case 415 -> new UnsupportedMediaType(method, uri, problem);
			case 422 -> new UnprocessableEntity(method, uri, problem);
			case 429 -> new TooManyRequests(method, uri, problem, retryAfter);
			default -> (status >= 500) ? new ServerError(status, method, uri, problem)
					: new NitroApiException(status, method, uri, problem);
		};
	}

	private static String message(int status, HttpMethod method, URI uri, Problem problem) {
		StringBuilder message = new StringBuilder("Nitro answered ").append(status);
		if (problem.title() != null) {
			message.append(" ").append(problem.title());
		}
		message.append(" to ").append(method).append(" ").append(uri.getRawPath());
		if (problem.detail() != null) {
			message.append(": ").append(problem.detail());
		}
		if (!problem.validationErrors().isEmpty()) {
			message.append(" ").append(problem.validationErrors());
		}
		if (problem.type() != null) {
			message.append(" [").append(problem.type()).append("]");
		}
		return message.toString();
	}

	/**
	 * Returns the HTTP status of the reply.
	 * @return the status
	 */
	public int getStatus() {
		return this.status;
	}

	/**
	 * Returns the method of the failed request.
	 * @return the method
	 */
	public HttpMethod getMethod() {
		return this.method;
	}

	/**
	 * Returns the URI of the failed request, without its query (nor user info or fragment): the query of a
	 * pre-signed result URL is a credential.
	 * @return the URI, without its query
	 */
	public URI getUri() {
		return this.uri;
	}

	/**
	 * Returns the problem type: a URI for the Sign API, a short name such as {@code PDFIsPasswordProtected} for PDF
	 * Services.
	 * @return the type, or {@code null}
	 */
	public @Nullable String getType() {
		return this.problem.type();
	}

	/**
	 * Whether the problem type is the given one, ignoring case.
	 * @param type a type, such as {@code PDFIsPasswordProtected}
	 * @return whether it matches
	 */
	public boolean isType(String type) {
		return type.equalsIgnoreCase(this.problem.type());
	}

	/**
	 * Returns the short summary of the problem type.
	 * @return the title, or {@code null}
	 */
	public @Nullable String getTitle() {
		return this.problem.title();
	}

	/**
	 * Returns the explanation of this occurrence.
	 * @return the detail, or {@code null}
	 */
	public @Nullable String getDetail() {
		return this.problem.detail();
	}

	/**
	 * Returns the URI reference of this occurrence.
	 * @return the instance, or {@code null}
	 */
	public @Nullable String getInstance() {
		return this.problem.instance();
	}

	/**
	 * Returns the problem's {@code extensions}, and any other members Nitro added to it.
	 * @return the extensions, possibly empty
	 */
	public Map<String, Object> getExtensions() {
		return this.problem.extensions();
	}

	/**
	 * Returns the {@code validation_errors} of a 400 reply: what is wrong, by field name.
	 * @return the validation errors, possibly empty
	 */
	public Map<String, String> getValidationErrors() {
		return this.problem.validationErrors();
	}

	/**
	 * Problem Details as Nitro sends them.
	 *
	 * @param type the problem type
	 * @param title the short summary
	 * @param detail the explanation of this occurrence
	 * @param instance the URI reference of this occurrence
	 * @param extensions {@code extensions} and any unknown members
	 * @param validationErrors {@code validation_errors}, by field
	 * @since 0.1.0
	 */
	public record Problem(@Nullable String type, @Nullable String title, @Nullable String detail,
			@Nullable String instance, Map<String, Object> extensions, Map<String, String> validationErrors) {

		/**
		 * A reply without Problem Details.
		 */
		public static final Problem EMPTY = new Problem(null, null, null, null, Map.of(), Map.of());

		/**
		 * Creates Problem Details.
		 */
		public Problem {
			extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
			validationErrors = Collections.unmodifiableMap(new LinkedHashMap<>(validationErrors));
		}

	}

	/**
	 * 400: the request is malformed or fails validation; see {@link #getValidationErrors()}.
	 *
	 * @since 0.1.0
	 */
	public static class BadRequest extends NitroApiException {

		@Serial
		private static final long serialVersionUID = 1L;

		BadRequest(HttpMethod method, URI uri, Problem problem) {
			super(400, method, uri, problem);
		}

	}

	/**
	 * 401: Nitro rejected the token, also after the client replaced it once.
	 *
	 * @since 0.1.0
	 */
	public static class Unauthorized extends NitroApiException {

		@Serial
		private static final long serialVersionUID = 1L;

		Unauthorized(HttpMethod method, URI uri, Problem problem) {
			super(401, method, uri, problem);
		}

	}

	/**
	 * 404: the envelope, document, participant, field or job does not exist.
	 *
	 * @since 0.1.0
	 */
	public static class NotFound extends NitroApiException {

		@Serial
		private static final long serialVersionUID = 1L;

		NotFound(HttpMethod method, URI uri, Problem problem) {
			super(404, method, uri, problem);
		}

	}

	/**
	 * 409: the envelope is in a state that does not allow the operation (a document still pending, say).
	 *
	 * @since 0.1.0
	 */
	public static class Conflict extends NitroApiException {

		@Serial
		private static final long serialVersionUID = 1L;

		Conflict(HttpMethod method, URI uri, Problem problem) {
			super(409, method, uri, problem);
		}

	}

	/**
	 * 410: the result is no longer available ({@code FileNoLongerAvailable}): the job has expired.
	 *
	 * @since 0.1.0
	 */
	public static class Gone extends NitroApiException {

		@Serial
		private static final long serialVersionUID = 1L;

		Gone(HttpMethod method, URI uri, Problem problem) {
			super(410, method, uri, problem);
		}

	}

	/**
	 * 413: a file exceeds Nitro's limits (20 MB and 250 pages a document, 300 MB an envelope).
	 *
	 * @since 0.1.0
	 */
	public static class ContentTooLarge extends NitroApiException {

		@Serial
		private static final long serialVersionUID = 1L;

		ContentTooLarge(HttpMethod method, URI uri, Problem problem) {
			super(413, method, uri, problem);
		}

	}

	/**
	 * 415: Nitro does not accept the file's media type.
	 *
	 * @since 0.1.0
	 */
	public static class UnsupportedMediaType extends NitroApiException {

		@Serial
		private static final long serialVersionUID = 1L;

		UnsupportedMediaType(HttpMethod method, URI uri, Problem problem) {
			super(415, method, uri, problem);
		}

	}

	/**
	 * 422: the request is well formed but cannot be processed (too many documents, a protected PDF...).
	 *
	 * @since 0.1.0
	 */
	public static class UnprocessableEntity extends NitroApiException {

		@Serial
		private static final long serialVersionUID = 1L;

		UnprocessableEntity(HttpMethod method, URI uri, Problem problem) {
			super(422, method, uri, problem);
		}

	}

	/**
	 * 429: Nitro throttled the request beyond what the client's retries allow.
	 *
	 * @since 0.1.0
	 */
	public static class TooManyRequests extends NitroApiException {

		@Serial
		private static final long serialVersionUID = 1L;

		private final @Nullable Duration retryAfter;

		TooManyRequests(HttpMethod method, URI uri, Problem problem, @Nullable Duration retryAfter) {
			super(429, method, uri, problem);
			this.retryAfter = retryAfter;
		}

		/**
		 * Returns how long Nitro asked to wait before trying again.
		 * @return the wait, or {@code null} when Nitro did not say
		 */
		public @Nullable Duration getRetryAfter() {
			return this.retryAfter;
		}

	}

	/**
	 * 5xx: Nitro failed, also after the client's retries for idempotent requests.
	 *
	 * @since 0.1.0
	 */
	public static class ServerError extends NitroApiException {

		@Serial
		private static final long serialVersionUID = 1L;

		ServerError(int status, HttpMethod method, URI uri, Problem problem) {
			super(status, method, uri, problem);
		}

	}

}
