package com.gonitro.spring.sample;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import com.gonitro.spring.standin.EnableNitroStandIn;
import com.gonitro.spring.standin.NitroStandIn;
import com.gonitro.spring.standin.NitroStandInWebhooks;
import com.gonitro.spring.webhook.NitroWebhookEvent;

import static com.gonitro.spring.sample.SampleClient.file;
import static com.gonitro.spring.sample.SampleClient.form;
import static com.gonitro.spring.sample.SampleClient.pdf;
import static com.gonitro.spring.sample.SampleClient.text;
import static com.gonitro.spring.sample.SampleClient.unzip;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample end to end over HTTP, against the Nitro stand-in: a PDF sent for signature, its status, the sealed ZIP
 * streamed back once signed, a conversion; bad input answered 400 naming the field, Nitro's refusals mapped, never
 * a stack trace.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@EnableNitroStandIn
@ExtendWith(OutputCaptureExtension.class)
class SignatureRequestsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	NitroStandIn nitro;

	private SampleClient client;

	@BeforeEach
	void client() {
		this.client = new SampleClient(this.port);
	}


	@Test
	void sendsAPdfForSignatureAndStreamsTheSealedZip(CapturedOutput output) {
		ResponseEntity<JsonNode> created = this.client.post("/signature-requests",
				form(pdf("Consulting agreement"), "agreement.pdf", "ada@example.com", "Ada Lovelace"));

		assertThat(created.getStatusCode().value()).isEqualTo(201);
		String id = created.getBody().path("id").asString();
		assertThat(created.getBody().path("status").asString()).isEqualTo("sent");
		assertThat(created.getHeaders().getLocation()).hasPath("/signature-requests/" + id);
		assertThat(this.nitro.envelopeStatus(id)).isEqualTo("sent");

		ResponseEntity<JsonNode> notYet = this.client.get("/signature-requests/" + id + "/sealed");
		assertThat(notYet.getStatusCode().value()).isEqualTo(409);
		assertThat(notYet.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(notYet.getBody().path("detail").asString()).contains("not sealed yet");

		this.nitro.sign(id);
		awaitStatus(id, "sealed");
		// Nitro pushes the news: the sample hears it through the starter's webhook endpoint, verified.
		NitroStandInWebhooks.Delivery sealedNotice = this.nitro.webhooks()
			.awaitDeliveries(NitroWebhookEvent.ENVELOPE_SEALED, 1, Duration.ofSeconds(20))
			.get(0);
		assertThat(sealedNotice.isDelivered()).as("answered %s", sealedNotice.status()).isTrue();
		assertThat(sealedNotice.data()).containsEntry("envelopeID", id);
		assertThat(this.client.get("/signature-requests/" + id).getBody().path("sealedNoticeAt").isMissingNode())
			.isFalse();
		assertThat(output).contains("Nitro sealed envelope " + id);

		ResponseEntity<byte[]> sealed = this.client.http.get().uri("/signature-requests/" + id + "/sealed").retrieve()
			.toEntity(byte[].class);
		assertThat(sealed.getStatusCode().value()).isEqualTo(200);
		assertThat(sealed.getHeaders().getContentType()).isEqualTo(MediaType.valueOf("application/zip"));
		assertThat(sealed.getHeaders().getContentLength()).as("streamed, not buffered").isEqualTo(-1);
		Map<String, byte[]> zip = unzip(sealed.getBody());
		assertThat(zip).containsOnlyKeys("agreement.pdf");
		assertThat(text(zip.get("agreement.pdf"))).contains("Consulting agreement", "Signed: ada@example.com");
	}

	@Test
	void convertsAFile() {
		byte[] html = "<html><body><p>Minutes of the board</p></body></html>".getBytes();
		MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
		form.add("file", file(html, "minutes.html"));
		ResponseEntity<byte[]> converted = this.client.http.post().uri("/conversions?to=pdf").body(form).retrieve()
			.toEntity(byte[].class);
		assertThat(converted.getStatusCode().value()).isEqualTo(200);
		assertThat(converted.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
		assertThat(converted.getHeaders().getContentDisposition().getFilename()).isEqualTo("minutes.pdf");
		assertThat(text(converted.getBody())).contains("Minutes of the board");

		ResponseEntity<JsonNode> badTarget = this.client.post("/conversions?to=exe", form);
		assertThat(badTarget.getStatusCode().value()).isEqualTo(400);
		assertThat(badTarget.getBody().path("field").asString()).isEqualTo("to");
	}

	@Test
	void answersBadInputWith400NamingTheField(CapturedOutput output) {
		assertField(this.client.post("/signature-requests", form(null, null, "ada@example.com", "Ada")), "file");
		assertField(this.client.post("/signature-requests", form("plain text".getBytes(), "notes.txt", "ada@example.com", "Ada")),
				"file");
		assertField(this.client.post("/signature-requests", form(pdf("Contract"), "contract.pdf", "ada-at-example", "Ada")),
				"signerEmail");
		assertField(this.client.post("/signature-requests", form(pdf("Contract"), "contract.pdf", "ada@example.com", " ")),
				"signerName");
		assertThat(this.nitro.envelopeIds()).as("nothing reached Nitro").isEmpty();
		assertThat(output).doesNotContain("\tat com.gonitro");
	}

	@Test
	void mapsNitrosAnswersWithoutStackTraces(CapturedOutput output) {
		ResponseEntity<JsonNode> unknown = this.client.get("/signature-requests/6f1d2b7a-0000-4000-8000-000000000000");
		assertThat(unknown.getStatusCode().value()).isEqualTo(404);
		assertThat(unknown.getBody().path("detail").asString()).contains("6f1d2b7a-0000-4000-8000-000000000000");
		assertThat(unknown.getBody().path("nitroStatus").asInt()).isEqualTo(404);

		byte[] broken = "%PDF-1.7\nnot really a PDF".getBytes();
		ResponseEntity<JsonNode> failed = this.client.post("/signature-requests", form(broken, "broken.pdf", "ada@example.com", "Ada"));
		assertThat(failed.getStatusCode().value()).isEqualTo(422);
		assertThat(failed.getBody().path("detail").asString()).contains("Nitro could not process the document");

		this.nitro.throttle(10, Duration.ofSeconds(60));
		ResponseEntity<JsonNode> throttled = this.client.get("/signature-requests/6f1d2b7a-0000-4000-8000-000000000000");
		assertThat(throttled.getStatusCode().value()).isEqualTo(503);
		assertThat(throttled.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("60");

		this.nitro.reset();
		this.nitro.fail(1, 500);
		ResponseEntity<JsonNode> nitroDown = this.client.post("/signature-requests",
				form(pdf("Contract"), "contract.pdf", "ada@example.com", "Ada"));
		assertThat(nitroDown.getStatusCode().value()).isEqualTo(502);
		assertThat(nitroDown.getBody().path("detail").asString()).isEqualTo("Injected failure");
		assertThat(nitroDown.getBody().toString()).doesNotContain("Exception", "\tat ");
		assertThat(output).doesNotContain("\tat com.gonitro").doesNotContain(this.nitro.clientSecret());
	}

	@Test
	void ownEndpointsStayOpenWithoutLogin() {
		ResponseEntity<String> home = this.client.http.get().uri("/").retrieve().toEntity(String.class);
		assertThat(home.getStatusCode().value()).isEqualTo(200);
		assertThat(home.getBody()).contains("POST /signature-requests");
		assertThat(home.getHeaders().get(HttpHeaders.WWW_AUTHENTICATE)).isNull();
		assertThat(this.context.getBeanNamesForType(SecurityFilterChain.class)).isEmpty();
	}

	private void awaitStatus(String id, String status) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		String current = null;
		while (System.nanoTime() < deadline) {
			current = this.client.get("/signature-requests/" + id).getBody().path("status").asString();
			if (current.equals(status)) {
				return;
			}
			sleep();
		}
		throw new AssertionError("Signature request " + id + " is " + current + ", not " + status);
	}

	private static void sleep() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void assertField(ResponseEntity<JsonNode> response, String field) {
		assertThat(response.getStatusCode().value()).isEqualTo(400);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody().path("field").asString()).isEqualTo(field);
		assertThat(response.getBody().path("detail").asString()).contains(field);
	}

}
