package com.gonitro.spring.http;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Reads a {@code Retry-After} header: delay-seconds or an HTTP date (RFC 9110, section 10.2.3). The header comes
 * from the network, so any value is expected: a negative or unreadable one counts as absent, a date in the past as
 * no wait, and a wait longer than {@link #MAX_WAIT} as {@code MAX_WAIT}. Reading never fails.
 * <p>
 * Support class shared by the token client and the API clients, not API: it may change without notice.
 *
 * @since 0.1.0
 */
public final class RetryAfter {

	/**
	 * The longest wait a {@code Retry-After} header is read as: longer ones are clamped, so that no later
	 * arithmetic on the wait can overflow.
	 */
	public static final Duration MAX_WAIT = Duration.ofDays(1);

	/** More digits than this cannot be a wait below {@link #MAX_WAIT} (86400 seconds). */
	private static final int MAX_DIGITS = 18;

	private RetryAfter() {
	}

	/**
	 * Returns how long the server asked to wait.
	 * @param headers the reply's headers
	 * @param clock the clock to measure an HTTP date against
	 * @return the wait, between zero and {@link #MAX_WAIT}, or {@code null} when the header is absent or unreadable
	 */
	public static @Nullable Duration of(HttpHeaders headers, Clock clock) {
		String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.strip();
		if (text.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			return (text.length() > MAX_DIGITS) ? MAX_WAIT : clamp(Duration.ofSeconds(Long.parseLong(text)));
		}
		try {
			Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			Duration wait = Duration.between(clock.instant(), at);
			return wait.isNegative() ? Duration.ZERO : clamp(wait);
		}
		catch (DateTimeException | ArithmeticException ex) {
			return null;
		}
	}

	private static Duration clamp(Duration wait) {
		return (wait.compareTo(MAX_WAIT) > 0) ? MAX_WAIT : wait;
	}

}
