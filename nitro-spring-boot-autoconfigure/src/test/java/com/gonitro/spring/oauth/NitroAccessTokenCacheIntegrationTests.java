package com.gonitro.spring.oauth;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

import com.gonitro.spring.test.MutableClock;
import com.gonitro.spring.test.NitroWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link NitroAccessTokenCache} against a token endpoint on loopback: reuse, renewal, eviction and single flight,
 * counted on the wire.
 */
class NitroAccessTokenCacheIntegrationTests {

	@RegisterExtension
	static WireMockExtension nitro = NitroWireMock.extension();

	private final MutableClock clock = new MutableClock();

	private final NitroAccessTokenCache cache = cache();

	@Test
	void manySequentialCallsShareOneTokenRequest() {
		NitroWireMock.stubToken(nitro, "token-1", 86400);

		for (int i = 0; i < 20; i++) {
			assertThat(this.cache.accessToken().block().getTokenValue()).isEqualTo("token-1");
		}

		assertThat(tokenRequestCount()).isEqualTo(1);
	}

	@Test
	void authorizedClientBelongsToTheApplicationNotToAUser() {
		NitroWireMock.stubToken(nitro, "token-1", 86400);

		OAuth2AuthorizedClient client = this.cache.authorizedClient().block();

		assertThat(client.getPrincipalName()).isEqualTo(NitroAccessTokenCache.APPLICATION_PRINCIPAL);
		assertThat(client.getClientRegistration().getRegistrationId()).isEqualTo("nitro");
	}

	@Test
	void shortLivedTokenIsReusedForHalfItsLifetime() {
		NitroWireMock.stubTokensInTurn(nitro, 4, "short-1", "short-2");

		assertThat(token()).isEqualTo("short-1");
		this.clock.advance(Duration.ofMillis(1999));
		assertThat(token()).isEqualTo("short-1");
		this.clock.advance(Duration.ofMillis(1));
		assertThat(token()).isEqualTo("short-2");
		assertThat(tokenRequestCount()).isEqualTo(2);
	}

	@Test
	void dayLongTokenIsReusedUntilTheRefreshSkewBeforeExpiry() {
		NitroWireMock.stubTokensInTurn(nitro, 86400, "day-1", "day-2");

		assertThat(token()).isEqualTo("day-1");
		this.clock.advance(Duration.ofHours(23).plusMinutes(58).plusSeconds(59));
		assertThat(token()).isEqualTo("day-1");
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(token()).isEqualTo("day-2");
	}

	@Test
	void refreshSkewIsConfigurable() {
		this.cache.setRefreshSkew(Duration.ofMinutes(10));
		NitroWireMock.stubTokensInTurn(nitro, 86400, "day-1", "day-2");

		assertThat(token()).isEqualTo("day-1");
		this.clock.advance(Duration.ofHours(23).plusMinutes(50));
		assertThat(token()).isEqualTo("day-2");
	}

	@Test
	void evictingTheHeldTokenMakesTheNextCallFetchANewOne() {
		NitroWireMock.stubTokensInTurn(nitro, 86400, "first", "second");
		OAuth2AccessToken first = this.cache.accessToken().block();

		this.cache.evict(first);

		assertThat(token()).isEqualTo("second");
	}

	@Test
	void evictingAnOldTokenLeavesTheNewOneAlone() {
		NitroWireMock.stubTokensInTurn(nitro, 86400, "first", "second");
		OAuth2AccessToken first = this.cache.accessToken().block();
		this.cache.evict(first);
		assertThat(token()).isEqualTo("second");

		this.cache.evict(first);

		assertThat(token()).isEqualTo("second");
		assertThat(tokenRequestCount()).isEqualTo(2);
	}

	@Test
	void failedTokenRequestFailsTheCallerAndTheFirstCallAfterTheBackOffTriesAgain() {
		nitro.stubFor(NitroWireMock.tokenRequest()
			.inScenario("recovery")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(500)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"server_error\",\"error_description\":\"try later\"}"))
			.willSetStateTo("recovered"));
		nitro.stubFor(NitroWireMock.tokenRequest()
			.inScenario("recovery")
			.whenScenarioStateIs("recovered")
			.willReturn(okJson("{\"accessToken\":\"after-failure\",\"tokenType\":\"Bearer\",\"expiresIn\":86400}")));

		assertThatExceptionOfType(NitroTokenException.class).isThrownBy(this::token)
			.withMessageContaining("server_error: try later");
		assertThatExceptionOfType(NitroTokenException.class).isThrownBy(this::token)
			.withMessageContaining("server_error: try later")
			.satisfies((ex) -> assertThat(ex.getBackedOffUntil()).isNotNull());
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(token()).isEqualTo("after-failure");
		assertThat(tokenRequestCount()).isEqualTo(2);
	}

	@Test
	void concurrentFirstCallersShareOneTokenRequest() {
		nitro.stubFor(NitroWireMock.tokenRequest()
			.willReturn(okJson("{\"accessToken\":\"shared\",\"tokenType\":\"Bearer\",\"expiresIn\":86400}")
				.withFixedDelay(300)));

		List<String> tokens = Flux.range(0, 64)
			.flatMap((i) -> this.cache.accessToken(), 64)
			.map(OAuth2AccessToken::getTokenValue)
			.collectList()
			.block();

		assertThat(tokens).hasSize(64).containsOnly("shared");
		assertThat(tokenRequestCount()).isEqualTo(1);
	}

	private NitroAccessTokenCache cache() {
		NitroAccessTokenCache cache = NitroWireMock.client(nitro).buildTokenCache();
		cache.setClock(this.clock);
		return cache;
	}

	private String token() {
		return this.cache.accessToken().block().getTokenValue();
	}

	private int tokenRequestCount() {
		return nitro.findAll(NitroWireMock.tokenRequests()).size();
	}

}
