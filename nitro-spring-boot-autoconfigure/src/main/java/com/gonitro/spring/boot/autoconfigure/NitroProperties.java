package com.gonitro.spring.boot.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the Nitro client ({@code nitro.*}). The client ID and secret come from the application
 * created in the Nitro Admin Portal (Settings → API). Setting neither leaves Nitro unconfigured; setting only one
 * fails at start-up.
 */
@ConfigurationProperties("nitro")
public class NitroProperties implements InitializingBean {

	/**
	 * The default token endpoint.
	 */
	public static final String DEFAULT_TOKEN_URI = "https://api.gonitro.dev/oauth/token";

	/**
	 * The default base URL of the Nitro API.
	 */
	public static final String DEFAULT_BASE_URL = "https://api.gonitro.dev";

	/**
	 * Whether to configure the Nitro client when credentials are present.
	 */
	private boolean enabled = true;

	/**
	 * Client ID of the Nitro application, as shown in the Nitro Admin Portal (Settings → API).
	 */
	private @Nullable String clientId;

	/**
	 * Client secret of the Nitro application. Supply it from a secret store, never from source control: the
	 * NITRO_CLIENT_SECRET environment variable, a Kubernetes secret mounted with
	 * 'spring.config.import=configtree:...', or Spring Cloud Vault.
	 */
	private @Nullable String clientSecret;

	/**
	 * OAuth 2.0 token endpoint of the Nitro application, as shown in the Nitro Admin Portal.
	 */
	private String tokenUri = DEFAULT_TOKEN_URI;

	/**
	 * Base URL of the Nitro API. Only requests to this origin (scheme, host and port) carry the access token.
	 */
	private String baseUrl = DEFAULT_BASE_URL;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getClientId() {
		return this.clientId;
	}

	public void setClientId(@Nullable String clientId) {
		this.clientId = clientId;
	}

	public @Nullable String getClientSecret() {
		return this.clientSecret;
	}

	public void setClientSecret(@Nullable String clientSecret) {
		this.clientSecret = clientSecret;
	}

	public String getTokenUri() {
		return this.tokenUri;
	}

	public void setTokenUri(String tokenUri) {
		this.tokenUri = tokenUri.strip();
	}

	public String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(String baseUrl) {
		this.baseUrl = baseUrl.strip();
	}

	@Override
	public void afterPropertiesSet() {
		validate();
	}

	/**
	 * Checks that the credentials are both present and not blank, and that the URIs are absolute http(s) URIs.
	 * @throws InvalidNitroPropertiesException naming every property that is wrong
	 */
	public void validate() {
		List<InvalidNitroPropertiesException.Problem> problems = new ArrayList<>();
		checkCredential("nitro.client-id", this.clientId, "nitro.client-secret", this.clientSecret, problems);
		checkCredential("nitro.client-secret", this.clientSecret, "nitro.client-id", this.clientId, problems);
		checkHttpUri("nitro.token-uri", this.tokenUri, DEFAULT_TOKEN_URI, problems);
		checkHttpUri("nitro.base-url", this.baseUrl, DEFAULT_BASE_URL, problems);
		if (!problems.isEmpty()) {
			throw new InvalidNitroPropertiesException(problems);
		}
	}

	private static void checkCredential(String name, @Nullable String value, String otherName,
			@Nullable String otherValue, List<InvalidNitroPropertiesException.Problem> problems) {
		if (value == null && otherValue != null) {
			problems.add(InvalidNitroPropertiesException.Problem.missingCredential(name, otherName));
		}
		else if (value != null && value.isBlank()) {
			problems.add(InvalidNitroPropertiesException.Problem.blankCredential(name));
		}
	}

	private static void checkHttpUri(String name, @Nullable String value, String example,
			List<InvalidNitroPropertiesException.Problem> problems) {
		if (!isAbsoluteHttpUri(value)) {
			problems.add(InvalidNitroPropertiesException.Problem.invalidUri(name, value, example));
		}
	}

	private static boolean isAbsoluteHttpUri(@Nullable String value) {
		if (value == null) {
			return false;
		}
		try {
			URI uri = new URI(value);
			String scheme = uri.getScheme();
			return ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme)) && uri.getHost() != null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	@Override
	public String toString() {
		return "NitroProperties[enabled=" + this.enabled + ", clientId=" + this.clientId + ", clientSecret="
				+ ((this.clientSecret != null) ? "******" : null) + ", tokenUri=" + this.tokenUri + ", baseUrl="
				+ this.baseUrl + "]";
	}

}
