package com.gonitro.spring.boot.autoconfigure;

import org.junit.jupiter.api.Nested;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@link WebhookSecurityIntegrationTests} in a servlet application: with Spring Boot's default security (with Actuator, as here,
 * its management chain: form login and HTTP Basic, CSRF on), and with a {@link SecurityFilterChain} of the
 * application's own.
 */
class ServletWebhookSecurityIntegrationTests {

	@Nested
	class BootsDefaultSecurity extends WebhookSecurityIntegrationTests {

		@Override
		Class<?> application() {
			return DefaultSecurityApp.class;
		}

		@Override
		WebApplicationType webApplicationType() {
			return WebApplicationType.SERVLET;
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
			return WebApplicationType.SERVLET;
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
		SecurityFilterChain securityFilterChain(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.requestMatchers("/public/**")
				.permitAll()
				.anyRequest()
				.authenticated());
			http.httpBasic(Customizer.withDefaults());
			return http.build();
		}

	}

}
