package com.gonitro.spring.standin;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Tests that drive a stand-in through the starter's clients: fresh clients for each test, every reply checked
 * against Nitro's OpenAPI descriptions after it, and the stand-in reset.
 */
abstract class StandInApiIntegrationTests {

	protected StandInClients clients;

	/** The stand-in the test class drives. */
	abstract NitroStandIn standIn();

	@BeforeEach
	void createClients() {
		this.clients = new StandInClients(standIn());
	}

	@AfterEach
	void conformsAndReset() {
		try {
			this.clients.recorder.assertConforms();
		}
		finally {
			standIn().reset();
		}
	}

}
