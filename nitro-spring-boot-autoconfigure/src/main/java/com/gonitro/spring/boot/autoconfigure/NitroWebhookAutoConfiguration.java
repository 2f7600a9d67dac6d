package com.gonitro.spring.boot.autoconfigure;

import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.server.WebFilter;

import com.gonitro.spring.boot.autoconfigure.InvalidNitroPropertiesException.Problem;
import com.gonitro.spring.webhook.HttpMessageSignatureVerifier;
import com.gonitro.spring.webhook.InMemoryNitroWebhookDeduplicationStore;
import com.gonitro.spring.webhook.JdbcNitroWebhookDeduplicationStore;
import com.gonitro.spring.webhook.NitroWebhookDeduplicationStore;
import com.gonitro.spring.webhook.NitroWebhookHandler;
import com.gonitro.spring.webhook.NitroWebhookServletFilter;
import com.gonitro.spring.webhook.NitroWebhookVerifier;
import com.gonitro.spring.webhook.NitroWebhookWebFilter;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for receiving Nitro Sign
 * webhooks, when {@code nitro.webhooks.enabled=true} in a servlet or reactive web application. It exposes the
 * {@link NitroWebhookVerifier} ({@code nitroWebhookVerifier}, an {@link HttpMessageSignatureVerifier} keyed with the
 * top-level application's credentials as the environment holds them now), the
 * {@link NitroWebhookDeduplicationStore} ({@code nitroWebhookDeduplicationStore}: in memory, or in a table of the
 * application's {@code DataSource} with {@code nitro.webhooks.deduplication.store=jdbc}), the
 * {@link NitroWebhookHandler} ({@code nitroWebhookHandler}), and the filter that serves {@code nitro.webhooks.path}:
 * {@code nitroWebhookFilterRegistration} in a servlet application, {@code nitroWebhookWebFilter} in a reactive one.
 * Each backs off when the application defines its own.
 * <p>
 * The filter runs just ahead of Spring Security's, so Nitro reaches the endpoint without a login or a CSRF token (the
 * delivery's signature authenticates it) while every other path stays exactly as the application's security
 * configuration has it. Defining a {@code SecurityFilterChain} for the path instead would make Spring Boot's default
 * chain back off (and, in a reactive application, Spring Security's own default), leaving the application
 * unprotected.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = NitroAutoConfiguration.class)
@ConditionalOnBooleanProperty("nitro.webhooks.enabled")
@ConditionalOnNitroCredentials
@ConditionalOnWebApplication
@ConditionalOnClass(JsonMapper.class)
@EnableConfigurationProperties({ NitroProperties.class, NitroWebhookProperties.class })
public final class NitroWebhookAutoConfiguration {

	/** The order of Spring Security's servlet filter unless {@code spring.security.filter.order} changes it. */
	static final int SECURITY_FILTER_ORDER = -100;

	/** The order of Spring Security's {@code WebFilterChainProxy}. */
	static final int SECURITY_WEB_FILTER_ORDER = -100;

	@Bean
	@ConditionalOnMissingBean
	NitroWebhookVerifier nitroWebhookVerifier(NitroProperties properties, NitroWebhookProperties webhookProperties,
			ConfigurableEnvironment environment) {
		if (!properties.hasDefaultApplication()) {
			throw new InvalidNitroPropertiesException(List.of(new Problem("nitro.webhooks.enabled",
					"'nitro.webhooks.enabled' is true, but only the top-level Nitro application receives webhooks, "
							+ "and 'nitro.client-id' and 'nitro.client-secret' are not set.",
					"Set nitro.client-id and nitro.client-secret to the application whose webhook URL is registered "
							+ "in the Nitro Admin Portal, or set nitro.webhooks.enabled=false.")));
		}
		HttpMessageSignatureVerifier verifier = new HttpMessageSignatureVerifier(new EnvironmentNitroCredentials(
				environment, "nitro", Objects.requireNonNull(properties.getClientId()),
				Objects.requireNonNull(properties.getClientSecret())));
		verifier.setTolerance(webhookProperties.getTimestampTolerance());
		verifier.setPreviousSecretGracePeriod(webhookProperties.getPreviousSecretGracePeriod());
		return verifier;
	}

	@Bean
	@ConditionalOnMissingBean
	NitroWebhookHandler nitroWebhookHandler(NitroWebhookVerifier verifier,
			NitroWebhookDeduplicationStore deduplicationStore, ApplicationEventPublisher publisher,
			NitroWebhookProperties properties) {
		NitroWebhookHandler handler = new NitroWebhookHandler(verifier, deduplicationStore, publisher);
		handler.setMaxBodySize(Math.toIntExact(properties.getMaxBodySize().toBytes()));
		return handler;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "nitro.webhooks.deduplication.store", havingValue = "memory", matchIfMissing = true)
	static class InMemoryDeduplicationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		NitroWebhookDeduplicationStore nitroWebhookDeduplicationStore(NitroWebhookProperties properties) {
			InMemoryNitroWebhookDeduplicationStore store = new InMemoryNitroWebhookDeduplicationStore();
			store.setTimeToLive(properties.getDeduplication().getTimeToLive());
			store.setMaxSize(properties.getDeduplication().getMaxSize());
			return store;
		}

	}

	/**
	 * Shares deduplication across replicas through the application's {@code DataSource}. Without one, start-up fails
	 * and says so: falling back to memory would publish an event once per replica.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "nitro.webhooks.deduplication.store", havingValue = "jdbc")
	@ConditionalOnClass(JdbcTemplate.class)
	static class JdbcDeduplicationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		NitroWebhookDeduplicationStore nitroWebhookDeduplicationStore(DataSource dataSource,
				NitroWebhookProperties properties) {
			NitroWebhookProperties.Jdbc jdbc = properties.getDeduplication().getJdbc();
			if (!JdbcNitroWebhookDeduplicationStore.isValidTableName(jdbc.getTableName())) {
				throw new InvalidNitroPropertiesException(
						List.of(NitroWebhookProperties.invalidTableName(jdbc.getTableName())));
			}
			JdbcNitroWebhookDeduplicationStore store = new JdbcNitroWebhookDeduplicationStore(
					new JdbcTemplate(dataSource), jdbc.getTableName());
			store.setTimeToLive(properties.getDeduplication().getTimeToLive());
			if (jdbc.isInitializeSchema()) {
				store.createTableIfMissing();
			}
			return store;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass({ Filter.class, FilterRegistrationBean.class })
	static class ServletConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "nitroWebhookFilterRegistration")
		FilterRegistrationBean<NitroWebhookServletFilter> nitroWebhookFilterRegistration(NitroWebhookHandler handler,
				NitroWebhookProperties properties, Environment environment) {
			FilterRegistrationBean<NitroWebhookServletFilter> registration = new FilterRegistrationBean<>(
					new NitroWebhookServletFilter(handler, properties.getPath()));
			registration.addUrlPatterns(properties.getPath());
			registration.setDispatcherTypes(DispatcherType.REQUEST);
			int securityOrder = environment.getProperty("spring.security.filter.order", Integer.class,
					SECURITY_FILTER_ORDER);
			registration.setOrder((securityOrder == Integer.MIN_VALUE) ? securityOrder : securityOrder - 1);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(WebFilter.class)
	static class ReactiveConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@Order(SECURITY_WEB_FILTER_ORDER - 1)
		NitroWebhookWebFilter nitroWebhookWebFilter(NitroWebhookHandler handler, NitroWebhookProperties properties) {
			return new NitroWebhookWebFilter(handler, properties.getPath());
		}

	}

}
