package com.gonitro.spring.boot.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.web.reactive.function.client.WebClient;

import com.gonitro.spring.test.EnvironmentWithVariables;
import com.gonitro.spring.test.KubernetesSecretMount;
import com.gonitro.spring.test.NitroWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code nitro.client-id: ${NITRO_CLIENT_ID}} and {@code nitro.client-secret: ${NITRO_CLIENT_SECRET}} in an
 * application's {@code application.yml} send the real values to Nitro wherever they live, never the placeholder
 * text. Each test starts an application with {@code SpringApplicationBuilder} and looks at the token request Nitro
 * (WireMock) received.
 * <p>
 * Environment variables: the JVM's own cannot be set from inside it, so the application is given an
 * {@link EnvironmentWithVariables}, whose {@code systemEnvironment} source is what Spring builds from
 * {@code System.getenv()} (a {@code SystemEnvironmentPropertySource} over a map), rather than a child JVM: the same
 * code paths run (Spring Boot replaces that source with its own over the same map), in this JVM, where WireMock's
 * record of the request can be asserted on directly.
 */
class CredentialPlaceholdersResolveWhereverTheValueLivesIntegrationTests {

	private static final String CLIENT_ID = "client-id-from-the-source-4b1e";

	private static final String CLIENT_SECRET = "client-secret-from-the-source-93dc";

	private static final String PLACEHOLDERS = """
			nitro:
			  client-id: ${NITRO_CLIENT_ID}
			  client-secret: ${NITRO_CLIENT_SECRET}
			""";

	@RegisterExtension
	static WireMockExtension nitro = NitroWireMock.extension();

	@TempDir
	Path directory;

	private final Map<String, String> systemPropertiesBefore = new HashMap<>();

	private ConfigurableApplicationContext context;

	@BeforeEach
	void stubNitro() {
		nitro.stubFor(post(urlEqualTo(NitroWireMock.TOKEN_PATH))
			.willReturn(okJson("{\"accessToken\":\"token\",\"tokenType\":\"Bearer\",\"expiresIn\":86400}")));
		nitro.stubFor(get(urlEqualTo("/sign/envelopes")).withHeader("Authorization", equalTo("Bearer token"))
			.willReturn(okJson("{\"items\":[]}")));
	}

	@AfterEach
	void restore() {
		if (this.context != null) {
			this.context.close();
		}
		this.systemPropertiesBefore.forEach((name, value) -> {
			if (value != null) {
				System.setProperty(name, value);
			}
			else {
				System.clearProperty(name);
			}
		});
	}

	@Test
	void placeholdersResolveFromOperatingSystemEnvironmentVariables() {
		start(PLACEHOLDERS, new EnvironmentWithVariables(
				Map.of("NITRO_CLIENT_ID", CLIENT_ID, "NITRO_CLIENT_SECRET", CLIENT_SECRET)));

		assertTokenRequestCarries(CLIENT_ID, CLIENT_SECRET);
	}

	@Test
	void placeholdersResolveFromJvmSystemProperties() {
		setSystemProperty("NITRO_CLIENT_ID", CLIENT_ID);
		setSystemProperty("NITRO_CLIENT_SECRET", CLIENT_SECRET);

		start(PLACEHOLDERS, new EnvironmentWithVariables(Map.of()));

		assertTokenRequestCarries(CLIENT_ID, CLIENT_SECRET);
	}

	@Test
	void placeholdersResolveFromADotEnvFileImportedAsProperties() throws IOException {
		Path dotEnv = Files.writeString(this.directory.resolve(".env"),
				"NITRO_CLIENT_ID=" + CLIENT_ID + "\nNITRO_CLIENT_SECRET=" + CLIENT_SECRET + "\n");

		start(PLACEHOLDERS + "spring.config.import: file:" + dotEnv.toAbsolutePath() + "[.properties]\n",
				new EnvironmentWithVariables(Map.of()));

		assertTokenRequestCarries(CLIENT_ID, CLIENT_SECRET);
	}

	@Test
	void placeholdersResolveFromAKubernetesSecretWithEnvironmentStyleKeysMountedAsAConfigTree() {
		KubernetesSecretMount mount = new KubernetesSecretMount(this.directory.resolve("etc/secrets/nitro"))
			.write(Map.of("NITRO_CLIENT_ID", CLIENT_ID + "\n", "NITRO_CLIENT_SECRET", CLIENT_SECRET + "\n"));

		start(PLACEHOLDERS + "spring.config.import: " + mount.configImport() + "\n",
				new EnvironmentWithVariables(Map.of()));

		assertTokenRequestCarries(CLIENT_ID, CLIENT_SECRET);
	}

	@Test
	void placeholdersResolveFromASpringCloudVaultPropertySourceUnderAnyKeyName() {
		StandardEnvironment environment = new EnvironmentWithVariables(Map.of());
		environment.getPropertySources()
			.addFirst(new MapPropertySource("vault:secret/payments",
					Map.of("secret.nitro.client", CLIENT_ID, "secret.nitro.api-key", CLIENT_SECRET)));

		start("""
				nitro:
				  client-id: ${secret.nitro.client}
				  client-secret: ${secret.nitro.api-key}
				""", environment);

		assertTokenRequestCarries(CLIENT_ID, CLIENT_SECRET);
	}

	@Test
	void defaultsOfPlaceholdersAreSentWhenNothingSetsThem() {
		StandardEnvironment environment = new EnvironmentWithVariables(Map.of());
		environment.getPropertySources()
			.addFirst(new MapPropertySource("vault", Map.of("secret.nitro.api-key", CLIENT_SECRET)));

		start("""
				nitro:
				  client-id: ${NITRO_CLIENT_ID:default-client-id}
				  client-secret: ${NITRO_CLIENT_SECRET:${secret.nitro.api-key}}
				""", environment);

		assertTokenRequestCarries("default-client-id", CLIENT_SECRET);
	}

	@Test
	void valuesWinOverTheDefaultsOfTheirPlaceholders() {
		KubernetesSecretMount mount = new KubernetesSecretMount(this.directory.resolve("etc/secrets/nitro"))
			.write(Map.of("NITRO_CLIENT_ID", CLIENT_ID, "NITRO_CLIENT_SECRET", CLIENT_SECRET));

		start("""
				nitro:
				  client-id: ${NITRO_CLIENT_ID:default-client-id}
				  client-secret: ${NITRO_CLIENT_SECRET:default-secret}
				spring.config.import: %s
				""".formatted(mount.configImport()), new EnvironmentWithVariables(Map.of()));

		assertTokenRequestCarries(CLIENT_ID, CLIENT_SECRET);
	}

	private void start(String applicationYaml, ConfigurableEnvironment environment) {
		this.context = ApplicationYaml.application(this.directory.resolve("config"), applicationYaml, nitro)
			.environment(environment)
			.run();
		WebClient nitroWebClient = this.context.getBean("nitroWebClient", WebClient.class);
		assertThat(nitroWebClient.get().uri("/sign/envelopes").retrieve().bodyToMono(String.class).block())
			.isEqualTo("{\"items\":[]}");
	}

	private static void assertTokenRequestCarries(String clientId, String clientSecret) {
		assertThat(nitro.findAll(NitroWireMock.tokenRequests())).singleElement()
			.satisfies((request) -> assertThat(request.getBodyAsString()).doesNotContain("${"));
		nitro.verify(NitroWireMock.tokenRequests()
			.withRequestBody(equalToJson(NitroWireMock.tokenRequestBody(clientId, clientSecret))));
	}

	private void setSystemProperty(String name, String value) {
		this.systemPropertiesBefore.putIfAbsent(name, System.getProperty(name));
		System.setProperty(name, value);
	}

}
