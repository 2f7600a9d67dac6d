/**
 * Nitro Sign webhooks, received as Spring application events: {@link com.gonitro.spring.webhook.NitroWebhookHandler}
 * verifies a delivery ({@link com.gonitro.spring.webhook.NitroWebhookVerifier}), reads it, sets duplicates aside
 * ({@link com.gonitro.spring.webhook.NitroWebhookDeduplicationStore}) and publishes a
 * {@link com.gonitro.spring.webhook.NitroWebhookEvent}; a servlet filter and a WebFlux filter adapt it to each web
 * stack.
 */
@NullMarked
package com.gonitro.spring.webhook;

import org.jspecify.annotations.NullMarked;
