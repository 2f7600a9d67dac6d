package com.gonitro.spring.boot.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import com.gonitro.spring.oauth.NitroAccessTokenCache;
import com.gonitro.spring.oauth.NitroTokenException;
import com.gonitro.spring.test.NitroTestApplication;
import com.gonitro.spring.test.NitroWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The token's life through the auto-configured {@code nitroWebClient} of an application started with
 * {@code SpringApplication}: single flight under load, failures, timeouts and credential rotation.
 */
class TokenLifecycleIntegrationTests {

	private static final String ENVELOPES = "/sign/envelopes";

	@RegisterExtension
	static WireMockExtension nitro = NitroWireMock.extension();

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void sixtyFourConcurrentReactiveFirstCallsMakeOneTokenRequest() {
		stubSlowToken("shared");
		WebClient nitroWebClient = start();

		List<String> bodies = Flux.range(0, 64)
			.flatMap((i) -> nitroWebClient.get().uri(ENVELOPES).retrieve().bodyToMono(String.class), 64)
			.collectList()
			.block();

		assertThat(bodies).hasSize(64).containsOnly("{\"items\":[]}");
		assertThat(nitro.findAll(NitroWireMock.tokenRequests())).hasSize(1);
		nitro.verify(64, getRequestedFor(urlEqualTo(ENVELOPES)).withHeader("Authorization", equalTo("Bearer shared")));
	}

	@Test
	void sixtyFourBlockingThreadsMakeOneTokenRequest() throws InterruptedException {
		stubSlowToken("shared");
		WebClient nitroWebClient = start();
		CountDownLatch startTogether = new CountDownLatch(1);
		List<String> bodies = new CopyOnWriteArrayList<>();
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < 64; i++) {
			Thread thread = new Thread(() -> {
				await(startTogether);
				bodies.add(nitroWebClient.get().uri(ENVELOPES).retrieve().bodyToMono(String.class).block());
			});
			thread.start();
			threads.add(thread);
		}

		startTogether.countDown();
		for (Thread thread : threads) {
			thread.join(30_000);
		}

		assertThat(bodies).hasSize(64).containsOnly("{\"items\":[]}");
		assertThat(nitro.findAll(NitroWireMock.tokenRequests())).hasSize(1);
	}

	@Test
	void failedTokenRequestFailsEveryWaitingCallerAndTheFirstCallAfterTheBackOffTriesAgain() throws InterruptedException {
		nitro.stubFor(NitroWireMock.tokenRequest()
			.inScenario("token")
			.willReturn(aResponse().withStatus(500)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"server_error\",\"error_description\":\"Nitro is having a bad day\"}")
				.withFixedDelay(300))
			.willSetStateTo("recovered"));
		nitro.stubFor(NitroWireMock.tokenRequest()
			.inScenario("token")
			.whenScenarioStateIs("recovered")
			.willReturn(okJson("{\"accessToken\":\"second\",\"tokenType\":\"Bearer\",\"expiresIn\":86400}")));
		stubEnvelopes();
		WebClient nitroWebClient = start();

		List<Throwable> failures = Flux.range(0, 64)
			.flatMap((i) -> nitroWebClient.get()
				.uri(ENVELOPES)
				.retrieve()
				.bodyToMono(String.class)
				.then(Mono.<Throwable>empty())
				.onErrorResume(Mono::just), 64)
			.collectList()
			.block();
		assertThatExceptionOfType(NitroTokenException.class).as("during the back-off")
			.isThrownBy(() -> nitroWebClient.get().uri(ENVELOPES).retrieve().bodyToMono(String.class).block());
		Thread.sleep(1100);
		String afterwards = nitroWebClient.get().uri(ENVELOPES).retrieve().bodyToMono(String.class).block();

		assertThat(failures).hasSize(64)
			.allSatisfy((failure) -> assertThat(failure).isInstanceOf(NitroTokenException.class)
				.hasMessageContaining("server_error: Nitro is having a bad day"));
		assertThat(afterwards).isEqualTo("{\"items\":[]}");
		assertThat(nitro.findAll(NitroWireMock.tokenRequests())).hasSize(2);
		assertThat(nitro.findAll(getRequestedFor(urlEqualTo(ENVELOPES)))).hasSize(1);
	}

	@Test
	void tokenEndpointThatHangsFailsTheCallWithinTheReadTimeout() {
		nitro.stubFor(NitroWireMock.tokenRequest().willReturn(okJson("{\"accessToken\":\"late\"}").withFixedDelay(10_000)));
		WebClient nitroWebClient = start("nitro.read-timeout=400ms");

		StepVerifier.create(nitroWebClient.get().uri(ENVELOPES).retrieve().bodyToMono(String.class))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(NitroTokenException.class)
				.hasMessageContaining(NitroWireMock.tokenUri(nitro))
				.hasMessageEndingWith("token_endpoint_timeout: no reply arrived within the read timeout"))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void apiCallThatHangsFailsWithinTheReadTimeout() {
		NitroWireMock.stubToken(nitro, "token", 86400);
		nitro.stubFor(post(urlEqualTo(ENVELOPES)).willReturn(okJson("{}").withFixedDelay(10_000)));
		WebClient nitroWebClient = start("nitro.read-timeout=400ms");
		// The token first, so that only the API call meets the short timeout, however busy the machine.
		this.context.getBean(NitroAccessTokenCache.class).accessToken().block(Duration.ofSeconds(5));

		StepVerifier.create(nitroWebClient.post().uri(ENVELOPES).bodyValue(Map.of("name", "NDA")).retrieve().toBodilessEntity())
			.expectError(WebClientRequestException.class)
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void rotatedSecretInASecretMountIsPickedUpWithoutARestart(@TempDir Path mount) throws IOException {
		Files.createDirectories(mount.resolve("nitro"));
		Files.writeString(mount.resolve("nitro/client-id"), NitroWireMock.CLIENT_ID + "\n");
		Path secret = mount.resolve("nitro/client-secret");
		Files.writeString(secret, "old-secret\n");
		stubRotation();
		WebClient nitroWebClient = start("spring.config.import=configtree:" + mount.toUri().getPath());
		assertThat(call(nitroWebClient)).isEqualTo("{\"items\":[]}");

		nitro.setScenarioState("rotation", "rotated");
		assertThatExceptionOfType(NitroTokenException.class).isThrownBy(() -> call(nitroWebClient))
			.withMessageContaining("invalid_client: Client authentication failed");
		Files.writeString(secret, "new-secret\n");

		assertThat(call(nitroWebClient)).isEqualTo("{\"items\":[]}");
		nitro.verify(getRequestedFor(urlEqualTo(ENVELOPES)).withHeader("Authorization", equalTo("Bearer new-token")));
	}

	@Test
	void rotatedSecretInTheEnvironmentIsPickedUpWithoutARestart() {
		stubRotation();
		WebClient nitroWebClient = start("nitro.client-id=" + NitroWireMock.CLIENT_ID, "nitro.client-secret=old-secret");
		assertThat(call(nitroWebClient)).isEqualTo("{\"items\":[]}");

		nitro.setScenarioState("rotation", "rotated");
		this.context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("vault", Map.of("nitro.client-secret", "new-secret")));

		assertThat(call(nitroWebClient)).isEqualTo("{\"items\":[]}");
		nitro.verify(NitroWireMock.tokenRequests().withRequestBody(containing("new-secret")));
	}

	/**
	 * Nitro before and after the credentials are rotated in its portal: the old secret and every token issued with
	 * it stop working.
	 */
	private static void stubRotation() {
		nitro.stubFor(post(urlEqualTo(NitroWireMock.TOKEN_PATH)).inScenario("rotation")
			.withRequestBody(equalToJson("{\"clientID\":\"" + NitroWireMock.CLIENT_ID + "\",\"clientSecret\":\"old-secret\"}"))
			.willReturn(okJson("{\"accessToken\":\"old-token\",\"tokenType\":\"Bearer\",\"expiresIn\":86400}")));
		nitro.stubFor(post(urlEqualTo(NitroWireMock.TOKEN_PATH)).inScenario("rotation")
			.whenScenarioStateIs("rotated")
			.withRequestBody(equalToJson("{\"clientID\":\"" + NitroWireMock.CLIENT_ID + "\",\"clientSecret\":\"old-secret\"}"))
			.willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}")));
		nitro.stubFor(post(urlEqualTo(NitroWireMock.TOKEN_PATH)).inScenario("rotation")
			.whenScenarioStateIs("rotated")
			.withRequestBody(equalToJson("{\"clientID\":\"" + NitroWireMock.CLIENT_ID + "\",\"clientSecret\":\"new-secret\"}"))
			.willReturn(okJson("{\"accessToken\":\"new-token\",\"tokenType\":\"Bearer\",\"expiresIn\":86400}")));
		nitro.stubFor(get(urlEqualTo(ENVELOPES)).inScenario("rotation")
			.withHeader("Authorization", equalTo("Bearer old-token"))
			.willReturn(okJson("{\"items\":[]}")));
		nitro.stubFor(get(urlEqualTo(ENVELOPES)).inScenario("rotation")
			.whenScenarioStateIs("rotated")
			.withHeader("Authorization", equalTo("Bearer old-token"))
			.willReturn(aResponse().withStatus(401)));
		nitro.stubFor(get(urlEqualTo(ENVELOPES)).withHeader("Authorization", equalTo("Bearer new-token"))
			.willReturn(okJson("{\"items\":[]}")));
	}

	private static String call(WebClient nitroWebClient) {
		return nitroWebClient.get().uri(ENVELOPES).retrieve().bodyToMono(String.class).block();
	}

	private static void stubSlowToken(String token) {
		nitro.stubFor(NitroWireMock.tokenRequest()
			.willReturn(okJson("{\"accessToken\":\"" + token + "\",\"tokenType\":\"Bearer\",\"expiresIn\":86400}")
				.withFixedDelay(300)));
		stubEnvelopes();
	}

	private static void stubEnvelopes() {
		nitro.stubFor(get(urlEqualTo(ENVELOPES)).willReturn(okJson("{\"items\":[]}")));
	}

	private WebClient start(String... properties) {
		this.context = NitroTestApplication.start(nitro, WebApplicationType.NONE,
				Stream.concat(Stream.of("nitro.retry.initial-backoff=10ms"), Stream.of(properties)).toArray(String[]::new));
		return this.context.getBean("nitroWebClient", WebClient.class);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
