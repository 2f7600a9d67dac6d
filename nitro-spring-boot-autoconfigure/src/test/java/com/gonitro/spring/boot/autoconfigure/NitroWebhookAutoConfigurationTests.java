package com.gonitro.spring.boot.autoconfigure;

import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import com.gonitro.spring.webhook.HttpMessageSignatureVerifier;
import com.gonitro.spring.webhook.InMemoryNitroWebhookDeduplicationStore;
import com.gonitro.spring.webhook.JdbcNitroWebhookDeduplicationStore;
import com.gonitro.spring.webhook.NitroWebhookDeduplicationStore;
import com.gonitro.spring.webhook.NitroWebhookHandler;
import com.gonitro.spring.webhook.NitroWebhookServletFilter;
import com.gonitro.spring.webhook.NitroWebhookVerificationException;
import com.gonitro.spring.webhook.NitroWebhookVerifier;
import com.gonitro.spring.webhook.NitroWebhookWebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every condition and back-off of {@link NitroWebhookAutoConfiguration}.
 */
class NitroWebhookAutoConfigurationTests {

	private static final String[] ENABLED = { "nitro.client-id=id", "nitro.client-secret=secret",
			"nitro.webhooks.enabled=true" };

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(NitroAutoConfiguration.class,
			NitroWebhookAutoConfiguration.class, WebClientAutoConfiguration.class);

	private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS);

	private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS);

	@Test
	void offUnlessEnabled() {
		this.servlet.withPropertyValues("nitro.client-id=id", "nitro.client-secret=secret").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(NitroWebhookHandler.class);
			assertThat(context).doesNotHaveBean(NitroWebhookProperties.class);
			assertThat(context).doesNotHaveBean("nitroWebhookFilterRegistration");
		});
	}

	@Test
	void offWithoutNitroCredentialsOrWhenNitroIsDisabled() {
		this.servlet.withPropertyValues("nitro.webhooks.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(NitroWebhookHandler.class));
		this.servlet.withPropertyValues(ENABLED)
			.withPropertyValues("nitro.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(NitroWebhookHandler.class));
	}

	@Test
	void offInAnApplicationThatServesNoHttp() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues(ENABLED)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(NitroWebhookHandler.class));
	}

	@Test
	void servletApplicationGetsTheFilterJustAheadOfSpringSecurity() {
		this.servlet.withPropertyValues(ENABLED).run((context) -> {
			assertThat(context).getBean("nitroWebhookVerifier").isInstanceOf(HttpMessageSignatureVerifier.class);
			assertThat(context).getBean("nitroWebhookDeduplicationStore")
				.isInstanceOf(InMemoryNitroWebhookDeduplicationStore.class);
			assertThat(context).hasSingleBean(NitroWebhookHandler.class);
			assertThat(context).doesNotHaveBean(NitroWebhookWebFilter.class);
			FilterRegistrationBean<?> registration = context.getBean("nitroWebhookFilterRegistration",
					FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(NitroWebhookServletFilter.class);
			assertThat(registration.getUrlPatterns()).containsExactly("/nitro/webhooks");
			assertThat(registration.getOrder()).isEqualTo(-101);
		});
	}

	@Test
	void servletFilterFollowsAMovedSpringSecurityFilter() {
		this.servlet.withPropertyValues(ENABLED)
			.withPropertyValues("spring.security.filter.order=-50", "nitro.webhooks.path=/hooks/nitro")
			.run((context) -> {
				FilterRegistrationBean<?> registration = context.getBean("nitroWebhookFilterRegistration",
						FilterRegistrationBean.class);
				assertThat(registration.getOrder()).isEqualTo(-51);
				assertThat(registration.getUrlPatterns()).containsExactly("/hooks/nitro");
			});
	}

	@Test
	void reactiveApplicationGetsTheWebFilter() {
		this.reactive.withPropertyValues(ENABLED).run((context) -> {
			assertThat(context).hasSingleBean(NitroWebhookWebFilter.class);
			assertThat(context).hasSingleBean(NitroWebhookHandler.class);
			assertThat(context).doesNotHaveBean("nitroWebhookFilterRegistration");
		});
	}

	@Test
	void applicationsOwnBeansReplaceTheStartersOne() {
		this.servlet.withPropertyValues(ENABLED).withUserConfiguration(OwnBeans.class).run((context) -> {
			assertThat(context).getBean(NitroWebhookVerifier.class).isSameAs(context.getBean("ownVerifier"));
			assertThat(context).getBean(NitroWebhookDeduplicationStore.class).isSameAs(context.getBean("ownStore"));
			assertThat(context).hasSingleBean(NitroWebhookHandler.class);
		});
	}

	@Test
	void jdbcStoreUsesTheApplicationsDataSourceAndCreatesTheTableWhenAsked() {
		this.servlet.withPropertyValues(ENABLED)
			.withPropertyValues("nitro.webhooks.deduplication.store=jdbc",
					"nitro.webhooks.deduplication.jdbc.initialize-schema=true")
			.withUserConfiguration(Database.class)
			.run((context) -> {
				assertThat(context).getBean(NitroWebhookDeduplicationStore.class)
					.isInstanceOf(JdbcNitroWebhookDeduplicationStore.class);
				assertThat(new JdbcTemplate(context.getBean(DataSource.class))
					.queryForObject("SELECT COUNT(*) FROM nitro_webhook_events", Long.class)).isZero();
			});
	}

	@Test
	void jdbcStoreWithoutADataSourceFailsRatherThanFallingBackToMemory() {
		this.servlet.withPropertyValues(ENABLED)
			.withPropertyValues("nitro.webhooks.deduplication.store=jdbc")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("javax.sql.DataSource"));
	}

	@Test
	void jdbcStoreWithoutSpringJdbcFailsRatherThanFallingBackToMemory() {
		this.servlet.withPropertyValues(ENABLED)
			.withPropertyValues("nitro.webhooks.deduplication.store=jdbc")
			.withClassLoader(new FilteredClassLoader(JdbcTemplate.class))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining(NitroWebhookDeduplicationStore.class.getName()));
	}

	@Test
	void invalidPropertiesFailAtStartUpNamingEachProperty() {
		this.servlet.withPropertyValues(ENABLED)
			.withPropertyValues("nitro.webhooks.path=nitro webhooks", "nitro.webhooks.max-body-size=0B",
					"nitro.webhooks.timestamp-tolerance=0s", "nitro.webhooks.deduplication.max-size=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidNitroPropertiesException.class)
				.hasMessageContaining("'nitro.webhooks.path'")
				.hasMessageContaining("'nitro.webhooks.max-body-size'")
				.hasMessageContaining("'nitro.webhooks.timestamp-tolerance'")
				.hasMessageContaining("'nitro.webhooks.deduplication.max-size'"));
	}

	@Test
	void tableNameThatIsNotANameFailsAtStartUp() {
		this.servlet.withPropertyValues(ENABLED)
			.withPropertyValues("nitro.webhooks.deduplication.store=jdbc",
					"nitro.webhooks.deduplication.jdbc.table-name=events;drop")
			.withUserConfiguration(Database.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidNitroPropertiesException.class)
				.hasMessageContaining("'nitro.webhooks.deduplication.jdbc.table-name'"));
	}

	@Test
	void webhooksWithOnlyNamedApplicationsFailAtStartUp() {
		this.servlet.withPropertyValues("nitro.applications.billing.client-id=id",
				"nitro.applications.billing.client-secret=secret", "nitro.webhooks.enabled=true")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidNitroPropertiesException.class)
				.hasMessageContaining("only the top-level Nitro application receives webhooks"));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnBeans {

		@Bean
		NitroWebhookVerifier ownVerifier() {
			return (request) -> {
				throw new NitroWebhookVerificationException("never");
			};
		}

		@Bean
		NitroWebhookDeduplicationStore ownStore() {
			return new InMemoryNitroWebhookDeduplicationStore();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Database {

		@Bean
		DataSource dataSource() {
			return new SimpleDriverDataSource(new org.h2.Driver(),
					"jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		}

	}

}
