package com.gonitro.spring.boot.autoconfigure;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import com.gonitro.spring.test.RawHttp;
import com.gonitro.spring.test.SignedWebhook;
import com.gonitro.spring.webhook.NitroWebhookEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook endpoint over real HTTP, in an application with Spring Boot's default security (every endpoint needs a
 * login): each outcome of a delivery, as Nitro sees it (the status) and as the application sees it (the events).
 * Subclasses run it on each web stack.
 */
@TestPropertySource(properties = { "nitro.client-id=" + SignedWebhook.CLIENT_ID,
		"nitro.client-secret=" + SignedWebhook.CLIENT_SECRET, "nitro.webhooks.enabled=true",
		"nitro.webhooks.max-body-size=4KB" })
abstract class WebhookEndpointIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Listener listener;

	@Autowired
	ConfigurableEnvironment environment;

	@BeforeEach
	void reset() {
		this.listener.events.clear();
		this.listener.sealed.clear();
		this.listener.fail.set(false);
	}

	@Test
	void signedDeliveryIsPublishedAsATypedEventAndAnswered200() {
		String id = UUID.randomUUID().toString();
		SignedWebhook webhook = webhook(id, "EnvelopeSealed",
				"{\"envelopeID\":\"6a5b7c\",\"documentID\":\"d-1\",\"extra\":{\"n\":[1,2]}}");

		RawHttp.Response response = RawHttp.send(this.port, webhook);

		assertThat(response.status()).isEqualTo(200);
		assertThat(this.listener.events).singleElement().satisfies((event) -> {
			assertThat(event.id()).isEqualTo(id);
			assertThat(event.type()).isEqualTo("EnvelopeSealed");
			assertThat(event.created()).isEqualTo(Instant.parse("2026-11-28T12:00:00Z"));
			assertThat(event.envelopeId()).isEqualTo("6a5b7c");
			assertThat(event.documentId()).isEqualTo("d-1");
			assertThat(event.participantId()).isNull();
			assertThat(event.data()).containsEntry("extra", Map.of("n", List.of(1, 2)));
			assertThat(event).isInstanceOf(NitroWebhookEvent.EnvelopeSealed.class);
		});
		assertThat(this.listener.sealed).hasSize(1);
	}

	@Test
	void unknownTypeIsPublishedAsAPlainEvent() {
		RawHttp.Response response = RawHttp.send(this.port, webhook(UUID.randomUUID().toString(),
				"EnvelopeTeleported", "{}"));

		assertThat(response.status()).isEqualTo(200);
		assertThat(this.listener.events).singleElement()
			.satisfies((event) -> assertThat(event.getClass()).isEqualTo(NitroWebhookEvent.class));
		assertThat(this.listener.sealed).isEmpty();
	}

	@Test
	void deliverySignedWithAnotherSecretIsAnswered401AndNotPublished() {
		assertRefused(RawHttp.send(this.port, webhook().secret("guessed-secret")), 401);
	}

	@Test
	void deliveryWithAnotherKeyIdIsAnswered401AndNotPublished() {
		assertRefused(RawHttp.send(this.port, webhook().keyId("another-application")), 401);
	}

	@Test
	void deliveryWhoseBodyDoesNotMatchItsContentDigestIsAnswered401AndNotPublished() {
		SignedWebhook webhook = webhook();
		byte[] tampered = new String(webhook.bodyBytes(), StandardCharsets.UTF_8).replace("EnvelopeSealed",
				"EnvelopeCancelled").getBytes(StandardCharsets.UTF_8);

		assertRefused(RawHttp.send(this.port, webhook.method(), webhook.path(), webhook.headers(), tampered), 401);
	}

	@Test
	void deliveryOutsideTheTimestampToleranceIsAnswered401AndNotPublished() {
		Instant sixMinutesAgo = Instant.now().minus(Duration.ofMinutes(6));

		assertRefused(RawHttp.send(this.port, webhook().date(sixMinutesAgo)), 401);
		assertRefused(RawHttp.send(this.port, webhook().created(sixMinutesAgo)), 401);
	}

	@Test
	void unsignedDeliveryIsAnswered401AndNotPublished() {
		SignedWebhook webhook = webhook();

		assertRefused(RawHttp.send(this.port, "POST", webhook.path(), Map.of("Content-Type", "application/json"),
				webhook.bodyBytes()), 401);
	}

	@Test
	void signedDeliveryThatIsNotNitrosJsonIsAnswered400AndNotPublished() {
		assertRefused(RawHttp.send(this.port, signed("{\"id\":")), 400);
		assertRefused(RawHttp.send(this.port, signed("[1,2]")), 400);
		assertRefused(RawHttp.send(this.port, signed("{\"type\":\"EnvelopeSealed\",\"created\":\"2026-11-28T12:00:00Z\"}")),
				400);
		assertRefused(RawHttp.send(this.port, signed("{\"id\":\"e\",\"type\":\"EnvelopeSealed\",\"created\":\"yesterday\"}")),
				400);
	}

	@Test
	void declaredBodyOverTheLimitIsAnswered413BeforeAnyOfItIsSent() throws Exception {
		SignedWebhook webhook = webhook();
		try (Socket socket = socket()) {
			write(socket, head(webhook, "Content-Length: " + (10 * 1024 * 1024)));

			assertThat(status(socket.getInputStream())).isEqualTo(413);
		}
		assertThat(this.listener.events).isEmpty();
	}

	@Test
	void chunkedBodyOverTheLimitIsAnswered413WithoutWaitingForTheRest() throws Exception {
		SignedWebhook webhook = webhook();
		try (Socket socket = socket()) {
			write(socket, head(webhook, "Transfer-Encoding: chunked"));
			int chunk = 4 * 1024 + 1;
			write(socket, Integer.toHexString(chunk) + "\r\n" + "x".repeat(chunk) + "\r\n");

			// The rest of the body (and its last chunk) never comes: only a server that stopped reading answers.
			assertThat(status(socket.getInputStream())).isEqualTo(413);
		}
		assertThat(this.listener.events).isEmpty();
	}

	@Test
	void listenerFailureIsAnswered500AndNitrosRedeliveryIsPublishedAgain() {
		SignedWebhook webhook = webhook();
		this.listener.fail.set(true);

		assertThat(RawHttp.send(this.port, webhook).status()).isEqualTo(500);
		this.listener.fail.set(false);
		assertThat(RawHttp.send(this.port, webhook).status()).isEqualTo(200);

		assertThat(this.listener.events).hasSize(2).extracting(NitroWebhookEvent::id).containsOnly(idOf(webhook));
	}

	@Test
	void duplicateOfAHandledEventIsAnswered200AndNotPublishedAgain() {
		SignedWebhook webhook = webhook();

		assertThat(RawHttp.send(this.port, webhook).status()).isEqualTo(200);
		assertThat(RawHttp.send(this.port, webhook).status()).isEqualTo(200);
		assertThat(RawHttp.send(this.port, webhook.at(Instant.now())).status()).isEqualTo(200);

		assertThat(this.listener.events).hasSize(1);
	}

	@Test
	void methodOtherThanPostIsAnswered405() {
		RawHttp.Response response = RawHttp.send(this.port, "GET", "/nitro/webhooks", Map.of(), new byte[0]);

		assertThat(response.status()).isEqualTo(405);
		assertThat(response.header("Allow")).isEqualTo("POST");
	}

	@Test
	@DirtiesContext
	void rotatedSecretIsUsedAtOnceAndThePreviousOneStillVerifiesDuringTheGracePeriod() {
		assertThat(RawHttp.send(this.port, webhook()).status()).isEqualTo(200);
		rotateSecret("second-secret");
		assertThat(RawHttp.send(this.port, webhook().secret("second-secret")).status()).isEqualTo(200);
		assertThat(RawHttp.send(this.port, webhook()).status()).isEqualTo(200);
		rotateSecret("third-secret");

		assertThat(RawHttp.send(this.port, webhook().secret("third-secret")).status()).isEqualTo(200);
		assertThat(RawHttp.send(this.port, webhook().secret("second-secret")).status()).isEqualTo(200);
		assertThat(RawHttp.send(this.port, webhook()).status()).isEqualTo(401);
		assertThat(this.listener.events).hasSize(5);
	}

	private void rotateSecret(String secret) {
		this.environment.getPropertySources()
			.addFirst(new MapPropertySource("rotated-" + secret, Map.of("nitro.client-secret", secret)));
	}

	private SignedWebhook webhook() {
		return webhook(UUID.randomUUID().toString(), "EnvelopeSealed", "{\"envelopeID\":\"6a5b7c\"}");
	}

	private SignedWebhook webhook(String id, String type, String data) {
		return SignedWebhook.event(id, type, data).host("localhost:" + this.port);
	}

	private SignedWebhook signed(String body) {
		return SignedWebhook.body(body).host("localhost:" + this.port);
	}

	private static String idOf(SignedWebhook webhook) {
		String body = new String(webhook.bodyBytes(), StandardCharsets.UTF_8);
		return body.substring(body.indexOf("\"id\":\"") + 6, body.indexOf("\",\"type\""));
	}

	private void assertRefused(RawHttp.Response response, int status) {
		assertThat(response.status()).isEqualTo(status);
		assertThat(this.listener.events).isEmpty();
	}

	private Socket socket() throws Exception {
		Socket socket = new Socket("127.0.0.1", this.port);
		socket.setSoTimeout(20_000);
		return socket;
	}

	private static String head(SignedWebhook webhook, String framing) {
		StringBuilder head = new StringBuilder("POST " + webhook.path() + " HTTP/1.1\r\n");
		webhook.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
		return head.append(framing).append("\r\n\r\n").toString();
	}

	private static void write(Socket socket, String text) throws Exception {
		OutputStream out = socket.getOutputStream();
		out.write(text.getBytes(StandardCharsets.ISO_8859_1));
		out.flush();
	}

	private static int status(InputStream in) throws Exception {
		StringBuilder line = new StringBuilder();
		for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
			line.append((char) c);
		}
		return Integer.parseInt(line.toString().split(" ")[1]);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@Bean
		Listener listener() {
			return new Listener();
		}

	}

	static class Listener {

		final List<NitroWebhookEvent> events = new CopyOnWriteArrayList<>();

		final List<NitroWebhookEvent.EnvelopeSealed> sealed = new CopyOnWriteArrayList<>();

		final AtomicBoolean fail = new AtomicBoolean();

		@EventListener
		void on(NitroWebhookEvent event) {
			this.events.add(event);
			if (this.fail.get()) {
				throw new IllegalStateException("The listener failed");
			}
		}

		@EventListener
		void onSealed(NitroWebhookEvent.EnvelopeSealed event) {
			this.sealed.add(event);
		}

	}

}
