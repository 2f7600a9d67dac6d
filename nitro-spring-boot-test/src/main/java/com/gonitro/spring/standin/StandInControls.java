package com.gonitro.spring.standin;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.HtmlUtils;

/**
 * The stand-in's own controls, outside Nitro's API and without a token, for development runs where a person plays
 * the signer: sign or reject an envelope, revoke every token, and the page a signing URL opens.
 */
final class StandInControls {

	/** Where the controls live. */
	static final String PATH = "/standin";

	private final StandInSign sign;

	private final StandInTokens tokens;

	StandInControls(StandInSign sign, StandInTokens tokens) {
		this.sign = sign;
		this.tokens = tokens;
	}

	RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route()
			// Through sent(...), as the Sign API's routes: an unknown envelope answers 404, one not sent 409.
			.POST(PATH + "/envelopes/{envelopeID}:sign", (request) -> {
				this.sign.sent(request, "signed", (envelope) -> {
					envelope.sign(this.sign.now());
					return envelope;
				});
				return ServerResponse.noContent().build();
			})
			.POST(PATH + "/envelopes/{envelopeID}:reject", (request) -> {
				this.sign.sent(request, "rejected", (envelope) -> {
					envelope.reject(this.sign.now());
					return envelope;
				});
				return ServerResponse.noContent().build();
			})
			.GET(PATH + "/sign/{envelopeID}/{participantID}", (request) -> ServerResponse.ok()
				.contentType(MediaType.TEXT_HTML)
				.bodyValue(signingPage(request.pathVariable("envelopeID"))))
			.POST(PATH + "/tokens:revoke", (request) -> {
				this.tokens.revokeAll();
				return ServerResponse.noContent().build();
			})
			.build();
	}

	/** What a signing URL shows: the stand-in has no signing ceremony, one button signs for every signer. */
	private static String signingPage(String envelopeId) {
		String id = HtmlUtils.htmlEscape(envelopeId);
		return "<!DOCTYPE html><html><head><title>Nitro stand-in</title></head><body>"
				+ "<h1>Nitro stand-in: envelope " + id + "</h1>"
				+ "<p>This is not Nitro's signing page. The stand-in signs for every signer at once.</p>"
				+ "<form method=\"post\" action=\"" + PATH + "/envelopes/" + id + ":sign\">"
				+ "<button type=\"submit\">Sign</button></form></body></html>";
	}

}
