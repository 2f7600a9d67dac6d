package com.gonitro.spring.standin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * An envelope and everything in it. Its stored status moves {@code drafted → sent}, then {@code cancelled} or
 * {@code rejected}; once signed it reads {@code processing} until the sealing delay has passed, then
 * {@code sealed}.
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

	StandInEnvelope(String name, String mode, @Nullable ObjectNode notification, Instant now) {
		this.name = name;
		this.mode = mode;
		this.notification = notification;
		this.createdAt = now;
		this.lastModifiedAt = now;
		record(now, "Envelope '" + name + "' created");
	}

	/** The status Nitro would report now. */
	String status(Instant now, Duration sealingDelay, @Nullable Duration autoSignDelay) {
		Instant signed = signedAt(now, autoSignDelay);
		if (signed != null) {
			return now.isBefore(signed.plus(sealingDelay)) ? "processing" : "sealed";
		}
		return this.status;
	}

	/** When the signers signed, if they have by now (by a test's hand, or automatically). */
	@Nullable Instant signedAt(Instant now, @Nullable Duration autoSignDelay) {
		if (this.signedAt == null && "sent".equals(this.status) && this.sentAt != null && autoSignDelay != null
				&& !now.isBefore(this.sentAt.plus(autoSignDelay))) {
			sign(this.sentAt.plus(autoSignDelay));
		}
		return this.signedAt;
	}

	void send(Instant now) {
		this.status = "sent";
		this.sentAt = now;
		touch(now, "Sent for signing to " + signers().size() + " signer(s)");
	}

	void sign(Instant at) {
		this.signedAt = at;
		for (ObjectNode signer : signers()) {
			record(at, "Signed by " + signer.path("email").asString());
		}
	}

	void end(String status, Instant now) {
		this.status = status;
		touch(now, "Envelope " + status);
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
