package com.gonitro.spring.standin;

import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.TestExecutionListener;

/**
 * Before each test method of an {@link EnableNitroStandIn @EnableNitroStandIn} test whose application runs a web
 * server and sets {@code nitro.webhooks.enabled=true}, points the shared stand-in's webhooks at that application
 * (again: the stand-in is reset after each test, and a cached application context starts its server only once). A
 * URL the test sets itself, in a {@code @BeforeEach} method, wins.
 */
class StandInWebhookTestExecutionListener implements TestExecutionListener {

	@Override
	public void beforeTestMethod(TestContext testContext) {
		if (TestContextAnnotationUtils.hasAnnotation(testContext.getTestClass(), EnableNitroStandIn.class)
				&& testContext.hasApplicationContext()) {
			ApplicationContext context = testContext.getApplicationContext();
			if (context.containsBean("nitroStandIn")) {
				StandInWebhookTarget.point(context, context.getBean("nitroStandIn", NitroStandIn.class));
			}
		}
	}

}
