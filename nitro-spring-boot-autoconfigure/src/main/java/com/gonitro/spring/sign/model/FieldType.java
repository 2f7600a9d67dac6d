package com.gonitro.spring.sign.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

import com.gonitro.spring.client.NitroEnums;

/**
 * The kind of information a participant fills in a field. Values Nitro adds later read as {@link #UNKNOWN}.
 *
 * @since 0.1.0
 */
public enum FieldType {

	/** A signature. */
	SIGNATURE,

	/** The participant's name. */
	NAME,

	/** A check box. */
	CHECKBOX,

	/** The signing date. */
	DATE,

	/** The participant's initials. */
	INITIALS,

	/** The participant's company. */
	COMPANY,

	/** The participant's job title. */
	TITLE,

	/** Free text with a label. */
	CUSTOM,

	/** A value this version of the client does not know. */
	UNKNOWN;

	@JsonCreator
	static FieldType fromValue(@Nullable String value) {
		return NitroEnums.fromValue(values(), value, UNKNOWN);
	}

	/**
	 * Returns the value on the wire.
	 * @return the value, such as {@code "signature"}
	 */
	@JsonValue
	public String value() {
		return NitroEnums.value(this);
	}

}
