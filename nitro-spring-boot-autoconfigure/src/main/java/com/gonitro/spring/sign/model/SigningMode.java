package com.gonitro.spring.sign.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

import com.gonitro.spring.client.NitroEnums;

/**
 * The order in which participants sign. Values Nitro adds later read as {@link #UNKNOWN}.
 *
 * @since 0.1.0
 */
public enum SigningMode {

	/** One after the other, in the order they were added. */
	SEQUENTIAL,

	/** All at once. */
	PARALLEL,

	/** A value this version of the client does not know. */
	UNKNOWN;

	@JsonCreator
	static SigningMode fromValue(@Nullable String value) {
		return NitroEnums.fromValue(values(), value, UNKNOWN);
	}

	/**
	 * Returns the value on the wire.
	 * @return the value, such as {@code "sequential"}
	 */
	@JsonValue
	public String value() {
		return NitroEnums.value(this);
	}

}
