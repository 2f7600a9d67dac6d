package com.gonitro.spring.standin;

import java.net.ConnectException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import com.gonitro.spring.sign.NitroSignClient;
import com.gonitro.spring.sign.model.CreateEnvelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link NitroStandInHook}: an application without Nitro credentials runs on a stand-in, says so, and stops it on
 * exit; one with credentials is left alone.
 */
@ExtendWith(OutputCaptureExtension.class)
class NitroStandInHookTests {

	@Test
	void runsAnApplicationWithoutCredentialsOnAStandIn(CapturedOutput output) {
		NitroStandIn standIn;
		try (ConfigurableApplicationContext context = run(new NitroStandInHook(
				(builder) -> builder.signAutomaticallyAfter(Duration.ofMillis(100))))) {
			standIn = context.getBean(NitroStandIn.class);
			assertThat(context.getEnvironment().getProperty("nitro.base-url")).isEqualTo(standIn.baseUrl());
			NitroSignClient sign = context.getBean(NitroSignClient.class);
			String id = sign.createEnvelope(CreateEnvelope.parallel("Dev run", "Sign", "Please")).id();
			assertThat(standIn.envelopeIds()).containsExactly(id);
			assertThat(output).contains("No Nitro credentials", "running on the Nitro stand-in at " + standIn.baseUrl(),
					"/standin/envelopes/{envelopeID}:sign")
				.doesNotContain(standIn.clientSecret());
		}
		assertThatExceptionOfType(WebClientRequestException.class)
			.isThrownBy(() -> WebClient.create(standIn.baseUrl()).get().uri("/").retrieve().toBodilessEntity().block())
			.withRootCauseInstanceOf(ConnectException.class);
	}

	@Test
	void leavesAnApplicationWithCredentialsAlone(CapturedOutput output) {
		try (ConfigurableApplicationContext context = run(new NitroStandInHook(), "--nitro.client-id=real-id",
				"--nitro.client-secret=real-secret")) {
			assertThat(context.containsBean("nitroStandIn")).isFalse();
			assertThat(context.getEnvironment().getProperty("nitro.base-url")).isNull();
			assertThat(output).doesNotContain("stand-in");
		}
	}

	private static ConfigurableApplicationContext run(NitroStandInHook hook, String... args) {
		return SpringApplication.withHook(hook, () -> {
			SpringApplication application = new SpringApplication(Application.class);
			application.setWebApplicationType(WebApplicationType.NONE);
			return application.run(args);
		});
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
