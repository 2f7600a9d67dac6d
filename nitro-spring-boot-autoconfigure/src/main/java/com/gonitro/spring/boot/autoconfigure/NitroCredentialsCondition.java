package com.gonitro.spring.boot.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The condition behind {@link ConditionalOnNitroCredentials}. Binds with relaxed names, so {@code NITRO_CLIENT_ID}
 * and a configtree file {@code nitro/client-id} count as well as {@code nitro.client-id}.
 */
class NitroCredentialsCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnNitroCredentials.class);
		Binder binder = Binder.get(context.getEnvironment());
		if (!binder.bind("nitro.enabled", Boolean.class).orElse(true)) {
			return ConditionOutcome.noMatch(message.because("nitro.enabled is false"));
		}
		boolean clientId = binder.bind("nitro.client-id", String.class).isBound();
		boolean clientSecret = binder.bind("nitro.client-secret", String.class).isBound();
		if (!clientId && !clientSecret) {
			return ConditionOutcome.noMatch(message.didNotFind("property", "properties").items("nitro.client-id",
					"nitro.client-secret"));
		}
		return ConditionOutcome
			.match(message.found("property").items(clientId ? "nitro.client-id" : "nitro.client-secret"));
	}

}
