package com.gonitro.spring.sign.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Changes to a field; {@code null} members stay as they are. Nitro requires the field's type.
 *
 * @param type the field's type
 * @param participantId the new participant ({@code participantID} on the wire)
 * @param page the new page, 1-based
 * @param boundingBox the new position
 * @param required whether the participant must fill it in
 * @param label the new label of a custom field
 * @param format the new format of a date field
 * @param modifiable whether the participant may change a date field's value
 * @since 0.1.0
 */
public record UpdateField(FieldType type, @JsonProperty("participantID") @Nullable String participantId,
		@Nullable Integer page, @Nullable BoundingBox boundingBox, @Nullable Boolean required, @Nullable String label,
		@Nullable String format, @Nullable Boolean modifiable) {

	/**
	 * Moves a field.
	 * @param type the field's type
	 * @param page the new page, 1-based
	 * @param boundingBox the new position
	 * @return the change
	 */
	public static UpdateField move(FieldType type, int page, BoundingBox boundingBox) {
		return new UpdateField(type, null, page, boundingBox, null, null, null, null);
	}

	/**
	 * Assigns a field to another participant.
	 * @param type the field's type
	 * @param participantId the new participant
	 * @return the change
	 */
	public static UpdateField reassign(FieldType type, String participantId) {
		return new UpdateField(type, participantId, null, null, null, null, null, null);
	}

}
