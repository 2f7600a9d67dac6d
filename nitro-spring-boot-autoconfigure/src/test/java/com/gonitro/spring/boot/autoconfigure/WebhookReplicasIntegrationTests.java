package com.gonitro.spring.boot.autoconfigure;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import com.gonitro.spring.test.RawHttp;
import com.gonitro.spring.webhook.NitroWebhookEvent;
import com.gonitro.spring.test.SignedWebhook;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas of an application share deduplication through its database
 * ({@code nitro.webhooks.deduplication.store=jdbc}, the table created at start-up), over real HTTP: a delivery that
 * reaches both at once is published once, a duplicate is not published again on either, and a delivery whose
 * listener failed on one is published again when Nitro delivers it to the other. Subclasses supply the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebhookReplicasIntegrationTests {

	private ConfigurableApplicationContext first;

	private ConfigurableApplicationContext second;

	/** The database both replicas use; the table does not exist yet. */
	abstract DataSource dataSource();

	@BeforeAll
	void startReplicas() {
		this.first = start();
		this.second = start();
	}

	@AfterAll
	void stopReplicas() {
		this.first.close();
		this.second.close();
	}

	@BeforeEach
	void reset() {
		listener(this.first).reset();
		listener(this.second).reset();
	}

	@Test
	void deliveryReachingBothReplicasAtOnceIsPublishedOnce() throws Exception {
		SlowListener firstListener = listener(this.first);
		firstListener.hold = new CountDownLatch(1);
		SignedWebhook webhook = webhook();

		CompletableFuture<Integer> onFirst = CompletableFuture
			.supplyAsync(() -> RawHttp.send(port(this.first), webhook.host("localhost:" + port(this.first))).status());
		assertThat(firstListener.entered.await(30, TimeUnit.SECONDS)).isTrue();
		int onSecond = RawHttp.send(port(this.second), webhook.host("localhost:" + port(this.second))).status();
		firstListener.hold.countDown();

		assertThat(onSecond).as("the second replica, while the first handles the event").isEqualTo(503);
		assertThat(onFirst.get(30, TimeUnit.SECONDS)).isEqualTo(200);
		assertThat(RawHttp.send(port(this.second), webhook).status()).as("Nitro's next delivery").isEqualTo(200);
		assertThat(firstListener.events).hasSize(1);
		assertThat(listener(this.second).events).isEmpty();
	}

	@Test
	void duplicateIsNotPublishedAgainOnAnyReplica() {
		SignedWebhook webhook = webhook();

		assertThat(RawHttp.send(port(this.first), webhook.host("localhost:" + port(this.first))).status())
			.isEqualTo(200);
		assertThat(RawHttp.send(port(this.second), webhook.host("localhost:" + port(this.second))).status())
			.isEqualTo(200);

		assertThat(listener(this.first).events).hasSize(1);
		assertThat(listener(this.second).events).isEmpty();
	}

	@Test
	void deliveryWhoseListenerFailedIsPublishedAgainOnAnotherReplica() {
		listener(this.first).fail = true;
		SignedWebhook webhook = webhook();

		assertThat(RawHttp.send(port(this.first), webhook.host("localhost:" + port(this.first))).status())
			.isEqualTo(500);
		assertThat(RawHttp.send(port(this.second), webhook.host("localhost:" + port(this.second))).status())
			.isEqualTo(200);

		assertThat(listener(this.second).events).hasSize(1);
		assertThat(new JdbcTemplate(dataSource()).queryForObject(
				"SELECT COUNT(*) FROM nitro_webhook_events WHERE handled_at IS NOT NULL", Long.class))
			.isPositive();
	}

	private SignedWebhook webhook() {
		return SignedWebhook.event(UUID.randomUUID().toString(), "EnvelopeSealed", "{\"envelopeID\":\"e-1\"}");
	}

	private ConfigurableApplicationContext start() {
		DataSource dataSource = dataSource();
		return new SpringApplicationBuilder(App.class).web(WebApplicationType.SERVLET)
			.initializers((context) -> context.getBeanFactory().registerSingleton("dataSource", dataSource))
			.properties("server.port=0", "nitro.client-id=" + SignedWebhook.CLIENT_ID,
					"nitro.client-secret=" + SignedWebhook.CLIENT_SECRET, "nitro.webhooks.enabled=true",
					"nitro.webhooks.deduplication.store=jdbc",
					"nitro.webhooks.deduplication.jdbc.initialize-schema=true")
			.run();
	}

	private static SlowListener listener(ConfigurableApplicationContext replica) {
		return replica.getBean(SlowListener.class);
	}

	private static int port(ConfigurableApplicationContext replica) {
		return Integer.parseInt(replica.getEnvironment().getRequiredProperty("local.server.port"));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(SlowListener.class)
	static class App {

	}

	/**
	 * Records events; can fail, or hold the delivery until the test lets it go.
	 */
	static class SlowListener {

		final List<NitroWebhookEvent> events = new CopyOnWriteArrayList<>();

		volatile CountDownLatch entered = new CountDownLatch(1);

		volatile CountDownLatch hold = new CountDownLatch(0);

		volatile boolean fail;

		@EventListener
		void on(NitroWebhookEvent event) throws InterruptedException {
			this.events.add(event);
			this.entered.countDown();
			this.hold.await(30, TimeUnit.SECONDS);
			if (this.fail) {
				throw new IllegalStateException("The listener failed");
			}
		}

		void reset() {
			this.events.clear();
			this.entered = new CountDownLatch(1);
			this.hold = new CountDownLatch(0);
			this.fail = false;
		}

	}

}
