package com.gonitro.spring.standin;

import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

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
 * Runs an application on a {@link NitroStandIn} when it has no Nitro credentials, for development runs without a
 * Nitro account. Once the application's configuration is read (files, environment variables, secrets), if neither
 * {@code nitro.client-id} nor {@code nitro.client-secret} is set, a stand-in starts and {@code nitro.*} points at it,
 * with a warning in the log; with credentials, nothing changes and the application talks to Nitro. The stand-in stops
 * with the application, and is a bean ({@code nitroStandIn}).
 * <p>
 * Use it from a launcher in test sources, run by {@code spring-boot:test-run}, so that the stand-in never reaches a
 * packaged application:
 * <pre>{@code
 * public static void main(String[] args) {
 *     SpringApplication.withHook(new NitroStandInHook(), () -> MyApplication.main(args));
 * }
 * }</pre>
 */
public final class NitroStandInHook implements SpringApplicationHook {

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
	 * {@link NitroStandInBuilder#signAutomaticallyAfter(java.time.Duration)}.
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

		@Override
		public void environmentPrepared(ConfigurableBootstrapContext bootstrapContext,
				ConfigurableEnvironment environment) {
			Binder binder = Binder.get(environment);
			boolean credentials = binder.bind("nitro.client-id", String.class).isBound()
					|| binder.bind("nitro.client-secret", String.class).isBound();
			if (credentials || !binder.bind("nitro.enabled", Boolean.class).orElse(true)) {
				return;
			}
			NitroStandInBuilder builder = NitroStandIn.builder();
			NitroStandInHook.this.customizer.accept(builder);
			NitroStandIn started = builder.start();
			this.standIn = started;
			environment.getPropertySources().addFirst(new NitroStandInPropertySource(started));
			logger.warn("No Nitro credentials (NITRO_CLIENT_ID and NITRO_CLIENT_SECRET are not set): running on the "
					+ "Nitro stand-in at " + started.baseUrl() + ". Nothing reaches Nitro and no one is asked to sign; "
					+ "sign an envelope with POST " + started.baseUrl() + StandInControls.PATH
					+ "/envelopes/{envelopeID}:sign. Set both variables to talk to Nitro.");
		}

		@Override
		public void contextPrepared(ConfigurableApplicationContext context) {
			NitroStandIn started = this.standIn;
			if (started != null) {
				context.getBeanFactory().registerSingleton("nitroStandIn", started);
				context.addApplicationListener((ContextClosedEvent event) -> started.close());
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
