package com.gonitro.spring.sign;

import java.io.Serial;

import org.jspecify.annotations.Nullable;

import com.gonitro.spring.client.NitroException;

/**
 * Nitro could not process an uploaded document (its status became {@code failed}).
 *
 * @since 0.1.0
 */
public class NitroDocumentFailedException extends NitroException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String documentId;

	private final @Nullable String failureReason;

	/**
	 * Creates an exception.
	 * @param documentId the document
	 * @param name its name
	 * @param failureReason why Nitro could not process it, as Nitro says
	 */
	public NitroDocumentFailedException(String documentId, @Nullable String name, @Nullable String failureReason) {
		super("Nitro could not process document " + documentId + ((name != null) ? " (" + name + ")" : "") + ": "
				+ ((failureReason != null) ? failureReason : "no reason given"), null);
		this.documentId = documentId;
		this.failureReason = failureReason;
	}

	/**
	 * Returns the document.
	 * @return its ID
	 */
	public String getDocumentId() {
		return this.documentId;
	}

	/**
	 * Returns Nitro's reason.
	 * @return the reason, or {@code null}
	 */
	public @Nullable String getFailureReason() {
		return this.failureReason;
	}

}
