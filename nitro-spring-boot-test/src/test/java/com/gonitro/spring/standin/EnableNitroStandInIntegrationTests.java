package com.gonitro.spring.standin;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import com.gonitro.spring.sign.NitroSignClient;
import com.gonitro.spring.sign.model.CreateEnvelope;
import com.gonitro.spring.sign.model.Envelope;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EnableNitroStandIn @EnableNitroStandIn} in a Spring Boot test: the application's {@code nitro.*} point at
 * the shared stand-in, the starter's clients work against it, the stand-in is injectable, and it is reset between
 * tests.
 */
@SpringBootTest(classes = EnableNitroStandInIntegrationTests.Application.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@EnableNitroStandIn
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EnableNitroStandInIntegrationTests {

	@Autowired
	NitroSignClient sign;

	@Autowired
	NitroStandIn nitro;

	@Autowired
	Environment environment;

	@Test
	@Order(1)
	void pointsTheStarterAtTheStandIn(NitroStandIn parameter) {
		assertThat(parameter).isSameAs(this.nitro);
		assertThat(this.environment.getProperty("nitro.base-url")).isEqualTo(this.nitro.baseUrl());
		assertThat(this.environment.getProperty("nitro.token-uri")).isEqualTo(this.nitro.tokenUri());
		Envelope envelope = this.sign.createEnvelope(CreateEnvelope.parallel("Through the starter", "Sign", "Please"));
		assertThat(this.nitro.envelopeIds()).containsExactly(envelope.id());
	}

	@Test
	@Order(2)
	void startsEachTestWithAFreshStandIn() {
		assertThat(this.nitro.envelopeIds()).isEmpty();
		assertThat(this.sign.listEnvelopes()).isEmpty();
	}

	@Test
	@Order(3)
	void followsARotatedSecret() {
		this.sign.createEnvelope(CreateEnvelope.parallel("Before rotation", "Sign", "Please"));
		this.nitro.rotateCredentials("rotated-in-a-test");
		assertThat(this.environment.getProperty("nitro.client-secret")).isEqualTo("rotated-in-a-test");
		assertThat(this.sign.listEnvelopes()).hasSize(1);
	}

	@Nested
	@SpringBootTest(classes = EnableNitroStandInIntegrationTests.Application.class,
			webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "nitro.client-id=set-by-the-test")
	class TestPropertiesWin {

		@Value("${nitro.client-id}")
		String clientId;

		@Value("${nitro.base-url}")
		String baseUrl;

		@Test
		void keepsPropertiesSetOnTheTest(NitroStandIn nitro) {
			assertThat(this.clientId).isEqualTo("set-by-the-test");
			assertThat(this.baseUrl).isEqualTo(nitro.baseUrl());
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
