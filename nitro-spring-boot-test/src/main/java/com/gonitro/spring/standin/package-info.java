/**
 * An in-process stand-in for Nitro: its token endpoint, the Sign API and PDF Services, stateful and faithful to
 * Nitro's published OpenAPI descriptions, with hooks for tests (sign an envelope, revoke tokens, throttle, slow down).
 * Start it with {@link com.gonitro.spring.standin.NitroStandIn#start()}, or with
 * {@link com.gonitro.spring.standin.EnableNitroStandIn @EnableNitroStandIn} on a test class.
 */
@NullMarked
package com.gonitro.spring.standin;

import org.jspecify.annotations.NullMarked;
