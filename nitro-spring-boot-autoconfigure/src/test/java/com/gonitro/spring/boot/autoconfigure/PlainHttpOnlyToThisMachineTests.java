package com.gonitro.spring.boot.autoconfigure;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import com.gonitro.spring.NitroClients;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plain {@code http://} carries the client secret and the tokens unencrypted, so a token URI or base URL may use it
 * only for this machine ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}); for any other host the application
 * fails at start-up naming the property, unless {@code nitro.allow-insecure-http=true}, which starts it and logs
 * one warning.
 */
@ExtendWith(OutputCaptureExtension.class)
class PlainHttpOnlyToThisMachineTests {

	private static final String WARNING = "nitro.allow-insecure-http is true and a Nitro token URI or base URL uses "
			+ "plain http to another host";

	private static final List<String> URI_PROPERTIES = List.of("nitro.token-uri", "nitro.base-url",
			"nitro.applications.billing.token-uri", "nitro.applications.billing.base-url");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NitroAutoConfiguration.class, WebClientAutoConfiguration.class))
		.withPropertyValues("nitro.client-id=id", "nitro.client-secret=secret",
				"nitro.applications.billing.client-id=billing-id",
				"nitro.applications.billing.client-secret=billing-secret");

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost:8089", "http://127.0.0.1:8089", "http://[::1]:8089",
			"HTTP://LocalHost:8089" })
	void plainHttpToThisMachineStartsWithoutAWarning(String origin, CapturedOutput output) {
		this.contextRunner.withPropertyValues(everyUri(origin)).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(NitroClients.class);
			assertThat(context.getBean(NitroClients.class).applications()).hasSize(2);
		});
		assertThat(output).doesNotContain(WARNING);
	}

	@ParameterizedTest(name = "{0}={1}")
	@MethodSource("plainHttpToAnotherHost")
	void plainHttpToAnotherHostFailsStartUpNamingTheProperty(String property, String uri) {
		this.contextRunner.withPropertyValues(property + "=" + uri).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new InvalidNitroPropertiesFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis).as("failure analysis of %s", context.getStartupFailure()).isNotNull();
			assertThat(analysis.getDescription()).contains("'" + property + "' uses plain http for a host other "
					+ "than this machine");
			URI_PROPERTIES.stream()
				.filter((other) -> !other.equals(property))
				.forEach((other) -> assertThat(analysis.getDescription()).doesNotContain("'" + other + "'"));
			assertThat(analysis.getAction()).contains("Use https").contains("nitro.allow-insecure-http=true");
		});
	}

	static Stream<Arguments> plainHttpToAnotherHost() {
		List<String> hosts = List.of("api.gonitro.dev", "10.0.0.7", "0.0.0.0", "[::ffff:127.0.0.1]",
				"localhost.attacker.example", "127.0.0.1.nip.io", "nitro.localhost", "localhost@attacker.example");
		return URI_PROPERTIES.stream()
			.flatMap((property) -> hosts.stream()
				.map((host) -> Arguments.of(property, "http://" + host + "/oauth/token")));
	}

	@Test
	void allowInsecureHttpStartsWithPlainHttpToAnotherHostAndWarnsOnce(CapturedOutput output) {
		this.contextRunner.withPropertyValues(everyUri("http://nitro-egress.mesh.internal"))
			.withPropertyValues("nitro.allow-insecure-http=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(NitroClients.class).applications()).hasSize(2);
			});
		assertThat(output.getAll().lines().filter((line) -> line.contains(WARNING))).singleElement()
			.satisfies((line) -> assertThat(line).contains("WARN"));
	}

	private static String[] everyUri(String origin) {
		return new String[] { "nitro.token-uri=" + origin + "/oauth/token", "nitro.base-url=" + origin,
				"nitro.applications.billing.token-uri=" + origin + "/billing/oauth/token",
				"nitro.applications.billing.base-url=" + origin + "/billing" };
	}

}
