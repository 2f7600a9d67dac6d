package com.gonitro.spring.standin;

import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.PropertySource;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.MapPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import com.gonitro.spring.sign.NitroSignClient;
import com.gonitro.spring.sign.model.CreateEnvelope;
import com.gonitro.spring.webhook.NitroWebhookEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link NitroStandInHook}: an application runs on a stand-in only when it asks with
 * {@code nitro.stand-in.enabled=true}, says so, and stops it on exit; asking for the stand-in while configuring Nitro
 * too fails at start-up, whenever that configuration is read, without printing a secret.
 */
@ExtendWith(OutputCaptureExtension.class)
class NitroStandInHookIntegrationTests {

	private static final String OPT_IN = "--nitro.stand-in.enabled=true";

	/** The value of nitro.client-secret in real-nitro-credentials.properties. */
	private static final String REAL_SECRET = "real-secret-from-a-property-source";

	private static final Pattern STAND_IN_URL = Pattern.compile("Running on the Nitro stand-in at (http://localhost:\\d+)");

	@Test
	void leavesAnApplicationThatDoesNotAskForTheStandInAlone(CapturedOutput output) {
		try (ConfigurableApplicationContext context = run(Application.class, new NitroStandInHook())) {
			assertThat(context.containsBean("nitroStandIn")).isFalse();
			assertThat(context.getEnvironment().getProperty("nitro.base-url")).isNull();
			assertThat(context.getBeanNamesForType(NitroSignClient.class)).isEmpty();
			assertThat(output).contains("The Nitro stand-in stays off: nitro.stand-in.enabled is not true")
				.doesNotContain("Running on the Nitro stand-in");
		}
	}

	@Test
	void leavesAnApplicationWithCredentialsAlone(CapturedOutput output) {
		try (ConfigurableApplicationContext context = run(Application.class, new NitroStandInHook(),
				"--nitro.client-id=real-id", "--nitro.client-secret=real-secret")) {
			assertThat(context.containsBean("nitroStandIn")).isFalse();
			assertThat(context.getEnvironment().getProperty("nitro.base-url")).isNull();
			assertThat(output).doesNotContain("Running on the Nitro stand-in");
		}
	}

	@Test
	void runsAnApplicationThatAsksForItOnAStandIn(CapturedOutput output) {
		NitroStandIn standIn;
		try (ConfigurableApplicationContext context = run(Application.class,
				new NitroStandInHook((builder) -> builder.signAutomaticallyAfter(Duration.ofMillis(100))), OPT_IN)) {
			standIn = context.getBean(NitroStandIn.class);
			assertThat(context.getEnvironment().getProperty("nitro.base-url")).isEqualTo(standIn.baseUrl());
			NitroSignClient sign = context.getBean(NitroSignClient.class);
			String id = sign.createEnvelope(CreateEnvelope.parallel("Dev run", "Sign", "Please")).id();
			assertThat(standIn.envelopeIds()).containsExactly(id);
			assertThat(output)
				.contains("Running on the Nitro stand-in at " + standIn.baseUrl() + " (nitro.stand-in.enabled=true)",
						"/standin/envelopes/{envelopeID}:sign")
				.doesNotContain(standIn.clientSecret());
		}
		assertStopped(standIn.baseUrl());
	}

	@Test
	void refusesToStartWhenAskedForTheStandInWithCredentials(CapturedOutput output) {
		assertThatExceptionOfType(StandInConflictException.class)
			.isThrownBy(() -> run(Application.class, new NitroStandInHook(), OPT_IN, "--nitro.client-id=real-id",
					"--nitro.client-secret=" + REAL_SECRET))
			.withMessageContaining("nitro.stand-in.enabled=true")
			.withMessageContaining("nitro.client-id (set in 'commandLineArgs')")
			.withMessageContaining("nitro.client-secret (set in 'commandLineArgs')")
			.withMessageContaining("and unset NITRO_CLIENT_ID and NITRO_CLIENT_SECRET")
			.withMessageNotContaining(REAL_SECRET);
		assertThat(output).doesNotContain(REAL_SECRET).doesNotContain("Running on the Nitro stand-in");
	}

	@Test
	void refusesToStartWhenAskedForTheStandInWithANamedApplication(CapturedOutput output) {
		assertThatExceptionOfType(StandInConflictException.class)
			.isThrownBy(() -> run(Application.class, new NitroStandInHook(), OPT_IN,
					"--nitro.applications.billing.client-id=real-billing-id",
					"--nitro.applications.billing.client-secret=" + REAL_SECRET,
					"--nitro.applications.billing.token-uri=https://api.gonitro.dev/oauth/token"))
			.withMessageContaining("nitro.applications.billing.client-secret (set in 'commandLineArgs')")
			.withMessageContaining("nitro.applications.billing.token-uri (set in 'commandLineArgs')")
			.withMessageNotContaining(REAL_SECRET);
		assertThat(output).doesNotContain(REAL_SECRET).doesNotContain("Running on the Nitro stand-in");
	}

	@Test
	void refusesToStartWhenCredentialsArriveThroughAPropertySource(CapturedOutput output) {
		assertThatExceptionOfType(StandInConflictException.class)
			.isThrownBy(() -> run(ApplicationWithCredentialsInAPropertySource.class, new NitroStandInHook(), OPT_IN))
			.withMessageContaining("nitro.client-secret (set in 'class path resource [real-nitro-credentials.properties]')")
			.withMessageContaining("read after the stand-in had started")
			.withMessageContaining("remove nitro.client-id and nitro.client-secret")
			.withMessageNotContaining(REAL_SECRET);
		assertThat(output).contains("APPLICATION FAILED TO START", "nitro.stand-in.enabled")
			.doesNotContain(REAL_SECRET);
		Matcher url = STAND_IN_URL.matcher(output.getAll());
		assertThat(url.find()).isTrue();
		assertStopped(url.group(1));
	}

	@Test
	void refusesToStartWhenALaterPropertySourcePointsAwayFromTheStandIn() {
		assertThatExceptionOfType(StandInConflictException.class).isThrownBy(() -> SpringApplication
			.withHook(new NitroStandInHook(), () -> {
				SpringApplication application = new SpringApplication(Application.class);
				application.setWebApplicationType(WebApplicationType.NONE);
				application.addInitializers((context) -> context.getEnvironment()
					.getPropertySources()
					.addFirst(new MapPropertySource("real-nitro", Map.of("nitro.base-url", "https://api.gonitro.dev"))));
				return application.run(OPT_IN);
			}))
			.withMessageContaining(
					"nitro.base-url (set in a property source that takes precedence over the stand-in's)");
	}

	@Test
	void deliversWebhooksToTheApplicationWhenItAsks(CapturedOutput output) {
		try (ConfigurableApplicationContext context = SpringApplication.withHook(new NitroStandInHook(), () -> {
			SpringApplication application = new SpringApplication(WebhookReceivingApplication.class);
			application.setWebApplicationType(WebApplicationType.REACTIVE);
			return application.run(OPT_IN, "--server.port=0", "--nitro.webhooks.enabled=true");
		})) {
			NitroStandIn standIn = context.getBean(NitroStandIn.class);
			String port = context.getEnvironment().getProperty("local.server.port");
			assertThat(standIn.webhooks().deliveryUrl()).hasToString("http://localhost:" + port + "/nitro/webhooks");
			assertThat(output).contains("The Nitro stand-in delivers Nitro Sign webhooks to http://localhost:" + port
					+ "/nitro/webhooks");

			String id = context.getBean(NitroSignClient.class)
				.createEnvelope(CreateEnvelope.parallel("Dev run", "Sign", "Please"))
				.id();

			NitroStandInWebhooks.Delivery delivery = standIn.webhooks().awaitDelivery("EnvelopeCreated", Duration.ofSeconds(10));
			assertThat(delivery.status()).isEqualTo(200);
			assertThat(delivery.headers().get("Signature-Input")).contains("keyid=\"" + standIn.clientId() + "\"");
			assertThat(delivery.data()).containsEntry("envelopeID", id);
			// The starter's receiver verified the stand-in's signature and published the delivery as an event.
			List<NitroWebhookEvent> received = context.getBean(WebhookReceivingApplication.class).received;
			assertThat(received).singleElement().satisfies((event) -> {
				assertThat(event.id()).isEqualTo(delivery.eventId());
				assertThat(event.envelopeId()).isEqualTo(id);
			});
		}
	}

	private static ConfigurableApplicationContext run(Class<?> application, NitroStandInHook hook, String... args) {
		return SpringApplication.withHook(hook, () -> {
			SpringApplication springApplication = new SpringApplication(application);
			springApplication.setWebApplicationType(WebApplicationType.NONE);
			return springApplication.run(args);
		});
	}

	private static void assertStopped(String baseUrl) {
		assertThatExceptionOfType(WebClientRequestException.class)
			.isThrownBy(() -> WebClient.create(baseUrl).get().uri("/").retrieve().toBodilessEntity().block())
			.withRootCauseInstanceOf(ConnectException.class);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class WebhookReceivingApplication {

		final List<NitroWebhookEvent> received = new CopyOnWriteArrayList<>();

		@EventListener
		void on(NitroWebhookEvent event) {
			this.received.add(event);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@PropertySource("classpath:real-nitro-credentials.properties")
	static class ApplicationWithCredentialsInAPropertySource {

	}

}
