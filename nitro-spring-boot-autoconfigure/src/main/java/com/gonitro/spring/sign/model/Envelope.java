package com.gonitro.spring.sign.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * An envelope: the documents, participants and fields of one signing flow.
 *
 * @param id the envelope's ID ({@code ID} on the wire)
 * @param name its name
 * @param status its status
 * @param mode its signing mode, where Nitro states it
 * @param notification the email sent to participants, where Nitro states it
 * @param createdAt when it was created
 * @param lastModifiedAt when it last changed
 * @since 0.1.0
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Envelope(@JsonProperty("ID") @JsonAlias({ "id", "Id", "envelopeID" }) String id, @Nullable String name,
		EnvelopeStatus status, @Nullable SigningMode mode, @Nullable Notification notification,
		@Nullable Instant createdAt, @Nullable Instant lastModifiedAt) {

	/**
	 * Creates an envelope, reading a missing status as {@link EnvelopeStatus#UNKNOWN}.
	 */
	public Envelope {
		status = (status != null) ? status : EnvelopeStatus.UNKNOWN;
	}

}
