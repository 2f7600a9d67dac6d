package com.gonitro.spring.boot.autoconfigure;

import java.nio.file.Path;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

import com.gonitro.spring.oauth.NitroAccessTokenCache;
import com.gonitro.spring.test.EnvironmentWithVariables;
import com.gonitro.spring.test.NitroWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The text of a placeholder nothing resolves is never sent to Nitro as a credential: at start-up the application
 * fails with a failure analysis naming the property and the placeholder (never a value) and Nitro receives nothing;
 * once running, a placeholder that can no longer be resolved leaves the last good value in use, with one warning
 * naming the property however many token requests follow.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnresolvedPlaceholdersNeverReachNitroIntegrationTests {

	private static final String CLIENT_ID = "client-id-0e5a";

	private static final String CLIENT_SECRET = "client-secret-77b4";

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
	void unresolvableClientSecretFailsStartUpNamingThePropertyAndThePlaceholder(CapturedOutput output) {
		FailureAnalysis analysis = failedStartUp("""
				nitro:
				  client-id: %s
				  client-secret: ${NITRO_CLIENT_SECRET}
				""".formatted(CLIENT_ID), Map.of());

		assertThat(analysis.getDescription())
			.contains("'nitro.client-secret' holds the placeholder ${NITRO_CLIENT_SECRET}, which is not set anywhere")
			.doesNotContain(CLIENT_ID);
		assertThat(analysis.getAction()).contains("'NITRO_CLIENT_SECRET'");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("'nitro.client-secret' holds the placeholder ${NITRO_CLIENT_SECRET}");
		assertThat(nitro.getAllServeEvents()).isEmpty();
	}

	@Test
	void unresolvableClientIdFailsStartUpWithoutPrintingTheSecret(CapturedOutput output) {
		FailureAnalysis analysis = failedStartUp("""
				nitro:
				  client-id: ${NITRO_CLIENT_ID}
				  client-secret: ${NITRO_CLIENT_SECRET}
				""", Map.of("NITRO_CLIENT_SECRET", CLIENT_SECRET));

		assertThat(analysis.getDescription())
			.contains("'nitro.client-id' holds the placeholder ${NITRO_CLIENT_ID}, which is not set anywhere")
			.doesNotContain("nitro.client-secret");
		assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(CLIENT_SECRET);
		assertThat(output).contains("APPLICATION FAILED TO START").doesNotContain(CLIENT_SECRET);
		assertThat(nitro.getAllServeEvents()).isEmpty();
	}

	@Test
	void partlyResolvedClientSecretFailsStartUpNamingOnlyThePlaceholderLeft(CapturedOutput output) {
		FailureAnalysis analysis = failedStartUp("""
				nitro:
				  client-id: %s
				  client-secret: ${NITRO_SECRET_PART}-${NITRO_SECRET_REST}
				""".formatted(CLIENT_ID), Map.of("NITRO_SECRET_PART", CLIENT_SECRET));

		assertThat(analysis.getDescription())
			.contains("'nitro.client-secret' holds the placeholder ${NITRO_SECRET_REST}, which is not set anywhere");
		assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(CLIENT_SECRET);
		assertThat(output).contains("APPLICATION FAILED TO START").doesNotContain(CLIENT_SECRET);
		assertThat(nitro.getAllServeEvents()).isEmpty();
	}

	@Test
	void placeholderWhoseSourceDisappearsKeepsTheLastGoodSecretWithOneWarning(CapturedOutput output) {
		nitro.stubFor(post(urlEqualTo(NitroWireMock.TOKEN_PATH))
			.willReturn(okJson("{\"accessToken\":\"token\",\"tokenType\":\"Bearer\",\"expiresIn\":86400}")));
		StandardEnvironment environment = new EnvironmentWithVariables(Map.of());
		environment.getPropertySources()
			.addFirst(new MapPropertySource("vault", Map.of("secret.nitro.api-key", CLIENT_SECRET)));
		this.context = ApplicationYaml.application(this.directory.resolve("config"), """
				nitro:
				  client-id: %s
				  client-secret: ${secret.nitro.api-key}
				""".formatted(CLIENT_ID), nitro).environment(environment).run();
		NitroAccessTokenCache tokenCache = this.context.getBean(NitroAccessTokenCache.class);
		renewToken(tokenCache);

		environment.getPropertySources().remove("vault");
		for (int i = 0; i < 5; i++) {
			renewToken(tokenCache);
		}

		nitro.verify(6, NitroWireMock.tokenRequests());
		nitro.verify(6, NitroWireMock.tokenRequests()
			.withRequestBody(equalToJson(NitroWireMock.tokenRequestBody(CLIENT_ID, CLIENT_SECRET))));
		assertThat(output.getAll().lines().filter((line) -> line.contains("'nitro.client-secret'")))
			.singleElement()
			.satisfies((warning) -> assertThat(warning).contains(" WARN ")
				.contains("'nitro.client-secret' holds a placeholder that cannot be resolved: "
						+ "keeping the value read before"));
		assertThat(output).doesNotContain(CLIENT_SECRET);
	}

	/** Gets a token with the credentials read now, and forgets it. */
	private static void renewToken(NitroAccessTokenCache tokenCache) {
		OAuth2AccessToken token = tokenCache.accessToken().block();
		assertThat(token).isNotNull();
		tokenCache.evict(token);
	}

	private FailureAnalysis failedStartUp(String applicationYaml, Map<String, String> environmentVariables) {
		Throwable failure = catchThrowable(() -> ApplicationYaml
			.application(this.directory.resolve("config"), applicationYaml, nitro)
			.environment(new EnvironmentWithVariables(environmentVariables))
			.run());
		assertThat(failure).as("start-up failure").isNotNull();
		FailureAnalysis analysis = new InvalidNitroPropertiesFailureAnalyzer().analyze(failure);
		assertThat(analysis).as("failure analysis of %s", failure).isNotNull();
		return analysis;
	}

}
