package com.gonitro.spring.boot.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import com.gonitro.spring.test.RawHttp;
import com.gonitro.spring.test.SignedWebhook;
import com.gonitro.spring.webhook.NitroWebhookHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security and the webhook endpoint, over real HTTP: the same application runs twice, with webhooks and
 * without. Nitro reaches the endpoint without a login and without a CSRF token; every other request, including ones to
 * paths that merely resemble the endpoint's, is answered exactly as without webhooks; without webhooks, the path is
 * as protected as any other. Subclasses run it with Spring Boot's default security and with the application's own,
 * on each web stack.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebhookSecurityIntegrationTests {

	private static final String BASIC_AUTH = "Basic "
			+ Base64.getEncoder().encodeToString("user:password".getBytes(StandardCharsets.UTF_8));

	private ConfigurableApplicationContext withWebhooks;

	private ConfigurableApplicationContext withoutWebhooks;

	/** The application, with its security configuration. */
	abstract Class<?> application();

	abstract WebApplicationType webApplicationType();

	@BeforeAll
	void startApplications() {
		this.withWebhooks = start(true);
		this.withoutWebhooks = start(false);
	}

	@AfterAll
	void stopApplications() {
		this.withWebhooks.close();
		this.withoutWebhooks.close();
	}

	@Test
	void nitroReachesTheEndpointWithoutALoginOrACsrfToken() {
		WebhookEndpointIntegrationTests.Listener listener = this.withWebhooks.getBean(WebhookEndpointIntegrationTests.Listener.class);
		int port = port(this.withWebhooks);

		RawHttp.Response response = RawHttp.send(port, webhook(port, "/nitro/webhooks"));

		assertThat(response.status()).isEqualTo(200);
		assertThat(listener.events).hasSize(1);
	}

	@Test
	void everyOtherRequestIsAnsweredExactlyAsWithoutWebhooks() {
		for (Probe probe : probes()) {
			assertThat(answer(this.withWebhooks, probe)).as("%s %s", probe.method(), probe.path())
				.isEqualTo(answer(this.withoutWebhooks, probe));
		}
	}

	@Test
	void withoutWebhooksTheEndpointPathIsProtectedLikeAnyOther() {
		int port = port(this.withoutWebhooks);

		RawHttp.Response response = RawHttp.send(port, webhook(port, "/nitro/webhooks"));

		assertThat(response.status()).isIn(401, 403);
		assertThat(this.withoutWebhooks.getBeanProvider(NitroWebhookHandler.class).getIfAvailable()).isNull();
		assertThat(this.withoutWebhooks.getBean(WebhookEndpointIntegrationTests.Listener.class).events).isEmpty();
	}

	private List<Probe> probes() {
		List<Probe> probes = new ArrayList<>();
		for (String path : List.of("/hello", "/public/hello", "/login", "/nitro/webhooks/", "/nitro/webhooks/x",
				"/nitro/webhooks;a=b", "/nitro//webhooks", "/NITRO/webhooks", "/nitro/webhooks2", "/nitro/webhook",
				"/nitro/./webhooks", "/nitro/webhooks%2F", "/x/../nitro/webhooks")) {
			probes.add(new Probe("GET", path, Map.of()));
			probes.add(new Probe("GET", path, Map.of("Accept", "text/html")));
			probes.add(new Probe("GET", path, Map.of("Authorization", BASIC_AUTH)));
			probes.add(new Probe("POST", path, Map.of()));
			probes.add(new Probe("POST", path, Map.of("Authorization", BASIC_AUTH)));
			probes.add(new Probe("POST", path, Map.of("Authorization", "Basic d3Jvbmc6d3Jvbmc=")));
		}
		return probes;
	}

	/** What a client sees of the answer: the status and the headers security sets, ports and session IDs left out. */
	private static List<String> answer(ConfigurableApplicationContext application, Probe probe) {
		int port = port(application);
		Map<String, String> headers = new LinkedHashMap<>(probe.headers());
		if (probe.method().equals("POST")) {
			headers.putAll(webhook(port, probe.path()).headers());
		}
		RawHttp.Response response = RawHttp.send(port, probe.method(), probe.path(), headers,
				probe.method().equals("POST") ? webhook(port, probe.path()).bodyBytes() : new byte[0]);
		return List.of(String.valueOf(response.status()), String.valueOf(response.header("WWW-Authenticate")),
				String.valueOf(response.header("Location"))
					.replace(":" + port, ":PORT")
					.replaceAll(";jsessionid=\\w+", ""));
	}

	private static SignedWebhook webhook(int port, String path) {
		return SignedWebhook.event(UUID.randomUUID().toString(), "EnvelopeSealed", "{}")
			.host("localhost:" + port)
			.path(path);
	}

	private ConfigurableApplicationContext start(boolean webhooks) {
		return new SpringApplicationBuilder(application()).web(webApplicationType())
			.properties("server.port=0", "spring.security.user.name=user", "spring.security.user.password=password",
					"nitro.client-id=" + SignedWebhook.CLIENT_ID, "nitro.client-secret=" + SignedWebhook.CLIENT_SECRET,
					"nitro.webhooks.enabled=" + webhooks)
			.run();
	}

	private static int port(ConfigurableApplicationContext application) {
		return Integer.parseInt(application.getEnvironment().getRequiredProperty("local.server.port"));
	}

	private record Probe(String method, String path, Map<String, String> headers) {

	}

	/**
	 * The application's endpoints, on either web stack.
	 */
	@RestController
	static class Endpoints {

		@GetMapping({ "/hello", "/public/hello" })
		String hello() {
			return "hello";
		}

		@PostMapping({ "/hello", "/public/hello" })
		String post() {
			return "posted";
		}

	}

}
