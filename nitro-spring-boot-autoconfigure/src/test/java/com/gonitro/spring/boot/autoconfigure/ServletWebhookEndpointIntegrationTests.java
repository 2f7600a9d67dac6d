package com.gonitro.spring.boot.autoconfigure;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The webhook endpoint in a servlet application (Tomcat, Spring MVC, Spring Security's defaults).
 */
@SpringBootTest(classes = WebhookEndpointIntegrationTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=servlet")
class ServletWebhookEndpointIntegrationTests extends WebhookEndpointIntegrationTests {

}
