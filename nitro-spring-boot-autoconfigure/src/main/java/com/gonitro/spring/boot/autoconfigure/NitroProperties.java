package com.gonitro.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import com.gonitro.spring.NitroClient;

/**
 * Configuration of the Nitro client ({@code nitro.*}). The client ID and secret come from the application
 * created in the Nitro Admin Portal (Settings → API). Setting neither leaves the top-level application unconfigured;
 * setting only one fails at start-up. Further applications are configured under {@code nitro.applications.<name>}.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("nitro")
public class NitroProperties implements InitializingBean {

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
	 * OAuth 2.0 token endpoint of the Nitro application, as shown in the Nitro Admin Portal. The client secret is
	 * sent only there, and redirects are never followed.
	 */
	private String tokenUri = NitroClient.DEFAULT_TOKEN_URI;

	/**
	 * Base URL of the Nitro API. Only requests to this origin (scheme, host and port) carry the access token.
	 */
	private String baseUrl = NitroClient.DEFAULT_BASE_URL;

	/**
	 * Whether the token URI and base URL may use plain http:// for a host other than localhost, for example behind
	 * a service-mesh egress that adds TLS. Without it, such URIs fail at start-up; with it, a warning is logged.
	 */
	private boolean allowInsecureHttp;

	/**
	 * Longest wait for a connection to Nitro, for token requests and API calls alike.
	 */
	private Duration connectTimeout = NitroClient.DEFAULT_CONNECT_TIMEOUT;

	/**
	 * Longest wait for Nitro's reply (the longest silence between two reads), for token requests and API calls
	 * alike. A token request as a whole takes at most the connect and read timeouts together.
	 */
	private Duration readTimeout = NitroClient.DEFAULT_READ_TIMEOUT;

	/**
	 * Longest time before its expiry that a token is renewed: a token is reused until it comes within
	 * min(token-refresh-skew, half its lifetime) of its expiry.
	 */
	private Duration tokenRefreshSkew = Duration.ofSeconds(60);

	/**
	 * Lifetime assumed for a token whose reply states no expiresIn, or one that cannot be read.
	 */
	private Duration tokenDefaultLifetime = Duration.ofHours(1);

	private final Retry retry = new Retry();

	private final Sign sign = new Sign();

	private final Pdf pdf = new Pdf();

	/**
	 * Further Nitro applications, by name (lowercase letters, digits and '-'; at most 25). Each has its own
	 * credentials and token, and inherits the settings it does not set.
	 */
	private final Map<String, Application> applications = new LinkedHashMap<>();

	private final Tenants tenants = new Tenants();

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

	public boolean isAllowInsecureHttp() {
		return this.allowInsecureHttp;
	}

	public void setAllowInsecureHttp(boolean allowInsecureHttp) {
		this.allowInsecureHttp = allowInsecureHttp;
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

	public Map<String, Application> getApplications() {
		return this.applications;
	}

	public Tenants getTenants() {
		return this.tenants;
	}

	/**
	 * Whether the top-level application is configured: its client ID or secret is set.
	 * @return whether there is a top-level application
	 */
	public boolean hasDefaultApplication() {
		return this.clientId != null || this.clientSecret != null;
	}

	@Override
	public void afterPropertiesSet() {
		validate();
	}

	/**
	 * Checks every property: credentials present, not blank and free of unresolved placeholders; URIs absolute,
	 * and https unless they point to this machine or plain http is allowed; durations and sizes in range;
	 * application names well formed.
	 * @throws InvalidNitroPropertiesException naming every property that is wrong
	 */
	public void validate() {
		NitroPropertiesValidator.validate(this);
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

	/**
	 * A further Nitro application. What it does not set, it inherits from the top-level settings.
	 */
	public static class Application {

		/**
		 * Client ID of the application, as shown in the Nitro Admin Portal (Settings → API).
		 */
		private @Nullable String clientId;

		/**
		 * Client secret of the application; supply it from a secret store.
		 */
		private @Nullable String clientSecret;

		/**
		 * Token endpoint of the application. Inherits nitro.token-uri.
		 */
		private @Nullable String tokenUri;

		/**
		 * Base URL of the Nitro API for the application. Inherits nitro.base-url.
		 */
		private @Nullable String baseUrl;

		/**
		 * Longest wait for a connection. Inherits nitro.connect-timeout.
		 */
		private @Nullable Duration connectTimeout;

		/**
		 * Longest wait between two reads of a reply. Inherits nitro.read-timeout.
		 */
		private @Nullable Duration readTimeout;

		private final ApplicationRetry retry = new ApplicationRetry();

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

		public @Nullable String getTokenUri() {
			return this.tokenUri;
		}

		public void setTokenUri(@Nullable String tokenUri) {
			this.tokenUri = (tokenUri != null) ? tokenUri.strip() : null;
		}

		public @Nullable String getBaseUrl() {
			return this.baseUrl;
		}

		public void setBaseUrl(@Nullable String baseUrl) {
			this.baseUrl = (baseUrl != null) ? baseUrl.strip() : null;
		}

		public @Nullable Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(@Nullable Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public @Nullable Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(@Nullable Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		public ApplicationRetry getRetry() {
			return this.retry;
		}

		@Override
		public String toString() {
			return "Application[clientId=" + this.clientId + ", clientSecret="
					+ ((this.clientSecret != null) ? "******" : null) + "]";
		}

	}

	/**
	 * How a further application's requests are replayed. What it does not set, it inherits from nitro.retry.
	 */
	public static class ApplicationRetry {

		/**
		 * Most times one request is sent after a 429, a 5xx or a lost connection. Inherits
		 * nitro.retry.max-attempts.
		 */
		private @Nullable Integer maxAttempts;

		/**
		 * Most time spent waiting between the attempts of one request. Inherits nitro.retry.max-total-wait.
		 */
		private @Nullable Duration maxTotalWait;

		/**
		 * Wait before the first retry when Nitro states no Retry-After. Inherits nitro.retry.initial-backoff.
		 */
		private @Nullable Duration initialBackoff;

		/**
		 * Largest request body kept so that a request can be replayed. Inherits
		 * nitro.retry.max-replayable-body-size.
		 */
		private @Nullable DataSize maxReplayableBodySize;

		public @Nullable Integer getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(@Nullable Integer maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public @Nullable Duration getMaxTotalWait() {
			return this.maxTotalWait;
		}

		public void setMaxTotalWait(@Nullable Duration maxTotalWait) {
			this.maxTotalWait = maxTotalWait;
		}

		public @Nullable Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(@Nullable Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public @Nullable DataSize getMaxReplayableBodySize() {
			return this.maxReplayableBodySize;
		}

		public void setMaxReplayableBodySize(@Nullable DataSize maxReplayableBodySize) {
			this.maxReplayableBodySize = maxReplayableBodySize;
		}

	}

	/**
	 * The clients of tenants' applications, whose credentials the application supplies at run time
	 * ({@code NitroClients.forCredentials}).
	 */
	public static class Tenants {

		/**
		 * Most tenants whose clients and token are kept; beyond, the least recently used are forgotten (and request
		 * a new token on their next call).
		 */
		private int maxSize = 1000;

		/**
		 * How long a tenant's clients and token are kept without a call.
		 */
		private Duration idleExpiry = Duration.ofHours(1);

		public int getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(int maxSize) {
			this.maxSize = maxSize;
		}

		public Duration getIdleExpiry() {
			return this.idleExpiry;
		}

		public void setIdleExpiry(Duration idleExpiry) {
			this.idleExpiry = idleExpiry;
		}

	}

	@Override
	public String toString() {
		return "NitroProperties[enabled=" + this.enabled + ", clientId=" + this.clientId + ", clientSecret="
				+ ((this.clientSecret != null) ? "******" : null) + ", tokenUri=" + this.tokenUri + ", baseUrl="
				+ this.baseUrl + ", applications=" + this.applications.keySet() + "]";
	}

}
