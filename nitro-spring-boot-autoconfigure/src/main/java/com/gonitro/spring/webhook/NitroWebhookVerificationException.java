package com.gonitro.spring.webhook;

import java.io.Serial;

/**
 * A webhook delivery did not verify: its signature, key ID, content digest or timestamps do not check out, or its
 * signature headers are missing or malformed. The message says which, and never holds a secret, a signature or
 * the text of a header.
 *
 * @since 0.1.0
 */
public class NitroWebhookVerificationException extends RuntimeException {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message what did not check out
	 */
	public NitroWebhookVerificationException(String message) {
		super(message);
	}

}
