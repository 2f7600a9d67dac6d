package com.gonitro.spring.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import org.junit.jupiter.api.Test;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.PrematureCloseException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TransportFailure} classifies what HTTP clients report when no reply arrived, by the causes, whichever
 * client reported it.
 */
class TransportFailureTests {

	@Test
	void unknownHostIsClassifiedThroughTheClientsWrapper() {
		assertThat(TransportFailure.of(webClientFailure(new UnknownHostException("api.gonitro.invalid"))))
			.isEqualTo(TransportFailure.UNKNOWN_HOST);
	}

	@Test
	void refusedConnectionIsClassifiedThroughTheClientsWrapper() {
		assertThat(TransportFailure.of(restClientFailure(new ConnectException("Connection refused"))))
			.isEqualTo(TransportFailure.CONNECTION_REFUSED);
	}

	@Test
	void connectTimeoutsOfNettyAndTheJdkClientAreConnectTimeouts() {
		assertThat(TransportFailure.of(webClientFailure(new ConnectTimeoutException("connection timed out"))))
			.isEqualTo(TransportFailure.CONNECT_TIMEOUT);
		assertThat(TransportFailure.of(restClientFailure(new HttpConnectTimeoutException("HTTP connect timed out"))))
			.isEqualTo(TransportFailure.CONNECT_TIMEOUT);
	}

	@Test
	void readTimeoutsOfNettyAndTheJdkAreReadTimeouts() {
		assertThat(TransportFailure.of(webClientFailure(ReadTimeoutException.INSTANCE)))
			.isEqualTo(TransportFailure.READ_TIMEOUT);
		assertThat(TransportFailure.of(restClientFailure(new HttpTimeoutException("request timed out"))))
			.isEqualTo(TransportFailure.READ_TIMEOUT);
		assertThat(TransportFailure.of(restClientFailure(new SocketTimeoutException("Read timed out"))))
			.isEqualTo(TransportFailure.READ_TIMEOUT);
	}

	@Test
	void connectionClosedOrResetInTransitIsALostConnection() {
		assertThat(TransportFailure.of(webClientFailure(PrematureCloseException.TEST_EXCEPTION)))
			.isEqualTo(TransportFailure.CONNECTION_LOST);
		assertThat(TransportFailure.of(webClientFailure(new AbortedException("Connection has been closed"))))
			.isEqualTo(TransportFailure.CONNECTION_LOST);
		assertThat(TransportFailure.of(restClientFailure(new IOException("Connection reset by peer"))))
			.isEqualTo(TransportFailure.CONNECTION_LOST);
	}

	@Test
	void failuresWithoutATransportCauseAreNotTransportFailures() {
		assertThat(TransportFailure.of(new IllegalStateException("not a network problem"))).isNull();
		assertThat(TransportFailure.of(new RuntimeException(new IllegalArgumentException("bad value")))).isNull();
	}

	@Test
	void onlyFailuresBeforeAConnectionWasEstablishedNeverSentTheRequest() {
		assertThat(TransportFailure.values()).filteredOn(TransportFailure::requestNeverSent)
			.containsExactlyInAnyOrder(TransportFailure.UNKNOWN_HOST, TransportFailure.CONNECTION_REFUSED,
					TransportFailure.CONNECT_TIMEOUT);
	}

	@Test
	void rootCauseIsTheDeepestCauseNotTheWrapperHoldingTheRequest() {
		ConnectException refused = new ConnectException("Connection refused");

		assertThat(TransportFailure.rootCause(webClientFailure(refused))).isSameAs(refused);
		assertThat(TransportFailure.rootCause(refused)).isSameAs(refused);
	}

	@Test
	void causesThatFormACycleAreReadToAnEnd() {
		IOException first = new IOException("first");
		RuntimeException second = new RuntimeException("second", first);
		first.initCause(second);

		assertThat(TransportFailure.of(second)).isEqualTo(TransportFailure.CONNECTION_LOST);
		assertThat(TransportFailure.rootCause(second)).isIn(first, second);
		assertThat(TransportFailure.of(new IllegalStateException(second))).isEqualTo(TransportFailure.CONNECTION_LOST);
	}

	private static Exception webClientFailure(Throwable cause) {
		return new WebClientRequestException(cause, HttpMethod.GET, URI.create("https://api.gonitro.dev/sign/envelopes"),
				new HttpHeaders());
	}

	private static Exception restClientFailure(IOException cause) {
		return new ResourceAccessException("I/O error on GET request", cause);
	}

}
