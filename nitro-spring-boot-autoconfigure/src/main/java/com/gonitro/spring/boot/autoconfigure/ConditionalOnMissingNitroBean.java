package com.gonitro.spring.boot.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when the application defines no bean with the given name and no bean qualified with it
 * ({@code @Qualifier("<name>")}), so that a user's own {@code nitroWebClient}, however declared, replaces the
 * starter's.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnMissingNitroBeanCondition.class)
@interface ConditionalOnMissingNitroBean {

	/**
	 * The bean name, which is also the qualifier users inject it with.
	 * @return the name
	 */
	String value();

}
