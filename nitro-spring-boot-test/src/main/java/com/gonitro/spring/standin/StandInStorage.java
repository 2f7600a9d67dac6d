package com.gonitro.spring.standin;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.UriUtils;

/**
 * Where result files live, as behind Nitro's pre-signed URLs: a separate origin, a signature in the query, an
 * expiry, and no {@code Authorization} header accepted (a client that sends its Nitro token there is refused, as S3
 * refuses two authentication mechanisms).
 */
final class StandInStorage {

	private static final String SIGNATURE = "X-Nitro-Signature";

	private final Map<String, StoredFile> files = new ConcurrentHashMap<>();

	private final Clock clock;

	private final Duration retention;

	private volatile String baseUrl = "";

	StandInStorage(Clock clock, Duration retention) {
		this.clock = clock;
		this.retention = retention;
	}

	void setBaseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	/** Stores a file and returns its pre-signed URL. */
	URI store(byte[] content, String contentType, String name) {
		String id = UUID.randomUUID().toString();
		String signature = UUID.randomUUID().toString().replace("-", "");
		this.files.put(id, new StoredFile(content, contentType, signature, this.clock.instant().plus(this.retention)));
		String filename = name.substring(name.lastIndexOf('/') + 1);
		return URI.create(this.baseUrl + "/results/" + id + "/"
				+ UriUtils.encodePathSegment(filename.isEmpty() ? "file" : filename, StandardCharsets.UTF_8) + "?"
				+ SIGNATURE + "=" + signature);
	}

	/** Makes the file at a URL this storage issued unavailable. */
	void expire(URI url) {
		String[] segments = url.getPath().split("/");
		if (segments.length > 2) {
			this.files.remove(segments[2]);
		}
	}

	void reset() {
		this.files.clear();
	}

	RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route()
			.GET("/results/{id}/{name}", this::download)
			.route((request) -> true, (request) -> ServerResponse.notFound().build())
			.build();
	}

	private Mono<ServerResponse> download(ServerRequest request) {
		if (request.headers().firstHeader(HttpHeaders.AUTHORIZATION) != null) {
			return refuse(HttpStatus.BAD_REQUEST, "Only one auth mechanism allowed: the URL is pre-signed, "
					+ "an Authorization header must not be sent");
		}
		StoredFile file = this.files.get(request.pathVariable("id"));
		if (file == null || !request.queryParam(SIGNATURE).map(file.signature::equals).orElse(false)) {
			return refuse(HttpStatus.FORBIDDEN, "Access denied: unknown file or wrong signature");
		}
		if (!this.clock.instant().isBefore(file.expiresAt)) {
			return refuse(HttpStatus.FORBIDDEN, "Request has expired");
		}
		return ServerResponse.ok()
			.contentType(MediaType.parseMediaType(file.contentType))
			.contentLength(file.content.length)
			.bodyValue(file.content);
	}

	private static Mono<ServerResponse> refuse(HttpStatus status, String message) {
		return ServerResponse.status(status).contentType(MediaType.TEXT_PLAIN).bodyValue(message);
	}

	private record StoredFile(byte[] content, String contentType, String signature, Instant expiresAt) {

	}

}
