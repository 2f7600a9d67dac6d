package com.gonitro.spring.sign.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import org.jspecify.annotations.Nullable;

/**
 * How a participant proves who they are before signing, besides their email: an access code or a code sent by
 * SMS. A kind Nitro adds later reads as {@link Unknown}.
 *
 * @since 0.1.0
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", visible = true, defaultImpl = ParticipantAuthentication.Unknown.class)
@JsonSubTypes({ @JsonSubTypes.Type(ParticipantAuthentication.AccessCode.class),
		@JsonSubTypes.Type(ParticipantAuthentication.Sms.class) })
public sealed interface ParticipantAuthentication {

	/**
	 * An access code the participant must enter.
	 * @param accessCode the code, 4 to 32 characters
	 * @return the authentication
	 */
	static ParticipantAuthentication accessCode(String accessCode) {
		return new AccessCode(accessCode);
	}

	/**
	 * A code sent by SMS to the participant's phone.
	 * @param countryCode the country code, such as {@code +1}
	 * @param phoneNumber the number, digits only
	 * @return the authentication
	 */
	static ParticipantAuthentication sms(String countryCode, String phoneNumber) {
		return new Sms(countryCode, phoneNumber);
	}

	/**
	 * An access code.
	 *
	 * @param accessCode the code
	 * @since 0.1.0
	 */
	@JsonTypeName("AccessCode")
	@JsonIgnoreProperties(ignoreUnknown = true)
	record AccessCode(String accessCode) implements ParticipantAuthentication {

		@Override
		public String toString() {
			return "AccessCode[accessCode=******]";
		}

	}

	/**
	 * A code sent by SMS.
	 *
	 * @param countryCode the country code
	 * @param phoneNumber the number
	 * @since 0.1.0
	 */
	@JsonTypeName("SMS")
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Sms(String countryCode, String phoneNumber) implements ParticipantAuthentication {

	}

	/**
	 * A kind of authentication this version of the client does not know.
	 *
	 * @param type its type as Nitro names it
	 * @since 0.1.0
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Unknown(@Nullable String type) implements ParticipantAuthentication {

	}

}
