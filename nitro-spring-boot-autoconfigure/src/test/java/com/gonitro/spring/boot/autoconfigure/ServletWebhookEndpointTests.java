package com.gonitro.spring.boot.autoconfigure;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The webhook endpoint in a servlet application (Tomcat, Spring MVC, Spring Security's defaults).
 */
@SpringBootTest(classes = WebhookEndpointTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=servlet")
class ServletWebhookEndpointTests extends WebhookEndpointTests {

}
