package com.gonitro.spring.boot.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.ConfigTreePropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;
import org.springframework.util.PropertyPlaceholderHelper;

import com.gonitro.spring.oauth.NitroCredentials;

/**
 * Supplies a Nitro application's credentials as the {@link ConfigurableEnvironment} holds them now, so that rotated
 * credentials are used without a restart. Called once per token request, on a thread that may block.
 * <ul>
 * <li>Values come from wherever Spring Boot finds them (environment variables, system properties, files, Spring
 * Cloud Vault), with relaxed names: {@code NITRO_CLIENT_SECRET} sets {@code nitro.client-secret}.</li>
 * <li>Placeholders are resolved, wherever their value lives and whatever its name:
 * {@code nitro.client-secret: ${NITRO_CLIENT_SECRET}}, {@code ${A:default}}, nested ones.</li>
 * <li>A value that lives in a Kubernetes-style secret mount ({@code spring.config.import=configtree:…}), directly or
 * behind a placeholder, is read from its file again, since Spring Boot reads such files only once.</li>
 * <li>If a value has gone missing or blank, its file cannot be read, or a placeholder cannot be resolved, the last
 * good value is kept: unresolved placeholder text is never sent to Nitro. One warning names the property (never a
 * value) until the value is good again.</li>
 * </ul>
 */
final class EnvironmentNitroCredentials implements Supplier<NitroCredentials> {

	private static final Log logger = LogFactory.getLog(EnvironmentNitroCredentials.class);

	/** A placeholder left in a value: its text is never sent as a credential. */
	static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]*)");

	private static final PropertyPlaceholderHelper placeholders = new PropertyPlaceholderHelper("${", "}", ":", '\\',
			false);

	private final ConfigurableEnvironment environment;

	private final String prefix;

	private final Value clientId;

	private final Value clientSecret;

	/**
	 * Creates the supplier for the application whose properties start with the given prefix.
	 * @param environment the environment
	 * @param prefix {@code nitro}, or {@code nitro.applications.<name>}
	 * @param clientId the client ID bound at start-up
	 * @param clientSecret the client secret bound at start-up
	 */
	EnvironmentNitroCredentials(ConfigurableEnvironment environment, String prefix, String clientId,
			String clientSecret) {
		this.environment = environment;
		this.prefix = prefix;
		this.clientId = new Value(prefix + ".client-id", clientId.strip());
		this.clientSecret = new Value(prefix + ".client-secret", clientSecret.strip());
	}

	@Override
	public NitroCredentials get() {
		String previousId = this.clientId.current;
		String previousSecret = this.clientSecret.current;
		String id = this.clientId.reread();
		String secret = this.clientSecret.reread();
		if (!id.equals(previousId) || !secret.equals(previousSecret)) {
			// Token requests and webhook verification each read the credentials: say which were read, not why.
			logger.info("Nitro credentials " + this.prefix + ".client-id/client-secret changed since they were last read: using the new ones");
		}
		return NitroCredentials.of(id, secret);
	}

	/**
	 * Returns the name of the placeholder a value still holds, such as {@code NITRO_CLIENT_SECRET} for
	 * {@code ${NITRO_CLIENT_SECRET}}, never anything else of the value.
	 * @param value the value
	 * @return the placeholder's name, or {@code null} when the value holds none
	 */
	static @Nullable String unresolvedPlaceholder(@Nullable String value) {
		if (value == null) {
			return null;
		}
		Matcher matcher = PLACEHOLDER.matcher(value);
		if (!matcher.find()) {
			return null;
		}
		String name = matcher.group(1);
		return name.matches("[A-Za-z0-9_.\\-\\[\\]]{1,100}") ? name : "…";
	}

	private @Nullable String read(String name) {
		ConfigurationPropertyName key = ConfigurationPropertyName.of(name);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			ConfigurationProperty property = source.getConfigurationProperty(key);
			if (property != null) {
				Resource file = secretMountFile(source.getUnderlyingSource(), property.getOrigin());
				String raw = (file != null) ? readFile(file) : String.valueOf(property.getValue());
				return resolvePlaceholders(raw);
			}
		}
		return null;
	}

	private String resolvePlaceholders(String raw) {
		if (!raw.contains("${")) {
			return raw;
		}
		return placeholders.replacePlaceholders(raw, this::lookUp);
	}

	/**
	 * Looks up a placeholder's key as Spring does (by its exact name in each property source, relaxed for
	 * environment variables), reading a secret mount's file again.
	 */
	private @Nullable String lookUp(String key) {
		for (PropertySource<?> source : this.environment.getPropertySources()) {
			if (ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)
					|| !source.containsProperty(key)) {
				continue;
			}
			Resource file = secretMountFile(source, OriginLookup.getOrigin(source, key));
			if (file != null) {
				return readFile(file);
			}
			Object value = source.getProperty(key);
			return (value != null) ? String.valueOf(value) : null;
		}
		return null;
	}

	/**
	 * The file a value was read from if it comes from a secret mount. Only a config tree's file holds nothing but the
	 * value: any other file (an {@code application.yml}, a {@code .env}) holds many properties, so the value its
	 * property source holds is the one to use.
	 */
	private static @Nullable Resource secretMountFile(Object source, @Nullable Origin origin) {
		if (!(source instanceof ConfigTreePropertySource)) {
			return null;
		}
		if (origin instanceof PropertySourceOrigin propertySourceOrigin) {
			origin = propertySourceOrigin.getOrigin();
		}
		if (origin instanceof TextResourceOrigin textOrigin && textOrigin.getResource() != null
				&& textOrigin.getResource().isFile()) {
			return textOrigin.getResource();
		}
		return null;
	}

	private static String readFile(Resource file) {
		try {
			return Files.readString(file.getFile().toPath());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * One credential: the last good value, and whether the last read failed (so that it warns once).
	 */
	private final class Value {

		private final String name;

		private volatile String current;

		private volatile boolean failing;

		Value(String name, String initial) {
			this.name = name;
			this.current = initial;
		}

		String reread() {
			String problem;
			try {
				String value = read(this.name);
				if (value == null || value.isBlank()) {
					problem = "is no longer set or is blank";
				}
				else if (unresolvedPlaceholder(value) != null) {
					problem = "holds a placeholder that cannot be resolved";
				}
				else {
					if (this.failing) {
						logger.info("'" + this.name + "' can be read again");
						this.failing = false;
					}
					this.current = value.strip();
					return this.current;
				}
			}
			catch (RuntimeException ex) {
				problem = (ex instanceof IllegalArgumentException)
						? "holds a placeholder that cannot be resolved"
						: "could not be read (" + ex.getClass().getSimpleName() + ")";
			}
			if (!this.failing) {
				this.failing = true;
				logger.warn("'" + this.name + "' " + problem + ": keeping the value read before");
			}
			return this.current;
		}

	}

}
