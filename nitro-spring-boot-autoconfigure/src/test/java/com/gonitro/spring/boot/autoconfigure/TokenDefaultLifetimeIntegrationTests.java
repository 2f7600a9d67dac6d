package com.gonitro.spring.boot.autoconfigure;

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

import com.gonitro.spring.oauth.NitroAccessTokenCache;
import com.gonitro.spring.test.NitroWireMock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token reply without a usable {@code expiresIn} gets the lifetime {@code nitro.token-default-lifetime} sets.
 */
class TokenDefaultLifetimeIntegrationTests {

	@RegisterExtension
	static WireMockExtension nitro = NitroWireMock.extension();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NitroAutoConfiguration.class, WebClientAutoConfiguration.class))
		.withPropertyValues("nitro.client-id=" + NitroWireMock.CLIENT_ID,
				"nitro.client-secret=" + NitroWireMock.CLIENT_SECRET, "nitro.token-uri=" + NitroWireMock.tokenUri(nitro),
				"nitro.base-url=" + nitro.baseUrl(), "nitro.token-default-lifetime=20m");

	@ParameterizedTest
	@ValueSource(strings = { "", ",\"expiresIn\":null", ",\"expiresIn\":\"soon\"", ",\"expires_in\":{}" })
	void replyWithoutUsableExpiresInGetsTheConfiguredDefaultLifetime(String expiresIn) {
		nitro.stubFor(NitroWireMock.tokenRequest()
			.willReturn(NitroWireMock.json(200, "{\"accessToken\":\"token\",\"tokenType\":\"Bearer\"" + expiresIn + "}")));

		this.contextRunner.run((context) -> {
			OAuth2AccessToken token = context.getBean(NitroAccessTokenCache.class).accessToken().block();

			assertThat(Duration.between(token.getIssuedAt(), token.getExpiresAt())).isEqualTo(Duration.ofMinutes(20));
		});
	}

}
