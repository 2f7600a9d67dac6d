package com.gonitro.spring.standin;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.event.EventListener;

import com.gonitro.spring.sign.NitroSignClient;
import com.gonitro.spring.sign.model.CreateEnvelope;
import com.gonitro.spring.standin.NitroStandInWebhooks.Delivery;
import com.gonitro.spring.webhook.NitroWebhookEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EnableNitroStandIn @EnableNitroStandIn} in a test of an application with a web server and
 * {@code nitro.webhooks.enabled=true}: the shared stand-in delivers webhooks to the application, in every test
 * method although it is reset after each, and the starter's receiver verifies and publishes them.
 */
@SpringBootTest(classes = EnableNitroStandInWebhooksIntegrationTests.Application.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "nitro.webhooks.enabled=true")
@EnableNitroStandIn
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EnableNitroStandInWebhooksIntegrationTests {

	@Autowired
	NitroSignClient sign;

	@Autowired
	NitroStandIn nitro;

	@Autowired
	Application application;

	@LocalServerPort
	int port;

	@Test
	@Order(1)
	void deliversWebhooksToTheApplication() {
		assertDeliveredToTheApplication("First");
	}

	@Test
	@Order(2)
	void deliversWebhooksToTheApplicationAfterAReset() {
		assertDeliveredToTheApplication("Second");
	}

	private void assertDeliveredToTheApplication(String name) {
		assertThat(this.nitro.webhooks().deliveryUrl()).hasToString("http://localhost:" + this.port + "/nitro/webhooks");
		String id = this.sign.createEnvelope(CreateEnvelope.parallel(name, "Sign", "Please")).id();

		Delivery delivery = this.nitro.webhooks().awaitDelivery("EnvelopeCreated", Duration.ofSeconds(10));
		assertThat(delivery.status()).isEqualTo(200);
		assertThat(delivery.data()).containsEntry("envelopeID", id);
		// The starter's receiver verified the stand-in's signature and published the delivery as an event.
		assertThat(this.application.received).anySatisfy((event) -> {
			assertThat(event.id()).isEqualTo(delivery.eventId());
			assertThat(event.type()).isEqualTo("EnvelopeCreated");
			assertThat(event.envelopeId()).isEqualTo(id);
		});
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		final List<NitroWebhookEvent> received = new CopyOnWriteArrayList<>();

		@EventListener
		void on(NitroWebhookEvent event) {
			this.received.add(event);
		}

	}

}
