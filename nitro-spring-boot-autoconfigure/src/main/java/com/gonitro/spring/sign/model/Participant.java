package com.gonitro.spring.sign.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A participant of an envelope.
 *
 * @param id the participant's ID ({@code ID} on the wire)
 * @param email their email address
 * @param role their role
 * @param authentication how they prove who they are, if required
 * @since 0.1.0
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Participant(@JsonProperty("ID") @JsonAlias({ "id", "Id", "participantID" }) String id,
		@Nullable String email, ParticipantRole role, @Nullable ParticipantAuthentication authentication) {

	/**
	 * Creates a participant, reading a missing role as {@link ParticipantRole#UNKNOWN}.
	 */
	public Participant {
		role = (role != null) ? role : ParticipantRole.UNKNOWN;
	}

}
