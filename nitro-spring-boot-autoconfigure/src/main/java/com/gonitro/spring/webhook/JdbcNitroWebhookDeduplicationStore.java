package com.gonitro.spring.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.util.Assert;
import org.springframework.util.StreamUtils;

/**
 * A {@link NitroWebhookDeduplicationStore} in a database table, shared by every replica of the application that uses
 * the same database: of two replicas that receive the same delivery at once, one publishes it.
 * <p>
 * A claim inserts the event's row; the table's primary key lets one insert of an event ID succeed, whatever the
 * database. A row is kept for a {@linkplain #setTimeToLive(Duration) time to live} after its claim (3 days by
 * default) and then deleted, by the claims themselves, at most once a minute. A claim not followed by
 * {@code handled} or {@code release} within the {@linkplain #setClaimTimeout(Duration) claim timeout} (1 minute by
 * default), because its replica stopped, is taken over by the next delivery. Replicas' clocks are assumed to agree
 * to well within that timeout.
 * <p>
 * The table ({@value #DEFAULT_TABLE_NAME} by default) is created by the script {@value #SCHEMA_SCRIPT} on the class
 * path, or by {@link #createTableIfMissing()}. Statements run one at a time, each in a transaction of its own: the
 * data source must commit automatically, as connection pools do by default.
 *
 * @since 0.1.0
 */
public class JdbcNitroWebhookDeduplicationStore implements NitroWebhookDeduplicationStore {

	/** The default table name: {@value}. */
	public static final String DEFAULT_TABLE_NAME = "nitro_webhook_events";

	/** The class-path location of the script that creates the table: {@value}. */
	public static final String SCHEMA_SCRIPT = "com/gonitro/spring/webhook/schema.sql";

	private static final Pattern TABLE_NAME = Pattern
		.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");

	private static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

	private static final Log logger = LogFactory.getLog(JdbcNitroWebhookDeduplicationStore.class);

	private final JdbcOperations jdbc;

	private final String tableName;

	/** The time of each claim this instance holds: a claim taken over by another replica is not touched. */
	private final Map<String, Long> claims = new ConcurrentHashMap<>();

	private Duration timeToLive = Duration.ofDays(3);

	private Duration claimTimeout = Duration.ofMinutes(1);

	private Clock clock = Clock.systemUTC();

	private volatile long lastPurge;

	/**
	 * Creates a store in the table {@value #DEFAULT_TABLE_NAME}.
	 * @param jdbc the database
	 */
	public JdbcNitroWebhookDeduplicationStore(JdbcOperations jdbc) {
		this(jdbc, DEFAULT_TABLE_NAME);
	}

	/**
	 * Creates a store in the given table.
	 * @param jdbc the database
	 * @param tableName the table's name, optionally qualified by a schema ({@code schema.table}); letters, digits
	 * and {@code _}
	 */
	public JdbcNitroWebhookDeduplicationStore(JdbcOperations jdbc, String tableName) {
		Assert.notNull(jdbc, "'jdbc' must not be null");
		Assert.isTrue(tableName != null && TABLE_NAME.matcher(tableName).matches(),
				"'tableName' must be a table name, optionally qualified by a schema");
		this.jdbc = jdbc;
		this.tableName = tableName;
	}

	/**
	 * Returns whether a name can be used as the table's name.
	 * @param tableName the name
	 * @return whether it is letters, digits and {@code _}, optionally qualified by a schema
	 */
	public static boolean isValidTableName(String tableName) {
		return TABLE_NAME.matcher(tableName).matches();
	}

	/**
	 * Sets how long an event is remembered after its claim. Defaults to 3 days.
	 * @param timeToLive the time to live, positive
	 */
	public void setTimeToLive(Duration timeToLive) {
		Assert.isTrue(timeToLive != null && timeToLive.compareTo(Duration.ZERO) > 0, "'timeToLive' must be positive");
		this.timeToLive = timeToLive;
	}

	/**
	 * Sets how long a claim holds without {@code handled} or {@code release}. Defaults to 1 minute.
	 * @param claimTimeout the claim timeout, positive
	 */
	public void setClaimTimeout(Duration claimTimeout) {
		Assert.isTrue(claimTimeout != null && claimTimeout.compareTo(Duration.ZERO) > 0, "'claimTimeout' must be positive");
		this.claimTimeout = claimTimeout;
	}

	/**
	 * Sets the clock that times claims.
	 * @param clock the clock
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "'clock' must not be null");
		this.clock = clock;
	}

	/**
	 * Creates the table with {@value #SCHEMA_SCRIPT} unless it exists. Safe to call from several replicas at once.
	 */
	public void createTableIfMissing() {
		if (tableExists()) {
			return;
		}
		try {
			this.jdbc.execute(createTableStatement());
			logger.info("Created the table " + this.tableName + " for Nitro webhook deduplication");
		}
		catch (DataAccessException ex) {
			if (!tableExists()) {
				throw ex;
			}
		}
	}

	@Override
	public Claim claim(String eventId) {
		long now = this.clock.millis();
		purgeExpired(now);
		try {
			this.jdbc.update("INSERT INTO " + this.tableName + " (event_id, claimed_at, handled_at) VALUES (?, ?, NULL)",
					eventId, now);
			this.claims.put(eventId, now);
			return Claim.CLAIMED;
		}
		catch (DuplicateKeyException ex) {
			// claimed before: handled, being handled, or abandoned
		}
		int takenOver = this.jdbc.update("UPDATE " + this.tableName + " SET claimed_at = ?, handled_at = NULL "
				+ "WHERE event_id = ? AND ((handled_at IS NULL AND claimed_at < ?) OR claimed_at < ?)", now, eventId,
				now - this.claimTimeout.toMillis(), now - this.timeToLive.toMillis());
		if (takenOver == 1) {
			this.claims.put(eventId, now);
			return Claim.CLAIMED;
		}
		List<Boolean> handled = this.jdbc.query("SELECT handled_at FROM " + this.tableName + " WHERE event_id = ?",
				(row, index) -> row.getObject(1) != null, eventId);
		return (!handled.isEmpty() && handled.get(0)) ? Claim.HANDLED : Claim.IN_PROGRESS;
	}

	@Override
	public void handled(String eventId) {
		Long claimedAt = this.claims.remove(eventId);
		if (claimedAt != null) {
			this.jdbc.update("UPDATE " + this.tableName + " SET handled_at = ? WHERE event_id = ? AND claimed_at = ?",
					this.clock.millis(), eventId, claimedAt);
		}
	}

	@Override
	public void release(String eventId) {
		Long claimedAt = this.claims.remove(eventId);
		if (claimedAt != null) {
			this.jdbc.update("DELETE FROM " + this.tableName
					+ " WHERE event_id = ? AND claimed_at = ? AND handled_at IS NULL", eventId, claimedAt);
		}
	}

	private void purgeExpired(long now) {
		if (now - this.lastPurge < PURGE_INTERVAL.toMillis()) {
			return;
		}
		this.lastPurge = now;
		this.jdbc.update("DELETE FROM " + this.tableName + " WHERE claimed_at < ?", now - this.timeToLive.toMillis());
	}

	private boolean tableExists() {
		try {
			this.jdbc.queryForObject("SELECT COUNT(*) FROM " + this.tableName + " WHERE 1 = 0", Long.class);
			return true;
		}
		catch (DataAccessException ex) {
			return false;
		}
	}

	private String createTableStatement() {
		try {
			String script = StreamUtils.copyToString(new ClassPathResource(SCHEMA_SCRIPT).getInputStream(),
					StandardCharsets.UTF_8);
			String statement = script.replaceAll("(?m)^--.*$", "").strip();
			statement = statement.endsWith(";") ? statement.substring(0, statement.length() - 1) : statement;
			return statement.replace(DEFAULT_TABLE_NAME, this.tableName);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public String toString() {
		return "JdbcNitroWebhookDeduplicationStore[table=" + this.tableName + "]";
	}

}
