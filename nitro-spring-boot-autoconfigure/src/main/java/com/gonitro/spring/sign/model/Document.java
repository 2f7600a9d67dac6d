package com.gonitro.spring.sign.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A document in an envelope. A new document is {@link DocumentStatus#PENDING} until Nitro has processed it.
 *
 * @param id the document's ID ({@code ID} on the wire)
 * @param name its name
 * @param status its status
 * @param createdAt when it was added
 * @param sizeBytes its size, once processed
 * @param numPages its number of pages, once processed
 * @param failureReason why Nitro could not process it, when {@link DocumentStatus#FAILED}
 * @since 0.1.0
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Document(@JsonProperty("ID") @JsonAlias({ "id", "Id", "documentID" }) String id, @Nullable String name,
		DocumentStatus status, @Nullable Instant createdAt, @Nullable Long sizeBytes, @Nullable Integer numPages,
		@Nullable String failureReason) {

	/**
	 * Creates a document, reading a missing status as {@link DocumentStatus#UNKNOWN}.
	 */
	public Document {
		status = (status != null) ? status : DocumentStatus.UNKNOWN;
	}

}
