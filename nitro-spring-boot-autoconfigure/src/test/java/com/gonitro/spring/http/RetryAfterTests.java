package com.gonitro.spring.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RetryAfter} reads whatever a server sends as {@code Retry-After} without ever failing: seconds, HTTP dates,
 * and the values no server should send.
 */
class RetryAfterTests {

	private static final Clock clock = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);

	@Test
	void secondsAreTheWait() {
		assertThat(read("120")).isEqualTo(Duration.ofSeconds(120));
	}

	@Test
	void zeroSecondsIsNoWait() {
		assertThat(read("0")).isZero();
	}

	@Test
	void whitespaceAroundTheSecondsIsIgnored() {
		assertThat(read(" 5\t")).isEqualTo(Duration.ofSeconds(5));
	}

	@ParameterizedTest
	@ValueSource(strings = { "86401", "999999999999999999", "9223372036854775807", "9223372036854775808",
			"99999999999999999999", "999999999999999999999999999999999999999999999999999999999999" })
	void waitsLongerThanTheLongestAreClampedToIt(String seconds) {
		assertThat(read(seconds)).isEqualTo(RetryAfter.MAX_WAIT);
	}

	@Test
	void aDateIsTheTimeUntilIt() {
		assertThat(read("Sat, 28 Nov 2026 12:01:30 GMT")).isEqualTo(Duration.ofSeconds(90));
	}

	@Test
	void aDateInThePastIsNoWait() {
		assertThat(read("Sun, 06 Nov 1994 08:49:37 GMT")).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Fri, 31 Dec 9999 23:59:59 GMT", "Fri, 31 Dec 999999999 23:59:59 GMT" })
	void aDateFarInTheFutureIsClampedToTheLongestWait(String date) {
		assertThat(read(date)).isEqualTo(RetryAfter.MAX_WAIT);
	}

	@ParameterizedTest
	@ValueSource(strings = { "-5", "-99999999999999999999", "+5", "1.5", "1e3", "0x10", "garbage", "\u0663",
			"Saturday, 28-Nov-26 12:01:30 GMT", "Sat Nov 28 12:01:30 2026",
			"Sat, 28 Nov 2026 12:01:30 XYZ" })
	void unreadableValuesCountAsAbsent(String value) {
		assertThat(read(value)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "\t" })
	void emptyValuesCountAsAbsent(String value) {
		assertThat(read(value)).isNull();
	}

	@Test
	void noHeaderStatesNoWait() {
		assertThat(RetryAfter.of(new HttpHeaders(), clock)).isNull();
	}

	private static Duration read(String value) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, value);
		return RetryAfter.of(headers, clock);
	}

}
