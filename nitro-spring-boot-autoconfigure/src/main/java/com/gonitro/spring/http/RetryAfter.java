package com.gonitro.spring.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Reads a {@code Retry-After} header: delay-seconds or an HTTP date (RFC 9110, section 10.2.3).
 */
public final class RetryAfter {

	private RetryAfter() {
	}

	/**
	 * Returns how long the server asked to wait.
	 * @param headers the reply's headers
	 * @param clock the clock to measure an HTTP date against
	 * @return the wait (zero for a date in the past), or {@code null} when the header is absent or unreadable
	 */
	public static @Nullable Duration of(HttpHeaders headers, Clock clock) {
		String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
		}
		catch (NumberFormatException ex) {
			// not seconds: an HTTP date
		}
		try {
			Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			Duration wait = Duration.between(clock.instant(), at);
			return wait.isNegative() ? Duration.ZERO : wait;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
