package com.gonitro.spring.sample;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Without Nitro credentials the starter backs off silently: the sample starts and says what to set.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleWithoutNitroTests {

	@LocalServerPort
	int port;

	@Test
	void startsAndExplainsWhatToConfigure() {
		assertThatExceptionOfType(HttpServerErrorException.ServiceUnavailable.class)
			.isThrownBy(() -> RestClient.create("http://localhost:" + this.port)
				.get()
				.uri("/envelopes")
				.retrieve()
				.body(String.class))
			.satisfies((ex) -> org.assertj.core.api.Assertions.assertThat(ex.getResponseBodyAsString())
				.contains("NITRO_CLIENT_ID"));
	}

}
