package com.gonitro.spring.sign.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A field on a document, which a participant fills in.
 *
 * @param id the field's ID ({@code ID} on the wire; {@code fieldID} and {@code id} are read too)
 * @param documentId the document it is on ({@code documentID})
 * @param participantId the participant who fills it in ({@code participantID})
 * @param type what it asks for
 * @param page its page, 1-based
 * @param boundingBox where it sits on the page
 * @param required whether the participant must fill it in
 * @param label the label of a custom field
 * @param format the format of a date field, such as {@code MM/DD/YYYY}
 * @param modifiable whether the participant may change a date field's value
 * @since 0.1.0
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Field(@JsonProperty("ID") @JsonAlias({ "id", "Id", "fieldID" }) String id,
		@JsonProperty("documentID") @JsonAlias("documentId") @Nullable String documentId,
		@JsonProperty("participantID") @JsonAlias("participantId") @Nullable String participantId, FieldType type,
		@Nullable Integer page, @Nullable BoundingBox boundingBox, @Nullable Boolean required, @Nullable String label,
		@Nullable String format, @Nullable Boolean modifiable) {

	/**
	 * Creates a field, reading a missing type as {@link FieldType#UNKNOWN}.
	 */
	public Field {
		type = (type != null) ? type : FieldType.UNKNOWN;
	}

}
