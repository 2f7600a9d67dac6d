package com.gonitro.spring.standin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The Sign API: the envelopes, and the state rules every request goes through. Each resource has its own class,
 * which asks this one for an envelope in the state its operation needs:
 * <ul>
 * <li>{@link StandInEnvelopes}: creating, listing, changing, sending, cancelling and reminding;</li>
 * <li>{@link StandInDocuments}: uploads and what Nitro makes of them, renaming, deleting, reordering;</li>
 * <li>{@link StandInParticipants}: signers and cc recipients, and signing URLs;</li>
 * <li>{@link StandInFields}: fields on the pages of uploaded documents;</li>
 * <li>{@link StandInDownloads}: the original and sealed files and the audit trail.</li>
 * </ul>
 * An envelope is changed only while {@code drafted}, cancelled, reminded or signed only while {@code sent}, and
 * downloaded sealed only once {@code sealed}; anything else answers 409, an unknown envelope 404. Statuses that
 * depend on time (processing, automatic signing, sealing) are computed from the clock when read, so no thread runs
 * in the background; only while webhooks are delivered does a timer read them ({@link #refreshStatuses()}). Every
 * change is announced to the webhooks by the envelope it happens to. All state is guarded by this object's lock.
 */
final class StandInSign {

	private final Map<String, StandInEnvelope> envelopes = new LinkedHashMap<>();

	private final Consumer<StandInWebhookEvent> events;

	private final Clock clock;

	private final Duration sealingDelay;

	private final @Nullable Duration autoSignDelay;

	private final StandInEnvelopes envelopeResource;

	private final StandInDocuments documents;

	private final StandInParticipants participants;

	private final StandInFields fields;

	private final StandInDownloads downloads;

	StandInSign(StandInSettings settings, Consumer<StandInWebhookEvent> events) {
		this.events = events;
		this.clock = settings.clock;
		this.sealingDelay = settings.sealingDelay;
		this.autoSignDelay = settings.autoSignDelay;
		this.envelopeResource = new StandInEnvelopes(this, settings.envelopePageSize);
		this.documents = new StandInDocuments(this, settings.documentProcessingDelay);
		this.participants = new StandInParticipants(this);
		this.fields = new StandInFields(this);
		this.downloads = new StandInDownloads(this);
	}

	RouterFunction<ServerResponse> routes() {
		// Downloads first: their actions ("{envelopeID}:download-sealed") would also match "{envelopeID}" alone.
		return this.downloads.routes()
			.and(this.envelopeResource.routes())
			.and(this.documents.routes())
			.and(this.participants.routes())
			.and(this.fields.routes());
	}

	// Test hooks

	void signAll(String envelopeId) {
		locked(() -> {
			StandInEnvelope envelope = this.envelopes.get(envelopeId);
			if (envelope == null) {
				throw new IllegalStateException("No envelope " + envelopeId);
			}
			String status = status(envelope);
			if (!status.equals("sent")) {
				throw new IllegalStateException("Envelope " + envelopeId + " is " + status + ", not sent: send it for "
						+ "signing before signing it");
			}
			envelope.sign(now());
			return null;
		});
	}

	void reject(String envelopeId) {
		locked(() -> {
			StandInEnvelope envelope = this.envelopes.get(envelopeId);
			if (envelope == null || !status(envelope).equals("sent")) {
				throw new IllegalStateException("Envelope " + envelopeId + " does not exist or is not sent");
			}
			envelope.reject(now());
			return null;
		});
	}

	String status(String envelopeId) {
		return locked(() -> {
			StandInEnvelope envelope = this.envelopes.get(envelopeId);
			if (envelope == null) {
				throw new IllegalStateException("No envelope " + envelopeId);
			}
			return status(envelope);
		});
	}

	List<String> envelopeIds() {
		return locked(() -> List.copyOf(this.envelopes.keySet()));
	}

	/** Computes every envelope's status, so that the changes time brought (signing, sealing) are announced. */
	void refreshStatuses() {
		locked(() -> {
			this.envelopes.values().forEach(this::status);
			return null;
		});
	}

	void reset() {
		locked(() -> {
			this.envelopes.clear();
			return null;
		});
	}

	// The envelopes, for the resources

	/** A new envelope, {@code drafted}. */
	StandInEnvelope create(String name, String mode, @Nullable ObjectNode notification) {
		return locked(() -> {
			StandInEnvelope envelope = new StandInEnvelope(name, mode, notification, now(), this.events);
			this.envelopes.put(envelope.id, envelope);
			return envelope;
		});
	}

	void remove(ServerRequest request) {
		locked(() -> this.envelopes.remove(envelope(request).id));
	}

	/** Works on every envelope, oldest first. */
	<T> T all(Function<List<StandInEnvelope>, T> action) {
		return locked(() -> action.apply(new ArrayList<>(this.envelopes.values())));
	}

	/** Reads the request's envelope, whatever its status; 404 if it does not exist. */
	<T> T read(ServerRequest request, Function<StandInEnvelope, T> action) {
		return locked(() -> action.apply(envelope(request)));
	}

	/** Runs a change that only a drafted envelope allows; 409 otherwise. */
	<T> T drafted(ServerRequest request, String what, Function<StandInEnvelope, T> action) {
		return drafted(request.pathVariable("envelopeID"), what, action);
	}

	/** Runs a change that only a drafted envelope allows, by ID (for changes that finish after reading a body). */
	<T> T drafted(String envelopeId, String what, Function<StandInEnvelope, T> action) {
		return locked(() -> {
			StandInEnvelope envelope = envelope(envelopeId);
			String status = status(envelope);
			if (!status.equals("drafted")) {
				throw StandInProblem.conflict("The envelope is " + status + ": only a drafted envelope can be " + what);
			}
			return action.apply(envelope);
		});
	}

	/** Runs an action that only a sent envelope allows; 409 otherwise. */
	<T> T sent(ServerRequest request, String what, Function<StandInEnvelope, T> action) {
		return locked(() -> {
			StandInEnvelope envelope = envelope(request);
			String status = status(envelope);
			if (!status.equals("sent")) {
				throw StandInProblem.conflict("The envelope is " + status + ": only a sent envelope can be " + what);
			}
			return action.apply(envelope);
		});
	}

	/** Reads what only a sealed envelope has, with the time its signers signed; 409 if it is not sealed. */
	<T> T sealed(ServerRequest request, BiFunction<StandInEnvelope, Instant, T> action) {
		return locked(() -> {
			StandInEnvelope envelope = envelope(request);
			String status = status(envelope);
			if (!status.equals("sealed")) {
				throw StandInProblem.conflict("The envelope is " + status + ": it can be downloaded sealed once sealed");
			}
			// Sealed means signed: the time is known.
			return action.apply(envelope, Objects.requireNonNull(envelope.signedAt(now(), this.autoSignDelay)));
		});
	}

	/** The status Nitro would report now; call with the lock held. */
	String status(StandInEnvelope envelope) {
		return envelope.status(now(), this.sealingDelay, this.autoSignDelay);
	}

	Instant now() {
		return this.clock.instant();
	}

	private StandInEnvelope envelope(ServerRequest request) {
		return envelope(request.pathVariable("envelopeID"));
	}

	private StandInEnvelope envelope(String envelopeId) {
		StandInEnvelope envelope = this.envelopes.get(envelopeId);
		if (envelope == null) {
			throw StandInProblem.notFound("Envelope", envelopeId);
		}
		return envelope;
	}

	private synchronized <T> T locked(Supplier<T> action) {
		return action.get();
	}

}
