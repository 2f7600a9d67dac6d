package com.gonitro.spring.boot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;

/**
 * Keeps the {@code OAuth2AuthorizedClientManager} that Spring Security registers for the application's own
 * registrations when Nitro's managers are present.
 * <p>
 * Spring Security's {@code OAuth2ClientConfiguration} (and its reactive twin) registers a default manager only
 * when no manager bean exists at all, counting even beans that are not default candidates, such as Nitro's. With
 * Nitro's managers present the application would silently lose the manager it injects by type. This post-processor
 * hides Nitro's (non-default-candidate) manager definitions while it runs Spring Security's own registrar once
 * more, so the decision is Spring Security's, taken as if Nitro were absent. Whichever of the two runs first,
 * the result is the same: the registrar skips when a manager is already registered.
 */
final class SecurityDefaultManagerPostProcessor implements BeanDefinitionRegistryPostProcessor {

	/** The bean name of Spring Security's (servlet or reactive) default-manager registrar. */
	static final String SECURITY_REGISTRAR = "authorizedClientManagerRegistrar";

	private final Set<String> nitroManagerNames;

	SecurityDefaultManagerPostProcessor(Set<String> nitroManagerNames) {
		this.nitroManagerNames = nitroManagerNames;
	}

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) throws BeansException {
		if (!registry.containsBeanDefinition(SECURITY_REGISTRAR)
				|| !(registry instanceof ListableBeanFactory beanFactory)) {
			return;
		}
		Map<String, BeanDefinition> hidden = new LinkedHashMap<>();
		for (String name : this.nitroManagerNames) {
			if (registry.containsBeanDefinition(name) && isNonDefaultCandidate(registry.getBeanDefinition(name))) {
				hidden.put(name, registry.getBeanDefinition(name));
				registry.removeBeanDefinition(name);
			}
		}
		if (hidden.isEmpty()) {
			return;
		}
		try {
			beanFactory.getBean(SECURITY_REGISTRAR, BeanDefinitionRegistryPostProcessor.class)
				.postProcessBeanDefinitionRegistry(registry);
		}
		finally {
			hidden.forEach(registry::registerBeanDefinition);
		}
	}

	private static boolean isNonDefaultCandidate(BeanDefinition definition) {
		return definition instanceof AbstractBeanDefinition abstractDefinition && !abstractDefinition.isDefaultCandidate();
	}

}
