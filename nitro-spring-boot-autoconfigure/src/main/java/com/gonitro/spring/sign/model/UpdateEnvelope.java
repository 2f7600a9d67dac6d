package com.gonitro.spring.sign.model;

import org.jspecify.annotations.Nullable;

/**
 * Changes to a drafted envelope; {@code null} members stay as they are.
 *
 * @param name the new name
 * @param notification the new email to participants
 * @param mode the new signing mode
 * @since 0.1.0
 */
public record UpdateEnvelope(@Nullable String name, @Nullable Notification notification, @Nullable SigningMode mode) {

	/**
	 * Renames an envelope.
	 * @param name the new name
	 * @return the change
	 */
	public static UpdateEnvelope name(String name) {
		return new UpdateEnvelope(name, null, null);
	}

}
