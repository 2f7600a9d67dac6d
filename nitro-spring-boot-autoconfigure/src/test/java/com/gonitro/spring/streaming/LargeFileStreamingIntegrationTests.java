package com.gonitro.spring.streaming;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 20 MB document upload and a 20 MB sealed-envelope download through the blocking Sign client, in a JVM whose
 * heap (16 MB) cannot hold either: the files are streamed, never held whole in memory. The loopback server reads
 * the upload as streaming multipart events and checks its digest; the download is generated on the fly.
 * <p>
 * Measured the same way with a 64 MB heap, the most heap in use at once is the same for a 1 MB and a 20 MB file
 * (docs/benchmarks.md).
 */
class LargeFileStreamingIntegrationTests {

	private static final int SIZE = 20 * 1024 * 1024;

	private static final String HEAP = "16m";

	private static final List<String> CLIENT_LIBRARIES = List.of("/org/springframework/", "/io/projectreactor/",
			"/io/netty/", "/tools/jackson/", "/com/fasterxml/jackson/", "/io/micrometer/", "/org/jspecify/",
			"/commons-logging/", "/org/reactivestreams/", "/ch/qos/logback/", "/org/slf4j/");

	private final AtomicReference<String> uploadedDigest = new AtomicReference<>();

	private final AtomicLong uploadedBytes = new AtomicLong();

	private DisposableServer server;

	@BeforeEach
	void startNitro() {
		RouterFunction<ServerResponse> routes = RouterFunctions.route()
			.POST("/oauth/token", (request) -> ServerResponse.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"accessToken\":\"large-token\",\"tokenType\":\"Bearer\",\"expiresIn\":86400}"))
			.POST("/sign/envelopes/{id}/documents", (request) -> {
				MessageDigest digest = sha256();
				return request.bodyToFlux(PartEvent.class)
					.filter((event) -> event instanceof FilePartEvent && event.name().equals("payload"))
					.doOnNext((event) -> {
						DataBuffer chunk = event.content();
						this.uploadedBytes.addAndGet(chunk.readableByteCount());
						try (DataBuffer.ByteBufferIterator buffers = chunk.readableByteBuffers()) {
							buffers.forEachRemaining(digest::update);
						}
						DataBufferUtils.release(chunk);
					})
					.then(Mono.fromRunnable(() -> this.uploadedDigest.set(HexFormat.of().formatHex(digest.digest()))))
					.then(ServerResponse.status(201)
						.contentType(MediaType.APPLICATION_JSON)
						.bodyValue("{\"ID\":\"d1\",\"name\":\"large.pdf\",\"status\":\"pending\"}"));
			})
			.GET("/sign/envelopes/{id}:download-sealed", (request) -> ServerResponse.ok()
				.contentType(MediaType.APPLICATION_OCTET_STREAM)
				.body(generated(), DataBuffer.class))
			.build();
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle(new ReactorHttpHandlerAdapter(RouterFunctions.toHttpHandler(routes)))
			.bindNow();
	}

	@AfterEach
	void stopNitro() {
		this.server.disposeNow();
	}

	@Test
	void twentyMegabytesUpAndDownThroughASixteenMegabyteHeap(@TempDir Path dir) throws Exception {
		Path upload = dir.resolve("large.pdf");
		try (OutputStream out = Files.newOutputStream(upload)) {
			generated().doOnNext((chunk) -> write(out, chunk)).blockLast();
		}
		Path download = dir.resolve("sealed.zip");

		Path log = dir.resolve("client.log");
		Process client = new ProcessBuilder(javaExecutable(), "-Xmx" + HEAP, "-XX:MaxDirectMemorySize=" + HEAP,
				"-cp", classPath(), LargeFileClient.class.getName(), "http://127.0.0.1:" + this.server.port(),
				upload.toString(), download.toString())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		boolean finished = client.waitFor(2, TimeUnit.MINUTES);
		if (!finished) {
			client.destroyForcibly().waitFor();
		}
		String output = Files.readString(log, StandardCharsets.UTF_8);

		assertThat(finished).as(output).isTrue();
		assertThat(client.exitValue()).as(output).isZero();
		long maxHeap = figure(output, "max-heap-bytes");
		long peakHeap = figure(output, "peak-heap-bytes");
		System.out.printf("20 MB upload and download: max heap %.1f MB, peak heap used %.1f MB%n", maxHeap / 1e6,
				peakHeap / 1e6);
		assertThat(maxHeap).isLessThan(SIZE);
		assertThat(this.uploadedBytes).hasValue(SIZE);
		assertThat(this.uploadedDigest.get()).isEqualTo(digest(upload));
		assertThat(Files.size(download)).isEqualTo(SIZE);
		assertThat(digest(download)).isEqualTo(digest(upload));
	}

	/** 20 MB of pseudo-random bytes, the same every time, generated in 64 KB chunks. */
	private static Flux<DataBuffer> generated() {
		return Flux.defer(() -> {
			Random random = new Random(42);
			return Flux.range(0, SIZE / (64 * 1024)).map((i) -> {
				byte[] chunk = new byte[64 * 1024];
				random.nextBytes(chunk);
				return DefaultDataBufferFactory.sharedInstance.wrap(chunk);
			});
		});
	}

	private static void write(OutputStream out, DataBuffer chunk) {
		try (DataBuffer.ByteBufferIterator buffers = chunk.readableByteBuffers()) {
			while (buffers.hasNext()) {
				java.nio.ByteBuffer buffer = buffers.next();
				byte[] bytes = new byte[buffer.remaining()];
				buffer.get(bytes);
				out.write(bytes);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String digest(Path file) throws Exception {
		MessageDigest digest = sha256();
		try (var in = Files.newInputStream(file)) {
			byte[] buffer = new byte[64 * 1024];
			for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
				digest.update(buffer, 0, read);
			}
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static long figure(String output, String name) {
		return output.lines()
			.filter((line) -> line.startsWith(name + "="))
			.map((line) -> Long.parseLong(line.substring(name.length() + 1)))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + name + " in the client's output:\n" + output));
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/**
	 * The class path of an application that calls Nitro (the compiled classes and the libraries the client runs on),
	 * not that of the test tooling: every jar the class loader opens keeps its index in the heap, and in a 16 MB heap
	 * WireMock's, ArchUnit's or BlockHound's shaded jars are not noise.
	 */
	private static String classPath() {
		String surefire = System.getProperty("surefire.test.class.path");
		String testClassPath = (surefire != null && !surefire.isBlank()) ? surefire
				: System.getProperty("java.class.path");
		return Arrays.stream(testClassPath.split(File.pathSeparator))
			.filter((entry) -> !entry.endsWith(".jar") || CLIENT_LIBRARIES.stream().anyMatch(entry::contains))
			.collect(Collectors.joining(File.pathSeparator));
	}

}
