package com.gonitro.spring.boot.autoconfigure;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.gonitro.spring.test.RawHttp;
import com.gonitro.spring.test.SignedWebhook;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Spring and the starter logging at TRACE, receiving webhooks (verified, forged, malformed, failing a listener)
 * logs neither the client secret nor the signature the secret would have given a forged delivery (which would make
 * the endpoint a signing oracle).
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = WebhookEndpointIntegrationTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "logging.level.org.springframework=TRACE",
				"logging.level.com.gonitro=TRACE", "nitro.webhooks.enabled=true" })
class WebhookSecretsStayOutOfLogsIntegrationTests {

	/** Dynamic, so that the test framework's own TRACE lines, which print the test's properties, do not hold it. */
	@DynamicPropertySource
	static void credentials(DynamicPropertyRegistry registry) {
		registry.add("nitro.client-id", () -> SignedWebhook.CLIENT_ID);
		registry.add("nitro.client-secret", () -> SignedWebhook.CLIENT_SECRET);
	}

	@LocalServerPort
	int port;

	@Autowired
	WebhookEndpointIntegrationTests.Listener listener;

	@Test
	void noSecretAndNoExpectedSignatureInTheLogs(CapturedOutput output) {
		SignedWebhook genuine = webhook();
		SignedWebhook forged = webhook().secret("guessed-secret");
		String expectedForForged = SignedWebhook
			.base64(SignedWebhook.hmacSha256(SignedWebhook.CLIENT_SECRET, forged.signatureBase()));

		assertThat(RawHttp.send(this.port, genuine).status()).isEqualTo(200);
		assertThat(RawHttp.send(this.port, forged).status()).isEqualTo(401);
		assertThat(RawHttp.send(this.port, SignedWebhook.body("{oops").host("localhost:" + this.port)).status())
			.isEqualTo(400);
		this.listener.fail.set(true);
		assertThat(RawHttp.send(this.port, webhook()).status()).isEqualTo(500);
		this.listener.fail.set(false);

		assertThat(output.getAll()).contains("Nitro webhook delivery refused: the signature does not match")
			.contains("A listener failed on Nitro webhook event")
			.doesNotContain(SignedWebhook.CLIENT_SECRET)
			.doesNotContain(SignedWebhook.base64(SignedWebhook.CLIENT_SECRET.getBytes()))
			.doesNotContain(expectedForForged);
	}

	private SignedWebhook webhook() {
		return SignedWebhook.event(UUID.randomUUID().toString(), "EnvelopeSealed", "{}").host("localhost:" + this.port);
	}

}
