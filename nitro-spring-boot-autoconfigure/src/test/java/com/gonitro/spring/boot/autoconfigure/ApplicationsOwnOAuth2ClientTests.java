package com.gonitro.spring.boot.autoconfigure;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.DependencyDescriptor;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.DefaultReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with its own Spring Security OAuth2 client registrations keeps exactly the beans it had before
 * the starter: same names, same types, same bean injected by type, including the authorized-client manager that
 * Spring Security registers only when no other manager exists.
 */
class ApplicationsOwnOAuth2ClientTests {

	private static final String[] OWN_REGISTRATION = {
			"spring.security.oauth2.client.registration.other.client-id=other-id",
			"spring.security.oauth2.client.registration.other.client-secret=other-secret",
			"spring.security.oauth2.client.registration.other.authorization-grant-type=client_credentials",
			"spring.security.oauth2.client.registration.other.provider=other",
			"spring.security.oauth2.client.provider.other.token-uri=https://auth.example.org/token" };

	private static final String[] NITRO = { "nitro.client-id=id", "nitro.client-secret=secret" };

	private static final Class<?>[] SERVLET_TYPES = { ClientRegistrationRepository.class,
			OAuth2AuthorizedClientService.class, OAuth2AuthorizedClientRepository.class,
			OAuth2AuthorizedClientManager.class };

	private static final Class<?>[] REACTIVE_TYPES = { ReactiveClientRegistrationRepository.class,
			ReactiveOAuth2AuthorizedClientService.class, ServerOAuth2AuthorizedClientRepository.class,
			ReactiveOAuth2AuthorizedClientManager.class };

	@Test
	void servletApplicationKeepsItsOAuth2ClientBeans() {
		WebApplicationContextRunner runner = new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SecurityAutoConfiguration.class,
					ServletWebSecurityAutoConfiguration.class, OAuth2ClientAutoConfiguration.class,
					OAuth2ClientWebSecurityAutoConfiguration.class, WebClientAutoConfiguration.class,
					NitroAutoConfiguration.class))
			.withPropertyValues(OWN_REGISTRATION);
		assertOwnBeansUnchanged((properties, check) -> runner.withPropertyValues(properties).run(check::accept),
				SERVLET_TYPES, OAuth2AuthorizedClientManager.class, (context) -> {
					assertThat(context.containsBean("nitroAuthorizedClientManager")).isTrue();
					assertThat(context.getBeanProvider(OAuth2AuthorizedClientManager.class).getIfAvailable())
						.isInstanceOf(DefaultOAuth2AuthorizedClientManager.class);
					InMemoryClientRegistrationRepository registrations = context
						.getBean(InMemoryClientRegistrationRepository.class);
					assertThat(registrations.findByRegistrationId("other")).isNotNull();
					assertThat(registrations.findByRegistrationId("nitro")).isNull();
				});
	}

	@Test
	void reactiveApplicationKeepsItsOAuth2ClientBeans() {
		ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ReactiveWebSecurityAutoConfiguration.class,
					ReactiveOAuth2ClientAutoConfiguration.class, ReactiveOAuth2ClientWebSecurityAutoConfiguration.class,
					WebClientAutoConfiguration.class, NitroAutoConfiguration.class))
			.withPropertyValues(OWN_REGISTRATION);
		assertOwnBeansUnchanged((properties, check) -> runner.withPropertyValues(properties).run(check::accept),
				REACTIVE_TYPES, ReactiveOAuth2AuthorizedClientManager.class, (context) -> {
					assertThat(context.containsBean("nitroReactiveAuthorizedClientManager")).isTrue();
					assertThat(context.getBeanProvider(ReactiveOAuth2AuthorizedClientManager.class).getIfAvailable())
						.isInstanceOf(DefaultReactiveOAuth2AuthorizedClientManager.class);
					assertThat(context.getBean(InMemoryReactiveClientRegistrationRepository.class)
						.findByRegistrationId("nitro")
						.block()).isNull();
				});
	}

	@Test
	void nonWebApplicationKeepsItsOAuth2ClientBeans() {
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(OAuth2ClientAutoConfiguration.class,
					WebClientAutoConfiguration.class, NitroAutoConfiguration.class))
			.withPropertyValues(OWN_REGISTRATION);
		assertOwnBeansUnchanged((properties, check) -> runner.withPropertyValues(properties).run(check::accept),
				SERVLET_TYPES, OAuth2AuthorizedClientService.class,
				(context) -> assertThat(context.containsBean("nitroAuthorizedClientManager")).isTrue());
	}

	/**
	 * Runs the application without and with Nitro's credentials and asserts that its own beans of the given types
	 * are the same.
	 * @param run runs the application with extra properties
	 * @param types the types to compare
	 * @param expectedType a type the application must have a bean of, so the comparison is not vacuous
	 * @param withNitro more assertions on the application with Nitro
	 */
	private static void assertOwnBeansUnchanged(ApplicationRun run, Class<?>[] types, Class<?> expectedType,
			Consumer<ConfigurableApplicationContext> withNitro) {
		Map<String, List<String>> before = new LinkedHashMap<>();
		Map<String, List<String>> after = new LinkedHashMap<>();
		run.run(new String[0], (context) -> before.putAll(ownBeans(context, types)));
		run.run(NITRO, (context) -> {
			after.putAll(ownBeans(context, types));
			withNitro.accept(context);
		});
		assertThat(before.get(expectedType.getName())).hasSizeGreaterThan(1);
		assertThat(after).isEqualTo(before);
	}

	/**
	 * For each type: the default-candidate beans (name and class) and the class of the bean injected by type.
	 */
	private static Map<String, List<String>> ownBeans(ConfigurableApplicationContext context, Class<?>[] types) {
		assertThat(context.isActive()).as("context started").isTrue();
		Map<String, List<String>> beans = new LinkedHashMap<>();
		for (Class<?> type : types) {
			List<String> own = Arrays.stream(context.getBeanNamesForType(type))
				.filter((name) -> isDefaultCandidate(context.getBeanFactory().getBeanDefinition(name)))
				.map((name) -> name + ":" + context.getType(name).getName())
				.sorted()
				.collect(Collectors.toCollection(ArrayList::new));
			Object injected = injectedByType(context, type);
			own.add("injected-by-type:" + ((injected != null) ? injected.getClass().getName() : "none"));
			beans.put(type.getName(), own);
		}
		return beans;
	}

	/**
	 * What an {@code @Autowired(required = false)} field of the given type receives.
	 */
	private static @Nullable Object injectedByType(ConfigurableApplicationContext context, Class<?> type) {
		Field field = Arrays.stream(InjectionPoints.class.getDeclaredFields())
			.filter((candidate) -> candidate.getType() == type)
			.findFirst()
			.orElseThrow();
		return context.getBeanFactory().resolveDependency(new DependencyDescriptor(field, false), null);
	}

	private static boolean isDefaultCandidate(BeanDefinition definition) {
		return !(definition instanceof AbstractBeanDefinition abstractDefinition)
				|| abstractDefinition.isDefaultCandidate();
	}

	@SuppressWarnings("unused")
	static class InjectionPoints {

		ClientRegistrationRepository clientRegistrationRepository;

		OAuth2AuthorizedClientService authorizedClientService;

		OAuth2AuthorizedClientRepository authorizedClientRepository;

		OAuth2AuthorizedClientManager authorizedClientManager;

		ReactiveClientRegistrationRepository reactiveClientRegistrationRepository;

		ReactiveOAuth2AuthorizedClientService reactiveAuthorizedClientService;

		ServerOAuth2AuthorizedClientRepository serverAuthorizedClientRepository;

		ReactiveOAuth2AuthorizedClientManager reactiveAuthorizedClientManager;

	}

	@FunctionalInterface
	interface ApplicationRun {

		void run(String[] properties, Consumer<ConfigurableApplicationContext> check);

	}

}
