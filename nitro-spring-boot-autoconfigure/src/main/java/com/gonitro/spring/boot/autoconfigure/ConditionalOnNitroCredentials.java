package com.gonitro.spring.boot.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when {@code nitro.client-id} or {@code nitro.client-secret} is set (even to a blank value, so that
 * {@link NitroProperties} can report what is missing) and {@code nitro.enabled} is not {@code false}.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(NitroCredentialsCondition.class)
public @interface ConditionalOnNitroCredentials {

}
