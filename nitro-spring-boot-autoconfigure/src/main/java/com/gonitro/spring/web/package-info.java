/**
 * {@link org.springframework.web.reactive.function.client.WebClient} support for calling Nitro.
 */
@NullMarked
package com.gonitro.spring.web;

import org.jspecify.annotations.NullMarked;
