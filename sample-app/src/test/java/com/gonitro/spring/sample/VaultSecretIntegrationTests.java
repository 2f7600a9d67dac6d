package com.gonitro.spring.sample;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.gonitro.spring.standin.NitroStandIn;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "vault" profile ({@code application-vault.yml}): the sample reads Nitro's credentials from Vault's KV version
 * 2 secrets engine through Spring Cloud Vault. No Vault server can run here, so Vault is emulated over HTTP by
 * WireMock, answering the KV v2 read API ({@code GET /v1/secret/data/nitro-sample}, {@code X-Vault-Token}) as
 * Vault documents it; Nitro is the stand-in.
 */
@ExtendWith(OutputCaptureExtension.class)
class VaultSecretIntegrationTests {

	private static final String VAULT_TOKEN = "hvs.test-vault-token";

	@RegisterExtension
	static WireMockExtension vault = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@Test
	void readsNitrosCredentialsFromVault(CapturedOutput output) {
		String clientSecret = "secret-kept-in-vault-7c1f";
		vault.stubFor(get(urlEqualTo("/v1/secret/data/nitro-sample")).withHeader("X-Vault-Token", equalTo(VAULT_TOKEN))
			.willReturn(okJson("""
					{"request_id": "4b4f2c7e-6c1a-4f8e-9b1d-2a3c4d5e6f70", "lease_id": "", "renewable": false,
					 "lease_duration": 0,
					 "data": {"data": {"nitro.client-id": "vault-client", "nitro.client-secret": "%s"},
					          "metadata": {"created_time": "2026-11-28T09:00:00.000000Z", "custom_metadata": null,
					                       "deletion_time": "", "destroyed": false, "version": 3}},
					 "wrap_info": null, "warnings": null, "auth": null}
					""".formatted(clientSecret))));
		vault.stubFor(get(urlPathMatching("/v1/sys/internal/ui/mounts/secret/.*"))
			.willReturn(okJson("{\"data\": {\"path\": \"secret/\", \"type\": \"kv\", \"options\": {\"version\": \"2\"}}}")));
		vault.stubFor(get(urlPathMatching("/v1/secret/data/(application|nitro-sample/vault|application/vault)"))
			.willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json").withBody("{\"errors\":[]}")));

		try (NitroStandIn nitro = NitroStandIn.builder().clientId("vault-client").clientSecret(clientSecret).start();
				ConfigurableApplicationContext app = new SpringApplicationBuilder(SampleApplication.class)
					.profiles("vault")
					.run("--spring.cloud.vault.uri=" + vault.baseUrl(), "--spring.cloud.vault.token=" + VAULT_TOKEN,
							"--nitro.base-url=" + nitro.baseUrl(), "--nitro.token-uri=" + nitro.tokenUri(),
							"--server.port=0")) {
			assertThat(app.getEnvironment().getProperty("nitro.client-id")).isEqualTo("vault-client");
			SampleClient client = new SampleClient(((WebServerApplicationContext) app).getWebServer().getPort());

			assertThat(client.requestSignature("From Vault", "ada@example.com").getStatusCode().value()).isEqualTo(201);
			assertThat(nitro.tokenRequestCount()).isEqualTo(1);
			vault.verify(getRequestedFor(urlEqualTo("/v1/secret/data/nitro-sample")).withHeader("X-Vault-Token",
					equalTo(VAULT_TOKEN)));
			assertThat(output).doesNotContain(clientSecret);
		}
	}

}
