package com.gonitro.spring.standin;

import org.junit.jupiter.api.Test;

import com.gonitro.spring.sign.NitroSignClient;
import com.gonitro.spring.sign.model.CreateEnvelope;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EnableNitroStandIn @EnableNitroStandIn} in a plain JUnit test: the shared stand-in is a parameter.
 */
@EnableNitroStandIn
class StandInWithoutSpringIntegrationTests {

	@Test
	void injectsTheSharedStandIn(NitroStandIn nitro) {
		NitroSignClient sign = new StandInClients(nitro).sign();
		String id = sign.createEnvelope(CreateEnvelope.parallel("Plain JUnit", "Sign", "Please")).id();
		assertThat(nitro.envelopeStatus(id)).isEqualTo("drafted");
	}

}
