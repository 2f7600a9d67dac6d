package com.gonitro.spring.client;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Reads and writes Nitro's enum values, which are lower-case words on the wire. An unknown value (Nitro only adds)
 * reads as the enum's {@code UNKNOWN} constant rather than failing.
 * <p>
 * <strong>Support class for the typed clients, public only so that their packages can share it: not API, subject to
 * change without notice.</strong>
 *
 * @since 0.1.0
 */
public final class NitroEnums {

	private NitroEnums() {
	}

	/**
	 * Returns the constant whose wire value matches, ignoring case and treating {@code -} and {@code _} alike.
	 * @param <E> the enum type
	 * @param constants the enum's constants
	 * @param value the wire value
	 * @param unknown the constant for anything else
	 * @return the constant
	 */
	public static <E extends Enum<E>> E fromValue(E[] constants, @Nullable String value, E unknown) {
		if (value != null) {
			String normalized = value.strip().replace('-', '_');
			for (E constant : constants) {
				if (constant.name().equalsIgnoreCase(normalized)) {
					return constant;
				}
			}
		}
		return unknown;
	}

	/**
	 * Returns the wire value of a constant: its name in lower case, with {@code _} written as {@code -}.
	 * @param constant the constant
	 * @return the wire value
	 */
	public static String value(Enum<?> constant) {
		return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
