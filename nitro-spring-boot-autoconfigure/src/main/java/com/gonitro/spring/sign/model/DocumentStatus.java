package com.gonitro.spring.sign.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

import com.gonitro.spring.client.NitroEnums;

/**
 * The status of a document in an envelope. Values Nitro adds later read as {@link #UNKNOWN}.
 *
 * @since 0.1.0
 */
public enum DocumentStatus {

	/** Uploaded but not yet processed: fields cannot be added yet. */
	PENDING,

	/** Processed and ready. */
	UPLOADED,

	/** Nitro could not process it; see the document's failure reason. */
	FAILED,

	/** Signed. */
	SIGNED,

	/** Sealed. */
	SEALED,

	/** A value this version of the client does not know. */
	UNKNOWN;

	@JsonCreator
	static DocumentStatus fromValue(@Nullable String value) {
		return NitroEnums.fromValue(values(), value, UNKNOWN);
	}

	/**
	 * Returns the value on the wire.
	 * @return the value, such as {@code "pending"}
	 */
	@JsonValue
	public String value() {
		return NitroEnums.value(this);
	}

}
