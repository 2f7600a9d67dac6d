package com.gonitro.spring.boot.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad {@code nitro.*} configuration fails at start-up with a message naming the property, what is wrong and how
 * to supply it, and never the secret.
 */
class InvalidNitroPropertiesTests {

	private static final String SECRET = "s3cr3t-that-must-never-be-printed";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NitroAutoConfiguration.class, WebClientAutoConfiguration.class));

	@Test
	void clientIdWithoutSecretFailsNamingTheSecretAndHowToSupplyIt() {
		this.contextRunner.withPropertyValues("nitro.client-id=id").run((context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription())
				.contains("'nitro.client-secret' is not set, but 'nitro.client-id' is: Nitro needs both.");
			assertThat(analysis.getAction()).contains("NITRO_CLIENT_SECRET")
				.contains("spring.config.import=configtree:")
				.contains("nitro/client-secret")
				.contains("Spring Cloud Vault");
		});
	}

	@Test
	void secretWithoutClientIdFailsWithoutPrintingTheSecret() {
		this.contextRunner.withPropertyValues("nitro.client-secret=" + SECRET).run((context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).contains("'nitro.client-id' is not set");
			assertThat(analysis.getAction()).contains("NITRO_CLIENT_ID");
			assertNoSecret(context, analysis);
		});
	}

	@Test
	void blankSecretFails() {
		this.contextRunner.withPropertyValues("nitro.client-id=id", "nitro.client-secret=").run((context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).contains("'nitro.client-secret' is set but blank.");
			assertThat(analysis.getAction()).contains("NITRO_CLIENT_SECRET");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "/oauth/token", "not a uri", "https:///no-host" })
	void tokenUriThatIsNotAnAbsoluteHttpUriFails(String tokenUri) {
		this.contextRunner
			.withPropertyValues("nitro.client-id=id", "nitro.client-secret=" + SECRET, "nitro.token-uri=" + tokenUri)
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("'nitro.token-uri' must be an absolute http or https URI")
					.contains("but is not: its value is not repeated");
				assertThat(analysis.getAction()).contains("https://api.gonitro.dev/oauth/token");
				assertNoSecret(context, analysis);
			});
	}

	@Test
	void tokenUriWithAnotherSchemeIsRepeated() {
		this.contextRunner
			.withPropertyValues("nitro.client-id=id", "nitro.client-secret=x", "nitro.token-uri=ftp://files.example.org/token")
			.run((context) -> assertThat(analysis(context).getDescription())
				.contains("'nitro.token-uri' must be an absolute http or https URI such as "
						+ "https://api.gonitro.dev/oauth/token, but is 'ftp://files.example.org/token'."));
	}

	@Test
	void baseUrlThatIsNotAnAbsoluteHttpUriFails() {
		this.contextRunner.withPropertyValues("nitro.client-id=id", "nitro.client-secret=x", "nitro.base-url=api.gonitro.dev")
			.run((context) -> assertThat(analysis(context).getDescription())
				.contains("'nitro.base-url' must be an absolute http or https URI such as https://api.gonitro.dev, but is not"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "nitro.token-uri", "nitro.base-url", "nitro.applications.billing.token-uri" })
	void secretSetInAUriPropertyByMistakeIsNotRepeated(String property) {
		this.contextRunner
			.withPropertyValues("nitro.client-id=id", "nitro.client-secret=x", "nitro.applications.billing.client-id=b",
					"nitro.applications.billing.client-secret=y", property + "=" + SECRET)
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("'" + property + "' must be an absolute http or https URI");
				assertNoSecret(context, analysis);
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://nitro.example.org/oauth/token?client_secret=" + SECRET,
			"http://nitro.example.org/oauth/token#" + SECRET, "http://id:" + SECRET + "@nitro.example.org/oauth/token",
			"ftp://nitro.example.org/oauth/token?client_secret=" + SECRET })
	void credentialsInAUriAreNotRepeated(String tokenUri) {
		this.contextRunner.withPropertyValues("nitro.client-id=id", "nitro.client-secret=x", "nitro.token-uri=" + tokenUri)
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("nitro.example.org/oauth/token'");
				assertNoSecret(context, analysis);
			});
	}

	@Test
	void timeoutsAndRetrySettingsOutOfRangeFail() {
		this.contextRunner
			.withPropertyValues("nitro.client-id=id", "nitro.client-secret=x", "nitro.read-timeout=0s",
					"nitro.connect-timeout=-1s", "nitro.token-default-lifetime=500ms", "nitro.retry.max-attempts=0")
			.run((context) -> assertThat(analysis(context).getDescription())
				.contains("'nitro.read-timeout' must be at least 1ms, but is 0s.")
				.contains("'nitro.connect-timeout' must be at least 1ms, but is -1s.")
				.contains("'nitro.token-default-lifetime' must be at least 1s, but is 500ms.")
				.contains("'nitro.retry.max-attempts' must be at least 1, but is 0."));
	}

	@Test
	void everyProblemIsReportedAtOnce() {
		this.contextRunner.withPropertyValues("nitro.client-id=", "nitro.token-uri=/token", "nitro.base-url=nitro")
			.run((context) -> assertThat(analysis(context).getDescription()).contains("nitro.client-id")
				.contains("nitro.client-secret")
				.contains("nitro.token-uri")
				.contains("nitro.base-url"));
	}

	@Test
	void userInfoInAnInvalidUriIsMasked() {
		this.contextRunner.withPropertyValues("nitro.client-id=id", "nitro.client-secret=x",
				"nitro.token-uri=ftp://user:" + SECRET + "@nitro.example.org/token")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("'ftp://nitro.example.org/token'");
				assertNoSecret(context, analysis);
			});
	}

	private static FailureAnalysis analysis(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new InvalidNitroPropertiesFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).as("failure analysis of %s", context.getStartupFailure()).isNotNull();
		return analysis;
	}

	private static void assertNoSecret(AssertableApplicationContext context, FailureAnalysis analysis) {
		assertThat(analysis.getDescription()).doesNotContain(SECRET);
		assertThat(analysis.getAction()).doesNotContain(SECRET);
		for (Throwable ex = context.getStartupFailure(); ex != null; ex = ex.getCause()) {
			assertThat(String.valueOf(ex.getMessage())).doesNotContain(SECRET);
		}
	}

}
