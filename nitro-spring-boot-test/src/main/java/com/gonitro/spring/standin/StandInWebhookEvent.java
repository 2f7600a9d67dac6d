package com.gonitro.spring.standin;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.node.ObjectNode;

/**
 * One Nitro Sign webhook event, as Nitro posts it: {@code {"id","type","created","data"}}, where {@code id} is a
 * unique event ID (a UUID), {@code created} an RFC 3339 timestamp in UTC, and {@code data} the minimum that names
 * what happened ({@code envelopeID}, and {@code participantID} or {@code documentID} where relevant).
 *
 * @param id the event ID
 * @param type the event type, such as {@code EnvelopeSealed}
 * @param created when it happened, by the stand-in's clock
 * @param data its data
 */
record StandInWebhookEvent(String id, String type, Instant created, Map<String, String> data) {

	static final String ENVELOPE_CREATED = "EnvelopeCreated";

	static final String ENVELOPE_DOCUMENT_ADDED = "EnvelopeDocumentAdded";

	static final String ENVELOPE_DOCUMENT_DELETED = "EnvelopeDocumentDeleted";

	static final String ENVELOPE_SENT_FOR_SIGNATURE = "EnvelopeSentForSignature";

	static final String ENVELOPE_CANCELLED = "EnvelopeCancelled";

	static final String SIGNATURE_REQUEST_DECLINED = "SignatureRequestDeclined";

	static final String SIGNATURE_REQUEST_SIGNED = "SignatureRequestSigned";

	static final String ENVELOPE_SIGNING_COMPLETED = "EnvelopeSigningCompleted";

	static final String ENVELOPE_SEALED = "EnvelopeSealed";

	StandInWebhookEvent {
		data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
	}

	/** An event about an envelope. */
	static StandInWebhookEvent of(String type, Instant created, String envelopeId) {
		return new StandInWebhookEvent(UUID.randomUUID().toString(), type, created, Map.of("envelopeID", envelopeId));
	}

	/** An event about a participant or a document of an envelope ({@code participantID}, {@code documentID}). */
	static StandInWebhookEvent of(String type, Instant created, String envelopeId, String member, String id) {
		Map<String, String> data = new LinkedHashMap<>();
		data.put("envelopeID", envelopeId);
		data.put(member, id);
		return new StandInWebhookEvent(UUID.randomUUID().toString(), type, created, data);
	}

	/** The request body: the event as JSON. */
	byte[] json() {
		ObjectNode json = StandInJson.object();
		json.put("id", this.id);
		json.put("type", this.type);
		json.put("created", StandInJson.timestamp(this.created));
		this.data.forEach(json.putObject("data")::put);
		return StandInJson.mapper.writeValueAsBytes(json);
	}

}
