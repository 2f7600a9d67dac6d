package com.gonitro.spring.standin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * An envelope and everything in it. Its stored status moves {@code drafted → sent}, then {@code cancelled} or
 * {@code rejected}; once signed it reads {@code processing} until the sealing delay has passed, then
 * {@code sealed}. Each change is written to its audit trail and announced as a webhook event when it happens (a
 * change that comes with time, when the status is next computed).
 */
final class StandInEnvelope {

	final String id = UUID.randomUUID().toString();

	final Instant createdAt;

	final Map<String, StandInDocument> documents = new LinkedHashMap<>();

	final Map<String, ObjectNode> participants = new LinkedHashMap<>();

	private final List<String> auditTrail = new ArrayList<>();

	Instant lastModifiedAt;

	String name;

	String mode;

	@Nullable ObjectNode notification;

	private String status = "drafted";

	private @Nullable Instant sentAt;

	private @Nullable Instant signedAt;

	private boolean sealedAnnounced;

	private final Consumer<StandInWebhookEvent> events;

	StandInEnvelope(String name, String mode, @Nullable ObjectNode notification, Instant now,
			Consumer<StandInWebhookEvent> events) {
		this.name = name;
		this.mode = mode;
		this.notification = notification;
		this.createdAt = now;
		this.lastModifiedAt = now;
		this.events = events;
		record(now, "Envelope '" + name + "' created");
		announce(StandInWebhookEvent.of(StandInWebhookEvent.ENVELOPE_CREATED, now, this.id));
	}

	/** The status Nitro would report now. */
	String status(Instant now, Duration sealingDelay, @Nullable Duration autoSignDelay) {
		Instant signed = signedAt(now, autoSignDelay);
		if (signed == null) {
			return this.status;
		}
		Instant sealed = signed.plus(sealingDelay);
		if (now.isBefore(sealed)) {
			return "processing";
		}
		if (!this.sealedAnnounced) {
			this.sealedAnnounced = true;
			announce(StandInWebhookEvent.of(StandInWebhookEvent.ENVELOPE_SEALED, sealed, this.id));
		}
		return "sealed";
	}

	/** When the signers signed, if they have by now (by a test's hand, or automatically). */
	@Nullable Instant signedAt(Instant now, @Nullable Duration autoSignDelay) {
		if (this.signedAt == null && "sent".equals(this.status) && this.sentAt != null && autoSignDelay != null
				&& !now.isBefore(this.sentAt.plus(autoSignDelay))) {
			sign(this.sentAt.plus(autoSignDelay));
		}
		return this.signedAt;
	}

	void add(StandInDocument document, Instant now) {
		this.documents.put(document.id, document);
		touch(now, "Document '" + document.name + "' uploaded");
		announce(StandInWebhookEvent.of(StandInWebhookEvent.ENVELOPE_DOCUMENT_ADDED, now, this.id, "documentID",
				document.id));
	}

	void remove(StandInDocument document, Instant now) {
		this.documents.remove(document.id);
		touch(now, "Document '" + document.name + "' deleted");
		announce(StandInWebhookEvent.of(StandInWebhookEvent.ENVELOPE_DOCUMENT_DELETED, now, this.id, "documentID",
				document.id));
	}

	void send(Instant now) {
		this.status = "sent";
		this.sentAt = now;
		touch(now, "Sent for signing to " + signers().size() + " signer(s)");
		announce(StandInWebhookEvent.of(StandInWebhookEvent.ENVELOPE_SENT_FOR_SIGNATURE, now, this.id));
	}

	/** Every signer signs at once. */
	void sign(Instant at) {
		this.signedAt = at;
		for (ObjectNode signer : signers()) {
			record(at, "Signed by " + signer.path("email").asString());
			announce(StandInWebhookEvent.of(StandInWebhookEvent.SIGNATURE_REQUEST_SIGNED, at, this.id,
					"participantID", signer.path("ID").asString()));
		}
		announce(StandInWebhookEvent.of(StandInWebhookEvent.ENVELOPE_SIGNING_COMPLETED, at, this.id));
	}

	void cancel(Instant now) {
		this.status = "cancelled";
		touch(now, "Envelope cancelled");
		announce(StandInWebhookEvent.of(StandInWebhookEvent.ENVELOPE_CANCELLED, now, this.id));
	}

	/** The first signer declines. */
	void reject(Instant now) {
		this.status = "rejected";
		ObjectNode signer = signers().get(0);
		touch(now, "Declined by " + signer.path("email").asString() + ": envelope rejected");
		announce(StandInWebhookEvent.of(StandInWebhookEvent.SIGNATURE_REQUEST_DECLINED, now, this.id,
				"participantID", signer.path("ID").asString()));
	}

	/** One of its documents; 404 if it has none with that ID. */
	StandInDocument document(String documentId) {
		StandInDocument document = this.documents.get(documentId);
		if (document == null) {
			throw StandInProblem.notFound("Document", documentId);
		}
		return document;
	}

	/** One of its participants; 404 if it has none with that ID. */
	ObjectNode participant(String participantId) {
		ObjectNode participant = this.participants.get(participantId);
		if (participant == null) {
			throw StandInProblem.notFound("Participant", participantId);
		}
		return participant;
	}

	List<ObjectNode> signers() {
		return this.participants.values().stream().filter((p) -> "signer".equals(p.path("role").asString())).toList();
	}

	void touch(Instant now, String event) {
		this.lastModifiedAt = now;
		record(now, event);
	}

	void record(Instant at, String event) {
		this.auditTrail.add(StandInJson.timestamp(at) + "  " + event);
	}

	private void announce(StandInWebhookEvent event) {
		this.events.accept(event);
	}

	List<String> auditTrail() {
		return List.copyOf(this.auditTrail);
	}

	/** As listed, and as {@code :send-for-signing} and PATCH answer ({@code Envelope}). */
	ObjectNode summary(String status) {
		ObjectNode json = StandInJson.object();
		json.put("ID", this.id);
		json.put("createdAt", StandInJson.timestamp(this.createdAt));
		json.put("lastModifiedAt", StandInJson.timestamp(this.lastModifiedAt));
		json.put("name", this.name);
		json.put("status", status);
		return json;
	}

	/** As POST answers a new envelope: {@code drafted}. */
	ObjectNode created() {
		return details(this.status);
	}

	/** As GET, POST and {@code :cancel} answer ({@code ExtendedEnvelope}). */
	ObjectNode details(String status) {
		ObjectNode json = summary(status);
		json.put("mode", this.mode);
		if (this.notification != null) {
			json.set("notification", this.notification);
		}
		return json;
	}

}
