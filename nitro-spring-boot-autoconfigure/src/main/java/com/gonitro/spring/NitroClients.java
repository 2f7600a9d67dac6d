package com.gonitro.spring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import com.gonitro.spring.oauth.NitroCredentials;

/**
 * The clients of every Nitro application an application acts as: the top-level one, further ones named in
 * configuration, and tenants' applications whose credentials are known only at run time.
 * <ul>
 * <li>{@link #defaultApplication()} and {@link #forApplication(String)}: the applications configured up front, each
 * with a token cache of its own.</li>
 * <li>{@link #forCredentials(NitroCredentials)}: a tenant's application, with a token cache per client ID (and token
 * URI). Tenants are kept for at most {@linkplain #setMaxTenants(int) a number of tenants} (1,000 by default) and
 * {@linkplain #setTenantIdleExpiry(Duration) while used} (one hour without a call by default); the least recently
 * used is forgotten first, and a forgotten tenant just requests a new token on its next call.</li>
 * </ul>
 * A token of one application is never sent on another's request: each application's clients carry its own cache.
 *
 * @since 0.1.0
 */
public final class NitroClients {

	private static final int DEFAULT_MAX_TENANTS = 1000;

	private static final Duration DEFAULT_TENANT_IDLE_EXPIRY = Duration.ofHours(1);

	private final @Nullable NitroClient defaultApplication;

	private final Map<String, NitroClient> applications;

	private final Function<Supplier<NitroCredentials>, NitroClient> tenantClients;

	private final Object tenantsLock = new Object();

	private final LinkedHashMap<TenantKey, Tenant> tenants = new LinkedHashMap<>(16, 0.75f, true);

	private int maxTenants = DEFAULT_MAX_TENANTS;

	private Duration tenantIdleExpiry = DEFAULT_TENANT_IDLE_EXPIRY;

	private Clock clock = Clock.systemUTC();

	/**
	 * Creates the clients.
	 * @param defaultApplication the clients of the top-level application, or {@code null} when only named
	 * applications are configured
	 * @param applications the clients of further applications, by name
	 * @param tenantClients makes the clients of a tenant's application from a source of its credentials (typically
	 * a {@link NitroClientBuilder} with the settings of the top-level application)
	 */
	public NitroClients(@Nullable NitroClient defaultApplication, Map<String, NitroClient> applications,
			Function<Supplier<NitroCredentials>, NitroClient> tenantClients) {
		Assert.notNull(applications, "'applications' must not be null");
		Assert.notNull(tenantClients, "'tenantClients' must not be null");
		this.defaultApplication = defaultApplication;
		this.applications = Map.copyOf(applications);
		this.tenantClients = tenantClients;
	}

	/**
	 * Sets how many tenants' clients are kept at most; beyond, the least recently used are forgotten. Defaults to
	 * 1,000.
	 * @param maxTenants the most tenants kept, at least 1
	 */
	public void setMaxTenants(int maxTenants) {
		Assert.isTrue(maxTenants >= 1, "'maxTenants' must be at least 1");
		this.maxTenants = maxTenants;
	}

	/**
	 * Sets how long a tenant's clients are kept without a call. Defaults to one hour.
	 * @param tenantIdleExpiry the idle time after which a tenant is forgotten
	 */
	public void setTenantIdleExpiry(Duration tenantIdleExpiry) {
		Assert.isTrue(tenantIdleExpiry != null && tenantIdleExpiry.compareTo(Duration.ZERO) > 0,
				"'tenantIdleExpiry' must be positive");
		this.tenantIdleExpiry = tenantIdleExpiry;
	}

	/**
	 * Sets the clock idle tenants are measured by.
	 * @param clock the clock
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "'clock' must not be null");
		this.clock = clock;
	}

	/**
	 * Returns the clients of the top-level application ({@code nitro.client-id}).
	 * @return the clients
	 * @throws IllegalStateException when only named applications are configured
	 */
	public NitroClient defaultApplication() {
		Assert.state(this.defaultApplication != null, "No top-level Nitro application: set nitro.client-id and "
				+ "nitro.client-secret, or use forApplication(name) with one of " + this.applications.keySet());
		return this.defaultApplication;
	}

	/**
	 * Returns the clients of a named application ({@code nitro.applications.<name>.*}), or of the top-level one
	 * for {@value NitroClient#DEFAULT_APPLICATION}.
	 * @param name the application's name
	 * @return the clients
	 * @throws IllegalArgumentException when no application has that name
	 */
	public NitroClient forApplication(String name) {
		if (NitroClient.DEFAULT_APPLICATION.equals(name) && this.defaultApplication != null) {
			return this.defaultApplication;
		}
		NitroClient clients = this.applications.get(name);
		if (clients == null) {
			throw new IllegalArgumentException("No Nitro application named '" + name + "': the applications are "
					+ applicationNames());
		}
		return clients;
	}

	/**
	 * Returns the names of the applications configured up front, {@value NitroClient#DEFAULT_APPLICATION} first
	 * when there is a top-level one.
	 * @return the names
	 */
	public Set<String> applicationNames() {
		Set<String> names = new LinkedHashSet<>();
		if (this.defaultApplication != null) {
			names.add(NitroClient.DEFAULT_APPLICATION);
		}
		names.addAll(new TreeSet<>(this.applications.keySet()));
		return names;
	}

	/**
	 * Returns the clients of every application configured up front, the top-level one first.
	 * @return the clients
	 */
	public List<NitroClient> applications() {
		return applicationNames().stream().map(this::forApplication).toList();
	}

	/**
	 * Returns the clients of a tenant's application. Calls with the same client ID (and token URI) share one token
	 * cache; the secret is read from the credentials given last, at each token request, so a rotated secret is
	 * picked up without new clients.
	 * @param credentials the tenant's credentials
	 * @return the clients
	 */
	public NitroClient forCredentials(NitroCredentials credentials) {
		Assert.notNull(credentials, "'credentials' must not be null");
		TenantKey key = new TenantKey(credentials.clientId(), credentials.tokenUri());
		Instant now = this.clock.instant();
		synchronized (this.tenantsLock) {
			evictIdle(now);
			Tenant tenant = this.tenants.get(key);
			if (tenant == null) {
				AtomicReference<NitroCredentials> latest = new AtomicReference<>(credentials);
				tenant = new Tenant(this.tenantClients.apply(latest::get), latest);
				this.tenants.put(key, tenant);
				while (this.tenants.size() > this.maxTenants) {
					Iterator<TenantKey> eldest = this.tenants.keySet().iterator();
					eldest.next();
					eldest.remove();
				}
			}
			tenant.credentials().set(credentials);
			tenant.lastUsed = now;
			return tenant.clients();
		}
	}

	/**
	 * Returns how many tenants' clients are kept now.
	 * @return the number of tenants
	 */
	public int tenantCount() {
		synchronized (this.tenantsLock) {
			evictIdle(this.clock.instant());
			return this.tenants.size();
		}
	}

	private void evictIdle(Instant now) {
		Instant oldestAllowed = now.minus(this.tenantIdleExpiry);
		// Access order: the least recently used come first, so the scan stops at the first tenant still in use.
		Iterator<Tenant> iterator = this.tenants.values().iterator();
		while (iterator.hasNext()) {
			Tenant tenant = iterator.next();
			if (!tenant.lastUsed.isBefore(oldestAllowed)) {
				return;
			}
			iterator.remove();
		}
	}

	@Override
	public String toString() {
		return "NitroClients[applications=" + applicationNames() + "]";
	}

	private record TenantKey(String clientId, @Nullable String tokenUri) {

		TenantKey {
			Objects.requireNonNull(clientId);
		}

	}

	private static final class Tenant {

		private final NitroClient clients;

		private final AtomicReference<NitroCredentials> credentials;

		private Instant lastUsed = Instant.MIN;

		Tenant(NitroClient clients, AtomicReference<NitroCredentials> credentials) {
			this.clients = clients;
			this.credentials = credentials;
		}

		NitroClient clients() {
			return this.clients;
		}

		AtomicReference<NitroCredentials> credentials() {
			return this.credentials;
		}

	}

}
