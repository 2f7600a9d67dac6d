package com.gonitro.spring.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;

import com.gonitro.spring.standin.NitroStandIn;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample as the build leaves it: processed ahead of time ({@code spring-boot:process-aot}) and packaged, then
 * started in a JVM of its own the way an AOT-processed application is run on the JVM,
 * {@code java -Dspring.aot.enabled=true -jar sample-app.jar}, with Nitro's settings in environment variables
 * pointing at the stand-in. It starts from the generated bean definitions and sends a PDF for signature over HTTP;
 * {@code nitro.*}, nested types and the map of named applications included, binds from them.
 * <p>
 * Runs in the {@code integration-test} phase (Failsafe), after the jar is built: {@code ./mvnw verify}.
 */
class AotProcessedSampleIT {

	private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

	private static final String STARTED = "Started SampleApplication in";

	private static final long START_TIMEOUT_SECONDS = 120;

	@TempDir
	Path dir;

	private Process sample;

	private Path log;

	@AfterEach
	void stopSample() throws InterruptedException {
		if (this.sample != null && this.sample.isAlive()) {
			this.sample.destroy();
			if (!this.sample.waitFor(30, TimeUnit.SECONDS)) {
				this.sample.destroyForcibly().waitFor();
			}
		}
	}

	@Test
	void sendsAPdfForSignatureFromTheGeneratedCode() throws Exception {
		try (NitroStandIn nitro = NitroStandIn.start()) {
			int port = start(nitro, "--nitro.applications.archive.client-id=archive",
					"--nitro.applications.archive.client-secret=archive-secret",
					"--nitro.applications.archive.retry.max-attempts=2", "--nitro.tenants.max-size=10");
			System.out.println("AOT-processed sample: " + line(output(), STARTED));
			assertThat(output()).contains("Starting AOT-processed SampleApplication");
			SampleClient client = new SampleClient(port);

			ResponseEntity<JsonNode> created = client.requestSignature("Consulting agreement", "ada@example.com");

			assertThat(created.getStatusCode().value()).as(output()).isEqualTo(201);
			String id = created.getBody().path("id").asString();
			assertThat(created.getBody().path("status").asString()).isEqualTo("sent");
			assertThat(nitro.envelopeStatus(id)).isEqualTo("sent");
			ResponseEntity<JsonNode> read = client.get("/signature-requests/" + id);
			assertThat(read.getStatusCode().value()).isEqualTo(200);
			assertThat(read.getBody().path("status").asString()).isEqualTo("sent");
			assertThat(output()).doesNotContain(nitro.clientSecret()).doesNotContain("archive-secret");
		}
	}

	@Test
	void checksTheNamedApplicationsItBindsFromTheGeneratedCode() throws Exception {
		try (NitroStandIn nitro = NitroStandIn.start()) {
			this.sample = launch(nitro, "--nitro.applications.archive.client-id=archive");

			assertThat(this.sample.waitFor(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("stopped").isTrue();
			assertThat(this.sample.exitValue()).isNotZero();
			assertThat(output()).contains("Starting AOT-processed SampleApplication")
				.contains("APPLICATION FAILED TO START")
				.contains("'nitro.applications.archive.client-secret' is not set")
				.doesNotContain(nitro.clientSecret());
		}
	}

	@Test
	void refusesToStartWithoutTheCredentialsItWasProcessedWith() throws Exception {
		this.sample = launch(null);

		assertThat(this.sample.waitFor(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("stopped").isTrue();
		assertThat(this.sample.exitValue()).isNotZero();
		// Whichever bean that needs them comes first (the webhook verifier, the token cache) names the credentials.
		assertThat(output()).contains("APPLICATION FAILED TO START")
			.contains("'nitro.client-id' and 'nitro.client-secret' are not set");
	}

	/**
	 * Starts the sample and returns the port its web server bound, once the application has started.
	 */
	private int start(NitroStandIn nitro, String... arguments) throws Exception {
		this.sample = launch(nitro, arguments);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
		while (System.nanoTime() < deadline) {
			String output = output();
			Matcher port = PORT.matcher(output);
			if (output.contains(STARTED) && port.find()) {
				return Integer.parseInt(port.group(1));
			}
			if (!this.sample.isAlive()) {
				throw new AssertionError("The sample stopped with exit code " + this.sample.exitValue() + ":\n"
						+ output());
			}
			Thread.sleep(100);
		}
		throw new AssertionError("The sample did not start within " + START_TIMEOUT_SECONDS + "s:\n" + output());
	}

	/**
	 * Starts the sample's jar with Nitro's settings pointing at the stand-in, or with none.
	 */
	private Process launch(@Nullable NitroStandIn nitro, String... arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Dspring.aot.enabled=true", "-jar",
				sampleJar(), "--server.port=0"));
		command.addAll(List.of(arguments));
		this.log = this.dir.resolve("sample.log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.log.toFile());
		Map<String, String> environment = builder.environment();
		environment.keySet().removeIf((name) -> name.startsWith("NITRO_"));
		if (nitro != null) {
			// As a deployment passes them: never on the command line, where any user of the machine can read them.
			environment.put("NITRO_CLIENT_ID", nitro.clientId());
			environment.put("NITRO_CLIENT_SECRET", nitro.clientSecret());
			environment.put("NITRO_TOKEN_URI", nitro.tokenUri());
			environment.put("NITRO_BASE_URL", nitro.baseUrl());
		}
		return builder.start();
	}

	private String output() throws IOException {
		return Files.exists(this.log) ? Files.readString(this.log, StandardCharsets.UTF_8) : "";
	}

	private static String line(String output, String containing) {
		return output.lines().filter((line) -> line.contains(containing)).findFirst().orElse("(no such line)");
	}

	/**
	 * The jar Failsafe's configuration names: the one {@code package} built from the AOT-processed classes.
	 */
	private static String sampleJar() {
		String jar = System.getProperty("sample.jar");
		assertThat(jar).as("system property sample.jar (set by the build: run ./mvnw verify)").isNotBlank();
		assertThat(Path.of(jar)).as("the packaged sample").isRegularFile();
		return jar;
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
