/**
 * Spring Boot auto-configuration for Nitro: wiring only, from {@code nitro.*} properties.
 */
@NullMarked
package com.gonitro.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
