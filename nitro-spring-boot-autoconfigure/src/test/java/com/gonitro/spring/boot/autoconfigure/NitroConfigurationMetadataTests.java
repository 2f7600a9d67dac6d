package com.gonitro.spring.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.configurationmetadata.ConfigurationMetadataProperty;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepositoryJsonBuilder;

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

		assertThat(metadata.get("nitro.token-uri").getDefaultValue()).isEqualTo(NitroProperties.DEFAULT_TOKEN_URI);
		assertThat(metadata.get("nitro.base-url").getDefaultValue()).isEqualTo(NitroProperties.DEFAULT_BASE_URL);
		assertThat(metadata.get("nitro.enabled").getDefaultValue()).isEqualTo(true);
	}

	/** The property names {@link NitroProperties} binds, derived from its fields. */
	private static List<String> declaredProperties() {
		return Arrays.stream(NitroProperties.class.getDeclaredFields())
			.filter((field) -> !Modifier.isStatic(field.getModifiers()))
			.map(Field::getName)
			.map((name) -> "nitro." + name.replaceAll("([A-Z])", "-$1").toLowerCase())
			.toList();
	}

	private static Map<String, ConfigurationMetadataProperty> nitroMetadata() throws IOException {
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
			.collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

}
