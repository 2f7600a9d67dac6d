package com.gonitro.spring.sign.model;

/**
 * What a new envelope needs.
 *
 * @param name its name, which need not be unique
 * @param notification the email sent to participants when the envelope is sent
 * @param mode whether participants sign one after the other or all at once
 * @since 0.1.0
 */
public record CreateEnvelope(String name, Notification notification, SigningMode mode) {

	/**
	 * An envelope whose participants sign all at once.
	 * @param name its name
	 * @param subject the subject of the email sent to participants
	 * @param body the body of that email
	 * @return the request
	 */
	public static CreateEnvelope parallel(String name, String subject, String body) {
		return new CreateEnvelope(name, new Notification(subject, body), SigningMode.PARALLEL);
	}

	/**
	 * An envelope whose participants sign one after the other, in the order they are added.
	 * @param name its name
	 * @param subject the subject of the email sent to participants
	 * @param body the body of that email
	 * @return the request
	 */
	public static CreateEnvelope sequential(String name, String subject, String body) {
		return new CreateEnvelope(name, new Notification(subject, body), SigningMode.SEQUENTIAL);
	}

}
