package com.gonitro.spring.boot.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Objects;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.ConfigTreePropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

import com.gonitro.spring.oauth.NitroClientRegistration;

/**
 * Supplies Nitro's registration with the credentials as they are now, so that rotated credentials are used without
 * a restart. Called once per token request.
 * <p>
 * Values come from the {@link Environment}, where a secret store may replace them. A value that comes from a
 * Kubernetes-style secret mount ({@code spring.config.import=configtree:…}) is read from its file again, since
 * Spring Boot reads such files only once. If a value has gone missing or blank, or its file cannot be read, the last
 * good value is kept and a warning names the property (never its value).
 */
final class EnvironmentNitroRegistration implements Supplier<ClientRegistration> {

	private static final Log logger = LogFactory.getLog(EnvironmentNitroRegistration.class);

	private static final String CLIENT_ID = "nitro.client-id";

	private static final String CLIENT_SECRET = "nitro.client-secret";

	private final Environment environment;

	private final String tokenUri;

	private volatile ClientRegistration current;

	EnvironmentNitroRegistration(Environment environment, NitroProperties properties) {
		this.environment = environment;
		this.tokenUri = properties.getTokenUri();
		this.current = NitroClientRegistration.create(Objects.requireNonNull(properties.getClientId()),
				Objects.requireNonNull(properties.getClientSecret()), this.tokenUri);
	}

	@Override
	public ClientRegistration get() {
		ClientRegistration previous = this.current;
		String clientId = currentValue(CLIENT_ID, previous.getClientId());
		String clientSecret = currentValue(CLIENT_SECRET, Objects.requireNonNull(previous.getClientSecret()));
		if (!clientId.equals(previous.getClientId()) || !clientSecret.equals(previous.getClientSecret())) {
			logger.info("Nitro credentials changed since the last token request: using the new ones");
			this.current = NitroClientRegistration.create(clientId, clientSecret, this.tokenUri);
		}
		return this.current;
	}

	private String currentValue(String name, String previous) {
		String value;
		try {
			value = read(name);
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Could not read '" + name + "' again (" + ex.getClass().getSimpleName()
					+ "): keeping the value read before");
			return previous;
		}
		if (value == null || value.isBlank()) {
			logger.warn("'" + name + "' is no longer set or is blank: keeping the value read before");
			return previous;
		}
		return value.strip();
	}

	private @Nullable String read(String name) throws IOException {
		ConfigurationPropertyName key = ConfigurationPropertyName.of(name);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			ConfigurationProperty property = source.getConfigurationProperty(key);
			if (property != null) {
				Resource file = secretMountFile(source, property);
				return (file != null) ? Files.readString(file.getFile().toPath())
						: String.valueOf(property.getValue());
			}
		}
		return null;
	}

	private static @Nullable Resource secretMountFile(ConfigurationPropertySource source,
			ConfigurationProperty property) {
		if (!(source.getUnderlyingSource() instanceof ConfigTreePropertySource)) {
			return null;
		}
		Origin origin = property.getOrigin();
		if (origin instanceof PropertySourceOrigin propertySourceOrigin) {
			origin = propertySourceOrigin.getOrigin();
		}
		if (origin instanceof TextResourceOrigin textOrigin && textOrigin.getResource() != null
				&& textOrigin.getResource().isFile()) {
			return textOrigin.getResource();
		}
		return null;
	}

}
