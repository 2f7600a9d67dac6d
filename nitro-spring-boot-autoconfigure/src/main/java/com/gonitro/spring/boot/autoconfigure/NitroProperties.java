package com.gonitro.spring.boot.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;

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

	/**
	 * Longest wait for a connection to Nitro, for token requests and API calls alike.
	 */
	private Duration connectTimeout = Duration.ofSeconds(5);

	/**
	 * Longest wait for Nitro's reply (the longest silence between two reads), for token requests and API calls
	 * alike.
	 */
	private Duration readTimeout = Duration.ofSeconds(30);

	/**
	 * Longest time before its expiry that a token is renewed: a token is reused until it comes within
	 * min(token-refresh-skew, half its lifetime) of its expiry.
	 */
	private Duration tokenRefreshSkew = Duration.ofSeconds(60);

	/**
	 * Lifetime assumed for a token whose reply states no usable expiresIn.
	 */
	private Duration tokenDefaultLifetime = Duration.ofHours(1);

	private final Retry retry = new Retry();

	private final Sign sign = new Sign();

	private final Pdf pdf = new Pdf();

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

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

	public Duration getTokenRefreshSkew() {
		return this.tokenRefreshSkew;
	}

	public void setTokenRefreshSkew(Duration tokenRefreshSkew) {
		this.tokenRefreshSkew = tokenRefreshSkew;
	}

	public Duration getTokenDefaultLifetime() {
		return this.tokenDefaultLifetime;
	}

	public void setTokenDefaultLifetime(Duration tokenDefaultLifetime) {
		this.tokenDefaultLifetime = tokenDefaultLifetime;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public Sign getSign() {
		return this.sign;
	}

	public Pdf getPdf() {
		return this.pdf;
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
		checkAtLeast("nitro.connect-timeout", this.connectTimeout, Duration.ofMillis(1), problems);
		checkAtLeast("nitro.read-timeout", this.readTimeout, Duration.ofMillis(1), problems);
		checkAtLeast("nitro.token-refresh-skew", this.tokenRefreshSkew, Duration.ZERO, problems);
		checkAtLeast("nitro.token-default-lifetime", this.tokenDefaultLifetime, Duration.ofSeconds(1), problems);
		checkAtLeast("nitro.retry.max-total-wait", this.retry.maxTotalWait, Duration.ZERO, problems);
		checkAtLeast("nitro.retry.initial-backoff", this.retry.initialBackoff, Duration.ZERO, problems);
		checkAtLeast("nitro.sign.document-upload-timeout", this.sign.documentUploadTimeout, Duration.ofSeconds(1),
				problems);
		checkAtLeast("nitro.pdf.job-timeout", this.pdf.jobTimeout, Duration.ofSeconds(1), problems);
		if (this.retry.maxAttempts < 1) {
			problems.add(InvalidNitroPropertiesException.Problem.tooSmall("nitro.retry.max-attempts",
					String.valueOf(this.retry.maxAttempts), "1"));
		}
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

	private static void checkAtLeast(String name, Duration value, Duration minimum,
			List<InvalidNitroPropertiesException.Problem> problems) {
		if (value.compareTo(minimum) < 0) {
			problems.add(InvalidNitroPropertiesException.Problem.tooSmall(name, readable(value), readable(minimum)));
		}
	}

	private static String readable(Duration duration) {
		if (duration.isZero()) {
			return "0s";
		}
		for (ChronoUnit unit : new ChronoUnit[] { ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS }) {
			if (duration.toMillis() % unit.getDuration().toMillis() == 0) {
				return DurationStyle.SIMPLE.print(duration, unit);
			}
		}
		return DurationStyle.SIMPLE.print(duration, ChronoUnit.MILLIS);
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

	/**
	 * How requests that Nitro throttled (429), that failed on Nitro's side (5xx) or that got no reply are replayed.
	 */
	public static class Retry {

		/**
		 * Most times one request is sent after a 429, a 5xx or a lost connection, the first time included.
		 */
		private int maxAttempts = 4;

		/**
		 * Most time spent waiting between the attempts of one request; a longer Retry-After returns the 429 to the
		 * caller.
		 */
		private Duration maxTotalWait = Duration.ofSeconds(30);

		/**
		 * Wait before the first retry when Nitro states no Retry-After; it doubles at each further retry.
		 */
		private Duration initialBackoff = Duration.ofMillis(500);

		/**
		 * Largest request body kept in memory while a request is in flight so that it can be replayed; requests
		 * with larger bodies are not replayed.
		 */
		private DataSize maxReplayableBodySize = DataSize.ofKilobytes(256);

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getMaxTotalWait() {
			return this.maxTotalWait;
		}

		public void setMaxTotalWait(Duration maxTotalWait) {
			this.maxTotalWait = maxTotalWait;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public DataSize getMaxReplayableBodySize() {
			return this.maxReplayableBodySize;
		}

		public void setMaxReplayableBodySize(DataSize maxReplayableBodySize) {
			this.maxReplayableBodySize = maxReplayableBodySize;
		}

	}

	/**
	 * Settings of the typed Nitro Sign clients.
	 */
	public static class Sign {

		/**
		 * Longest wait for Nitro to process an uploaded document (uploadDocumentAndAwait).
		 */
		private Duration documentUploadTimeout = Duration.ofMinutes(2);

		public Duration getDocumentUploadTimeout() {
			return this.documentUploadTimeout;
		}

		public void setDocumentUploadTimeout(Duration documentUploadTimeout) {
			this.documentUploadTimeout = documentUploadTimeout;
		}

	}

	/**
	 * Settings of the typed PDF Services clients.
	 */
	public static class Pdf {

		/**
		 * Longest wait for an asynchronous PDF Services job to finish (awaitJob, processAsync).
		 */
		private Duration jobTimeout = Duration.ofMinutes(10);

		public Duration getJobTimeout() {
			return this.jobTimeout;
		}

		public void setJobTimeout(Duration jobTimeout) {
			this.jobTimeout = jobTimeout;
		}

	}

	@Override
	public String toString() {
		return "NitroProperties[enabled=" + this.enabled + ", clientId=" + this.clientId + ", clientSecret="
				+ ((this.clientSecret != null) ? "******" : null) + ", tokenUri=" + this.tokenUri + ", baseUrl="
				+ this.baseUrl + "]";
	}

}
