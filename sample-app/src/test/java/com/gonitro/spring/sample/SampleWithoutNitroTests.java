package com.gonitro.spring.sample;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without Nitro credentials the starter backs off silently: the sample starts and says what to set.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleWithoutNitroTests {

	@LocalServerPort
	int port;

	@Test
	void startsAndExplainsWhatToConfigure() throws Exception {
		ResponseEntity<JsonNode> response = RestClient.create("http://localhost:" + this.port)
			.post()
			.uri("/signature-requests")
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(SignatureRequestsTests.form(SignatureRequestsTests.pdf("Contract"), "contract.pdf", "ada@example.com",
					"Ada"))
			.exchange((request, reply) -> ResponseEntity.status(reply.getStatusCode()).body(reply.bodyTo(JsonNode.class)));

		assertThat(response.getStatusCode().value()).isEqualTo(503);
		assertThat(response.getBody().path("detail").asString()).contains("NITRO_CLIENT_ID", "NITRO_CLIENT_SECRET",
				"spring-boot:test-run");
	}

}
