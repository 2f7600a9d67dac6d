package com.gonitro.spring.standin;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.gonitro.spring.client.FileContent;
import com.gonitro.spring.sign.NitroSignClient;
import com.gonitro.spring.sign.model.BoundingBox;
import com.gonitro.spring.sign.model.CreateEnvelope;
import com.gonitro.spring.sign.model.CreateField;
import com.gonitro.spring.sign.model.CreateParticipant;
import com.gonitro.spring.sign.model.Document;
import com.gonitro.spring.sign.model.DocumentMetadata;
import com.gonitro.spring.sign.model.Participant;
import com.gonitro.spring.standin.NitroStandInWebhooks.Delivery;
import com.gonitro.spring.test.MutableClock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Nitro Sign webhooks the stand-in delivers, received over HTTP by WireMock: each request is checked against the
 * RFCs as a receiver would check it (Content-Digest per RFC 9530, the HMAC-SHA256 signature per RFC 9421, recomputed
 * here from the received request and the client secret), events follow an envelope from creation to sealing, and
 * delivery is retried after a 5xx or no reply, and ended by a 2xx or 4xx, as Nitro does.
 */
class StandInWebhooksIntegrationTests {

	private static final String PATH = "/nitro/webhooks";

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final JsonMapper json = JsonMapper.builder().build();

	@RegisterExtension
	static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@Test
	void signsEachDeliveryAsTheRfcsPrescribe() throws Exception {
		receiver.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(204)));
		Clock clock = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);
		try (NitroStandIn nitro = NitroStandIn.builder()
			.clock(clock)
			.clientId("client-id")
			.clientSecret("the-client-secret")
			.deliverWebhooksTo(URI.create(receiver.baseUrl() + PATH + "?tenant=acme"))
			.start()) {
			String envelopeId = new StandInClients(nitro).sign()
				.createEnvelope(CreateEnvelope.parallel("Signed webhooks", "Sign", "Please"))
				.id();

			Delivery created = nitro.webhooks().awaitDelivery("EnvelopeCreated", WAIT);
			assertThat(created.isDelivered()).isTrue();
			assertThat(created.attempts()).hasSize(1);
			LoggedRequest request = receivedRequests().get(0);
			assertThat(request.getUrl()).isEqualTo(PATH + "?tenant=acme");
			assertThat(request.getHeader("Content-Type")).startsWith("application/json");
			assertThat(request.getHeader("Date")).isEqualTo("Wed, 02 Dec 2026 10:00:00 GMT");
			assertThat(request.getHeader("Signature-Input"))
				.isEqualTo("sig1=(\"@method\" \"@path\" \"host\" \"date\" \"content-digest\");created=1796205600;"
						+ "keyid=\"client-id\";alg=\"hmac-sha256\"");
			assertSignedWith(request, "the-client-secret");

			JsonNode event = json.readTree(request.getBody());
			assertThat(UUID.fromString(event.path("id").asString()).toString()).isEqualTo(created.eventId());
			assertThat(event.path("type").asString()).isEqualTo("EnvelopeCreated");
			assertThat(event.path("created").asString()).isEqualTo("2026-12-02T10:00:00Z");
			assertThat(event.path("data").propertyNames()).containsExactly("envelopeID");
			assertThat(event.path("data").path("envelopeID").asString()).isEqualTo(envelopeId);
			assertThat(created.body()).isEqualTo(request.getBodyAsString());
		}
	}

	@Test
	void signsWithTheRotatedSecretOnceRotated() throws Exception {
		receiver.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)));
		try (NitroStandIn nitro = NitroStandIn.builder().deliverWebhooksTo(URI.create(receiver.baseUrl() + PATH)).start()) {
			nitro.rotateCredentials("rotated-secret");
			new StandInClients(nitro).sign().createEnvelope(CreateEnvelope.parallel("Rotated", "Sign", "Please"));

			nitro.webhooks().awaitDelivery("EnvelopeCreated", WAIT);
			assertSignedWith(receivedRequests().get(0), "rotated-secret");
		}
	}

	@Test
	void followsAnEnvelopeFromCreationToSealing() throws Exception {
		receiver.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)));
		try (NitroStandIn nitro = NitroStandIn.builder()
			.documentProcessingDelay(Duration.ZERO)
			.sealingDelay(Duration.ofMillis(100))
			.deliverWebhooksTo(URI.create(receiver.baseUrl() + PATH))
			.start()) {
			NitroSignClient sign = new StandInClients(nitro).sign();
			String envelopeId = sign.createEnvelope(CreateEnvelope.parallel("Full flow", "Sign", "Please")).id();
			Document document = sign.uploadDocumentAndAwait(envelopeId, DocumentMetadata.pdf("contract.pdf"),
					FileContent.of(TestFiles.pdf("Contract"), "contract.pdf"));
			Participant ada = sign.addParticipant(envelopeId, CreateParticipant.signer("ada@example.com"));
			Participant grace = sign.addParticipant(envelopeId, CreateParticipant.signer("grace@example.com"));
			sign.addParticipant(envelopeId, CreateParticipant.cc("hr@example.com"));
			for (Participant signer : List.of(ada, grace)) {
				sign.addField(envelopeId, document.id(), CreateField.signature(signer.id(), 1, BoundingBox.of(72, 600, 200, 40)));
			}
			sign.sendForSigning(envelopeId);
			assertThat(nitro.webhooks().awaitDelivery("EnvelopeSentForSignature", WAIT).data())
				.containsExactly(Map.entry("envelopeID", envelopeId));

			nitro.sign(envelopeId);

			List<Delivery> signed = nitro.webhooks().awaitDeliveries("SignatureRequestSigned", 2, WAIT);
			assertThat(signed).extracting((delivery) -> delivery.data().get("participantID"))
				.containsExactlyInAnyOrder(ada.id(), grace.id());
			nitro.webhooks().awaitDelivery("EnvelopeSigningCompleted", WAIT);
			Delivery sealed = nitro.webhooks().awaitDelivery("EnvelopeSealed", WAIT);
			assertThat(sealed.created()).isAfterOrEqualTo(signed.get(0).created());
			assertThat(nitro.webhooks().awaitDelivery("EnvelopeDocumentAdded", WAIT).data())
				.containsEntry("documentID", document.id());
			assertThat(nitro.webhooks().delivered()).extracting(Delivery::type)
				.containsExactlyInAnyOrder("EnvelopeCreated", "EnvelopeDocumentAdded", "EnvelopeSentForSignature",
						"SignatureRequestSigned", "SignatureRequestSigned", "EnvelopeSigningCompleted", "EnvelopeSealed");
			assertThat(nitro.webhooks().delivered()).allSatisfy((delivery) -> {
				assertThat(delivery.isDelivered()).isTrue();
				assertThat(delivery.data()).containsEntry("envelopeID", envelopeId);
			});
			List<LoggedRequest> requests = receivedRequests();
			assertThat(requests).hasSize(7);
			for (LoggedRequest request : requests) {
				assertSignedWith(request, nitro.clientSecret());
			}
		}
	}

	@Test
	void announcesCancellingDecliningAndDeletingADocument() {
		receiver.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)));
		try (NitroStandIn nitro = NitroStandIn.builder()
			.documentProcessingDelay(Duration.ZERO)
			.deliverWebhooksTo(URI.create(receiver.baseUrl() + PATH))
			.start()) {
			NitroSignClient sign = new StandInClients(nitro).sign();
			String cancelled = sentEnvelope(sign, "To cancel");
			String declined = sentEnvelope(sign, "To decline");
			String signerOfDeclined = sign.listParticipants(declined).get(0).id();
			sign.cancelEnvelope(cancelled);
			nitro.reject(declined);
			String drafted = sign.createEnvelope(CreateEnvelope.parallel("Drafted", "Sign", "Please")).id();
			Document document = sign.uploadDocument(drafted, DocumentMetadata.pdf("draft.pdf"),
					FileContent.of(TestFiles.pdf("Draft"), "draft.pdf"));
			sign.deleteDocument(drafted, document.id());

			assertThat(nitro.webhooks().awaitDelivery("EnvelopeCancelled", WAIT).data())
				.containsExactly(Map.entry("envelopeID", cancelled));
			assertThat(nitro.webhooks().awaitDelivery("SignatureRequestDeclined", WAIT).data())
				.containsExactly(Map.entry("envelopeID", declined), Map.entry("participantID", signerOfDeclined));
			assertThat(nitro.webhooks().awaitDelivery("EnvelopeDocumentDeleted", WAIT).data())
				.containsExactly(Map.entry("envelopeID", drafted), Map.entry("documentID", document.id()));
		}
	}

	@Test
	void announcesAutomaticSigningWhenTheStandInClockReachesIt() {
		receiver.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)));
		MutableClock clock = new MutableClock();
		try (NitroStandIn nitro = NitroStandIn.builder()
			.clock(clock)
			.documentProcessingDelay(Duration.ZERO)
			.sealingDelay(Duration.ofSeconds(5))
			.signAutomaticallyAfter(Duration.ofMinutes(1))
			.deliverWebhooksTo(URI.create(receiver.baseUrl() + PATH))
			.start()) {
			String envelopeId = sentEnvelope(new StandInClients(nitro).sign(), "Signed by itself");
			Instant sentAt = clock.instant();

			clock.advance(Duration.ofMinutes(1));
			Delivery signed = nitro.webhooks().awaitDelivery("SignatureRequestSigned", WAIT);
			assertThat(signed.created()).isEqualTo(sentAt.plus(Duration.ofMinutes(1)));
			clock.advance(Duration.ofSeconds(5));
			Delivery sealed = nitro.webhooks().awaitDelivery("EnvelopeSealed", WAIT);
			assertThat(sealed.created()).isEqualTo(sentAt.plus(Duration.ofMinutes(1)).plusSeconds(5));
			assertThat(sealed.data()).containsExactly(Map.entry("envelopeID", envelopeId));
		}
	}

	@Test
	void retriesAfterServerErrorsUntilTheReceiverAccepts() throws Exception {
		receiver.stubFor(post(urlPathEqualTo(PATH)).inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("second"));
		receiver.stubFor(post(urlPathEqualTo(PATH)).inScenario("flaky")
			.whenScenarioStateIs("second")
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
			.willSetStateTo("third"));
		receiver.stubFor(post(urlPathEqualTo(PATH)).inScenario("flaky")
			.whenScenarioStateIs("third")
			.willReturn(aResponse().withStatus(500))
			.willSetStateTo("up"));
		receiver.stubFor(post(urlPathEqualTo(PATH)).inScenario("flaky")
			.whenScenarioStateIs("up")
			.willReturn(aResponse().withStatus(202).withBody("thanks")));
		try (NitroStandIn nitro = NitroStandIn.builder()
			.deliverWebhooksTo(URI.create(receiver.baseUrl() + PATH))
			.webhookRetryDelays(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(40))
			.start()) {
			new StandInClients(nitro).sign().createEnvelope(CreateEnvelope.parallel("Flaky", "Sign", "Please"));

			Delivery delivery = nitro.webhooks().awaitDelivery("EnvelopeCreated", WAIT);
			assertThat(delivery.attempts()).extracting(NitroStandInWebhooks.Attempt::status).containsExactly(503, 0, 500, 202);
			assertThat(delivery.attempts().get(1).failure()).isNotBlank();
			assertThat(delivery.isDelivered()).isTrue();
			assertThat(delivery.attempts().get(3).reply()).isEqualTo("thanks");
			List<LoggedRequest> requests = receivedRequests();
			assertThat(requests).hasSize(4).extracting(LoggedRequest::getBodyAsString).containsOnly(delivery.body());
			for (LoggedRequest request : requests) {
				assertSignedWith(request, nitro.clientSecret());
			}
		}
	}

	@Test
	void givesUpAfterTheLastRetry() {
		receiver.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(502)));
		try (NitroStandIn nitro = NitroStandIn.builder()
			.deliverWebhooksTo(URI.create(receiver.baseUrl() + PATH))
			.webhookRetryDelays(Duration.ofMillis(5), Duration.ofMillis(5))
			.start()) {
			new StandInClients(nitro).sign().createEnvelope(CreateEnvelope.parallel("Down", "Sign", "Please"));

			Delivery delivery = nitro.webhooks().awaitDelivery("EnvelopeCreated", WAIT);
			assertThat(delivery.isDelivered()).isFalse();
			assertThat(delivery.attempts()).extracting(NitroStandInWebhooks.Attempt::status).containsExactly(502, 502, 502);
			assertThat(receivedRequests()).hasSize(3);
		}
	}

	@Test
	void endsTheDeliveryOnAClientError() {
		receiver.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(401).withBody("bad signature")));
		try (NitroStandIn nitro = NitroStandIn.builder()
			.deliverWebhooksTo(URI.create(receiver.baseUrl() + PATH))
			.webhookRetryDelays(Duration.ofMillis(5), Duration.ofMillis(5))
			.start()) {
			new StandInClients(nitro).sign().createEnvelope(CreateEnvelope.parallel("Refused", "Sign", "Please"));

			Delivery delivery = nitro.webhooks().awaitDelivery("EnvelopeCreated", WAIT);
			assertThat(delivery.isDelivered()).isFalse();
			assertThat(delivery.status()).isEqualTo(401);
			assertThat(delivery.attempts()).singleElement()
				.satisfies((attempt) -> assertThat(attempt.reply()).isEqualTo("bad signature"));
			assertThat(receivedRequests()).hasSize(1);
		}
	}

	@Test
	void deliversOnlyWhileAUrlIsConfigured() {
		receiver.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)));
		try (NitroStandIn nitro = NitroStandIn.start()) {
			NitroSignClient sign = new StandInClients(nitro).sign();
			sign.createEnvelope(CreateEnvelope.parallel("Before", "Sign", "Please"));
			assertThat(nitro.webhooks().deliveryUrl()).isNull();

			nitro.webhooks().deliverTo(URI.create(receiver.baseUrl() + PATH));
			String after = sign.createEnvelope(CreateEnvelope.parallel("After", "Sign", "Please")).id();

			assertThat(nitro.webhooks().awaitDelivery("EnvelopeCreated", WAIT).data()).containsEntry("envelopeID", after);
			nitro.reset();
			assertThat(nitro.webhooks().deliveryUrl()).isNull();
			assertThat(nitro.webhooks().delivered()).isEmpty();
			assertThat(receivedRequests()).hasSize(1);
		}
	}

	private static String sentEnvelope(NitroSignClient sign, String name) {
		String envelopeId = sign.createEnvelope(CreateEnvelope.parallel(name, "Sign", "Please")).id();
		Document document = sign.uploadDocumentAndAwait(envelopeId, DocumentMetadata.pdf("doc.pdf"),
				FileContent.of(TestFiles.pdf(name), "doc.pdf"));
		Participant signer = sign.addParticipant(envelopeId, CreateParticipant.signer("ada@example.com"));
		sign.addField(envelopeId, document.id(), CreateField.signature(signer.id(), 1, BoundingBox.of(72, 600, 200, 40)));
		sign.sendForSigning(envelopeId);
		return envelopeId;
	}

	private static List<LoggedRequest> receivedRequests() {
		return receiver.findAll(postRequestedFor(urlPathEqualTo(PATH)));
	}

	/**
	 * Checks a received webhook as a receiver would, from the RFCs: the body's digest (RFC 9530), the Date (an
	 * IMF-fixdate equal to the signature's created), and the HMAC-SHA256 signature over the signature base (RFC
	 * 9421, section 2.5) built from the received method, path, Host, Date and Content-Digest.
	 */
	private static void assertSignedWith(LoggedRequest request, String secret) throws Exception {
		String digest = "sha-256=:"
				+ Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(request.getBody())) + ":";
		assertThat(request.getHeader("Content-Digest")).isEqualTo(digest);
		String input = request.getHeader("Signature-Input");
		assertThat(input).startsWith("sig1=(\"@method\" \"@path\" \"host\" \"date\" \"content-digest\");created=")
			.contains(";alg=\"hmac-sha256\"");
		String parameters = input.substring("sig1=".length());
		long created = Long.parseLong(parameters.replaceAll(".*;created=(\\d+);.*", "$1"));
		Instant date = ZonedDateTime.parse(request.getHeader("Date"), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
		assertThat(date.getEpochSecond()).isEqualTo(created);
		assertThat(request.getHeader("Date")).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
		String path = URI.create(request.getUrl()).getRawPath();
		String base = "\"@method\": " + request.getMethod().getName().toUpperCase(Locale.ROOT) + "\n"
				+ "\"@path\": " + path + "\n"
				+ "\"host\": " + request.getHeader("Host") + "\n"
				+ "\"date\": " + request.getHeader("Date") + "\n"
				+ "\"content-digest\": " + request.getHeader("Content-Digest") + "\n"
				+ "\"@signature-params\": " + parameters;
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		String signature = Base64.getEncoder().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
		assertThat(request.getHeader("Signature")).isEqualTo("sig1=:" + signature + ":");
		assertThat(request.getHeaders().getHeader("Host").values()).containsExactly("localhost:" + receiver.getPort());
	}

}
