package com.gonitro.spring.pdf.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

import com.gonitro.spring.client.NitroEnums;

/**
 * The status of an asynchronous PDF Services job. Values Nitro adds later read as {@link #UNKNOWN}.
 *
 * @since 0.1.0
 */
public enum JobStatus {

	/** Still processing; see the job's progress. */
	RUNNING,

	/** Done; the result is available. */
	COMPLETED,

	/** Failed; see the job's error. */
	FAILED,

	/** Canceled. */
	CANCELED,

	/** A value this version of the client does not know. */
	UNKNOWN;

	@JsonCreator
	static JobStatus fromValue(@Nullable String value) {
		return "cancelled".equalsIgnoreCase(value) ? CANCELED : NitroEnums.fromValue(values(), value, UNKNOWN);
	}

	/**
	 * Returns the value on the wire.
	 * @return the value, such as {@code "running"}
	 */
	@JsonValue
	public String value() {
		return NitroEnums.value(this);
	}

	/**
	 * Whether the job will not change any more.
	 * @return whether it completed, failed or was canceled
	 */
	public boolean isFinal() {
		return this == COMPLETED || this == FAILED || this == CANCELED;
	}

}
