package com.gonitro.spring.boot.autoconfigure;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The webhook endpoint in a reactive application (Reactor Netty, WebFlux, Spring Security's defaults).
 */
@SpringBootTest(classes = WebhookEndpointIntegrationTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=reactive")
class ReactiveWebhookEndpointIntegrationTests extends WebhookEndpointIntegrationTests {

}
