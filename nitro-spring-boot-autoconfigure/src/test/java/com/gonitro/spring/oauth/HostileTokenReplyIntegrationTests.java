package com.gonitro.spring.oauth;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.web.reactive.function.client.WebClient;

import com.gonitro.spring.http.NitroHttpClients;
import com.gonitro.spring.test.NitroWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Token replies are hostile until read: whatever a reply says its token's lifetime is, and however large it is,
 * reading it either gives a token with a lifetime of at most seven days or fails with a
 * {@link NitroTokenException}; never a {@code DateTimeException}, an {@code ArithmeticException} or a
 * {@code NumberFormatException}.
 */
class HostileTokenReplyIntegrationTests {

	private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(20);

	private static final Duration LONGEST_LIFETIME = Duration.ofDays(7);

	private static final int MAX_REPLY_SIZE = 64 * 1024;

	@RegisterExtension
	static WireMockExtension nitro = NitroWireMock.extension();

	private final NitroReactiveTokenResponseClient client = client();

	@ParameterizedTest
	@MethodSource("hugeLifetimes")
	void hugeExpiresInIsClampedToSevenDays(String expiresIn) {
		replyWithExpiresIn(expiresIn);

		assertThat(lifetime()).isEqualTo(LONGEST_LIFETIME);
	}

	static Stream<String> hugeLifetimes() {
		return Stream.of("604801", "99999999999999999999999", "1e308", "1.7976931348623157E308", "1e400",
				"\"99999999999999999999999\"", "\"1e308\"", "\"1e999999999\"", "\"" + "9".repeat(60_000) + "\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "3600.9", "\"3600.5\"", "0.36e4", "3600.000000000000000000001" })
	void fractionalExpiresInKeepsItsWholeSeconds(String expiresIn) {
		replyWithExpiresIn(expiresIn);

		assertThat(lifetime()).isEqualTo(Duration.ofHours(1));
	}

	@ParameterizedTest
	@ValueSource(strings = { "null", "\"soon\"", "\"\"", "true", "{}", "[]", "\"NaN\"", "\"Infinity\"", "\"0x10\"",
			"\"1e9999999999\"" })
	void unreadableExpiresInGetsTheDefaultLifetime(String expiresIn) {
		replyWithExpiresIn(expiresIn);

		assertThat(lifetime()).isEqualTo(DEFAULT_LIFETIME);
	}

	@Test
	void absentExpiresInGetsTheDefaultLifetime() {
		reply(200, "{\"accessToken\":\"token\",\"tokenType\":\"Bearer\"}");

		assertThat(lifetime()).isEqualTo(DEFAULT_LIFETIME);
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "-0", "0.0", "-1", "-1e308", "-1e400", "\"0\"", "\"-3600\"",
			"\"-99999999999999999999999\"", "\"-1e999999999\"" })
	void zeroOrNegativeExpiresInIsAnInvalidReply(String expiresIn) {
		replyWithExpiresIn(expiresIn);

		NitroTokenException failure = failure();

		assertThat(failure.getError().getErrorCode()).isEqualTo(NitroTokenException.INVALID_TOKEN_RESPONSE);
		assertThat(failure.getMessage()).endsWith("the token would already be expired");
	}

	@Test
	void replyOfExactly64KiBIsRead() {
		reply(200, padded(tokenReply("3600"), MAX_REPLY_SIZE));

		assertThat(token().getTokenValue()).isEqualTo("token");
	}

	@Test
	void replyLargerThan64KiBIsAnInvalidReply() {
		reply(200, padded(tokenReply("3600"), MAX_REPLY_SIZE + 1));

		assertThat(failure().getMessage()).endsWith("invalid_token_response: the reply is larger than 65536 bytes");
	}

	@Test
	void errorReplyLargerThan64KiBIsAnInvalidReply() {
		reply(401, padded("{\"error\":\"invalid_client\"}", 10 * MAX_REPLY_SIZE));

		NitroTokenException failure = failure();

		assertThat(failure.getStatusCode().value()).isEqualTo(401);
		assertThat(failure.getMessage()).endsWith("invalid_token_response: the reply is larger than 65536 bytes");
	}

	/**
	 * A reply that sends more than 64 KiB and then never ends: a client that read it to its end would fail with a
	 * read timeout instead.
	 */
	@Test
	void replyLargerThan64KiBIsNotReadFurther() throws Exception {
		try (EndlessReply endless = new EndlessReply(padded("{\"accessToken\":\"token\",", MAX_REPLY_SIZE + 1024))) {
			NitroTokenException failure = catchThrowableOfType(NitroTokenException.class,
					() -> this.client.getTokenResponse(grantRequest(endless.tokenUri())).block());

			assertThat(failure.getError().getErrorCode()).isEqualTo(NitroTokenException.INVALID_TOKEN_RESPONSE);
			assertThat(failure.getMessage()).endsWith("the reply is larger than 65536 bytes");
		}
	}

	private static NitroReactiveTokenResponseClient client() {
		NitroReactiveTokenResponseClient client = new NitroReactiveTokenResponseClient(WebClient.builder()
			.clientConnector(NitroHttpClients.connector(Duration.ofSeconds(2), Duration.ofSeconds(2)))
			.build());
		client.setDefaultExpiresIn(DEFAULT_LIFETIME);
		return client;
	}

	private Duration lifetime() {
		OAuth2AccessToken token = token();
		return Duration.between(token.getIssuedAt(), token.getExpiresAt());
	}

	private OAuth2AccessToken token() {
		return this.client.getTokenResponse(grantRequest(NitroWireMock.tokenUri(nitro))).block().getAccessToken();
	}

	private NitroTokenException failure() {
		return catchThrowableOfType(NitroTokenException.class,
				() -> this.client.getTokenResponse(grantRequest(NitroWireMock.tokenUri(nitro))).block());
	}

	private static void replyWithExpiresIn(String expiresIn) {
		reply(200, tokenReply(expiresIn));
	}

	private static String tokenReply(String expiresIn) {
		return "{\"accessToken\":\"token\",\"tokenType\":\"Bearer\",\"expiresIn\":" + expiresIn + "}";
	}

	private static void reply(int status, String body) {
		nitro.stubFor(NitroWireMock.tokenRequest()
			.willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
	}

	/** The JSON followed by whitespace, to the given size in bytes. */
	private static String padded(String json, int size) {
		return json + " ".repeat(size - json.getBytes(StandardCharsets.UTF_8).length);
	}

	private static OAuth2ClientCredentialsGrantRequest grantRequest(String tokenUri) {
		return new OAuth2ClientCredentialsGrantRequest(
				NitroClientRegistration.create(NitroWireMock.CLIENT_ID, NitroWireMock.CLIENT_SECRET, tokenUri));
	}

	/**
	 * A token endpoint on loopback that answers one request with a chunked 200 reply: the given text, then nothing
	 * more, never ending the reply.
	 */
	private static final class EndlessReply implements AutoCloseable {

		private final ServerSocket server;

		private final CountDownLatch closed = new CountDownLatch(1);

		EndlessReply(String beginning) throws IOException {
			this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
			Thread thread = new Thread(() -> serve(beginning.getBytes(StandardCharsets.UTF_8)), "endless-reply");
			thread.setDaemon(true);
			thread.start();
		}

		String tokenUri() {
			return "http://127.0.0.1:" + this.server.getLocalPort() + NitroWireMock.TOKEN_PATH;
		}

		private void serve(byte[] beginning) {
			try (Socket socket = this.server.accept()) {
				readRequestHead(socket.getInputStream());
				OutputStream out = socket.getOutputStream();
				out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
						+ Integer.toHexString(beginning.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
				out.write(beginning);
				out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
				out.flush();
				this.closed.await();
			}
			catch (IOException | InterruptedException ex) {
				// the test is over
			}
		}

		private static void readRequestHead(InputStream in) throws IOException {
			int matched = 0;
			byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
			while (matched < end.length) {
				int next = in.read();
				if (next == -1) {
					return;
				}
				matched = (next == end[matched]) ? matched + 1 : ((next == end[0]) ? 1 : 0);
			}
		}

		@Override
		public void close() throws IOException {
			this.closed.countDown();
			this.server.close();
		}

	}

}
