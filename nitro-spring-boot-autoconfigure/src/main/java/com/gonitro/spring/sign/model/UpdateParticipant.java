package com.gonitro.spring.sign.model;

import org.jspecify.annotations.Nullable;

/**
 * Changes to a participant.
 *
 * @param authentication the new authentication
 * @since 0.1.0
 */
public record UpdateParticipant(@Nullable ParticipantAuthentication authentication) {

}
