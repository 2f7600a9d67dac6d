/**
 * Spring Boot health support for Nitro.
 */
@NullMarked
package com.gonitro.spring.boot.health;

import org.jspecify.annotations.NullMarked;
