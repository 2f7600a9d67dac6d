package com.gonitro.spring.standin;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

import com.gonitro.spring.test.NitroOpenApi;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records every reply of the stand-in's API and checks it against Nitro's OpenAPI descriptions: status documented
 * for the operation, content type declared, JSON body matching the declared schema. Each Server-Sent Event's data is
 * checked as the JSON reply of the same request.
 * <p>
 * The descriptions contradict their own examples and Nitro's prose in a few places; those differences are the only
 * ones tolerated, each with its reason, in {@link #TOLERATED}.
 */
final class OpenApiRecorder implements ExchangeFilterFunction {

	/** Differences from the descriptions that are the descriptions' own inconsistencies. */
	static final List<Tolerated> TOLERATED = List.of(
			new Tolerated("\\.boundingBox is not a string",
					"Field schemas declare boundingBox a string; their examples and the create replies use [x, y, w, h]"),
			new Tolerated("has 'validation_errors', which Nitro does not declare",
					"NITRO-API.md: a 400 may carry validation_errors"),
			new Tolerated("^POST /(conversions|transformations|extractions|generations) -> 202: status 202 is not documented",
					"NITRO-API.md: Prefer: respond-async answers 202 with the job's Location (the description says 200)"),
			new Tolerated("^(POST|PATCH|DELETE|PUT) /sign/envelopes/[^ ]+ -> 409: status 409 is not documented",
					"Changing an envelope that is no longer drafted is refused with 409, as on the operations that "
							+ "document it (send-for-signing, PATCH envelope, PATCH/DELETE document)"),
			new Tolerated("^GET /sign/envelopes\\?page(After|Before)=[^ ]* -> 400: status 400 is not documented",
					"A cursor the API never returned is a bad request; the description documents no error for it"),
			new Tolerated("-> 429: status 429 is not documented",
					"NITRO-API.md: rate limits exist on every endpoint, and 429 comes with Retry-After"),
			new Tolerated("-> 503: status 503 is not documented",
					"Only NitroStandIn.fail(..., 503) answers 503: a fault a test injects"),
			new Tolerated("^POST /sign/envelopes/[^/]+/participants -> 422: status 422 is not documented",
					"NITRO-API.md: at most 200 participants, and 422 for limits"),
			new Tolerated("^GET /jobs/[^ ]+ -> 410: status 410 is not documented",
					"GET /jobs/{jobID}/status documents 410 FileNoLongerAvailable; the result of the same job is gone too"),
			new Tolerated("^GET /jobs/[^ ]+ -> 200: body.result matches none of its variants.*formFields",
					"The job result variants predate extract-fillable-form-data, whose reply is {formFields}"));

	private static final java.util.Optional<NitroOpenApi> OPEN_API = NitroOpenApi.load();

	private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

	private final String baseUrl;

	OpenApiRecorder(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		String url = request.url().toString();
		if (!url.startsWith(this.baseUrl)) {
			return next.exchange(request);
		}
		String path = request.url().getRawPath()
				+ ((request.url().getRawQuery() != null) ? "?" + request.url().getRawQuery() : "");
		String method = request.method().name();
		return next.exchange(request).flatMap((response) -> {
			MediaType type = response.headers().contentType().orElse(null);
			int status = response.statusCode().value();
			if (type == null || !(type.getSubtype().endsWith("json") || type.getSubtype().equals("event-stream"))) {
				this.exchanges.add(new Exchange(method, path, status, (type != null) ? type.toString() : "", ""));
				return Mono.just(response);
			}
			return response.bodyToMono(String.class).defaultIfEmpty("").map((body) -> {
				if (type.getSubtype().equals("event-stream")) {
					body.lines()
						.filter((line) -> line.startsWith("data:"))
						.forEach((line) -> this.exchanges.add(new Exchange(method, path, status,
								MediaType.APPLICATION_JSON_VALUE, line.substring(5).strip())));
				}
				else {
					this.exchanges.add(new Exchange(method, path, status, type.toString(), body));
				}
				return response.mutate().body(body).build();
			});
		});
	}

	List<Exchange> exchanges() {
		return List.copyOf(this.exchanges);
	}

	/** Asserts that every recorded reply conforms, apart from the tolerated differences. */
	void assertConforms() {
		assertThat(this.exchanges).as("replies recorded").isNotEmpty();
		NitroOpenApi api = OPEN_API.orElse(null);
		if (api == null) {
			System.out.println("Nitro's OpenAPI descriptions (../shared/nitro) not found: replies not checked against them");
			return;
		}
		List<String> violations = new ArrayList<>();
		int tolerated = 0;
		for (Exchange exchange : this.exchanges) {
			for (String violation : api.responseViolations(exchange.method(), exchange.url(), exchange.status(),
					exchange.contentType(), exchange.body())) {
				if (TOLERATED.stream().anyMatch((difference) -> difference.matches(violation))) {
					tolerated++;
				}
				else {
					violations.add(violation);
				}
			}
		}
		System.out.println("Checked " + this.exchanges.size() + " stand-in replies against Nitro's OpenAPI descriptions; "
				+ tolerated + " known differences of the descriptions tolerated");
		assertThat(violations).as("replies that do not conform to Nitro's OpenAPI descriptions").isEmpty();
	}

	record Exchange(String method, String url, int status, String contentType, String body) {

	}

	record Tolerated(String pattern, String reason) {

		boolean matches(String violation) {
			return Pattern.compile(this.pattern).matcher(violation).find();
		}

	}

}
