package com.gonitro.spring.sign;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

import com.gonitro.spring.sign.model.BoundingBox;
import com.gonitro.spring.sign.model.CreateEnvelope;
import com.gonitro.spring.sign.model.CreateField;
import com.gonitro.spring.sign.model.CreateParticipant;
import com.gonitro.spring.sign.model.Document;
import com.gonitro.spring.sign.model.DocumentMetadata;
import com.gonitro.spring.sign.model.DocumentStatus;
import com.gonitro.spring.sign.model.Envelope;
import com.gonitro.spring.sign.model.EnvelopePage;
import com.gonitro.spring.sign.model.EnvelopeStatus;
import com.gonitro.spring.sign.model.Field;
import com.gonitro.spring.sign.model.FieldType;
import com.gonitro.spring.sign.model.Notification;
import com.gonitro.spring.sign.model.Participant;
import com.gonitro.spring.sign.model.ParticipantAuthentication;
import com.gonitro.spring.sign.model.ParticipantRole;
import com.gonitro.spring.sign.model.SigningMode;
import com.gonitro.spring.sign.model.SigningUrl;
import com.gonitro.spring.sign.model.UpdateEnvelope;
import com.gonitro.spring.sign.model.UpdateField;
import com.gonitro.spring.sign.model.UpdateParticipant;

/**
 * Lets a native image read and write the Sign API's JSON: Jackson binds {@link Items} and every type of
 * {@code com.gonitro.spring.sign.model} by reflection (record constructors and accessors, the enums'
 * {@code @JsonCreator} and {@code @JsonValue} methods). The subtypes of {@link ParticipantAuthentication} are listed
 * because Jackson finds them through {@code @JsonSubTypes}, which the binding registrar does not follow.
 * <p>
 * Registered in {@code META-INF/spring/aot.factories}, so it applies to any application processed ahead of time
 * with the library on its class path, with or without the auto-configuration.
 */
class NitroSignRuntimeHints implements RuntimeHintsRegistrar {

	private static final Class<?>[] BOUND_TYPES = { Items.class, BoundingBox.class, CreateEnvelope.class,
			CreateField.class, CreateParticipant.class, Document.class, DocumentMetadata.class, DocumentStatus.class,
			Envelope.class, EnvelopePage.class, EnvelopeStatus.class, Field.class, FieldType.class, Notification.class,
			Participant.class, ParticipantAuthentication.class, ParticipantAuthentication.AccessCode.class,
			ParticipantAuthentication.Sms.class, ParticipantAuthentication.Unknown.class, ParticipantRole.class,
			SigningMode.class, SigningUrl.class, UpdateEnvelope.class, UpdateField.class, UpdateParticipant.class };

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(), BOUND_TYPES);
	}

}
