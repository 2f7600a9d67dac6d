package com.gonitro.spring.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.client.ReactorClientHttpRequestFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;

import com.gonitro.spring.NitroClient;
import com.gonitro.spring.NitroClients;
import com.gonitro.spring.oauth.NitroCredentials;
import com.gonitro.spring.oauth.NitroReactiveTokenResponseClient;

/**
 * Prints, for run-time tenants ({@code NitroClients.forCredentials}):
 * <ol>
 * <li>how many token requests 64 concurrent first calls for each of 50 tenants cause (goal: 50);</li>
 * <li>the heap held per idle tenant (a token held, no call in flight), measured as the growth of the heap in use
 * after full collections while 1,000 tenants are held, divided by 1,000: for a tenant that used only its token, one
 * that called through its {@code NitroSignClient}, and one that called through every client (clients are built
 * when first used).</li>
 * </ol>
 * Medians of several trials are reported.
 */
public final class TenantsBenchmark {

	private static final int TENANTS = 50;

	private static final int CALLS_PER_TENANT = 64;

	private static final int TRIALS = 5;

	private static final int IDLE_TENANTS = 1000;

	private TenantsBenchmark() {
	}

	public static void main(String[] args) {
		Stats.printMachine();
		try (LoopbackNitro nitro = LoopbackNitro.start(Duration.ofMillis(50))) {
			int[] tokenRequests = new int[TRIALS];
			long[] millis = new long[TRIALS];
			for (int trial = 0; trial < TRIALS; trial++) {
				NitroClients clients = clients(nitro);
				nitro.takeTokenRequestCount();
				long start = System.nanoTime();
				Long calls = Flux.range(0, TENANTS * CALLS_PER_TENANT)
					.flatMap((i) -> tenant(clients, "tenant-" + (i % TENANTS)).webClient()
						.get()
						.uri("/sign/envelopes")
						.retrieve()
						.bodyToMono(String.class), 256)
					.count()
					.block();
				millis[trial] = (System.nanoTime() - start) / 1_000_000;
				tokenRequests[trial] = nitro.takeTokenRequestCount();
				if (calls == null || calls != TENANTS * CALLS_PER_TENANT) {
					throw new IllegalStateException("Only " + calls + " calls succeeded");
				}
			}
			System.out.printf(Locale.ROOT, "%n%d concurrent first calls for each of %d tenants (%d trials)%n",
					CALLS_PER_TENANT, TENANTS, TRIALS);
			System.out.printf(Locale.ROOT, "  token requests  median %d  all %s%n", Stats.median(tokenRequests),
					Arrays.toString(tokenRequests));
			System.out.printf(Locale.ROOT, "  wall time       median %d ms  all %s%n", Stats.median(millis),
					Arrays.toString(millis));

			System.out.printf(Locale.ROOT, "%nHeap held per idle tenant (%d tenants, %d trials)%n", IDLE_TENANTS,
					TRIALS);
			printBytesPerIdleTenant(nitro, "a token, no client used yet",
					(tenant) -> tenant.tokenCache().accessToken().block());
			printBytesPerIdleTenant(nitro, "one call through its NitroSignClient",
					(tenant) -> tenant.sign().getEnvelope("e1"));
			printBytesPerIdleTenant(nitro, "one call through each of its six clients", TenantsBenchmark::useEveryClient);
		}
	}

	private static void printBytesPerIdleTenant(LoopbackNitro nitro, String use, Consumer<NitroClient> useTenant) {
		long[] bytesPerTenant = new long[TRIALS];
		for (int trial = 0; trial < TRIALS; trial++) {
			bytesPerTenant[trial] = bytesPerIdleTenant(nitro, useTenant);
		}
		System.out.printf(Locale.ROOT, "  %-42s median %.1f KiB  all %s bytes%n", use,
				Stats.median(bytesPerTenant) / 1024.0, Arrays.toString(bytesPerTenant));
	}

	private static void useEveryClient(NitroClient tenant) {
		tenant.sign().getEnvelope("e1");
		tenant.reactiveSign().getEnvelope("e1").block();
		tenant.pdf().reactive();
		tenant.reactivePdf();
		tenant.webClient().get().uri("/sign/envelopes").retrieve().bodyToMono(String.class).block();
		tenant.restClient().get().uri("/sign/envelopes").retrieve().body(String.class);
	}

	private static long bytesPerIdleTenant(LoopbackNitro nitro, Consumer<NitroClient> useTenant) {
		NitroClients clients = clients(nitro);
		clients.setMaxTenants(IDLE_TENANTS);
		long before = usedHeapAfterCollection();
		List<NitroClient> held = new ArrayList<>();
		for (int i = 0; i < IDLE_TENANTS; i++) {
			NitroClient tenant = tenant(clients, "idle-" + i);
			useTenant.accept(tenant);
			held.add(tenant);
		}
		long after = usedHeapAfterCollection();
		if (clients.tenantCount() != IDLE_TENANTS || held.size() != IDLE_TENANTS) {
			throw new IllegalStateException("Tenants were forgotten");
		}
		return (after - before) / IDLE_TENANTS;
	}

	private static NitroClients clients(LoopbackNitro nitro) {
		HttpClient transport = HttpClient.create();
		ReactorClientHttpConnector connector = new ReactorClientHttpConnector(transport);
		ReactorClientHttpRequestFactory requestFactory = new ReactorClientHttpRequestFactory(transport);
		NitroReactiveTokenResponseClient tokenResponseClient = new NitroReactiveTokenResponseClient();
		return new NitroClients(null, Map.of(), (credentials) -> NitroClient.builder()
			.applicationName("tenant")
			.credentials(credentials)
			.tokenUri(nitro.tokenUri())
			.baseUrl(nitro.baseUrl())
			.clientHttpConnector(connector)
			.clientHttpRequestFactory(requestFactory)
			.tokenResponseClient(tokenResponseClient)
			.build());
	}

	private static NitroClient tenant(NitroClients clients, String clientId) {
		return clients.forCredentials(NitroCredentials.of(clientId, "secret-" + clientId));
	}

	private static long usedHeapAfterCollection() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		for (int i = 0; i < 4; i++) {
			System.gc();
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

}
