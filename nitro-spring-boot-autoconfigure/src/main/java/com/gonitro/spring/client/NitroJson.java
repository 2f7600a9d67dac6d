package com.gonitro.spring.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.codec.ClientCodecConfigurer;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.http.codec.json.JacksonJsonEncoder;

/**
 * The JSON settings of the typed Nitro clients, independent of the application's own Jackson configuration (a
 * global naming strategy or {@code FAIL_ON_UNKNOWN_PROPERTIES} there must not change Nitro's wire format).
 * <p>
 * Nitro only ever adds optional fields: unknown fields are ignored, unknown enum values read as the enum's
 * {@code UNKNOWN} constant, enum values are matched regardless of case, and {@code null} members are not sent.
 *
 * @since 0.1.0
 */
public final class NitroJson {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
		.enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
		.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
		.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
		.build();

	private NitroJson() {
	}

	/**
	 * Returns the mapper the typed clients read and write JSON with.
	 * @return the mapper
	 */
	public static JsonMapper mapper() {
		return MAPPER;
	}

	/**
	 * Makes a {@code WebClient} read and write JSON with {@link #mapper()}:
	 * {@code webClient.mutate().codecs(NitroJson::configure)}.
	 * @param codecs the codecs to configure
	 */
	public static void configure(ClientCodecConfigurer codecs) {
		codecs.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(MAPPER));
		codecs.defaultCodecs().jacksonJsonEncoder(new JacksonJsonEncoder(MAPPER));
	}

}
