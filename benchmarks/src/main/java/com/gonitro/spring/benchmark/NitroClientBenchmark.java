package com.gonitro.spring.benchmark;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientCredentialsReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.reactive.function.client.ServerOAuth2AuthorizedClientExchangeFilterFunction;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;

import com.gonitro.spring.NitroClient;
import com.gonitro.spring.oauth.NitroClientRegistration;
import com.gonitro.spring.oauth.NitroReactiveTokenResponseClient;

/**
 * Prints, in one run against one loopback server:
 * <ol>
 * <li>how many token requests N concurrent cold calls cause through the starter's {@code nitroWebClient}, and
 * through Spring Security's {@link AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager} wired the usual
 * way (with Nitro's token client, so that only the manager differs);</li>
 * <li>the per-call latency through the starter's client divided by that of a bare {@code WebClient} sending a
 * fixed {@code Authorization} header, measured in alternating rounds so that drift affects both alike.</li>
 * </ol>
 * Medians are reported: the machines are small and noisy.
 */
public final class NitroClientBenchmark {

	private static final int CONCURRENT_CALLS = 64;

	private static final int COLD_TRIALS = 7;

	private static final int WARMUP_CALLS = 20_000;

	private static final int ROUNDS = 101;

	private static final int CALLS_PER_ROUND = 500;

	private NitroClientBenchmark() {
	}

	public static void main(String[] args) {
		Stats.printMachine();
		try (LoopbackNitro nitro = LoopbackNitro.start(Duration.ofMillis(50))) {
			coldStart(nitro);
			overhead(nitro);
		}
		filterCostWithoutNetwork();
	}

	private static void coldStart(LoopbackNitro nitro) {
		int[] starter = new int[COLD_TRIALS];
		int[] springSecurity = new int[COLD_TRIALS];
		for (int trial = 0; trial < COLD_TRIALS; trial++) {
			starter[trial] = tokenRequestsForColdCalls(nitro, starterClient(nitro));
			springSecurity[trial] = tokenRequestsForColdCalls(nitro, springSecurityClient(nitro));
		}
		System.out.printf(Locale.ROOT, "%nToken requests for %d concurrent cold calls (%d trials)%n", CONCURRENT_CALLS,
				COLD_TRIALS);
		System.out.printf(Locale.ROOT, "  starter nitroWebClient                                 median %d  all %s%n",
				Stats.median(starter), Arrays.toString(starter));
		System.out.printf(Locale.ROOT, "  Spring Security AuthorizedClientService manager (usual) median %d  all %s%n",
				Stats.median(springSecurity), Arrays.toString(springSecurity));
	}

	private static int tokenRequestsForColdCalls(LoopbackNitro nitro, WebClient client) {
		nitro.takeTokenRequestCount();
		Long succeeded = Flux.range(0, CONCURRENT_CALLS)
			.flatMap((i) -> client.get().uri("/sign/envelopes").retrieve().bodyToMono(String.class),
					CONCURRENT_CALLS)
			.count()
			.block();
		if (succeeded == null || succeeded != CONCURRENT_CALLS) {
			throw new IllegalStateException("Only " + succeeded + " of " + CONCURRENT_CALLS + " calls succeeded");
		}
		return nitro.takeTokenRequestCount();
	}

	private static void overhead(LoopbackNitro nitro) {
		WebClient bare = bareClient(nitro);
		WebClient control = bareClient(nitro);
		WebClient starter = starterClient(nitro);
		WebClient[] clients = { bare, control, starter };
		for (int i = 0; i < WARMUP_CALLS; i++) {
			for (WebClient client : clients) {
				call(client);
			}
		}
		double[][] micros = new double[clients.length][ROUNDS];
		for (int round = 0; round < ROUNDS; round++) {
			// Rotate the order so that drift within a round falls on each client alike.
			for (int k = 0; k < clients.length; k++) {
				int client = (round + k) % clients.length;
				micros[client][round] = microsPerCall(clients[client]);
			}
		}
		double[] starterRatios = new double[ROUNDS];
		double[] controlRatios = new double[ROUNDS];
		for (int round = 0; round < ROUNDS; round++) {
			starterRatios[round] = micros[2][round] / micros[0][round];
			controlRatios[round] = micros[1][round] / micros[0][round];
		}
		System.out.printf(Locale.ROOT, "%nPer-call latency, %d rounds of %d sequential calls per client after %d warm-up calls%n",
				ROUNDS, CALLS_PER_ROUND, WARMUP_CALLS);
		System.out.printf(Locale.ROOT, "  bare WebClient with a fixed header   median %.1f us/call%n", Stats.median(micros[0]));
		System.out.printf(Locale.ROOT, "  same bare WebClient again (control)  median %.1f us/call%n", Stats.median(micros[1]));
		System.out.printf(Locale.ROOT, "  starter nitroWebClient               median %.1f us/call%n", Stats.median(micros[2]));
		System.out.printf(Locale.ROOT, "  ratio starter / bare, per round      median %.3f  (quartiles %.3f-%.3f)%n",
				Stats.median(starterRatios), Stats.quantile(starterRatios, 0.25), Stats.quantile(starterRatios, 0.75));
		System.out.printf(Locale.ROOT, "  ratio control / bare, per round      median %.3f  (quartiles %.3f-%.3f)%n",
				Stats.median(controlRatios), Stats.quantile(controlRatios, 0.25), Stats.quantile(controlRatios, 0.75));
		System.out.printf(Locale.ROOT, "  ratio of medians starter / bare      %.3f%n", Stats.median(micros[2]) / Stats.median(micros[0]));
	}

	private static WebClient bareClient(LoopbackNitro nitro) {
		return WebClient.builder().baseUrl(nitro.baseUrl()).defaultHeader("Authorization", "Bearer fixed-token").build();
	}

	/**
	 * The same two clients over an exchange function that answers at once, so that only the CPU cost of the
	 * starter's filter remains: the loopback comparison above cannot resolve it from the noise.
	 */
	private static void filterCostWithoutNetwork() {
		ExchangeFunction answersAtOnce = (request) -> Mono.just(ClientResponse.create(HttpStatus.OK).build());
		WebClient bare = WebClient.builder()
			.exchangeFunction(answersAtOnce)
			.baseUrl("http://127.0.0.1")
			.defaultHeader("Authorization", "Bearer fixed-token")
			.build();
		WebClient starter = NitroClient.builder()
			.credentials("bench-client", "bench-secret")
			.tokenUri("http://127.0.0.1/oauth/token")
			.baseUrl("http://127.0.0.1")
			.tokenResponseClient((grantRequest) -> Mono.just(OAuth2AccessTokenResponse.withToken("fixed-token")
				.tokenType(OAuth2AccessToken.TokenType.BEARER)
				.expiresIn(86400)
				.build()))
			.webClientBuilder(WebClient.builder().exchangeFunction(answersAtOnce))
			.buildWebClient();
		int rounds = 15;
		int calls = 100_000;
		double[] bareMicros = new double[rounds];
		double[] starterMicros = new double[rounds];
		for (int round = 0; round < rounds; round++) {
			bareMicros[round] = microsPerCall(bare, calls);
			starterMicros[round] = microsPerCall(starter, calls);
		}
		System.out.printf(Locale.ROOT, "%nCPU cost without network, %d rounds of %d calls (first 5 rounds are warm-up)%n",
				rounds, calls);
		double bareMedian = Stats.median(Arrays.copyOfRange(bareMicros, 5, rounds));
		double starterMedian = Stats.median(Arrays.copyOfRange(starterMicros, 5, rounds));
		System.out.printf(Locale.ROOT, "  bare WebClient with a fixed header   median %.2f us/call%n", bareMedian);
		System.out.printf(Locale.ROOT, "  starter nitroWebClient               median %.2f us/call%n", starterMedian);
		System.out.printf(Locale.ROOT, "  added by the starter's filter        %.2f us/call%n", starterMedian - bareMedian);
	}

	private static double microsPerCall(WebClient client) {
		return microsPerCall(client, CALLS_PER_ROUND);
	}

	private static double microsPerCall(WebClient client, int calls) {
		long start = System.nanoTime();
		for (int i = 0; i < calls; i++) {
			call(client);
		}
		return (System.nanoTime() - start) / 1_000.0 / calls;
	}

	private static void call(WebClient client) {
		client.get().uri("/sign/envelopes").retrieve().bodyToMono(String.class).block();
	}

	private static WebClient starterClient(LoopbackNitro nitro) {
		return NitroClient.builder()
			.credentials("bench-client", "bench-secret")
			.tokenUri(nitro.tokenUri())
			.baseUrl(nitro.baseUrl())
			.clientHttpConnector(new ReactorClientHttpConnector())
			.buildWebClient();
	}

	private static WebClient springSecurityClient(LoopbackNitro nitro) {
		InMemoryReactiveClientRegistrationRepository registrations = new InMemoryReactiveClientRegistrationRepository(
				registration(nitro));
		AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager(
				registrations, new InMemoryReactiveOAuth2AuthorizedClientService(registrations));
		ClientCredentialsReactiveOAuth2AuthorizedClientProvider provider = new ClientCredentialsReactiveOAuth2AuthorizedClientProvider();
		provider.setAccessTokenResponseClient(new NitroReactiveTokenResponseClient());
		manager.setAuthorizedClientProvider(provider);
		ServerOAuth2AuthorizedClientExchangeFilterFunction oauth = new ServerOAuth2AuthorizedClientExchangeFilterFunction(
				manager);
		oauth.setDefaultClientRegistrationId(NitroClientRegistration.REGISTRATION_ID);
		return WebClient.builder().baseUrl(nitro.baseUrl()).filter(oauth).build();
	}

	private static ClientRegistration registration(LoopbackNitro nitro) {
		return NitroClientRegistration.create("bench-client", "bench-secret", nitro.tokenUri());
	}

}
