package com.gonitro.spring.boot.autoconfigure;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.core.type.MethodMetadata;
import org.springframework.util.Assert;

/**
 * The condition behind {@link ConditionalOnMissingNitroBean}.
 */
class OnMissingNitroBeanCondition extends SpringBootCondition implements ConfigurationCondition {

	@Override
	public ConfigurationPhase getConfigurationPhase() {
		return ConfigurationPhase.REGISTER_BEAN;
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, @Nullable Object> attributes = metadata
			.getAnnotationAttributes(ConditionalOnMissingNitroBean.class.getName());
		Assert.state(attributes != null, "No @ConditionalOnMissingNitroBean found");
		String name = (String) attributes.get("value");
		Assert.state(name != null, "No bean name in @ConditionalOnMissingNitroBean");
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnMissingNitroBean.class, name);
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		Assert.state(beanFactory != null, "No bean factory to look for beans in");
		if (beanFactory.containsBean(name)) {
			return ConditionOutcome.noMatch(message.foundExactly("bean named '" + name + "'"));
		}
		for (String beanName : beanFactory.getBeanDefinitionNames()) {
			if (isQualifiedWith(beanFactory.getBeanDefinition(beanName), name)) {
				return ConditionOutcome.noMatch(message.foundExactly("bean '" + beanName + "' qualified '" + name + "'"));
			}
		}
		return ConditionOutcome.match(message.didNotFind("bean named or qualified").items(name));
	}

	private static boolean isQualifiedWith(BeanDefinition definition, String qualifier) {
		if (definition instanceof AbstractBeanDefinition abstractDefinition) {
			AutowireCandidateQualifier declared = abstractDefinition.getQualifier(Qualifier.class.getName());
			if (declared != null && qualifier.equals(declared.getAttribute(AutowireCandidateQualifier.VALUE_KEY))) {
				return true;
			}
		}
		if (definition instanceof AnnotatedBeanDefinition annotated) {
			MethodMetadata factoryMethod = annotated.getFactoryMethodMetadata();
			AnnotatedTypeMetadata source = (factoryMethod != null) ? factoryMethod : annotated.getMetadata();
			Map<String, @Nullable Object> attributes = source.getAnnotationAttributes(Qualifier.class.getName());
			return attributes != null && qualifier.equals(attributes.get("value"));
		}
		return false;
	}

}
