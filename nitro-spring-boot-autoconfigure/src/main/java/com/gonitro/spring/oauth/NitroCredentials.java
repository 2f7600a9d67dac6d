package com.gonitro.spring.oauth;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The credentials of a Nitro API application, as the Nitro Admin Portal shows them (Settings → API): a client ID, a
 * client secret and, optionally, the application's token endpoint.
 * <p>
 * The secret is given as a {@link Supplier}, asked once per token request, so that a secret kept in a store of the
 * application's own (a vault, a database of tenants) can change without new credentials being built. Leading and
 * trailing whitespace (such as the newline a secret file ends with) is removed. {@link #toString()} never prints the
 * secret.
 *
 * @since 0.1.0
 */
public final class NitroCredentials {

	private final String clientId;

	private final Supplier<String> clientSecret;

	private final @Nullable String tokenUri;

	private NitroCredentials(String clientId, Supplier<String> clientSecret, @Nullable String tokenUri) {
		Assert.hasText(clientId, "'clientId' must not be empty");
		Assert.notNull(clientSecret, "'clientSecret' must not be null");
		this.clientId = clientId.strip();
		this.clientSecret = clientSecret;
		this.tokenUri = tokenUri;
	}

	/**
	 * Returns credentials with a fixed secret.
	 * @param clientId the client ID
	 * @param clientSecret the client secret
	 * @return the credentials
	 */
	public static NitroCredentials of(String clientId, String clientSecret) {
		Assert.hasText(clientSecret, "'clientSecret' must not be empty");
		return new NitroCredentials(clientId, () -> clientSecret, null);
	}

	/**
	 * Returns credentials whose secret is read from the given supplier at each token request.
	 * @param clientId the client ID
	 * @param clientSecret supplies the current client secret
	 * @return the credentials
	 */
	public static NitroCredentials of(String clientId, Supplier<String> clientSecret) {
		return new NitroCredentials(clientId, clientSecret, null);
	}

	/**
	 * Returns a copy of these credentials with the application's token endpoint.
	 * @param tokenUri the token endpoint, such as {@code https://api.gonitro.dev/oauth/token}
	 * @return the credentials with the token endpoint
	 */
	public NitroCredentials withTokenUri(String tokenUri) {
		Assert.hasText(tokenUri, "'tokenUri' must not be empty");
		return new NitroCredentials(this.clientId, this.clientSecret, tokenUri.strip());
	}

	/**
	 * Returns the client ID.
	 * @return the client ID
	 */
	public String clientId() {
		return this.clientId;
	}

	/**
	 * Returns the client secret as it is now, asking the supplier.
	 * @return the client secret, stripped of surrounding whitespace
	 * @throws IllegalStateException if the supplier gives no secret
	 */
	public String clientSecret() {
		String secret = this.clientSecret.get();
		if (secret == null || secret.isBlank()) {
			throw new IllegalStateException("No client secret for Nitro client ID '" + this.clientId + "'");
		}
		return secret.strip();
	}

	/**
	 * Returns the token endpoint of the application, if these credentials name one.
	 * @return the token endpoint, or {@code null} for the default
	 */
	public @Nullable String tokenUri() {
		return this.tokenUri;
	}

	@Override
	public String toString() {
		return "NitroCredentials[clientId=" + this.clientId + ", clientSecret=******"
				+ ((this.tokenUri != null) ? ", tokenUri=" + this.tokenUri : "") + "]";
	}

}
