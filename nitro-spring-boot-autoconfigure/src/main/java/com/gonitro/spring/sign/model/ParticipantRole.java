package com.gonitro.spring.sign.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

import com.gonitro.spring.client.NitroEnums;

/**
 * The role of a participant in an envelope. Values Nitro adds later read as {@link #UNKNOWN}.
 *
 * @since 0.1.0
 */
public enum ParticipantRole {

	/** Signs; fields can be assigned to a signer. */
	SIGNER,

	/** Receives a copy; has no fields. */
	CC,

	/** A value this version of the client does not know. */
	UNKNOWN;

	@JsonCreator
	static ParticipantRole fromValue(@Nullable String value) {
		return NitroEnums.fromValue(values(), value, UNKNOWN);
	}

	/**
	 * Returns the value on the wire.
	 * @return the value, such as {@code "signer"}
	 */
	@JsonValue
	public String value() {
		return NitroEnums.value(this);
	}

}
