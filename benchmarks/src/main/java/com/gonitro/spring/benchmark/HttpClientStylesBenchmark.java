package com.gonitro.spring.benchmark;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

import reactor.netty.http.client.HttpClient;

import org.springframework.http.client.ReactorClientHttpRequestFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.client.RestClient;

import com.gonitro.spring.NitroClient;
import com.gonitro.spring.sign.NitroSignClient;
import com.gonitro.spring.sign.model.Envelope;

/**
 * The per-call cost of the blocking styles against a plain {@code RestClient} sending a fixed {@code Authorization}
 * header, all on one Reactor Netty transport against one loopback server, measured in interleaved rounds whose order
 * rotates, so that drift falls on each alike:
 * <ul>
 * <li>{@code nitroRestClient} ({@code NitroClient.restClient()}), reading the envelope as a {@code String};</li>
 * <li>the blocking typed client {@code NitroSignClient.getEnvelope}, reading it as an {@link Envelope};</li>
 * <li>a second plain {@code RestClient}, the control: its ratio shows the noise floor.</li>
 * </ul>
 * Prints medians of the per-round ratios.
 */
public final class HttpClientStylesBenchmark {

	private static final int WARMUP_CALLS = 20_000;

	private static final int ROUNDS = 101;

	private static final int CALLS_PER_ROUND = 500;

	private HttpClientStylesBenchmark() {
	}

	public static void main(String[] args) {
		Stats.printMachine();
		try (LoopbackNitro nitro = LoopbackNitro.start(Duration.ofMillis(50))) {
			HttpClient transport = HttpClient.create();
			RestClient plain = plainRestClient(nitro, transport);
			RestClient control = plainRestClient(nitro, transport);
			NitroClient clients = NitroClient.builder()
				.credentials("bench-client", "bench-secret")
				.tokenUri(nitro.tokenUri())
				.baseUrl(nitro.baseUrl())
				.clientHttpConnector(new ReactorClientHttpConnector(transport))
				.clientHttpRequestFactory(new ReactorClientHttpRequestFactory(transport))
				.build();
			RestClient nitroRestClient = clients.restClient();
			NitroSignClient sign = clients.sign();
			String[] names = { "plain RestClient, fixed header", "plain RestClient again (control)", "nitroRestClient",
					"NitroSignClient.getEnvelope" };
			Supplier<?>[] calls = { () -> get(plain), () -> get(control), () -> get(nitroRestClient),
					() -> sign.getEnvelope("e1") };
			for (int i = 0; i < WARMUP_CALLS; i++) {
				for (Supplier<?> call : calls) {
					call.get();
				}
			}
			double[][] micros = new double[calls.length][ROUNDS];
			for (int round = 0; round < ROUNDS; round++) {
				for (int k = 0; k < calls.length; k++) {
					int style = (round + k) % calls.length;
					micros[style][round] = microsPerCall(calls[style]);
				}
			}
			System.out.printf(Locale.ROOT, "%nPer-call latency, %d rounds of %d sequential calls per style after %d warm-up calls%n",
					ROUNDS, CALLS_PER_ROUND, WARMUP_CALLS);
			for (int style = 0; style < calls.length; style++) {
				System.out.printf(Locale.ROOT, "  %-34s median %.1f us/call%n", names[style], Stats.median(micros[style]));
			}
			for (int style = 1; style < calls.length; style++) {
				double[] ratios = new double[ROUNDS];
				for (int round = 0; round < ROUNDS; round++) {
					ratios[round] = micros[style][round] / micros[0][round];
				}
				System.out.printf(Locale.ROOT, "  ratio %-28s / plain, per round: median %.3f (quartiles %.3f-%.3f)%n",
						names[style], Stats.median(ratios), Stats.quantile(ratios, 0.25), Stats.quantile(ratios, 0.75));
			}
		}
	}

	private static RestClient plainRestClient(LoopbackNitro nitro, HttpClient transport) {
		return RestClient.builder()
			.requestFactory(new ReactorClientHttpRequestFactory(transport))
			.baseUrl(nitro.baseUrl())
			.defaultHeader("Authorization", "Bearer fixed-token")
			.build();
	}

	private static String get(RestClient client) {
		return client.get().uri("/sign/envelopes/{id}", "e1").retrieve().body(String.class);
	}

	private static double microsPerCall(Supplier<?> call) {
		long start = System.nanoTime();
		for (int i = 0; i < CALLS_PER_ROUND; i++) {
			call.get();
		}
		return (System.nanoTime() - start) / 1_000.0 / CALLS_PER_ROUND;
	}

}
