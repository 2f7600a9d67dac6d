package com.gonitro.spring.webhook;

import java.io.Serial;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;
import org.springframework.util.Assert;

/**
 * A Nitro Sign webhook delivery that verified, published as a Spring application event once per event ID:
 * <pre>{@code
 * @EventListener
 * void on(NitroWebhookEvent event) {
 *     if (NitroWebhookEvent.ENVELOPE_SEALED.equals(event.type())) {
 *         archive(event.envelopeId());
 *     }
 * }
 * }</pre>
 * Each of Nitro's event types is published as a subtype of its own, so a listener can take only the events it
 * wants ({@code @EventListener void on(NitroWebhookEvent.EnvelopeSealed event)}); a type this version does not know
 * is published as a plain {@code NitroWebhookEvent}. {@linkplain #data() The data} is what Nitro sends: the
 * minimum that names what happened; fetch the rest through the API.
 * <p>
 * Listeners run before Nitro gets its answer, which it waits for at most 15 seconds: a listener that throws makes the
 * answer a 500, so that Nitro delivers the event again; slow work belongs in an {@code @Async} listener.
 *
 * @since 0.1.0
 */
public class NitroWebhookEvent extends ApplicationEvent {

	@Serial
	private static final long serialVersionUID = 1L;

	/** The type of {@link EnvelopeCreated}: {@value}. */
	public static final String ENVELOPE_CREATED = "EnvelopeCreated";

	/** The type of {@link EnvelopeDocumentAdded}: {@value}. */
	public static final String ENVELOPE_DOCUMENT_ADDED = "EnvelopeDocumentAdded";

	/** The type of {@link EnvelopeDocumentDeleted}: {@value}. */
	public static final String ENVELOPE_DOCUMENT_DELETED = "EnvelopeDocumentDeleted";

	/** The type of {@link EnvelopeSentForSignature}: {@value}. */
	public static final String ENVELOPE_SENT_FOR_SIGNATURE = "EnvelopeSentForSignature";

	/** The type of {@link EnvelopeCancelled}: {@value}. */
	public static final String ENVELOPE_CANCELLED = "EnvelopeCancelled";

	/** The type of {@link SignatureRequestReassigned}: {@value}. */
	public static final String SIGNATURE_REQUEST_REASSIGNED = "SignatureRequestReassigned";

	/** The type of {@link SignatureRequestDeclined}: {@value}. */
	public static final String SIGNATURE_REQUEST_DECLINED = "SignatureRequestDeclined";

	/** The type of {@link SignatureRequestSigned}: {@value}. */
	public static final String SIGNATURE_REQUEST_SIGNED = "SignatureRequestSigned";

	/** The type of {@link EnvelopeSigningCompleted}: {@value}. */
	public static final String ENVELOPE_SIGNING_COMPLETED = "EnvelopeSigningCompleted";

	/** The type of {@link EnvelopeSealed}: {@value}. */
	public static final String ENVELOPE_SEALED = "EnvelopeSealed";

	/** The type of {@link OwnerMessaged}: {@value}. */
	public static final String OWNER_MESSAGED = "OwnerMessaged";

	private final String id;

	private final String type;

	private final Instant created;

	private final Map<String, Object> data;

	/**
	 * Creates an event.
	 * @param source the object that received the event
	 * @param id the event's unique ID
	 * @param type the event's type, as Nitro sent it
	 * @param created when the event happened
	 * @param data the event's data
	 */
	protected NitroWebhookEvent(Object source, String id, String type, Instant created, Map<String, ?> data) {
		super(source);
		Assert.hasText(id, "'id' must not be empty");
		Assert.hasText(type, "'type' must not be empty");
		Assert.notNull(created, "'created' must not be null");
		Assert.notNull(data, "'data' must not be null");
		this.id = id;
		this.type = type;
		this.created = created;
		this.data = readOnlyMap(data);
	}

	/**
	 * Returns the event for a delivery: of the subtype that matches its type, or a plain {@code NitroWebhookEvent}
	 * for a type this version does not know.
	 * @param source the object that received the event
	 * @param id the event's unique ID
	 * @param type the event's type, as Nitro sent it
	 * @param created when the event happened
	 * @param data the event's data
	 * @return the event
	 */
	public static NitroWebhookEvent of(Object source, String id, String type, Instant created, Map<String, ?> data) {
		return switch (type) {
			case ENVELOPE_CREATED -> new EnvelopeCreated(source, id, created, data);
			case ENVELOPE_DOCUMENT_ADDED -> new EnvelopeDocumentAdded(source, id, created, data);
			case ENVELOPE_DOCUMENT_DELETED -> new EnvelopeDocumentDeleted(source, id, created, data);
			case ENVELOPE_SENT_FOR_SIGNATURE -> new EnvelopeSentForSignature(source, id, created, data);
			case ENVELOPE_CANCELLED -> new EnvelopeCancelled(source, id, created, data);
			case SIGNATURE_REQUEST_REASSIGNED -> new SignatureRequestReassigned(source, id, created, data);
			case SIGNATURE_REQUEST_DECLINED -> new SignatureRequestDeclined(source, id, created, data);
			case SIGNATURE_REQUEST_SIGNED -> new SignatureRequestSigned(source, id, created, data);
			case ENVELOPE_SIGNING_COMPLETED -> new EnvelopeSigningCompleted(source, id, created, data);
			case ENVELOPE_SEALED -> new EnvelopeSealed(source, id, created, data);
			case OWNER_MESSAGED -> new OwnerMessaged(source, id, created, data);
			default -> new NitroWebhookEvent(source, id, type, created, data);
		};
	}

	/**
	 * Returns the event's unique ID, the same on every delivery of the event.
	 * @return the ID
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Returns the event's type as Nitro sent it, such as {@value #ENVELOPE_SEALED}.
	 * @return the type
	 */
	public String type() {
		return this.type;
	}

	/**
	 * Returns when the event happened, as Nitro states it.
	 * @return the time of the event
	 */
	public Instant created() {
		return this.created;
	}

	/**
	 * Returns the event's data as Nitro sent it: JSON objects as maps, arrays as lists, and strings, numbers,
	 * booleans and {@code null} as such.
	 * @return the data, read-only
	 */
	public Map<String, Object> data() {
		return this.data;
	}

	/**
	 * Returns the ID of the envelope the event is about, when the data names one ({@code envelopeID}).
	 * @return the envelope ID, or {@code null}
	 */
	public @Nullable String envelopeId() {
		return dataId("envelope");
	}

	/**
	 * Returns the ID of the document the event is about, when the data names one ({@code documentID}).
	 * @return the document ID, or {@code null}
	 */
	public @Nullable String documentId() {
		return dataId("document");
	}

	/**
	 * Returns the ID of the participant the event is about, when the data names one ({@code participantID}).
	 * @return the participant ID, or {@code null}
	 */
	public @Nullable String participantId() {
		return dataId("participant");
	}

	/**
	 * A string ID in the data: Nitro writes {@code envelopeID}; {@code envelopeId} is read too.
	 */
	private @Nullable String dataId(String name) {
		Object value = this.data.get(name + "ID");
		if (value == null) {
			value = this.data.get(name + "Id");
		}
		return (value instanceof String id) ? id : null;
	}

	private static Map<String, Object> readOnlyMap(Map<String, ?> map) {
		Map<String, Object> copy = new LinkedHashMap<>();
		map.forEach((key, value) -> copy.put(key, readOnly(value)));
		return Collections.unmodifiableMap(copy);
	}

	@SuppressWarnings("unchecked")
	private static @Nullable Object readOnly(@Nullable Object value) {
		if (value instanceof Map<?, ?> map) {
			return readOnlyMap((Map<String, ?>) map);
		}
		if (value instanceof List<?> list) {
			List<@Nullable Object> copy = new ArrayList<>(list.size());
			list.forEach((element) -> copy.add(readOnly(element)));
			return Collections.unmodifiableList(copy);
		}
		return value;
	}

	/**
	 * Returns the event's ID, type and time; never its data, which may name people.
	 */
	@Override
	public String toString() {
		return getClass().getSimpleName() + "[id=" + this.id + ", type=" + this.type + ", created=" + this.created
				+ "]";
	}

	/**
	 * {@value #ENVELOPE_CREATED}: An envelope has been created.
	 *
	 * @since 0.1.0
	 */
	public static final class EnvelopeCreated extends NitroWebhookEvent {

		@Serial
		private static final long serialVersionUID = 1L;

		EnvelopeCreated(Object source, String id, Instant created, Map<String, ?> data) {
			super(source, id, ENVELOPE_CREATED, created, data);
		}

	}

	/**
	 * {@value #ENVELOPE_DOCUMENT_ADDED}: A document has been added to an envelope.
	 *
	 * @since 0.1.0
	 */
	public static final class EnvelopeDocumentAdded extends NitroWebhookEvent {

		@Serial
		private static final long serialVersionUID = 1L;

		EnvelopeDocumentAdded(Object source, String id, Instant created, Map<String, ?> data) {
			super(source, id, ENVELOPE_DOCUMENT_ADDED, created, data);
		}

	}

	/**
	 * {@value #ENVELOPE_DOCUMENT_DELETED}: A document has been deleted from an envelope.
	 *
	 * @since 0.1.0
	 */
	public static final class EnvelopeDocumentDeleted extends NitroWebhookEvent {

		@Serial
		private static final long serialVersionUID = 1L;

		EnvelopeDocumentDeleted(Object source, String id, Instant created, Map<String, ?> data) {
			super(source, id, ENVELOPE_DOCUMENT_DELETED, created, data);
		}

	}

	/**
	 * {@value #ENVELOPE_SENT_FOR_SIGNATURE}: An envelope has been sent for signature.
	 *
	 * @since 0.1.0
	 */
	public static final class EnvelopeSentForSignature extends NitroWebhookEvent {

		@Serial
		private static final long serialVersionUID = 1L;

		EnvelopeSentForSignature(Object source, String id, Instant created, Map<String, ?> data) {
			super(source, id, ENVELOPE_SENT_FOR_SIGNATURE, created, data);
		}

	}

	/**
	 * {@value #ENVELOPE_CANCELLED}: An envelope has been cancelled.
	 *
	 * @since 0.1.0
	 */
	public static final class EnvelopeCancelled extends NitroWebhookEvent {

		@Serial
		private static final long serialVersionUID = 1L;

		EnvelopeCancelled(Object source, String id, Instant created, Map<String, ?> data) {
			super(source, id, ENVELOPE_CANCELLED, created, data);
		}

	}

	/**
	 * {@value #SIGNATURE_REQUEST_REASSIGNED}: A participant's signature request has been reassigned to someone else.
	 *
	 * @since 0.1.0
	 */
	public static final class SignatureRequestReassigned extends NitroWebhookEvent {

		@Serial
		private static final long serialVersionUID = 1L;

		SignatureRequestReassigned(Object source, String id, Instant created, Map<String, ?> data) {
			super(source, id, SIGNATURE_REQUEST_REASSIGNED, created, data);
		}

	}

	/**
	 * {@value #SIGNATURE_REQUEST_DECLINED}: A participant has declined to sign.
	 *
	 * @since 0.1.0
	 */
	public static final class SignatureRequestDeclined extends NitroWebhookEvent {

		@Serial
		private static final long serialVersionUID = 1L;

		SignatureRequestDeclined(Object source, String id, Instant created, Map<String, ?> data) {
			super(source, id, SIGNATURE_REQUEST_DECLINED, created, data);
		}

	}

	/**
	 * {@value #SIGNATURE_REQUEST_SIGNED}: A participant has signed.
	 *
	 * @since 0.1.0
	 */
	public static final class SignatureRequestSigned extends NitroWebhookEvent {

		@Serial
		private static final long serialVersionUID = 1L;

		SignatureRequestSigned(Object source, String id, Instant created, Map<String, ?> data) {
			super(source, id, SIGNATURE_REQUEST_SIGNED, created, data);
		}

	}

	/**
	 * {@value #ENVELOPE_SIGNING_COMPLETED}: Every participant has signed an envelope.
	 *
	 * @since 0.1.0
	 */
	public static final class EnvelopeSigningCompleted extends NitroWebhookEvent {

		@Serial
		private static final long serialVersionUID = 1L;

		EnvelopeSigningCompleted(Object source, String id, Instant created, Map<String, ?> data) {
			super(source, id, ENVELOPE_SIGNING_COMPLETED, created, data);
		}

	}

	/**
	 * {@value #ENVELOPE_SEALED}: An envelope has been sealed: its signed documents can be downloaded.
	 *
	 * @since 0.1.0
	 */
	public static final class EnvelopeSealed extends NitroWebhookEvent {

		@Serial
		private static final long serialVersionUID = 1L;

		EnvelopeSealed(Object source, String id, Instant created, Map<String, ?> data) {
			super(source, id, ENVELOPE_SEALED, created, data);
		}

	}

	/**
	 * {@value #OWNER_MESSAGED}: A participant has sent the envelope's owner a message.
	 *
	 * @since 0.1.0
	 */
	public static final class OwnerMessaged extends NitroWebhookEvent {

		@Serial
		private static final long serialVersionUID = 1L;

		OwnerMessaged(Object source, String id, Instant created, Map<String, ?> data) {
			super(source, id, OWNER_MESSAGED, created, data);
		}

	}

}
