package com.gonitro.spring;

import org.springframework.core.Ordered;
import org.springframework.util.Assert;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;

/**
 * Makes the {@code RestClient}-backed HTTP service groups named after a Nitro application call Nitro as that
 * application: group {@code nitro} as the top-level one, {@code nitro-<name>} as a named one. An application's own
 * {@code @HttpExchange} interface imported with {@code @ImportHttpServices(group = "nitro", types = …)} gets Nitro's
 * base URL, the application's token and the replay rules of {@link NitroClient#restClient()}. Other groups are left
 * untouched.
 *
 * @since 0.1.0
 * @see NitroWebClientHttpServiceGroupConfigurer
 */
public final class NitroRestClientHttpServiceGroupConfigurer implements RestClientHttpServiceGroupConfigurer {

	private final NitroClients clients;

	/**
	 * Creates a configurer for the given applications.
	 * @param clients the clients of the Nitro applications
	 */
	public NitroRestClientHttpServiceGroupConfigurer(NitroClients clients) {
		Assert.notNull(clients, "'clients' must not be null");
		this.clients = clients;
	}

	/**
	 * Runs after the configurers that apply the application's customizers, so that Nitro's interceptor or filter is
	 * the last one a request meets.
	 * @return {@link Ordered#LOWEST_PRECEDENCE}
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void configureGroups(Groups<RestClient.Builder> groups) {
		for (NitroClient client : this.clients.applications()) {
			groups.filterByName(client.registrationId()).forEachClient((group, builder) -> client.configure(builder));
		}
	}

}
