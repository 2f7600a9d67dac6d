package com.gonitro.spring.standin;

import java.time.Duration;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationHook;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.Assert;

/**
 * Runs an application on a {@link NitroStandIn} when it asks for one with {@value #ENABLED_PROPERTY}{@code =true},
 * for development runs without a Nitro account. Without that property the hook does nothing.
 * <p>
 * Once the application's configuration is read (files, environment variables, command line), if the property is
 * {@code true}, a stand-in starts and {@code nitro.*} points at it, with a warning in the log. The stand-in stops
 * with the application, and is a bean ({@code nitroStandIn}). With {@code nitro.webhooks.enabled=true} it delivers
 * Nitro Sign webhooks to the application itself, at {@code nitro.webhooks.path} ({@code /nitro/webhooks} by default)
 * on the port its web server bound (see {@link NitroStandInWebhooks}).
 * <p>
 * Asking for the stand-in while configuring Nitro as well ({@code nitro.client-id} or {@code nitro.client-secret}
 * set anywhere, a named application under {@code nitro.applications}, or a token URI or base URL that overrides the
 * stand-in's) is a start-up failure naming the properties (never their values): the application would otherwise
 * send real credentials to the stand-in, or talk to Nitro while its developer believes it runs on the stand-in. The
 * check is made before the stand-in starts, and again once every property source is known (a {@code @PropertySource}
 * is read after the stand-in started), before any bean is created.
 * <p>
 * Use it from a launcher in test sources, run by {@code spring-boot:test-run}, so that the stand-in never reaches a
 * packaged application:
 * <pre>{@code
 * public static void main(String[] args) {
 *     SpringApplication.withHook(new NitroStandInHook(),
 *             () -> MyApplication.main(StringUtils.addStringToArray(args, "--nitro.stand-in.enabled=true")));
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class NitroStandInHook implements SpringApplicationHook {

	/**
	 * The property that switches the stand-in on: {@code true} to run on it. Set it like any property: on the
	 * command line ({@code --nitro.stand-in.enabled=true}), as the environment variable
	 * {@code NITRO_STANDIN_ENABLED=true}, or in a configuration file read before the application context (not a
	 * {@code @PropertySource}).
	 */
	public static final String ENABLED_PROPERTY = "nitro.stand-in.enabled";

	private static final Log logger = LogFactory.getLog(NitroStandInHook.class);

	private final Consumer<NitroStandInBuilder> customizer;

	/**
	 * Creates a hook that starts a stand-in with the default settings.
	 */
	public NitroStandInHook() {
		this((builder) -> {
		});
	}

	/**
	 * Creates a hook that starts a stand-in with settings of its own, such as
	 * {@link NitroStandInBuilder#signAutomaticallyAfter(Duration)}.
	 * @param customizer customizes the stand-in's builder
	 */
	public NitroStandInHook(Consumer<NitroStandInBuilder> customizer) {
		Assert.notNull(customizer, "'customizer' must not be null");
		this.customizer = customizer;
	}

	@Override
	public SpringApplicationRunListener getRunListener(SpringApplication springApplication) {
		return new StandInRunListener();
	}

	private final class StandInRunListener implements SpringApplicationRunListener {

		private @Nullable NitroStandIn standIn;

		private @Nullable NitroStandInPropertySource properties;

		@Override
		public void environmentPrepared(ConfigurableBootstrapContext bootstrapContext,
				ConfigurableEnvironment environment) {
			Binder binder = Binder.get(environment);
			if (!binder.bind(ENABLED_PROPERTY, Boolean.class).orElse(false)) {
				logger.info("The Nitro stand-in stays off: " + ENABLED_PROPERTY + " is not true");
				return;
			}
			if (!binder.bind("nitro.enabled", Boolean.class).orElse(true)) {
				logger.info("The Nitro stand-in stays off: nitro.enabled is false, so nothing would call it");
				return;
			}
			StandInConflicts.checkBeforeStart(environment);
			NitroStandInBuilder builder = NitroStandIn.builder();
			NitroStandInHook.this.customizer.accept(builder);
			NitroStandIn started = builder.start();
			this.standIn = started;
			this.properties = new NitroStandInPropertySource(started);
			environment.getPropertySources().addFirst(this.properties);
			logger.warn("Running on the Nitro stand-in at " + started.baseUrl() + " (" + ENABLED_PROPERTY + "=true). "
					+ "Nothing reaches Nitro and no one is asked to sign; sign an envelope with POST "
					+ started.baseUrl() + StandInControls.PATH + "/envelopes/{envelopeID}:sign. To talk to Nitro, "
					+ "remove " + ENABLED_PROPERTY + " and set NITRO_CLIENT_ID and NITRO_CLIENT_SECRET.");
		}

		@Override
		public void contextPrepared(ConfigurableApplicationContext context) {
			NitroStandIn started = this.standIn;
			NitroStandInPropertySource properties = this.properties;
			if (started != null && properties != null) {
				context.getBeanFactory().registerSingleton("nitroStandIn", started);
				context.addApplicationListener((ContextClosedEvent event) -> started.close());
				StandInWebhookTarget.register(context, started);
				// Runs after the configuration classes are parsed (their @PropertySource read), before any bean.
				context.addBeanFactoryPostProcessor((BeanFactoryPostProcessor) (beanFactory) -> StandInConflicts
					.checkRunning(context.getEnvironment(), properties));
			}
		}

		@Override
		public void started(ConfigurableApplicationContext context, Duration timeTaken) {
			if (this.properties != null) {
				StandInConflicts.checkRunning(context.getEnvironment(), this.properties);
			}
		}

		@Override
		public void failed(@Nullable ConfigurableApplicationContext context, Throwable exception) {
			if (this.standIn != null) {
				this.standIn.close();
			}
		}

	}

}
