package com.gonitro.spring.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.configurationmetadata.ConfigurationMetadataProperty;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepositoryJsonBuilder;
import com.gonitro.spring.NitroClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated {@code META-INF/spring-configuration-metadata.json} describes every {@code nitro.*} property and
 * its default, so IDEs show them as help text.
 */
class NitroConfigurationMetadataTests {

	@Test
	void everyPropertyHasADescription() throws IOException {
		Map<String, ConfigurationMetadataProperty> metadata = nitroMetadata();

		assertThat(metadata.keySet()).containsExactlyInAnyOrderElementsOf(declaredProperties());
		assertThat(metadata.values()).allSatisfy((property) -> assertThat(property.getDescription())
			.as("description of %s", property.getId())
			.isNotBlank());
	}

	@Test
	void defaultsAreDocumented() throws IOException {
		Map<String, ConfigurationMetadataProperty> metadata = nitroMetadata();

		assertThat(metadata.get("nitro.token-uri").getDefaultValue()).isEqualTo(NitroClient.DEFAULT_TOKEN_URI);
		assertThat(metadata.get("nitro.base-url").getDefaultValue()).isEqualTo(NitroClient.DEFAULT_BASE_URL);
		assertThat(metadata.get("nitro.enabled").getDefaultValue()).isEqualTo(true);
		assertThat(metadata.get("nitro.webhooks.enabled").getDefaultValue()).isEqualTo(false);
		assertThat(metadata.get("nitro.webhooks.path").getDefaultValue()).isEqualTo("/nitro/webhooks");
		assertThat(metadata.get("nitro.webhooks.deduplication.store").getDefaultValue()).isEqualTo("memory");
		assertThat(metadata.get("nitro.webhooks.deduplication.jdbc.table-name").getDefaultValue())
			.isEqualTo("nitro_webhook_events");
	}

	@Test
	void durationsAndSizesShowTheirUnits() throws IOException {
		Map<String, ConfigurationMetadataProperty> metadata = nitroMetadata();

		assertThat(metadata.get("nitro.connect-timeout").getDefaultValue()).isEqualTo("5s");
		assertThat(metadata.get("nitro.read-timeout").getDefaultValue()).isEqualTo("30s");
		assertThat(metadata.get("nitro.token-refresh-skew").getDefaultValue()).isEqualTo("60s");
		assertThat(metadata.get("nitro.token-default-lifetime").getDefaultValue()).isEqualTo("1h");
		assertThat(metadata.get("nitro.retry.max-attempts").getDefaultValue()).isEqualTo(4);
		assertThat(metadata.get("nitro.retry.max-replayable-body-size").getDefaultValue()).isEqualTo("256KB");
	}

	/**
	 * The property names {@link NitroProperties} and {@link NitroWebhookProperties} bind, derived from their fields and
	 * those of their nested groups.
	 */
	private static List<String> declaredProperties() {
		return java.util.stream.Stream
			.concat(declaredProperties("nitro", NitroProperties.class).stream(),
					declaredProperties("nitro.webhooks", NitroWebhookProperties.class).stream())
			.toList();
	}

	private static List<String> declaredProperties(String prefix, Class<?> type) {
		return Arrays.stream(type.getDeclaredFields())
			.filter((field) -> !Modifier.isStatic(field.getModifiers()))
			.flatMap((field) -> {
				String name = prefix + "." + field.getName().replaceAll("([A-Z])", "-$1").toLowerCase();
				Class<?> declaringClass = field.getType().getDeclaringClass();
				boolean group = (declaringClass == NitroProperties.class || declaringClass == NitroWebhookProperties.class)
						&& !field.getType().isEnum();
				return group
						? declaredProperties(name, field.getType()).stream() : java.util.stream.Stream.of(name);
			})
			.toList();
	}

	/**
	 * IDEs complete the keys under {@code nitro.applications.<name>} from the map's value type, as they do for Spring
	 * Security's {@code spring.security.oauth2.client.registration.<name>}: the metadata must name that type, and each
	 * of its properties is one the default application has too, described there.
	 */
	@Test
	void namedApplicationsAreCompletedFromTheMapsValueType() throws IOException {
		Map<String, ConfigurationMetadataProperty> metadata = nitroMetadata();

		assertThat(metadata.get("nitro.applications").getType())
			.isEqualTo("java.util.Map<java.lang.String," + NitroProperties.Application.class.getName() + ">");
		List<String> applicationProperties = declaredProperties("nitro", NitroProperties.Application.class);
		assertThat(applicationProperties).contains("nitro.client-id", "nitro.client-secret", "nitro.token-uri",
				"nitro.base-url", "nitro.retry.max-attempts");
		assertThat(metadata.keySet()).containsAll(applicationProperties);
	}

	/** The {@code nitro.*} properties of the generated metadata, by name. */
	static Map<String, ConfigurationMetadataProperty> nitroMetadata() throws IOException {
		ConfigurationMetadataRepositoryJsonBuilder builder = ConfigurationMetadataRepositoryJsonBuilder.create();
		for (URL url : Collections.list(NitroProperties.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream in = url.openStream()) {
				builder.withJsonResource(in);
			}
		}
		Map<String, ConfigurationMetadataProperty> all = builder.build().getAllProperties();
		return all.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith("nitro."))
			.collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
					java.util.TreeMap::new));
	}

}
