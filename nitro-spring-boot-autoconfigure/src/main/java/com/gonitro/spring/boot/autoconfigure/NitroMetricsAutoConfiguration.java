package com.gonitro.spring.boot.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import com.gonitro.spring.NitroClients;
import com.gonitro.spring.micrometer.NitroMetrics;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of Nitro's Micrometer
 * meters ({@code nitro.client.replays}, {@code nitro.token.expiry}): the {@link NitroMetrics} bean is both the
 * {@link io.micrometer.core.instrument.binder.MeterBinder meter binder} Spring Boot binds to the application's
 * registry and the replay listener every Nitro client reports to.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = NitroAutoConfiguration.class)
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnNitroCredentials
public final class NitroMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	NitroMetrics nitroMetrics(ObjectProvider<NitroClients> clients) {
		return new NitroMetrics(() -> NitroAutoConfiguration.tokenCaches(clients.getObject()));
	}

}
