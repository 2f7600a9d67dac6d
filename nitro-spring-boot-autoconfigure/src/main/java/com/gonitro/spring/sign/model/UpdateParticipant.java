package com.gonitro.spring.sign.model;

import org.jspecify.annotations.Nullable;

/**
 * Changes to a participant.
 *
 * @param authentication the new authentication
 */
public record UpdateParticipant(@Nullable ParticipantAuthentication authentication) {

}
