package com.gonitro.spring.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * A Kubernetes Secret mounted as a volume, written as the kubelet writes it: each version of the keys in a new
 * timestamped directory, the {@code ..data} symlink swapped to it in one atomic rename, and each key a symlink
 * through {@code ..data}. Imported with {@code spring.config.import=configtree:<directory>/}.
 */
public final class KubernetesSecretMount {

	private final Path directory;

	private int version;

	/**
	 * A mount at the given directory, empty until {@link #write(Map)}.
	 * @param directory where the volume is mounted
	 */
	public KubernetesSecretMount(Path directory) {
		this.directory = directory;
	}

	/**
	 * Writes a new version of the Secret's keys, as the kubelet does when the Secret is created or updated.
	 * @param keys the keys and their values
	 * @return this mount
	 */
	public KubernetesSecretMount write(Map<String, String> keys) {
		try {
			Files.createDirectories(this.directory);
			String name = "..2026_11_28_09_00_00.%09d".formatted(++this.version);
			Path versionDirectory = Files.createDirectory(this.directory.resolve(name));
			for (Map.Entry<String, String> key : keys.entrySet()) {
				Files.writeString(versionDirectory.resolve(key.getKey()), key.getValue(), StandardCharsets.UTF_8);
			}
			Path next = Files.createSymbolicLink(this.directory.resolve("..data_tmp"), Path.of(name));
			Files.move(next, this.directory.resolve("..data"), StandardCopyOption.ATOMIC_MOVE,
					StandardCopyOption.REPLACE_EXISTING);
			for (String key : keys.keySet()) {
				Path link = this.directory.resolve(key);
				if (!Files.isSymbolicLink(link)) {
					Files.createSymbolicLink(link, Path.of("..data", key));
				}
			}
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns what imports this mount: {@code configtree:<directory>/}.
	 * @return the {@code spring.config.import} value
	 */
	public String configImport() {
		return "configtree:" + this.directory.toAbsolutePath() + "/";
	}

}
