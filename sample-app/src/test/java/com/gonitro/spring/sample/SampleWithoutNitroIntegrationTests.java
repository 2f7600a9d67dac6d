package com.gonitro.spring.sample;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without Nitro credentials the starter backs off silently: the sample starts and says what to set.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleWithoutNitroIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void startsAndExplainsWhatToConfigure() {
		ResponseEntity<JsonNode> response = new SampleClient(this.port).requestSignature("Contract", "ada@example.com");

		assertThat(response.getStatusCode().value()).isEqualTo(503);
		assertThat(response.getBody().path("detail").asString()).contains("NITRO_CLIENT_ID", "NITRO_CLIENT_SECRET",
				"spring-boot:test-run");
	}

}
