package com.gonitro.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import com.gonitro.spring.boot.autoconfigure.InvalidNitroPropertiesException.Problem;
import com.gonitro.spring.webhook.JdbcNitroWebhookDeduplicationStore;

/**
 * Configuration of Nitro Sign webhooks ({@code nitro.webhooks.*}), received by the top-level Nitro application
 * ({@code nitro.client-id}) and published as {@code NitroWebhookEvent}s.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("nitro.webhooks")
public class NitroWebhookProperties implements InitializingBean {

	private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

	private static final DataSize LARGEST_BODY_SIZE = DataSize.ofMegabytes(16);

	/**
	 * Whether to receive Nitro Sign webhooks in a servlet or reactive web application: serve POST on the path and
	 * publish each verified delivery as a NitroWebhookEvent.
	 */
	private boolean enabled;

	/**
	 * Path of the webhook endpoint, within the context path. The webhook URL to register in the Nitro Admin Portal is
	 * the application's public https URL, context path included, followed by this path.
	 */
	private String path = "/nitro/webhooks";

	/**
	 * Largest delivery body accepted; a larger one is answered 413 without being read further.
	 */
	private DataSize maxBodySize = DataSize.ofKilobytes(256);

	/**
	 * Most a delivery's signature creation time and Date header may differ from this machine's clock, in either
	 * direction; a delivery outside it is answered 401.
	 */
	private Duration timestampTolerance = Duration.ofMinutes(5);

	/**
	 * How long after a changed client secret is seen that deliveries signed with the previous secret still verify.
	 */
	private Duration previousSecretGracePeriod = Duration.ofMinutes(5);

	private final Deduplication deduplication = new Deduplication();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path.strip();
	}

	public DataSize getMaxBodySize() {
		return this.maxBodySize;
	}

	public void setMaxBodySize(DataSize maxBodySize) {
		this.maxBodySize = maxBodySize;
	}

	public Duration getTimestampTolerance() {
		return this.timestampTolerance;
	}

	public void setTimestampTolerance(Duration timestampTolerance) {
		this.timestampTolerance = timestampTolerance;
	}

	public Duration getPreviousSecretGracePeriod() {
		return this.previousSecretGracePeriod;
	}

	public void setPreviousSecretGracePeriod(Duration previousSecretGracePeriod) {
		this.previousSecretGracePeriod = previousSecretGracePeriod;
	}

	public Deduplication getDeduplication() {
		return this.deduplication;
	}

	@Override
	public void afterPropertiesSet() {
		validate();
	}

	/**
	 * Checks every property: the path well formed, sizes and durations in range.
	 * @throws InvalidNitroPropertiesException naming every property that is wrong
	 */
	public void validate() {
		List<Problem> problems = new ArrayList<>();
		if (!PATH.matcher(this.path).matches()) {
			problems.add(new Problem("nitro.webhooks.path",
					"'nitro.webhooks.path' must be a path such as /nitro/webhooks, but is '" + this.path + "'.",
					"Set it to a path of letters, digits and '-', '.', '_' or '~' segments, each after a '/'."));
		}
		if (this.maxBodySize.toBytes() < 1 || this.maxBodySize.compareTo(LARGEST_BODY_SIZE) > 0) {
			problems.add(new Problem("nitro.webhooks.max-body-size", "'nitro.webhooks.max-body-size' must be between "
					+ "1B and 16MB, but is " + this.maxBodySize + ".",
					"Set it to a size that fits in memory, such as 256KB, or remove it to use the default."));
		}
		if (this.timestampTolerance.compareTo(Duration.ofSeconds(1)) < 0) {
			problems.add(Problem.tooSmall("nitro.webhooks.timestamp-tolerance", this.timestampTolerance.toString(),
					"1s"));
		}
		if (this.previousSecretGracePeriod.isNegative()) {
			problems.add(Problem.tooSmall("nitro.webhooks.previous-secret-grace-period",
					this.previousSecretGracePeriod.toString(), "0s"));
		}
		this.deduplication.validate(problems);
		if (!problems.isEmpty()) {
			throw new InvalidNitroPropertiesException(problems);
		}
	}

	/**
	 * How deliveries of an event already handled are recognised.
	 */
	public static class Deduplication {

		/**
		 * Where the IDs of handled events are kept: 'memory', for this instance only, or 'jdbc', in a table of the
		 * application's DataSource that every replica shares.
		 */
		private Store store = Store.MEMORY;

		/**
		 * How long an event is remembered after its first delivery; a delivery after that is published again.
		 */
		private Duration timeToLive = Duration.ofDays(3);

		/**
		 * Most events remembered in memory (store 'memory'); beyond, the oldest are forgotten first.
		 */
		private int maxSize = 10_000;

		private final Jdbc jdbc = new Jdbc();

		public Store getStore() {
			return this.store;
		}

		public void setStore(Store store) {
			this.store = store;
		}

		public Duration getTimeToLive() {
			return this.timeToLive;
		}

		public void setTimeToLive(Duration timeToLive) {
			this.timeToLive = timeToLive;
		}

		public int getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(int maxSize) {
			this.maxSize = maxSize;
		}

		public Jdbc getJdbc() {
			return this.jdbc;
		}

		void validate(List<Problem> problems) {
			if (this.timeToLive.compareTo(Duration.ofSeconds(1)) < 0) {
				problems.add(Problem.tooSmall("nitro.webhooks.deduplication.time-to-live",
						this.timeToLive.toString(), "1s"));
			}
			if (this.maxSize < 1) {
				problems.add(Problem.tooSmall("nitro.webhooks.deduplication.max-size", String.valueOf(this.maxSize),
						"1"));
			}
		}

	}

	/**
	 * The problem of a table name that the JDBC store refuses.
	 * @param tableName the table name
	 * @return the problem
	 */
	static Problem invalidTableName(String tableName) {
		return new Problem("nitro.webhooks.deduplication.jdbc.table-name",
				"'nitro.webhooks.deduplication.jdbc.table-name' must be a table name, optionally qualified by a "
						+ "schema, but is '" + tableName + "'.",
				"Use letters, digits and '_', such as nitro_webhook_events or myschema.nitro_webhook_events.");
	}

	/**
	 * The table of store 'jdbc'.
	 */
	public static class Jdbc {

		/**
		 * Name of the table, optionally qualified by a schema. Create it with the script
		 * com/gonitro/spring/webhook/schema.sql, or with initialize-schema.
		 */
		// A compile-time constant: reading it does not load the store's class, which needs Spring JDBC.
		private String tableName = JdbcNitroWebhookDeduplicationStore.DEFAULT_TABLE_NAME;

		/**
		 * Whether to create the table at start-up when it does not exist.
		 */
		private boolean initializeSchema;

		public String getTableName() {
			return this.tableName;
		}

		public void setTableName(String tableName) {
			this.tableName = tableName.strip();
		}

		public boolean isInitializeSchema() {
			return this.initializeSchema;
		}

		public void setInitializeSchema(boolean initializeSchema) {
			this.initializeSchema = initializeSchema;
		}

	}

	/**
	 * Where the IDs of handled events are kept.
	 */
	public enum Store {

		/**
		 * In this instance's memory.
		 */
		MEMORY,

		/**
		 * In a table of the application's {@code DataSource}, shared by every replica.
		 */
		JDBC

	}

}
