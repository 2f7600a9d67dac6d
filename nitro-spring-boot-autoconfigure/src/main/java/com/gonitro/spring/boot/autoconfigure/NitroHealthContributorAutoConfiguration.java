package com.gonitro.spring.boot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import com.gonitro.spring.NitroClient;
import com.gonitro.spring.NitroClients;
import com.gonitro.spring.boot.health.NitroHealthIndicator;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the {@code nitro}
 * health contributor: one {@link NitroHealthIndicator} for the only application, or one per application (by name)
 * when there are several. Off unless {@code management.health.nitro.enabled=true}: an outage at Nitro must never make
 * a default liveness or readiness probe restart pods.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = NitroAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(NitroClients.class)
@ConditionalOnBooleanProperty("management.health.nitro.enabled")
public final class NitroHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "nitroHealthContributor")
	HealthContributor nitroHealthContributor(NitroClients clients) {
		List<NitroClient> applications = clients.applications();
		if (applications.size() == 1) {
			return new NitroHealthIndicator(applications.get(0).tokenCache());
		}
		Map<String, NitroClient> byName = new LinkedHashMap<>();
		applications.forEach((application) -> byName.put(application.applicationName(), application));
		return CompositeHealthContributor.fromMap(byName,
				(application) -> new NitroHealthIndicator(application.tokenCache()));
	}

}
