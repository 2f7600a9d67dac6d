package com.gonitro.spring.boot.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when Nitro credentials are configured and {@code nitro.enabled} is not {@code false}: the top-level
 * {@code nitro.client-id} or {@code nitro.client-secret} (even a blank value, so that {@link NitroProperties} can
 * report what is missing), or, unless {@link #topLevel()}, any application under {@code nitro.applications}.
 *
 * @since 0.1.0
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(NitroCredentialsCondition.class)
public @interface ConditionalOnNitroCredentials {

	/**
	 * Whether only the top-level application counts.
	 * @return {@code true} to match only when {@code nitro.client-id} or {@code nitro.client-secret} is set
	 */
	boolean topLevel() default false;

}
