package com.gonitro.spring.boot.autoconfigure;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataProperty;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

import com.gonitro.spring.oauth.NitroTokenException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The documentation cannot drift from the code: the configuration reference lists exactly the properties of the
 * generated metadata, with their types, defaults and descriptions; the README's table agrees with it; and the
 * troubleshooting page covers every start-up problem, every exception type and every token error code; and every
 * test the security page names as the proof of a guarantee exists.
 */
class DocumentationTests {

	private static final Path DOCS = Path.of("..", "docs");

	@Test
	void configurationReferenceIsTheGeneratedMetadata() throws IOException {
		Map<String, List<String>> documented = table(DOCS.resolve("configuration.md"));
		Map<String, List<String>> generated = new TreeMap<>();
		NitroConfigurationMetadataTests.nitroMetadata().forEach((name, property) -> generated.put(name, List.of(
				"`" + shortType(property.getType()) + "`",
				(property.getDefaultValue() != null) ? "`" + property.getDefaultValue() + "`" : "",
				property.getDescription())));

		assertThat(documented).containsExactlyEntriesOf(generated);
	}

	@Test
	void readmeTableAgreesWithTheMetadata() throws IOException {
		Map<String, List<String>> readme = table(Path.of("..", "README.md"));
		Map<String, ConfigurationMetadataProperty> metadata = NitroConfigurationMetadataTests.nitroMetadata();

		assertThat(readme).isNotEmpty();
		assertThat(metadata.keySet()).containsAll(readme.keySet());
		readme.forEach((name, cells) -> {
			Object defaultValue = metadata.get(name).getDefaultValue();
			assertThat(cells.get(0)).as("default of %s in README.md", name)
				.isEqualTo((defaultValue != null) ? "`" + defaultValue + "`" : "");
		});
	}

	@Test
	void troubleshootingCoversEveryStartUpProblem() throws IOException {
		String troubleshooting = Files.readString(DOCS.resolve("troubleshooting.md"));
		NitroProperties properties = new NitroProperties();
		properties.setClientId("id");
		properties.setClientSecret(" ");
		properties.setTokenUri("oauth/token");
		properties.setReadTimeout(java.time.Duration.ZERO);
		properties.getRetry().setMaxAttempts(0);
		NitroProperties missing = new NitroProperties();
		missing.setClientId("id");
		List<InvalidNitroPropertiesException.Problem> problems = new ArrayList<>();
		assertThatExceptionOfType(InvalidNitroPropertiesException.class).isThrownBy(properties::validate)
			.satisfies((ex) -> problems.addAll(ex.getProblems()));
		assertThatExceptionOfType(InvalidNitroPropertiesException.class).isThrownBy(missing::validate)
			.satisfies((ex) -> problems.addAll(ex.getProblems()));

		assertThat(problems).hasSize(5);
		assertThat(troubleshooting).contains("The Nitro client is misconfigured:");
		for (InvalidNitroPropertiesException.Problem problem : problems) {
			// The wording after the property's name, up to the first value: "is set but blank.", "must be at least"...
			String wording = problem.description().replaceFirst("^'[^']+' ", "").replaceFirst("[ ']*('|\\d).*$", "");
			assertThat(troubleshooting).as("troubleshooting.md explains \"%s\"", problem.description()).contains(wording);
		}
	}

	@Test
	void troubleshootingCoversEveryExceptionAndTokenErrorCode() throws IOException, ReflectiveOperationException {
		String troubleshooting = Files.readString(DOCS.resolve("troubleshooting.md"));
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AssignableTypeFilter(Throwable.class));
		List<String> exceptions = new ArrayList<>();
		for (BeanDefinition candidate : scanner.findCandidateComponents("com.gonitro.spring")) {
			Class<?> type = ClassUtils.forName(candidate.getBeanClassName(), getClass().getClassLoader());
			if (Modifier.isPublic(type.getModifiers()) && !type.getName().startsWith("com.gonitro.spring.test")) {
				exceptions.add(type.getName().substring(type.getPackageName().length() + 1).replace('$', '.'));
			}
		}

		assertThat(exceptions).contains("NitroApiException.Conflict", "NitroTokenException",
				"InvalidNitroPropertiesException");
		assertThat(exceptions).allSatisfy((name) -> assertThat(troubleshooting).contains("`" + name + "`"));
		for (Field field : NitroTokenException.class.getFields()) {
			if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
				assertThat(troubleshooting).contains("`" + field.get(null) + "`");
			}
		}
	}

	@Test
	void everyTestTheSecurityPageNamesExists() throws IOException {
		String security = Files.readString(DOCS.resolve("security.md"));
		Matcher named = Pattern.compile("`(\\w+Tests)(?:\\.(\\w+))?`").matcher(security);
		List<String> checked = new ArrayList<>();
		while (named.find()) {
			String testClass = named.group(1);
			String method = named.group(2);
			List<Path> sources;
			try (Stream<Path> files = Files.walk(Path.of(".."))) {
				sources = files.filter((file) -> file.toString().contains("/src/test/java/")
						&& file.getFileName().toString().equals(testClass + ".java"))
					.toList();
			}
			assertThat(sources).as("test class %s named in security.md", testClass).hasSize(1);
			if (method != null) {
				assertThat(Files.readString(sources.get(0))).as("test %s.%s named in security.md", testClass, method)
					.containsPattern("void " + method + "\\(");
			}
			checked.add(named.group());
		}
		assertThat(checked).hasSizeGreaterThan(20);
	}

	/** A type as the reference shows it: {@code Duration}, {@code Map<String, NitroProperties.Application>}. */
	private static String shortType(String type) {
		return Pattern.compile("[\\w.$]+")
			.matcher(type)
			.replaceAll((match) -> ClassUtils.getShortName(match.group()))
			.replace(",", ", ");
	}

	/** The rows of the first Markdown table whose first cell is a {@code nitro.*} property: name to other cells. */
	private static Map<String, List<String>> table(Path file) throws IOException {
		Map<String, List<String>> rows = new LinkedHashMap<>();
		for (String line : Files.readAllLines(file)) {
			if (line.startsWith("| `nitro.")) {
				List<String> cells = new ArrayList<>();
				for (String cell : line.strip().substring(1, line.strip().length() - 1).split("\\|", -1)) {
					cells.add(cell.strip());
				}
				rows.put(cells.get(0).replace("`", ""), cells.subList(1, cells.size()));
			}
		}
		return rows;
	}

}
