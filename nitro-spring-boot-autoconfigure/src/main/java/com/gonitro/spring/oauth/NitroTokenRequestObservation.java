package com.gonitro.spring.oauth;

import java.util.Set;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Mono;

/**
 * The observation of a token request: {@value #NAME}, a timer with Micrometer's metrics and a span with tracing.
 * Its low-cardinality keys are {@value #OUTCOME} ({@code success}; the OAuth 2.0 error code of a standard error such
 * as {@code invalid_client}; {@code unreachable}; {@code timeout}; {@code invalid_response}; {@code other_error} for
 * an error code Nitro does not document) and {@value #APPLICATION} (the Nitro application, {@code default} for the
 * top-level one). No secret, token or client ID is ever part of it.
 *
 * @since 0.1.0
 */
public final class NitroTokenRequestObservation {

	/**
	 * The name of the observation, and of the timer Micrometer makes of it.
	 */
	public static final String NAME = "nitro.token.requests";

	/**
	 * The key of the outcome.
	 */
	public static final String OUTCOME = "outcome";

	/**
	 * The key of the application name.
	 */
	public static final String APPLICATION = "application";

	/** The Reactor context key under which WebClient finds its parent observation. */
	private static final String PARENT_OBSERVATION = "micrometer.observation";

	/** OAuth 2.0's own error codes (RFC 6749): any other code a server sends is not used as a tag value. */
	private static final Set<String> OAUTH_ERROR_CODES = Set.of("invalid_request", "invalid_client", "invalid_grant",
			"unauthorized_client", "unsupported_grant_type", "invalid_scope", "server_error",
			"temporarily_unavailable");

	private NitroTokenRequestObservation() {
	}

	static <T> Mono<T> observe(Mono<T> tokenRequest, ObservationRegistry registry, String application) {
		if (registry.isNoop()) {
			return tokenRequest;
		}
		return Mono.defer(() -> {
			Observation observation = Observation.createNotStarted(NAME, registry)
				.contextualName("nitro token request")
				.lowCardinalityKeyValue(APPLICATION, application)
				.start();
			return tokenRequest.contextWrite((context) -> context.put(PARENT_OBSERVATION, observation))
				.doOnSuccess((value) -> observation.lowCardinalityKeyValue(OUTCOME, "success").stop())
				.doOnError((ex) -> observation.lowCardinalityKeyValue(OUTCOME, outcome(ex)).error(ex).stop())
				.doOnCancel(() -> observation.lowCardinalityKeyValue(OUTCOME, "cancelled").stop());
		});
	}

	static String outcome(Throwable failure) {
		if (!(failure instanceof NitroTokenException tokenException)) {
			return "other_error";
		}
		String code = tokenException.getError().getErrorCode();
		return switch (code) {
			case NitroTokenException.TOKEN_ENDPOINT_UNREACHABLE -> "unreachable";
			case NitroTokenException.TOKEN_ENDPOINT_TIMEOUT -> "timeout";
			case NitroTokenException.INVALID_TOKEN_RESPONSE -> "invalid_response";
			default -> OAUTH_ERROR_CODES.contains(code) ? code : "other_error";
		};
	}

}
