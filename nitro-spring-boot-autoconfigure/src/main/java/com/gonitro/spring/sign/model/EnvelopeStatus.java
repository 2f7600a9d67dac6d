package com.gonitro.spring.sign.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

import com.gonitro.spring.client.NitroEnums;

/**
 * The status of an envelope. Values Nitro adds later read as {@link #UNKNOWN}.
 *
 * @since 0.1.0
 */
public enum EnvelopeStatus {

	/** Created: documents, participants and fields can be added. */
	DRAFTED,

	/** Sent for signing. */
	SENT,

	/** Being sealed after the last signature. */
	PROCESSING,

	/** Signed by everyone and sealed: the sealed documents can be downloaded. */
	SEALED,

	/** A participant declined to sign. */
	REJECTED,

	/** Cancelled after it was sent. */
	CANCELLED,

	/** Deleted. */
	DELETED,

	/** A value this version of the client does not know. */
	UNKNOWN;

	@JsonCreator
	static EnvelopeStatus fromValue(@Nullable String value) {
		return NitroEnums.fromValue(values(), value, UNKNOWN);
	}

	/**
	 * Returns the value on the wire.
	 * @return the value, such as {@code "drafted"}
	 */
	@JsonValue
	public String value() {
		return NitroEnums.value(this);
	}

}
