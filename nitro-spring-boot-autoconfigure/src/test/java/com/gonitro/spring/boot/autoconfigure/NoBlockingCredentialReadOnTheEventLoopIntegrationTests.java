package com.gonitro.spring.boot.autoconfigure;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.env.ConfigTreePropertySource;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import com.gonitro.spring.oauth.NitroCredentials;
import com.gonitro.spring.sign.ReactiveNitroSignClient;
import com.gonitro.spring.test.KubernetesSecretMount;
import com.gonitro.spring.test.NitroCredentialRotation;
import com.gonitro.spring.test.NitroWireMock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A secret mounted as a config tree is read from its file at each token request, and that read blocks: it happens
 * off the event loop. Proved with BlockHound in a WebFlux application whose handler calls Nitro through
 * {@link ReactiveNitroSignClient}, on Reactor Netty's event loop, through a first token request and a rotation
 * that forces the files to be read again.
 * <p>
 * BlockHound's own list of blocking methods has the JDK's stream and socket reads but not its file-channel reads,
 * through which {@code Files.readString} reads: they are added here. BlockHound instruments the whole JVM, so this
 * class runs in a JVM of its own (the {@code blockhound} execution of the Surefire plugin).
 */
class NoBlockingCredentialReadOnTheEventLoopIntegrationTests {

	private static final String CLIENT_ID = "client-id-91aa";

	private static final String OLD_SECRET = "old-secret-3c5d";

	private static final String NEW_SECRET = "new-secret-e8b0";

	private static final List<String> blockingCalls = new CopyOnWriteArrayList<>();

	@RegisterExtension
	static WireMockExtension nitro = NitroWireMock.extension();

	@TempDir
	Path directory;

	private ConfigurableApplicationContext context;

	@BeforeAll
	static void installBlockHound() {
		BlockHound.builder()
			.loadIntegrations()
			.markAsBlocking("sun.nio.ch.FileChannelImpl", "read", "(Ljava/nio/ByteBuffer;)I")
			.blockingMethodCallback((method) -> {
				blockingCalls.add(Thread.currentThread().getName() + ": " + method);
				throw new BlockingOperationError(method);
			})
			.install();
	}

	@BeforeEach
	void forgetBlockingCalls() {
		blockingCalls.clear();
	}

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void secretMountIsReadOffTheEventLoopAtTheFirstTokenRequestAndAfterARotation() {
		// nitro.client-id is read from its file; nitro.client-secret through a placeholder naming a file
		KubernetesSecretMount mount = new KubernetesSecretMount(this.directory.resolve("etc/secrets/nitro"))
			.write(Map.of("nitro.client-id", CLIENT_ID, "NITRO_CLIENT_SECRET", OLD_SECRET));
		NitroCredentialRotation.stub(nitro, CLIENT_ID, OLD_SECRET, NEW_SECRET, "/sign/envelopes");
		this.context = new SpringApplicationBuilder(App.class).web(WebApplicationType.REACTIVE)
			.properties("server.port=0", "spring.config.import=" + mount.configImport(),
					"nitro.client-secret=${NITRO_CLIENT_SECRET}", "nitro.token-uri=" + NitroWireMock.tokenUri(nitro),
					"nitro.base-url=" + nitro.baseUrl())
			.run();
		RestClient application = RestClient.create("http://localhost:"
				+ ((WebServerApplicationContext) this.context).getWebServer().getPort());
		assertThat(listEnvelopes(application)).isEqualTo("0 envelopes");

		NitroCredentialRotation.rotate(nitro);
		mount.write(Map.of("nitro.client-id", CLIENT_ID, "NITRO_CLIENT_SECRET", NEW_SECRET));

		assertThat(listEnvelopes(application)).isEqualTo("0 envelopes");
		assertThat(nitro.findAll(NitroWireMock.tokenRequests())).map(LoggedRequest::getBodyAsString)
			.satisfiesExactly((first) -> assertThat(first).contains(OLD_SECRET),
					(afterTheRotation) -> assertThat(afterTheRotation).contains(NEW_SECRET));
		assertThat(blockingCalls).isEmpty();
	}

	/** Calls the application; if that fails, says first whether a blocking call on the event loop is why. */
	private static String listEnvelopes(RestClient application) {
		try {
			return application.get().uri("/envelopes").retrieve().body(String.class);
		}
		catch (RestClientException ex) {
			assertThat(blockingCalls).as("blocking calls on non-blocking threads").isEmpty();
			throw ex;
		}
	}

	@Test
	void blockHoundReportsASleepOnAReactorNonBlockingThread() {
		Mono<String> sleep = Mono.fromCallable(() -> {
			Thread.sleep(1);
			return "slept";
		}).subscribeOn(Schedulers.parallel());

		assertThat(Exceptions.unwrap(catchThrowable(sleep::block))).isInstanceOf(BlockingOperationError.class);
		assertThat(blockingCalls).singleElement().asString().contains("java.lang.Thread.sleep");
	}

	@Test
	void readingTheSecretMountOnAReactorNonBlockingThreadWouldBeReported() {
		KubernetesSecretMount mount = new KubernetesSecretMount(this.directory.resolve("etc/secrets/nitro"))
			.write(Map.of("nitro.client-id", CLIENT_ID, "nitro.client-secret", OLD_SECRET));
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new ConfigTreePropertySource("secret mount", this.directory.resolve("etc/secrets/nitro")));
		EnvironmentNitroCredentials credentials = new EnvironmentNitroCredentials(environment, "nitro", CLIENT_ID,
				OLD_SECRET);
		mount.write(Map.of("nitro.client-id", CLIENT_ID, "nitro.client-secret", NEW_SECRET));

		Throwable onTheEventLoop = catchThrowable(
				() -> Mono.fromCallable(credentials::get).subscribeOn(Schedulers.parallel()).block());
		NitroCredentials offTheEventLoop = Mono.fromCallable(credentials::get)
			.subscribeOn(Schedulers.boundedElastic())
			.block();

		assertThat(Exceptions.unwrap(onTheEventLoop)).isInstanceOf(BlockingOperationError.class);
		assertThat(blockingCalls).singleElement()
			.asString()
			.startsWith("parallel-")
			.contains("sun.nio.ch.FileChannelImpl#read");
		assertThat(offTheEventLoop.clientSecret()).isEqualTo(NEW_SECRET);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@Bean
		RouterFunction<ServerResponse> envelopes(ReactiveNitroSignClient sign) {
			return RouterFunctions.route()
				.GET("/envelopes", (request) -> sign.listEnvelopes()
					.count()
					.flatMap((count) -> ServerResponse.ok().bodyValue(count + " envelopes")))
				.build();
		}

		@Bean
		SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll()).build();
		}

	}

}
