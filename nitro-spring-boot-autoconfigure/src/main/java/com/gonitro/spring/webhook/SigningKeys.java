package com.gonitro.spring.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import com.gonitro.spring.oauth.NitroCredentials;

/**
 * The keys a delivery may be signed with: the application's credentials as they are now and, for a grace period
 * after a change is seen, the ones before.
 */
final class SigningKeys {

	private final Supplier<NitroCredentials> credentials;

	private @Nullable Key current;

	private @Nullable Key previous;

	private Instant previousUntil = Instant.MIN;

	SigningKeys(Supplier<NitroCredentials> credentials) {
		this.credentials = credentials;
	}

	/**
	 * Returns the keys to try, the current one first.
	 * @param now the time now
	 * @param gracePeriod how long the previous key is kept after a change is seen
	 * @return the keys
	 */
	synchronized List<Key> keys(Instant now, Duration gracePeriod) {
		NitroCredentials latest = this.credentials.get();
		Key key = new Key(latest.clientId(), latest.clientSecret().getBytes(StandardCharsets.UTF_8));
		if (this.current != null && !this.current.equals(key)) {
			this.previous = this.current;
			this.previousUntil = now.plus(gracePeriod);
		}
		this.current = key;
		List<Key> keys = new ArrayList<>(2);
		keys.add(key);
		if (this.previous != null && now.isBefore(this.previousUntil)) {
			keys.add(this.previous);
		}
		return keys;
	}

	/**
	 * A client ID and the secret that signs for it.
	 */
	static final class Key {

		private final String clientId;

		private final byte[] secret;

		Key(String clientId, byte[] secret) {
			this.clientId = clientId;
			this.secret = secret;
		}

		String clientId() {
			return this.clientId;
		}

		byte[] secret() {
			return this.secret;
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof Key key && this.clientId.equals(key.clientId)
					&& Arrays.equals(this.secret, key.secret);
		}

		@Override
		public int hashCode() {
			return this.clientId.hashCode();
		}

		@Override
		public String toString() {
			return "Key[clientId=" + this.clientId + ", secret=******]";
		}

	}

}
