package com.gonitro.spring.http;

import java.net.http.HttpClient;
import java.time.Duration;

import io.netty.channel.ChannelOption;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.ReactorClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * The HTTP clients Nitro requests go through when the application supplies none: Reactor Netty when it is on the
 * class path, the JDK's {@code HttpClient} otherwise. Both have Nitro's timeouts and never follow redirects, so that
 * neither the client secret nor a token can follow a redirect to another origin.
 * <p>
 * Support class, not API: it may change without notice.
 *
 * @since 0.1.0
 */
public final class NitroHttpClients {

	/**
	 * The default longest wait for a connection: 5 seconds.
	 */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

	/**
	 * The default longest wait for a reply, between two reads: 30 seconds.
	 */
	public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * The class whose presence selects Reactor Netty (a native image needs it registered: see
	 * {@link NitroHttpClientsRuntimeHints}).
	 */
	static final String REACTOR_NETTY_HTTP_CLIENT = "reactor.netty.http.client.HttpClient";

	private static final boolean reactorNettyPresent = ClassUtils.isPresent(REACTOR_NETTY_HTTP_CLIENT,
			NitroHttpClients.class.getClassLoader());

	private NitroHttpClients() {
	}

	/**
	 * Returns a connector for {@code WebClient}s with the given timeouts that never follows redirects.
	 * @param connectTimeout the longest wait for a connection
	 * @param readTimeout the longest wait between two reads of a reply
	 * @return the connector
	 */
	public static ClientHttpConnector connector(Duration connectTimeout, Duration readTimeout) {
		checkTimeouts(connectTimeout, readTimeout);
		if (reactorNettyPresent) {
			return ReactorNetty.connector(connectTimeout, readTimeout);
		}
		JdkClientHttpConnector connector = new JdkClientHttpConnector(jdkHttpClient(connectTimeout));
		connector.setReadTimeout(readTimeout);
		return connector;
	}

	/**
	 * Returns a request factory for {@code RestClient}s with the given timeouts that never follows redirects.
	 * @param connectTimeout the longest wait for a connection
	 * @param readTimeout the longest wait between two reads of a reply
	 * @return the request factory
	 */
	public static ClientHttpRequestFactory requestFactory(Duration connectTimeout, Duration readTimeout) {
		checkTimeouts(connectTimeout, readTimeout);
		if (reactorNettyPresent) {
			return ReactorNetty.requestFactory(connectTimeout, readTimeout);
		}
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(jdkHttpClient(connectTimeout));
		requestFactory.setReadTimeout(readTimeout);
		return requestFactory;
	}

	private static void checkTimeouts(Duration connectTimeout, Duration readTimeout) {
		Assert.isTrue(connectTimeout != null && connectTimeout.compareTo(Duration.ZERO) > 0,
				"'connectTimeout' must be positive");
		Assert.isTrue(readTimeout != null && readTimeout.compareTo(Duration.ZERO) > 0,
				"'readTimeout' must be positive");
	}

	private static HttpClient jdkHttpClient(Duration connectTimeout) {
		return HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
	}

	/** Kept apart so that Reactor Netty's classes are loaded only when it is present. */
	private static final class ReactorNetty {

		static ClientHttpConnector connector(Duration connectTimeout, Duration readTimeout) {
			return new ReactorClientHttpConnector(httpClient(connectTimeout, readTimeout));
		}

		static ClientHttpRequestFactory requestFactory(Duration connectTimeout, Duration readTimeout) {
			return new ReactorClientHttpRequestFactory(httpClient(connectTimeout, readTimeout));
		}

		private static reactor.netty.http.client.HttpClient httpClient(Duration connectTimeout, Duration readTimeout) {
			return reactor.netty.http.client.HttpClient.create()
				.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(connectTimeout.toMillis(), Integer.MAX_VALUE))
				.responseTimeout(readTimeout)
				.followRedirect(false);
		}

	}

}
