package com.gonitro.spring.sign.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A field to add to an uploaded document. Start from the factory for its type:
 * {@code CreateField.signature(signer.id(), 1, BoundingBox.of(72, 700, 200, 40))}.
 *
 * @param type what it asks for
 * @param participantId the signer who fills it in ({@code participantID} on the wire)
 * @param page its page, 1-based
 * @param boundingBox where it sits on the page, in PDF points
 * @param required whether the participant must fill it in
 * @param label the label of a custom field (required for {@link FieldType#CUSTOM})
 * @param format the format of a date field
 * @param modifiable whether the participant may change a date field's value
 * @since 0.1.0
 */
public record CreateField(FieldType type, @JsonProperty("participantID") String participantId, int page,
		BoundingBox boundingBox, @Nullable Boolean required, @Nullable String label, @Nullable String format,
		@Nullable Boolean modifiable) {

	/**
	 * A required signature field.
	 * @param participantId the signer
	 * @param page the page, 1-based
	 * @param boundingBox where it sits
	 * @return the field
	 */
	public static CreateField signature(String participantId, int page, BoundingBox boundingBox) {
		return of(FieldType.SIGNATURE, participantId, page, boundingBox);
	}

	/**
	 * A required initials field.
	 * @param participantId the signer
	 * @param page the page, 1-based
	 * @param boundingBox where it sits
	 * @return the field
	 */
	public static CreateField initials(String participantId, int page, BoundingBox boundingBox) {
		return of(FieldType.INITIALS, participantId, page, boundingBox);
	}

	/**
	 * A required date field, filled with the signing date in the given format.
	 * @param participantId the signer
	 * @param page the page, 1-based
	 * @param boundingBox where it sits
	 * @param format the format, such as {@code MM/DD/YYYY}
	 * @return the field
	 */
	public static CreateField date(String participantId, int page, BoundingBox boundingBox, String format) {
		return new CreateField(FieldType.DATE, participantId, page, boundingBox, true, null, format, null);
	}

	/**
	 * A required custom text field.
	 * @param participantId the signer
	 * @param page the page, 1-based
	 * @param boundingBox where it sits
	 * @param label what the participant is asked for
	 * @return the field
	 */
	public static CreateField custom(String participantId, int page, BoundingBox boundingBox, String label) {
		return new CreateField(FieldType.CUSTOM, participantId, page, boundingBox, true, label, null, null);
	}

	/**
	 * A required field of the given type with no type-specific settings (name, checkbox, company, title, and the
	 * types above).
	 * @param type the type
	 * @param participantId the signer
	 * @param page the page, 1-based
	 * @param boundingBox where it sits
	 * @return the field
	 */
	public static CreateField of(FieldType type, String participantId, int page, BoundingBox boundingBox) {
		return new CreateField(type, participantId, page, boundingBox, true, null, null, null);
	}

	/**
	 * Returns a copy that the participant may leave empty, or must fill in.
	 * @param required whether the participant must fill it in
	 * @return the field
	 */
	public CreateField withRequired(boolean required) {
		return new CreateField(this.type, this.participantId, this.page, this.boundingBox, required, this.label,
				this.format, this.modifiable);
	}

	/**
	 * Returns a copy of a date field whose value the participant may change, or not.
	 * @param modifiable whether the participant may change it
	 * @return the field
	 */
	public CreateField withModifiable(boolean modifiable) {
		return new CreateField(this.type, this.participantId, this.page, this.boundingBox, this.required, this.label,
				this.format, modifiable);
	}

}
