package com.gonitro.spring.standin;

import java.net.URI;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Points a stand-in's webhooks at the application that runs on it, as a Nitro application's webhook URL points at
 * its receiver: when the application sets {@code nitro.webhooks.enabled=true}, events go to
 * {@code http://localhost:<port><context path><nitro.webhooks.path>} (path {@code /nitro/webhooks} by default), the
 * port being the one its web server bound, known once the server has started. Only the main server counts (not a
 * separate management server); an application without a web server gets nothing, and TLS is not used.
 * <p>
 * Spring Boot's web server module is optional: without it, nothing happens.
 */
final class StandInWebhookTarget implements ApplicationListener<WebServerInitializedEvent> {

	static final String ENABLED_PROPERTY = "nitro.webhooks.enabled";

	static final String PATH_PROPERTY = "nitro.webhooks.path";

	static final String DEFAULT_PATH = "/nitro/webhooks";

	private static final String WEB_SERVER_CONTEXT = "org.springframework.boot.web.server.context."
			+ "WebServerApplicationContext";

	private static final Log logger = LogFactory.getLog(StandInWebhookTarget.class);

	private final NitroStandIn standIn;

	private StandInWebhookTarget(NitroStandIn standIn) {
		this.standIn = standIn;
	}

	/** Points the stand-in at the application once its web server has started (development runs). */
	static void register(ConfigurableApplicationContext context, NitroStandIn standIn) {
		if (ClassUtils.isPresent(WEB_SERVER_CONTEXT, context.getClassLoader())) {
			context.addApplicationListener(new StandInWebhookTarget(standIn));
		}
		else if (context.getEnvironment().getProperty(ENABLED_PROPERTY, Boolean.class, false)) {
			logger.warn(ENABLED_PROPERTY + " is true but the application has no web server: the Nitro stand-in "
					+ "cannot deliver webhooks to it");
		}
	}

	/** Points the stand-in at an application whose web server runs already (a test's cached context). */
	static void point(ApplicationContext context, NitroStandIn standIn) {
		if (ClassUtils.isPresent(WEB_SERVER_CONTEXT, context.getClassLoader())
				&& context instanceof WebServerApplicationContext server) {
			URI url = url(server);
			if (url != null) {
				standIn.webhooks().deliverTo(url);
			}
		}
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		URI url = url(event.getApplicationContext());
		if (url != null) {
			this.standIn.webhooks().deliverTo(url);
			logger.info(
					"The Nitro stand-in delivers Nitro Sign webhooks to " + url + ", signed with its client secret");
		}
	}

	private static @Nullable URI url(WebServerApplicationContext context) {
		Environment environment = context.getEnvironment();
		WebServer server = context.getWebServer();
		if (context.getServerNamespace() != null || server == null || server.getPort() <= 0
				|| !environment.getProperty(ENABLED_PROPERTY, Boolean.class, false)) {
			return null;
		}
		String path = environment.getProperty(PATH_PROPERTY, DEFAULT_PATH);
		return URI.create("http://localhost:" + server.getPort() + contextPath(environment)
				+ (path.startsWith("/") ? path : "/" + path));
	}

	/** Where the application's endpoints start: a servlet context path or a WebFlux base path. */
	private static String contextPath(Environment environment) {
		String path = environment.getProperty("server.servlet.context-path",
				environment.getProperty("spring.webflux.base-path", ""));
		return StringUtils.trimTrailingCharacter(path, '/');
	}

}
