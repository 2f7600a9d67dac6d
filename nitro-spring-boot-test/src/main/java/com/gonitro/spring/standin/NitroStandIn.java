package com.gonitro.spring.standin;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.netty.DisposableServer;

import org.springframework.http.HttpStatus;
import org.springframework.util.Assert;

/**
 * An in-process stand-in for Nitro, for tests and for development runs without a Nitro account: the token endpoint
 * (Nitro's JSON dialect), the Sign API (stateful envelopes, documents, participants and fields) and PDF Services
 * (synchronous calls and asynchronous jobs, with Server-Sent Events), producing real PDF, ZIP and Office files.
 * <p>
 * It answers as Nitro's published OpenAPI descriptions say: Problem Details for errors (401, 404, 409, 413, 415,
 * 422...), only the Bearer tokens it issued, {@code invalid_client} for wrong credentials. Result files of PDF
 * Services are served, like Nitro's pre-signed URLs, from a second origin that refuses an {@code Authorization}
 * header. A test drives what a person or Nitro would do: {@link #sign(String) sign} an envelope, {@link #expireJob
 * expire} a job's result, {@link #rotateCredentials(String) rotate} the credentials, {@link #throttle throttle},
 * {@link #fail fail} or {@link #setLatency slow down}. It delivers Nitro Sign webhooks, signed as Nitro signs them,
 * to a URL of the test's choosing ({@link #webhooks()}).
 * <p>
 * In a JUnit test, {@link EnableNitroStandIn @EnableNitroStandIn} starts one and points {@code nitro.*} at it. By
 * hand:
 * <pre>{@code
 * try (NitroStandIn nitro = NitroStandIn.start()) {
 *     nitro.properties();   // nitro.client-id, nitro.client-secret, nitro.token-uri, nitro.base-url
 * }
 * }</pre>
 * For development runs, {@link NitroStandInHook} starts one for an application that asks for it.
 *
 * @since 0.1.0
 */
public final class NitroStandIn implements AutoCloseable {

	private final StandInNetwork network = new StandInNetwork();

	private final StandInTokens tokens;

	private final StandInFaults faults = new StandInFaults();

	private final StandInStorage storage;

	private final NitroStandInWebhooks webhooks;

	private final StandInSign sign;

	private final StandInPdfServices pdf;

	private final DisposableServer storageServer;

	private final DisposableServer apiServer;

	private final String baseUrl;

	NitroStandIn(StandInSettings settings) {
		this.tokens = new StandInTokens(settings.clientId, settings.clientSecret, settings.tokenLifetime, settings.clock);
		this.storage = new StandInStorage(settings.clock, settings.resultRetention);
		this.webhooks = new NitroStandInWebhooks(new StandInWebhookSender(this.network.client(), settings.clock,
				this.tokens::clientId, this.tokens::clientSecret), settings.webhookUrl, settings.webhookRetryDelays);
		this.sign = new StandInSign(settings, this.webhooks::emit);
		this.pdf = new StandInPdfServices(settings, this.storage, this.network.client());
		try {
			this.storageServer = this.network.bind(0, this.storage.routes());
			this.storage.setBaseUrl(StandInNetwork.url(this.storageServer));
			this.apiServer = this.network.bind(settings.port, StandInRoutes.of(this.tokens, this.faults,
					new StandInControls(this.sign, this.tokens), this.sign, this.pdf));
		}
		catch (RuntimeException ex) {
			// Its threads gone, nothing bound stays open.
			this.network.close();
			throw ex;
		}
		this.baseUrl = StandInNetwork.url(this.apiServer);
		this.pdf.setBaseUrl(this.baseUrl);
		this.webhooks.watch(this.sign::refreshStatuses);
	}

	/**
	 * Starts a stand-in with the default settings on a free port.
	 * @return the running stand-in
	 */
	public static NitroStandIn start() {
		return builder().start();
	}

	/**
	 * Returns a builder to choose the stand-in's credentials, timings and port.
	 * @return a builder
	 */
	public static NitroStandInBuilder builder() {
		return new NitroStandInBuilder();
	}

	/**
	 * Returns the base URL of the stand-in's API, for {@code nitro.base-url}.
	 * @return a URL such as {@code http://localhost:54321}
	 */
	public String baseUrl() {
		return this.baseUrl;
	}

	/**
	 * Returns the URI of the stand-in's token endpoint, for {@code nitro.token-uri}.
	 * @return the token endpoint
	 */
	public String tokenUri() {
		return this.baseUrl + "/oauth/token";
	}

	/**
	 * Returns the client ID the token endpoint accepts.
	 * @return the client ID
	 */
	public String clientId() {
		return this.tokens.clientId();
	}

	/**
	 * Returns the client secret the token endpoint currently accepts.
	 * @return the client secret
	 */
	public String clientSecret() {
		return this.tokens.clientSecret();
	}

	/**
	 * Returns the {@code nitro.*} properties that point an application at this stand-in.
	 * @return {@code nitro.client-id}, {@code nitro.client-secret}, {@code nitro.token-uri} and {@code nitro.base-url}
	 */
	public Map<String, String> properties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("nitro.client-id", clientId());
		properties.put("nitro.client-secret", clientSecret());
		properties.put("nitro.token-uri", tokenUri());
		properties.put("nitro.base-url", baseUrl());
		return properties;
	}

	/**
	 * Signs a sent envelope as all its signers would: it goes {@code processing}, then {@code sealed} after the
	 * sealing delay, with each signature field stamped on its document.
	 * @param envelopeId the envelope
	 * @throws IllegalStateException if the envelope does not exist or is not {@code sent}
	 */
	public void sign(String envelopeId) {
		this.sign.signAll(envelopeId);
	}

	/**
	 * Rejects a sent envelope as a signer would: it becomes {@code rejected}.
	 * @param envelopeId the envelope
	 * @throws IllegalStateException if the envelope does not exist or is not {@code sent}
	 */
	public void reject(String envelopeId) {
		this.sign.reject(envelopeId);
	}

	/**
	 * Returns an envelope's status as Nitro would report it now.
	 * @param envelopeId the envelope
	 * @return its status, such as {@code "sent"}
	 * @throws IllegalStateException if the envelope does not exist
	 */
	public String envelopeStatus(String envelopeId) {
		return this.sign.status(envelopeId);
	}

	/**
	 * Returns the IDs of the envelopes that exist, oldest first.
	 * @return the envelope IDs
	 */
	public List<String> envelopeIds() {
		return this.sign.envelopeIds();
	}

	/**
	 * Returns the Nitro Sign webhooks this stand-in delivers: where to, and what became of each.
	 * @return the webhooks
	 */
	public NitroStandInWebhooks webhooks() {
		return this.webhooks;
	}

	/**
	 * Makes a job's result unavailable, as Nitro does after its retention time: its status and result answer 410
	 * {@code FileNoLongerAvailable} and its result files can no longer be downloaded.
	 * @param jobId the job
	 * @throws IllegalStateException if the job does not exist
	 */
	public void expireJob(String jobId) {
		this.pdf.expire(jobId);
	}

	/**
	 * Serves a file at a URL of the stand-in's storage origin, for PDF Services' remote inputs
	 * ({@code application/vnd.gonitro.url+json}).
	 * @param content the file
	 * @param contentType its content type
	 * @return a URL that serves it without authentication
	 */
	public URI host(byte[] content, String contentType) {
		return this.storage.store(content, contentType, "input");
	}

	/**
	 * Revokes every token issued so far, as rotating the credentials in Nitro's portal does; the credentials stay
	 * valid.
	 */
	public void revokeAllTokens() {
		this.tokens.revokeAll();
	}

	/**
	 * Rotates the client secret: the old one and every token issued with it stop working at once.
	 * @param newSecret the secret the token endpoint accepts from now on
	 */
	public void rotateCredentials(String newSecret) {
		Assert.hasText(newSecret, "'newSecret' must not be empty");
		this.tokens.rotate(newSecret);
	}

	/**
	 * Sets how long the tokens issued from now on last.
	 * @param lifetime the lifetime, reported as {@code expiresIn}
	 */
	public void setTokenLifetime(Duration lifetime) {
		Assert.isTrue(!lifetime.isNegative() && !lifetime.isZero(), "'lifetime' must be positive");
		this.tokens.setLifetime(lifetime);
	}

	/**
	 * Answers the next API requests (not token requests) with 429 and a {@code Retry-After}.
	 * @param requests how many requests to throttle
	 * @param retryAfter the wait to advise, sent in whole seconds
	 */
	public void throttle(int requests, Duration retryAfter) {
		this.faults.throttle(requests, retryAfter);
	}

	/**
	 * Answers the next API requests (not token requests) with an error status, as Problem Details.
	 * @param requests how many requests to fail
	 * @param status the status, such as 503
	 */
	public void fail(int requests, int status) {
		this.faults.fail(requests, HttpStatus.valueOf(status));
	}

	/**
	 * Delays every reply, token endpoint included.
	 * @param latency the delay; zero for none
	 */
	public void setLatency(Duration latency) {
		Assert.isTrue(!latency.isNegative(), "'latency' must not be negative");
		this.faults.setLatency(latency);
	}

	/**
	 * Returns how many token requests the token endpoint received, successful or not.
	 * @return the count since start or the last {@link #reset()}
	 */
	public int tokenRequestCount() {
		return this.tokens.requestCount();
	}

	/**
	 * Returns how many requests the API (Sign and PDF Services, not the token endpoint) received.
	 * @return the count since start or the last {@link #reset()}
	 */
	public int apiRequestCount() {
		return this.faults.requestCount();
	}

	/**
	 * Forgets every envelope, job, stored file and webhook delivery (cancelling those under way), clears injected
	 * faults and counts, and restores the original credentials and webhook settings. Tokens issued with the original
	 * credentials stay valid.
	 */
	public void reset() {
		this.faults.reset();
		this.tokens.reset();
		this.webhooks.reset();
		this.sign.reset();
		this.pdf.reset();
		this.storage.reset();
	}

	/**
	 * Stops the stand-in.
	 */
	@Override
	public void close() {
		this.webhooks.close();
		this.apiServer.disposeNow();
		this.storageServer.disposeNow();
		this.network.close();
	}

	@Override
	public String toString() {
		return "NitroStandIn[" + this.baseUrl + "]";
	}

}
