package com.gonitro.spring.boot.autoconfigure;

import org.junit.jupiter.api.Nested;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * {@link WebhookSecurityIntegrationTests} in a WebFlux application: with the default security that Spring Boot switches on
 * (with Actuator, as here, its management chain: form login and HTTP Basic, CSRF on), and with a
 * {@link SecurityWebFilterChain} of the application's own.
 */
class ReactiveWebhookSecurityIntegrationTests {

	@Nested
	class BootsDefaultSecurity extends WebhookSecurityIntegrationTests {

		@Override
		Class<?> application() {
			return DefaultSecurityApp.class;
		}

		@Override
		WebApplicationType webApplicationType() {
			return WebApplicationType.REACTIVE;
		}

	}

	@Nested
	class ApplicationsOwnSecurity extends WebhookSecurityIntegrationTests {

		@Override
		Class<?> application() {
			return OwnSecurityApp.class;
		}

		@Override
		WebApplicationType webApplicationType() {
			return WebApplicationType.REACTIVE;
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ WebhookSecurityIntegrationTests.Endpoints.class, WebhookEndpointIntegrationTests.Listener.class })
	static class DefaultSecurityApp {

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ WebhookSecurityIntegrationTests.Endpoints.class, WebhookEndpointIntegrationTests.Listener.class })
	static class OwnSecurityApp {

		@Bean
		SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
			http.authorizeExchange((exchanges) -> exchanges.pathMatchers("/public/**")
				.permitAll()
				.anyExchange()
				.authenticated());
			http.httpBasic(Customizer.withDefaults());
			return http.build();
		}

	}

}
