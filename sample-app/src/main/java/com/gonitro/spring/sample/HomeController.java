package com.gonitro.spring.sample;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Says what this service does.
 */
@RestController
class HomeController {

	@GetMapping(path = "/", produces = "text/plain")
	String home() {
		return """
				Nitro sample: a small document-automation service.
				  POST /signature-requests          multipart: file (a PDF), signerEmail, signerName
				  GET  /signature-requests/{id}     where the request stands
				  GET  /signature-requests/{id}/sealed   the sealed ZIP, once signed
				  POST /conversions?to=pdf          multipart: file
				""";
	}

}
