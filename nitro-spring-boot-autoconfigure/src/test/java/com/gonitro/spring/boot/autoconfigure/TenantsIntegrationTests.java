package com.gonitro.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import com.gonitro.spring.NitroClient;
import com.gonitro.spring.NitroClients;
import com.gonitro.spring.oauth.NitroCredentials;
import com.gonitro.spring.test.MutableClock;
import com.gonitro.spring.test.NitroTestApplication;
import com.gonitro.spring.test.NitroWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Credentials known only at run time: {@code NitroClients.forCredentials} gives each tenant the clients of its own
 * Nitro application, with a token cache per client ID, bounded in number and idle time, and a secret read from the
 * tenant's store at each token request.
 */
class TenantsIntegrationTests {

	private static final String ENVELOPES = "/sign/envelopes";

	@RegisterExtension
	static WireMockExtension nitro = NitroWireMock.extension();

	private ConfigurableApplicationContext context;

	private NitroClients clients;

	@BeforeEach
	void nitroIssuesEachTenantATokenNamedAfterIt() {
		// Token "token-<client ID>" for the secret "secret-<client ID>".
		nitro.stubFor(post(urlEqualTo(NitroWireMock.TOKEN_PATH))
			.withRequestBody(matchingJsonPath("$.clientSecret", matching("secret-.*")))
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withTransformers("response-template")
				.withBody("{\"accessToken\":\"token-{{jsonPath request.body '$.clientID'}}\",\"tokenType\":\"Bearer\","
						+ "\"expiresIn\":86400}")
				.withFixedDelay(200)));
		nitro.stubFor(get(urlEqualTo(ENVELOPES)).willReturn(okJson("{\"items\":[]}")));
		this.context = NitroTestApplication.start(nitro, WebApplicationType.NONE, "nitro.tenants.max-size=60");
		this.clients = this.context.getBean(NitroClients.class);
	}

	@AfterEach
	void close() {
		this.context.close();
	}

	@Test
	void sixtyFourConcurrentFirstCallsForEachOfFiftyTenantsMakeFiftyTokenRequests() {
		List<String> bodies = Flux.range(0, 50 * 64)
			.flatMap((i) -> tenant("tenant-" + (i % 50)).webClient().get().uri(ENVELOPES).retrieve().bodyToMono(String.class),
					256)
			.collectList()
			.block(Duration.ofMinutes(2));

		assertThat(bodies).hasSize(50 * 64);
		assertThat(nitro.findAll(NitroWireMock.tokenRequests())).hasSize(50);
		for (int tenant = 0; tenant < 50; tenant++) {
			nitro.verify(64, getRequestedFor(urlEqualTo(ENVELOPES)).withHeader("Authorization",
					equalTo("Bearer token-tenant-" + tenant)));
		}
	}

	@Test
	void aTenantsTokenIsNeverSentOnAnotherTenantsRequest() {
		tenant("acme").sign().listEnvelopes().forEach((envelope) -> { });
		tenant("globex").restClient().get().uri(ENVELOPES).retrieve().toBodilessEntity();

		nitro.verify(1, getRequestedFor(urlEqualTo(ENVELOPES)).withHeader("Authorization", equalTo("Bearer token-acme")));
		nitro.verify(1, getRequestedFor(urlEqualTo(ENVELOPES)).withHeader("Authorization", equalTo("Bearer token-globex")));
		assertThat(tenant("acme")).isSameAs(tenant("acme")).isNotSameAs(tenant("globex"));
	}

	@Test
	void aRotatedSecretOfOneTenantIsReadFromItsStoreAtTheNextTokenRequest() {
		AtomicReference<String> acmeStore = new AtomicReference<>("secret-acme");
		NitroClient acme = this.clients.forCredentials(NitroCredentials.of("acme", acmeStore::get));
		acme.restClient().get().uri(ENVELOPES).retrieve().toBodilessEntity();
		tenant("globex").restClient().get().uri(ENVELOPES).retrieve().toBodilessEntity();
		// Nitro rotated acme's credentials: its old token is revoked, only the new secret gets one.
		nitro.stubFor(get(urlEqualTo(ENVELOPES)).withHeader("Authorization", equalTo("Bearer token-acme"))
			.willReturn(aResponse().withStatus(401)));
		nitro.stubFor(post(urlEqualTo(NitroWireMock.TOKEN_PATH))
			.withRequestBody(equalToJson("{\"clientID\":\"acme\",\"clientSecret\":\"rotated\"}"))
			.willReturn(okJson("{\"accessToken\":\"rotated-token\",\"tokenType\":\"Bearer\",\"expiresIn\":86400}")));
		nitro.stubFor(get(urlEqualTo(ENVELOPES)).withHeader("Authorization", equalTo("Bearer rotated-token"))
			.willReturn(okJson("{\"items\":[]}")));

		acmeStore.set("rotated");
		acme.restClient().get().uri(ENVELOPES).retrieve().toBodilessEntity();
		tenant("globex").restClient().get().uri(ENVELOPES).retrieve().toBodilessEntity();

		nitro.verify(1, getRequestedFor(urlEqualTo(ENVELOPES)).withHeader("Authorization", equalTo("Bearer rotated-token")));
		nitro.verify(2, getRequestedFor(urlEqualTo(ENVELOPES)).withHeader("Authorization", equalTo("Bearer token-globex")));
		nitro.verify(1, tokenRequestOf("globex"));
	}

	@Test
	void beyondTheMaximumTheLeastRecentlyUsedTenantIsForgottenAndRequestsANewTokenNextTime() {
		this.clients.setMaxTenants(2);
		call("acme");
		call("globex");
		call("acme");

		call("initech");
		call("acme");
		call("globex");

		assertThat(this.clients.tenantCount()).isEqualTo(2);
		nitro.verify(1, tokenRequestOf("acme"));
		nitro.verify(2, tokenRequestOf("globex"));
	}

	@Test
	void anIdleTenantIsForgottenAfterTheIdleExpiry() {
		MutableClock clock = new MutableClock();
		this.clients.setClock(clock);
		this.clients.setTenantIdleExpiry(Duration.ofMinutes(30));
		call("acme");
		clock.advance(Duration.ofMinutes(29));
		call("acme");

		clock.advance(Duration.ofMinutes(31));
		assertThat(this.clients.tenantCount()).isZero();
		call("acme");

		nitro.verify(2, tokenRequestOf("acme"));
	}

	@Test
	void aTenantsTokenUriInPlainHttpToAnotherHostIsRefusedBeforeAnyRequest() {
		NitroCredentials overPlainHttp = NitroCredentials.of("acme", "secret-acme")
			.withTokenUri("http://nitro.example.test/oauth/token");

		assertThatIllegalArgumentException().isThrownBy(() -> this.clients.forCredentials(overPlainHttp))
			.withMessageContaining("plain http for a host other than this machine")
			.withMessageContaining("nitro.allow-insecure-http=true")
			.withMessageNotContaining("secret-acme");
		assertThat(this.clients.tenantCount()).isZero();

		this.clients.forCredentials(NitroCredentials.of("acme", "secret-acme").withTokenUri(NitroWireMock.tokenUri(nitro)))
			.restClient().get().uri(ENVELOPES).retrieve().toBodilessEntity();
		nitro.verify(1, tokenRequestOf("acme"));
		try (ConfigurableApplicationContext allowing = NitroTestApplication.start(nitro, WebApplicationType.NONE,
				"nitro.allow-insecure-http=true")) {
			assertThat(allowing.getBean(NitroClients.class).forCredentials(overPlainHttp)).isNotNull();
		}
	}

	private NitroClient tenant(String clientId) {
		return this.clients.forCredentials(NitroCredentials.of(clientId, "secret-" + clientId));
	}

	private void call(String clientId) {
		tenant(clientId).restClient().get().uri(ENVELOPES).retrieve().toBodilessEntity();
	}

	private static RequestPatternBuilder tokenRequestOf(String clientId) {
		return postRequestedFor(urlEqualTo(NitroWireMock.TOKEN_PATH))
			.withRequestBody(matchingJsonPath("$.clientID", equalTo(clientId)));
	}

}
