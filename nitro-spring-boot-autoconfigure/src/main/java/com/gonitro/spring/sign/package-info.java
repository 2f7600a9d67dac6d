/**
 * Typed clients for Nitro Sign: {@link com.gonitro.spring.sign.ReactiveNitroSignClient} and its blocking twin {@link com.gonitro.spring.sign.NitroSignClient}.
 */
@NullMarked
package com.gonitro.spring.sign;

import org.jspecify.annotations.NullMarked;
