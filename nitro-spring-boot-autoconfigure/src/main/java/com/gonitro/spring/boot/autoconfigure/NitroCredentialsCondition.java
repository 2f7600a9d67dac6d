package com.gonitro.spring.boot.autoconfigure;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The condition behind {@link ConditionalOnNitroCredentials}. Reads relaxed names, so {@code NITRO_CLIENT_ID} and a
 * configtree file {@code nitro/client-id} count as well as {@code nitro.client-id}.
 */
class NitroCredentialsCondition extends SpringBootCondition {

	private static final ConfigurationPropertyName APPLICATIONS = ConfigurationPropertyName.of("nitro.applications");

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, @Nullable Object> attributes = metadata
			.getAnnotationAttributes(ConditionalOnNitroCredentials.class.getName());
		boolean topLevelOnly = attributes != null && Boolean.TRUE.equals(attributes.get("topLevel"));
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnNitroCredentials.class);
		Binder binder = Binder.get(context.getEnvironment());
		if (!binder.bind("nitro.enabled", Boolean.class).orElse(true)) {
			return ConditionOutcome.noMatch(message.because("nitro.enabled is false"));
		}
		boolean clientId = binder.bind("nitro.client-id", String.class).isBound();
		boolean clientSecret = binder.bind("nitro.client-secret", String.class).isBound();
		if (clientId || clientSecret) {
			return ConditionOutcome
				.match(message.found("property").items(clientId ? "nitro.client-id" : "nitro.client-secret"));
		}
		if (!topLevelOnly && hasApplications(context)) {
			return ConditionOutcome.match(message.found("property").items("nitro.applications"));
		}
		return ConditionOutcome.noMatch(message.didNotFind("property", "properties")
			.items(topLevelOnly ? new Object[] { "nitro.client-id", "nitro.client-secret" }
					: new Object[] { "nitro.client-id", "nitro.client-secret", "nitro.applications" }));
	}

	private static boolean hasApplications(ConditionContext context) {
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(context.getEnvironment())) {
			if (source.containsDescendantOf(APPLICATIONS) == ConfigurationPropertyState.PRESENT) {
				return true;
			}
		}
		return false;
	}

}
