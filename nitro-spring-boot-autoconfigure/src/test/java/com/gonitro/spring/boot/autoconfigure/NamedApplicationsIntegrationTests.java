package com.gonitro.spring.boot.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;

import com.gonitro.spring.NitroClient;
import com.gonitro.spring.NitroClients;
import com.gonitro.spring.sign.NitroSignClient;
import com.gonitro.spring.test.NitroWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Several Nitro applications in one Spring application, configured under {@code nitro.applications}: each its own
 * token, never sent on another's request; each its own registration in Nitro's authorized-client manager; settings
 * inherited unless overridden; secrets rotated per application; and an application with only named ones starts.
 */
class NamedApplicationsIntegrationTests {

	private static final String ENVELOPES = "/sign/envelopes";

	@RegisterExtension
	static WireMockExtension nitro = NitroWireMock.extension();

	@RegisterExtension
	static WireMockExtension billingsNitro = NitroWireMock.extension();

	private ConfigurableApplicationContext context;

	@BeforeEach
	void eachApplicationGetsItsOwnToken() {
		stubToken("default-id", "default-secret", "default-token");
		stubToken("billing-id", "billing-secret", "billing-token");
		nitro.stubFor(get(urlEqualTo(ENVELOPES)).willReturn(okJson("{\"items\":[]}")));
	}

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void eachApplicationCallsNitroWithItsOwnToken() {
		NitroClients clients = start(defaultApplication(), billing()).getBean(NitroClients.class);

		clients.defaultApplication().sign().listEnvelopes().forEach((envelope) -> { });
		clients.forApplication("billing").sign().listEnvelopes().forEach((envelope) -> { });
		clients.forApplication("billing").webClient().get().uri(ENVELOPES).retrieve().toBodilessEntity().block();
		clients.forApplication("billing").restClient().get().uri(ENVELOPES).retrieve().toBodilessEntity();

		nitro.verify(1, getRequestedFor(urlEqualTo(ENVELOPES)).withHeader("Authorization", equalTo("Bearer default-token")));
		nitro.verify(3, getRequestedFor(urlEqualTo(ENVELOPES)).withHeader("Authorization", equalTo("Bearer billing-token")));
		nitro.verify(1, tokenRequestOf("default-id"));
		nitro.verify(1, tokenRequestOf("billing-id"));
	}

	@Test
	void concurrentFirstCallsOfTwoApplicationsMakeOneTokenRequestEach() {
		NitroClients clients = start(defaultApplication(), billing()).getBean(NitroClients.class);

		List<String> bodies = Flux.range(0, 64)
			.flatMap((i) -> clients.forApplication((i % 2 == 0) ? "default" : "billing")
				.webClient()
				.get()
				.uri(ENVELOPES)
				.retrieve()
				.bodyToMono(String.class), 64)
			.collectList()
			.block();

		assertThat(bodies).hasSize(64);
		nitro.verify(1, tokenRequestOf("default-id"));
		nitro.verify(1, tokenRequestOf("billing-id"));
		nitro.verify(32, getRequestedFor(urlEqualTo(ENVELOPES)).withHeader("Authorization", equalTo("Bearer billing-token")));
	}

	@Test
	void theExistingBeansKeepServingTheDefaultApplication() {
		this.context = start(defaultApplication(), billing());

		this.context.getBean(NitroSignClient.class).listEnvelopes().forEach((envelope) -> { });

		nitro.verify(1, getRequestedFor(urlEqualTo(ENVELOPES)).withHeader("Authorization", equalTo("Bearer default-token")));
		nitro.verify(0, tokenRequestOf("billing-id"));
	}

	@Test
	void eachApplicationIsItsOwnRegistrationInNitrosManager() {
		OAuth2AuthorizedClientManager manager = start(defaultApplication(), billing())
			.getBean("nitroAuthorizedClientManager", OAuth2AuthorizedClientManager.class);

		String defaultToken = manager.authorize(request("nitro")).getAccessToken().getTokenValue();
		String billingToken = manager.authorize(request("nitro-billing")).getAccessToken().getTokenValue();

		assertThat(defaultToken).isEqualTo("default-token");
		assertThat(billingToken).isEqualTo("billing-token");
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> manager.authorize(request("google")))
			.withMessageContaining("nitro-billing");
	}

	@Test
	void anApplicationInheritsWhatItDoesNotSetAndOverridesWhatItDoes() {
		billingsNitro.stubFor(post(urlEqualTo(NitroWireMock.TOKEN_PATH))
			.willReturn(okJson("{\"accessToken\":\"elsewhere-token\",\"tokenType\":\"Bearer\",\"expiresIn\":86400}")));
		billingsNitro.stubFor(get(urlEqualTo(ENVELOPES)).willReturn(okJson("{\"items\":[]}")));
		NitroClients clients = start(defaultApplication(), billing(),
				"nitro.applications.billing.token-uri=" + NitroWireMock.tokenUri(billingsNitro),
				"nitro.applications.billing.base-url=" + billingsNitro.baseUrl(), "nitro.applications.archive.client-id=archive-id",
				"nitro.applications.archive.client-secret=archive-secret")
			.getBean(NitroClients.class);
		stubToken("archive-id", "archive-secret", "archive-token");

		clients.forApplication("billing").restClient().get().uri(ENVELOPES).retrieve().toBodilessEntity();
		clients.forApplication("archive").restClient().get().uri(ENVELOPES).retrieve().toBodilessEntity();

		billingsNitro.verify(getRequestedFor(urlEqualTo(ENVELOPES)).withHeader("Authorization", equalTo("Bearer elsewhere-token")));
		nitro.verify(getRequestedFor(urlEqualTo(ENVELOPES)).withHeader("Authorization", equalTo("Bearer archive-token")));
		assertThat(clients.applicationNames()).containsExactly("default", "archive", "billing");
	}

	@Test
	void onlyNamedApplicationsStartWithoutTheDefaultBeans() {
		this.context = start(billing());

		NitroClients clients = this.context.getBean(NitroClients.class);
		clients.forApplication("billing").sign().listEnvelopes().forEach((envelope) -> { });

		assertThat(this.context.getBeanNamesForType(NitroSignClient.class)).isEmpty();
		assertThat(this.context.containsBean("nitroWebClient")).isFalse();
		assertThat(clients.applicationNames()).containsExactly("billing");
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(clients::defaultApplication)
			.withMessageContaining("nitro.client-id");
		nitro.verify(getRequestedFor(urlEqualTo(ENVELOPES)).withHeader("Authorization", equalTo("Bearer billing-token")));
	}

	@Test
	void aRotatedSecretOfOneApplicationIsPickedUpWithoutARestart(@TempDir Path mount) throws IOException {
		Path secret = mount.resolve("BILLING_SECRET");
		Files.writeString(secret, "billing-secret\n");
		NitroClients clients = start(defaultApplication(), "spring.config.import=configtree:" + mount + "/",
				"nitro.applications.billing.client-id=billing-id",
				"nitro.applications.billing.client-secret=${BILLING_SECRET}")
			.getBean(NitroClients.class);
		NitroClient billing = clients.forApplication("billing");
		billing.restClient().get().uri(ENVELOPES).retrieve().toBodilessEntity();
		stubToken("billing-id", "rotated-secret", "rotated-token");

		Files.writeString(secret, "rotated-secret\n");
		billing.tokenCache().evict(billing.tokenCache().freshAccessToken());
		billing.restClient().get().uri(ENVELOPES).retrieve().toBodilessEntity();

		nitro.verify(getRequestedFor(urlEqualTo(ENVELOPES)).withHeader("Authorization", equalTo("Bearer rotated-token")));
		nitro.verify(1, tokenRequestOf("billing-id").withRequestBody(equalToJson(
				"{\"clientID\":\"billing-id\",\"clientSecret\":\"rotated-secret\"}")));
	}

	private static void stubToken(String clientId, String clientSecret, String token) {
		nitro.stubFor(post(urlEqualTo(NitroWireMock.TOKEN_PATH))
			.withRequestBody(equalToJson("{\"clientID\":\"" + clientId + "\",\"clientSecret\":\"" + clientSecret + "\"}"))
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"accessToken\":\"" + token + "\",\"tokenType\":\"Bearer\",\"expiresIn\":86400}")
				.withFixedDelay(100)));
	}

	private static RequestPatternBuilder tokenRequestOf(String clientId) {
		return postRequestedFor(urlEqualTo(NitroWireMock.TOKEN_PATH))
			.withRequestBody(matchingJsonPath("$.clientID", equalTo(clientId)));
	}

	private static OAuth2AuthorizeRequest request(String registrationId) {
		return OAuth2AuthorizeRequest.withClientRegistrationId(registrationId).principal("someone").build();
	}

	private static String[] defaultApplication() {
		return new String[] { "nitro.client-id=default-id", "nitro.client-secret=default-secret" };
	}

	private static String[] billing() {
		return new String[] { "nitro.applications.billing.client-id=billing-id",
				"nitro.applications.billing.client-secret=billing-secret" };
	}

	private ConfigurableApplicationContext start(String[] first, String... more) {
		return start(concat(first, more));
	}

	private ConfigurableApplicationContext start(String[] first, String[] second, String... more) {
		return start(concat(concat(first, second), more));
	}

	private ConfigurableApplicationContext start(String[] properties) {
		this.context = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties("nitro.token-uri=" + NitroWireMock.tokenUri(nitro), "nitro.base-url=" + nitro.baseUrl())
			.properties(properties)
			.run();
		return this.context;
	}

	private static String[] concat(String[] first, String[] second) {
		String[] all = new String[first.length + second.length];
		System.arraycopy(first, 0, all, 0, first.length);
		System.arraycopy(second, 0, all, first.length, second.length);
		return all;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
