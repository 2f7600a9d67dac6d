package com.gonitro.spring.streaming;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import com.gonitro.spring.client.FileContent;
import com.gonitro.spring.sign.NitroSignClient;
import com.gonitro.spring.sign.model.DocumentMetadata;
import com.gonitro.spring.NitroClient;

/**
 * Run in a JVM whose heap is smaller than the file: uploads a file as a document and downloads a sealed envelope
 * with the blocking Sign client, then prints the heap's maximum and the most it held at once (sampled every 2 ms). Started by {@link LargeFileStreamingIntegrationTests}.
 */
public final class LargeFileClient {

	private LargeFileClient() {
	}

	public static void main(String[] args) {
		AtomicLong peak = new AtomicLong();
		Thread sampler = new Thread(() -> {
			Runtime runtime = Runtime.getRuntime();
			while (true) {
				peak.accumulateAndGet(runtime.totalMemory() - runtime.freeMemory(), Math::max);
				try {
					Thread.sleep(2);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		sampler.setDaemon(true);
		sampler.start();
		String baseUrl = args[0];
		Path upload = Path.of(args[1]);
		Path download = Path.of(args[2]);
		NitroSignClient sign = NitroClient.builder()
			.credentials("id", "secret")
			.tokenUri(baseUrl + "/oauth/token")
			.baseUrl(baseUrl)
			.build()
			.sign();

		sign.uploadDocument("envelope-1", DocumentMetadata.pdf("large.pdf"), FileContent.of(upload));
		sign.downloadSealedEnvelope("envelope-1", download);

		sampler.interrupt();
		System.out.println("max-heap-bytes=" + Runtime.getRuntime().maxMemory());
		System.out.println("peak-heap-bytes=" + peak.get());
		System.exit(0);
	}

}
