package com.gonitro.spring.sign.model;

import org.jspecify.annotations.Nullable;

/**
 * A participant to add to an envelope (at most 200 an envelope).
 *
 * @param email their email address
 * @param role their role
 * @param authentication how they prove who they are, if required
 * @since 0.1.0
 */
public record CreateParticipant(String email, ParticipantRole role,
		@Nullable ParticipantAuthentication authentication) {

	/**
	 * A participant who signs.
	 * @param email their email address
	 * @return the request
	 */
	public static CreateParticipant signer(String email) {
		return new CreateParticipant(email, ParticipantRole.SIGNER, null);
	}

	/**
	 * A participant who receives a copy.
	 * @param email their email address
	 * @return the request
	 */
	public static CreateParticipant cc(String email) {
		return new CreateParticipant(email, ParticipantRole.CC, null);
	}

	/**
	 * Returns a copy that requires the given authentication.
	 * @param authentication how the participant proves who they are
	 * @return the request
	 */
	public CreateParticipant withAuthentication(ParticipantAuthentication authentication) {
		return new CreateParticipant(this.email, this.role, authentication);
	}

}
