package com.gonitro.spring.boot.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.reactive.function.client.WebClient;

import com.gonitro.spring.NitroClients;
import com.gonitro.spring.NitroRestClientHttpServiceGroupConfigurer;
import com.gonitro.spring.NitroWebClientHttpServiceGroupConfigurer;
import com.gonitro.spring.micrometer.NitroMetrics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each {@code @ConditionalOnClass} of the auto-configurations, proven with a class loader that hides the class: the
 * starter backs off (or leaves out the one part that needs it) and the application still starts.
 */
class NitroClassConditionsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NitroAutoConfiguration.class, NitroMetricsAutoConfiguration.class,
				NitroHealthContributorAutoConfiguration.class, WebClientAutoConfiguration.class))
		.withPropertyValues("nitro.client-id=id", "nitro.client-secret=secret", "management.health.nitro.enabled=true");

	@ParameterizedTest
	@ValueSource(classes = { WebClient.class, ClientRegistration.class, JsonMapper.class,
			ClientHttpConnectorBuilder.class, WebClientCustomizer.class })
	void backsOffWithoutAClassItNeeds(Class<?> hidden) {
		this.contextRunner.withClassLoader(new FilteredClassLoader(hidden))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(NitroClients.class));
	}

	@Test
	void everythingIsThereWithEveryClass() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(NitroClients.class)
			.hasSingleBean(NitroRestClientHttpServiceGroupConfigurer.class)
			.hasSingleBean(NitroWebClientHttpServiceGroupConfigurer.class)
			.hasBean("nitroClientSecretSanitizingFunction")
			.hasSingleBean(NitroMetrics.class)
			.hasBean("nitroHealthContributor"));
	}

	@Test
	void withoutActuatorTheSecretNeedsNoSanitizingFunction() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
			.run((context) -> assertThat(context).hasSingleBean(NitroClients.class)
				.doesNotHaveBean("nitroClientSecretSanitizingFunction"));
	}

	@Test
	void withoutRestClientServiceGroupsOnlyTheWebClientGroupsAreConfigured() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RestClientHttpServiceGroupConfigurer.class))
			.run((context) -> assertThat(context).hasSingleBean(NitroClients.class)
				.doesNotHaveBean(NitroRestClientHttpServiceGroupConfigurer.class)
				.hasSingleBean(NitroWebClientHttpServiceGroupConfigurer.class));
	}

	@Test
	void withoutMicrometerThereAreNoMetersAndTheClientsStillWork() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasSingleBean(NitroClients.class).doesNotHaveBean(NitroMetrics.class));
	}

	@Test
	void withoutSpringBootHealthThereIsNoHealthContributor() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasSingleBean(NitroClients.class)
				.doesNotHaveBean("nitroHealthContributor"));
	}

}
