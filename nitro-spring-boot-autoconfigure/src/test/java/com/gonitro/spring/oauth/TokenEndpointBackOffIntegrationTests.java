package com.gonitro.spring.oauth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

import com.gonitro.spring.NitroClient;
import com.gonitro.spring.test.MutableClock;
import com.gonitro.spring.test.NitroWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * An outage of the token endpoint is not hammered: after a failed token request, calls fail fast with that failure
 * for a growing interval, or as long as the endpoint asked; new credentials end the wait at once. Time is the token
 * cache's clock, moved by the test; token requests are counted on the wire.
 */
class TokenEndpointBackOffIntegrationTests {

	private static final String ENVELOPES = "/sign/envelopes";

	@RegisterExtension
	static WireMockExtension nitro = NitroWireMock.extension();

	private final MutableClock clock = new MutableClock();

	private final AtomicReference<String> secret = new AtomicReference<>(NitroWireMock.CLIENT_SECRET);

	private final NitroClient client = NitroWireMock.client(nitro)
		.credentials(() -> NitroCredentials.of(NitroWireMock.CLIENT_ID, this.secret.get()))
		.build();

	private final NitroAccessTokenCache tokenCache = this.client.tokenCache();

	@BeforeEach
	void useTheTestsClock() {
		this.tokenCache.setClock(this.clock);
		nitro.stubFor(get(urlEqualTo(ENVELOPES)).willReturn(okJson("{\"items\":[]}")));
	}

	@Test
	void afterEachFailedTokenRequestCallsFailFastForOneSecondDoublingUpToThirtySeconds() {
		tokenEndpointAnswers(NitroWireMock.json(503, "{\"error\":\"temporarily_unavailable\"}"));
		List<Duration> backOffs = new ArrayList<>();

		for (int failed = 1; failed <= 7; failed++) {
			NitroTokenException failure = tokenFailure();
			assertThat(failure.getBackedOffUntil()).as("a failure of a token request of its own").isNull();
			NitroTokenStatus status = this.tokenCache.status();
			Duration backOff = Duration.between(status.lastErrorAt(), status.retryAt());
			backOffs.add(backOff);

			this.clock.advance(backOff.minusMillis(1));
			NitroTokenException fastFailure = tokenFailure();
			assertThat(fastFailure.getBackedOffUntil()).isEqualTo(status.retryAt());
			assertThat(fastFailure.getError().getErrorCode()).isEqualTo("temporarily_unavailable");
			assertThat(fastFailure).hasCause(failure);
			assertThat(tokenRequestCount()).isEqualTo(failed);
			this.clock.advance(Duration.ofMillis(1));
		}

		assertThat(backOffs).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
				Duration.ofSeconds(8), Duration.ofSeconds(16), Duration.ofSeconds(30), Duration.ofSeconds(30));
	}

	@ParameterizedTest
	@CsvSource({ "429, 120, PT2M", "503, 3600, PT10M", "503, 99999999999999999999, PT10M",
			"429, 'Sun, 06 Nov 1994 08:49:37 GMT', PT1S", "429, 0, PT1S", "503, soon, PT1S" })
	void retryAfterOfTheTokenEndpointIsHonouredUpToTenMinutes(int status, String retryAfter, Duration backOff) {
		tokenEndpointAnswers(aResponse().withStatus(status).withHeader("Retry-After", retryAfter));

		NitroTokenException failure = tokenFailure();
		Instant failedAt = this.clock.instant();
		this.clock.advance(backOff.minusMillis(1));
		NitroTokenException fastFailure = tokenFailure();
		this.clock.advance(Duration.ofMillis(1));
		tokenEndpointAnswers(okJson("{\"accessToken\":\"after-the-wait\",\"tokenType\":\"Bearer\",\"expiresIn\":86400}"));
		String token = token();

		assertThat(failure.getStatusCode().value()).isEqualTo(status);
		assertThat(fastFailure.getBackedOffUntil()).isEqualTo(failedAt.plus(backOff));
		assertThat(token).isEqualTo("after-the-wait");
		assertThat(tokenRequestCount()).isEqualTo(2);
	}

	@Test
	void fiftyCallsSpreadOverThreeSecondsOfOutageMakeAHandfulOfTokenRequests() {
		tokenEndpointAnswers(NitroWireMock.json(500, "{\"error\":\"server_error\"}"));
		List<Throwable> failures = new ArrayList<>();

		for (int call = 0; call < 50; call++) {
			try {
				if (call % 2 == 0) {
					this.client.webClient().get().uri(ENVELOPES).retrieve().bodyToMono(String.class).block();
				}
				else {
					this.client.restClient().get().uri(ENVELOPES).retrieve().body(String.class);
				}
			}
			catch (RuntimeException ex) {
				failures.add(ex);
			}
			this.clock.advance(Duration.ofMillis(60));
		}

		assertThat(failures).hasSize(50)
			.allSatisfy((failure) -> assertThat(failure).isInstanceOf(NitroTokenException.class)
				.hasMessageContaining("server_error"));
		assertThat(tokenRequestCount()).isBetween(1, 5);
		nitro.verify(0, getRequestedFor(urlEqualTo(ENVELOPES)));
	}

	@Test
	void changedCredentialsEndTheBackOffAtOnce() {
		nitro.stubFor(NitroWireMock.tokenRequest()
			.willReturn(NitroWireMock.json(401,
					"{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}")));
		nitro.stubFor(post(urlEqualTo(NitroWireMock.TOKEN_PATH)).withRequestBody(containing("rotated-secret"))
			.willReturn(okJson("{\"accessToken\":\"rotated-token\",\"tokenType\":\"Bearer\",\"expiresIn\":86400}")));
		assertThat(tokenFailure().getError().getErrorCode()).isEqualTo("invalid_client");
		assertThat(tokenFailure().getBackedOffUntil()).as("the same credentials, during the back-off").isNotNull();

		this.secret.set("rotated-secret");
		String envelopes = this.client.webClient().get().uri(ENVELOPES).retrieve().bodyToMono(String.class).block();

		assertThat(envelopes).isEqualTo("{\"items\":[]}");
		nitro.verify(getRequestedFor(urlEqualTo(ENVELOPES)).withHeader("Authorization", equalTo("Bearer rotated-token")));
		assertThat(tokenRequestCount()).isEqualTo(2);
	}

	@Test
	void statusTellsWhetherATokenIsHeldOrTheLastTokenRequestFailedWithoutRequestingOne() {
		assertThat(this.tokenCache.status()).isEqualTo(NitroTokenStatus.UNKNOWN);
		assertThat(tokenRequestCount()).isZero();

		tokenEndpointAnswers(okJson("{\"accessToken\":\"held-token\",\"tokenType\":\"Bearer\",\"expiresIn\":86400}"));
		OAuth2AccessToken held = this.tokenCache.accessToken().block();
		NitroTokenStatus heldStatus = this.tokenCache.status();
		assertThat(heldStatus.state()).isEqualTo(NitroTokenStatus.State.HELD);
		assertThat(heldStatus.expiresAt()).isEqualTo(held.getExpiresAt());
		assertThat(heldStatus.refreshAt()).isEqualTo(this.clock.instant().plus(Duration.ofHours(24).minusSeconds(60)));
		assertThat(heldStatus.lastErrorCode()).isNull();

		this.tokenCache.evict(held);
		tokenEndpointAnswers(NitroWireMock.json(401, "{\"error\":\"invalid_client\"}"));
		tokenFailure();
		Instant failedAt = this.clock.instant();
		NitroTokenStatus failedStatus = this.tokenCache.status();
		assertThat(failedStatus.state()).isEqualTo(NitroTokenStatus.State.FAILED);
		assertThat(failedStatus.lastErrorCode()).isEqualTo("invalid_client");
		assertThat(failedStatus.lastErrorAt()).isEqualTo(failedAt);
		assertThat(failedStatus.retryAt()).isEqualTo(failedAt.plusSeconds(1));
		assertThat(failedStatus.expiresAt()).isNull();

		this.clock.advance(Duration.ofSeconds(1));
		tokenEndpointAnswers(okJson("{\"accessToken\":\"next-token\",\"tokenType\":\"Bearer\",\"expiresIn\":3600}"));
		assertThat(token()).isEqualTo("next-token");
		assertThat(this.tokenCache.status().state()).isEqualTo(NitroTokenStatus.State.HELD);
		assertThat(List.of(heldStatus, failedStatus, this.tokenCache.status()))
			.allSatisfy((status) -> assertThat(status.toString()).doesNotContain("held-token", "next-token"));
		assertThat(tokenRequestCount()).isEqualTo(3);
	}

	private static void tokenEndpointAnswers(ResponseDefinitionBuilder reply) {
		nitro.stubFor(NitroWireMock.tokenRequest().willReturn(reply));
	}

	private String token() {
		return this.tokenCache.accessToken().block().getTokenValue();
	}

	private NitroTokenException tokenFailure() {
		return catchThrowableOfType(NitroTokenException.class, () -> this.tokenCache.accessToken().block());
	}

	private int tokenRequestCount() {
		return nitro.findAll(NitroWireMock.tokenRequests()).size();
	}

}
