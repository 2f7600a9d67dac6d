package com.gonitro.spring.test;

import java.util.HashMap;
import java.util.Map;

import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * A {@link StandardEnvironment} whose operating-system environment variables are the given ones instead of the JVM's
 * (which cannot be changed from inside the JVM). They are held as Spring holds {@code System.getenv()}: in a
 * {@link SystemEnvironmentPropertySource} named {@code systemEnvironment}, which Spring Boot then replaces with its
 * origin-tracking one over the same map; so relaxed names ({@code NITRO_CLIENT_SECRET} for
 * {@code nitro.client-secret}) and placeholders ({@code ${NITRO_CLIENT_SECRET}}) behave as they do for real
 * variables.
 */
public class EnvironmentWithVariables extends StandardEnvironment {

	/**
	 * An environment whose only environment variables are the given ones.
	 * @param variables the environment variables
	 */
	public EnvironmentWithVariables(Map<String, String> variables) {
		Map<String, Object> source = new HashMap<>(variables);
		getPropertySources().replace(SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				new SystemEnvironmentPropertySource(SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source));
	}

}
