package com.gonitro.spring.standin;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * The rule that keeps an application on the stand-in it asked for: the {@code nitro.*} properties that point it at
 * the stand-in come from the stand-in alone. Real credentials set anywhere else (even below the stand-in's
 * properties, where they would be silently ignored), a named application ({@code nitro.applications.*}, whose real
 * credentials would go to the stand-in, or to Nitro with a token URI of its own), or a token URI or base URL that
 * wins over the stand-in's (so that the stand-in's credentials would go to Nitro), are conflicts. Values are
 * compared, never reported.
 */
final class StandInConflicts {

	static final List<String> CREDENTIALS = List.of("nitro.client-id", "nitro.client-secret");

	private static final ConfigurationPropertyName APPLICATIONS = ConfigurationPropertyName.of("nitro.applications");

	private final Map<String, Set<String>> sources = new LinkedHashMap<>();

	private StandInConflicts() {
	}

	/**
	 * Checks an environment before the stand-in starts.
	 * @throws StandInConflictException if real credentials are set
	 */
	static void checkBeforeStart(ConfigurableEnvironment environment) {
		find(environment, null).throwIfAny(false);
	}

	/**
	 * Checks an environment that runs on a stand-in, once its property sources are all known.
	 * @throws StandInConflictException if real credentials are set, or a {@code nitro.*} property of the stand-in's
	 * is overridden
	 */
	static void checkRunning(ConfigurableEnvironment environment, NitroStandInPropertySource standIn) {
		find(environment, standIn).throwIfAny(true);
	}

	private static StandInConflicts find(ConfigurableEnvironment environment,
			@Nullable NitroStandInPropertySource standIn) {
		StandInConflicts conflicts = new StandInConflicts();
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (standIn != null && source.getName().equals(standIn.getName())) {
				continue;
			}
			ConfigurationPropertySource properties = ConfigurationPropertySource.from(source);
			for (String name : CREDENTIALS) {
				if (properties != null && isSet(environment, properties, name)) {
					conflicts.add(name, "'" + source.getName() + "'");
				}
			}
			if (properties != null) {
				applications(properties).forEach((name) -> conflicts.add(name, "'" + source.getName() + "'"));
			}
		}
		if (standIn != null) {
			for (String name : standIn.getPropertyNames()) {
				if (!Objects.equals(environment.getProperty(name), standIn.getProperty(name))) {
					conflicts.add(name, "a property source that takes precedence over the stand-in's");
				}
			}
		}
		return conflicts;
	}

	/**
	 * The properties of named applications a source sets: the stand-in serves only the top-level application.
	 */
	private static List<String> applications(ConfigurationPropertySource properties) {
		if (properties instanceof IterableConfigurationPropertySource iterable) {
			return iterable.stream()
				.filter(APPLICATIONS::isAncestorOf)
				.map(ConfigurationPropertyName::toString)
				.toList();
		}
		return (properties.containsDescendantOf(APPLICATIONS) == ConfigurationPropertyState.PRESENT)
				? List.of(APPLICATIONS.toString()) : List.of();
	}

	/** Set: to a value that is not blank once its placeholders are resolved (an unresolvable one leaves it unset). */
	private static boolean isSet(ConfigurableEnvironment environment, ConfigurationPropertySource properties,
			String name) {
		ConfigurationProperty property = properties.getConfigurationProperty(ConfigurationPropertyName.of(name));
		if (property == null || property.getValue() == null) {
			return false;
		}
		String value = environment.resolvePlaceholders(String.valueOf(property.getValue()));
		return !value.isBlank() && !value.contains("${");
	}

	private void add(String property, String source) {
		this.sources.computeIfAbsent(property, (name) -> new LinkedHashSet<>()).add(source);
	}

	private void throwIfAny(boolean running) {
		if (!this.sources.isEmpty()) {
			throw new StandInConflictException(this.sources, running);
		}
	}

}
