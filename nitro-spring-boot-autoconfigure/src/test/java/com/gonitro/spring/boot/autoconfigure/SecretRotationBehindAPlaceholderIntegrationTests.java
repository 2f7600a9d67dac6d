package com.gonitro.spring.boot.autoconfigure;

import java.nio.file.Path;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

import com.gonitro.spring.test.EnvironmentWithVariables;
import com.gonitro.spring.test.KubernetesSecretMount;
import com.gonitro.spring.test.NitroCredentialRotation;
import com.gonitro.spring.test.NitroWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A secret that reaches {@code nitro.client-secret} through a placeholder ({@code ${NITRO_CLIENT_SECRET}}, the
 * mounted file named so) is still rotated without a restart: when Nitro refuses the old token, the token request
 * made for the replay reads the rewritten file.
 */
class SecretRotationBehindAPlaceholderIntegrationTests {

	private static final String ENVELOPES = "/sign/envelopes";

	private static final String CLIENT_ID = "client-id-2d8f";

	private static final String OLD_SECRET = "old-secret-6b21";

	private static final String NEW_SECRET = "new-secret-f0c3";

	@RegisterExtension
	static WireMockExtension nitro = NitroWireMock.extension();

	@TempDir
	Path directory;

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void replayAfterNitroRefusesTheOldTokenRequestsATokenWithTheRewrittenSecret() {
		KubernetesSecretMount mount = new KubernetesSecretMount(this.directory.resolve("etc/secrets/nitro"))
			.write(Map.of("NITRO_CLIENT_ID", CLIENT_ID + "\n", "NITRO_CLIENT_SECRET", OLD_SECRET + "\n"));
		NitroCredentialRotation.stub(nitro, CLIENT_ID, OLD_SECRET, NEW_SECRET, ENVELOPES);
		this.context = ApplicationYaml.application(this.directory.resolve("config"), """
				nitro:
				  client-id: ${NITRO_CLIENT_ID}
				  client-secret: ${NITRO_CLIENT_SECRET}
				spring.config.import: %s
				""".formatted(mount.configImport()), nitro).environment(new EnvironmentWithVariables(Map.of())).run();
		WebClient nitroWebClient = this.context.getBean("nitroWebClient", WebClient.class);
		assertThat(listEnvelopes(nitroWebClient)).isEqualTo("{\"items\":[]}");

		NitroCredentialRotation.rotate(nitro);
		mount.write(Map.of("NITRO_CLIENT_ID", CLIENT_ID + "\n", "NITRO_CLIENT_SECRET", NEW_SECRET + "\n"));

		assertThat(listEnvelopes(nitroWebClient)).isEqualTo("{\"items\":[]}");
		assertThat(nitro.findAll(NitroWireMock.tokenRequests())).map(LoggedRequest::getBodyAsString)
			.satisfiesExactly(
					(first) -> assertThat(first).isEqualToIgnoringWhitespace(
							NitroWireMock.tokenRequestBody(CLIENT_ID, OLD_SECRET)),
					(forTheReplay) -> assertThat(forTheReplay).isEqualToIgnoringWhitespace(
							NitroWireMock.tokenRequestBody(CLIENT_ID, NEW_SECRET)));
		assertThat(nitro.findAll(getRequestedFor(urlEqualTo(ENVELOPES))))
			.map((request) -> request.getHeader("Authorization"))
			.containsExactly("Bearer " + NitroCredentialRotation.OLD_TOKEN,
					"Bearer " + NitroCredentialRotation.OLD_TOKEN, "Bearer " + NitroCredentialRotation.NEW_TOKEN);
	}

	private static String listEnvelopes(WebClient nitroWebClient) {
		return nitroWebClient.get().uri(ENVELOPES).retrieve().bodyToMono(String.class).block();
	}

}
