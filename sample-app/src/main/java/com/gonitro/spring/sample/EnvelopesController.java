package com.gonitro.spring.sample;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Lists the organisation's Nitro Sign envelopes through the starter's {@code nitroWebClient}.
 */
@RestController
class EnvelopesController {

	private final ObjectProvider<WebClient> nitro;

	EnvelopesController(@Qualifier("nitroWebClient") ObjectProvider<WebClient> nitro) {
		this.nitro = nitro;
	}

	@GetMapping("/")
	String home() {
		return "Nitro sample: GET /envelopes lists your Nitro Sign envelopes.";
	}

	@GetMapping("/envelopes")
	ResponseEntity<?> envelopes() {
		WebClient nitro = this.nitro.getIfAvailable();
		if (nitro == null) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					"Nitro is not configured: set NITRO_CLIENT_ID and NITRO_CLIENT_SECRET.");
			return ResponseEntity.of(problem).build();
		}
		String page = nitro.get().uri("/sign/envelopes").retrieve().bodyToMono(String.class).block();
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(page);
	}

}
