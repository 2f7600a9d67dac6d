package com.gonitro.spring.sample;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import com.gonitro.spring.sign.model.Envelope;

/**
 * A signature request as this service reports it.
 *
 * @param id the Nitro envelope ID
 * @param name the envelope's name
 * @param status the envelope's status, such as {@code sent} or {@code sealed}
 * @param signerEmail who signs, when known
 * @param signerName their name, when known
 * @param lastModifiedAt when the envelope last changed
 * @param sealedNoticeAt when Nitro's webhook said the envelope was sealed, if it has
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SignatureRequest(String id, @Nullable String name, String status, @Nullable String signerEmail,
		@Nullable String signerName, @Nullable Instant lastModifiedAt, @Nullable Instant sealedNoticeAt) {

	static SignatureRequest of(Envelope envelope, @Nullable String signerEmail, @Nullable String signerName,
			@Nullable Instant sealedNoticeAt) {
		return new SignatureRequest(envelope.id(), envelope.name(), envelope.status().value(), signerEmail, signerName,
				envelope.lastModifiedAt(), sealedNoticeAt);
	}

}
