package com.gonitro.spring.sample;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;

import com.gonitro.spring.standin.NitroStandIn;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes manifests in {@code k8s/}: the Secret, mounted where the Deployment says, in the layout the
 * kubelet writes ({@code ..data} pointing at a timestamped directory, one symlink per key), imported with the
 * Deployment's {@code SPRING_CONFIG_IMPORT}. The sample reads its Nitro credentials from there, and follows a
 * rotation the kubelet applies to the files without a restart.
 */
@ExtendWith(OutputCaptureExtension.class)
class KubernetesSecretIntegrationTests {

	@TempDir
	Path root;

	@Test
	void readsTheMountedSecretAndFollowsItsRotation(CapturedOutput output) throws IOException {
		Map<String, Object> secret = manifest("secret.yaml");
		Map<String, Object> deployment = manifest("deployment.yaml");
		Map<String, String> credentials = get(secret, "stringData");
		Map<String, Object> container = this.<List<Map<String, Object>>>get(deployment, "spec", "template", "spec",
				"containers").get(0);
		Map<String, Object> mount = this.<List<Map<String, Object>>>get(container, "volumeMounts").get(0);
		Map<String, Object> volume = this.<List<Map<String, Object>>>get(deployment, "spec", "template", "spec",
				"volumes").get(0);
		String configImport = this.<List<Map<String, String>>>get(container, "env").stream()
			.filter((env) -> env.get("name").equals("SPRING_CONFIG_IMPORT"))
			.findFirst().orElseThrow().get("value");

		assertThat(volume.get("name")).isEqualTo(mount.get("name"));
		assertThat(this.<String>get(volume, "secret", "secretName")).isEqualTo(get(secret, "metadata", "name"));
		String mountPath = (String) mount.get("mountPath");
		assertThat(configImport).isEqualTo("configtree:" + mountPath + "/");

		Path mounted = this.root.resolve(mountPath.substring(1));
		kubeletWrites(mounted, credentials, "..2026_11_28_09_00_00.000000001");

		try (NitroStandIn nitro = NitroStandIn.builder()
			.clientId(credentials.get("nitro.client-id"))
			.clientSecret(credentials.get("nitro.client-secret"))
			.start();
				ConfigurableApplicationContext app = new SpringApplicationBuilder(SampleApplication.class).properties(
						"spring.config.import=" + configImport.replace(mountPath, mounted.toString()),
						"nitro.base-url=" + nitro.baseUrl(), "nitro.token-uri=" + nitro.tokenUri(), "server.port=0")
					.run()) {
			SampleClient client = new SampleClient(((WebServerApplicationContext) app).getWebServer().getPort());
			assertThat(client.requestSignature("Before rotation", "ada@example.com").getStatusCode().value()).isEqualTo(201);

			String rotated = "rotated-" + credentials.get("nitro.client-secret");
			nitro.rotateCredentials(rotated);
			kubeletWrites(mounted, Map.of("nitro.client-id", credentials.get("nitro.client-id"), "nitro.client-secret",
					rotated), "..2026_11_28_10_00_00.000000002");

			ResponseEntity<JsonNode> afterRotation = client.requestSignature("After rotation", "ada@example.com");
			assertThat(afterRotation.getStatusCode().value()).isEqualTo(201);
			assertThat(nitro.envelopeIds()).hasSize(2);
			assertThat(output).doesNotContain(rotated).doesNotContain(credentials.get("nitro.client-secret"));
		}
	}

	/**
	 * Writes a Secret's keys as the kubelet does: into a new timestamped directory, then swaps the {@code ..data}
	 * symlink to it in one atomic rename; each key is a symlink through {@code ..data}.
	 */
	private static void kubeletWrites(Path mount, Map<String, String> keys, String version) throws IOException {
		Files.createDirectories(mount);
		Path directory = Files.createDirectory(mount.resolve(version));
		for (Map.Entry<String, String> key : keys.entrySet()) {
			Files.writeString(directory.resolve(key.getKey()), key.getValue(), StandardCharsets.UTF_8);
		}
		Path next = Files.createSymbolicLink(mount.resolve("..data_tmp"), Path.of(version));
		Files.move(next, mount.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		for (String key : keys.keySet()) {
			Path link = mount.resolve(key);
			if (!Files.isSymbolicLink(link)) {
				Files.createSymbolicLink(link, Path.of("..data", key));
			}
		}
	}

	private static Map<String, Object> manifest(String name) throws IOException {
		try (InputStream in = Files.newInputStream(Path.of("k8s", name))) {
			return new Yaml().load(in);
		}
	}

	@SuppressWarnings("unchecked")
	private <T> T get(Map<String, ?> map, String... path) {
		Object value = map;
		for (String key : path) {
			value = ((Map<String, Object>) value).get(key);
		}
		return (T) value;
	}

}
