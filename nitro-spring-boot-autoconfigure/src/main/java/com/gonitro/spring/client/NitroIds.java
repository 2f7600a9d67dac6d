package com.gonitro.spring.client;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The rule for the IDs the typed clients put into paths and request bodies: envelope, document, participant, field
 * and job IDs, whether they come from the application or from a reply of Nitro's.
 * <p>
 * Nitro's IDs are UUIDs. An ID is refused when it is {@code null} or empty, when it is {@code .} or {@code ..} (a
 * gateway that normalises paths would turn {@code DELETE /sign/envelopes/E1/participants/..} into a request for the
 * envelope), when it is longer than 256 characters, and when it contains {@code /}, {@code \},
 * {@code ?}, {@code #} or {@code %} (which a gateway may decode or split on once the client has encoded them), a
 * control or formatting character, or whitespace. Everything else is accepted and encoded into the path as it is.
 * <p>
 * A refused ID is named in the exception, with no more than a short, escaped prefix of its value.
 * <p>
 * <strong>Support class for the typed clients, public only so that their packages can share it: not API, subject to
 * change without notice.</strong>
 *
 * @since 0.1.0
 */
public final class NitroIds {

	/** Longest ID accepted: a UUID has 36 characters, and a path must stay well within what servers accept. */
	private static final int MAX_LENGTH = 256;

	/** Characters of a refused value quoted in a message. */
	private static final int PREVIEW_LENGTH = 24;

	private NitroIds() {
	}

	/**
	 * Returns an ID the application passed, if it is a Nitro ID.
	 * @param name the parameter, such as {@code participantId}
	 * @param id its value
	 * @return the ID
	 * @throws IllegalArgumentException naming the parameter, if the value is not a Nitro ID
	 */
	public static String requireValid(String name, @Nullable String id) {
		String problem = problem(id);
		if (problem != null) {
			throw new IllegalArgumentException("'" + name + "' must be a Nitro ID, but is " + problem);
		}
		return id;
	}

	/**
	 * Returns a list of IDs the application passed, if each is a Nitro ID.
	 * @param name the parameter, such as {@code participantIds}
	 * @param ids the list
	 * @return the list
	 * @throws IllegalArgumentException naming the parameter and the position, if the list is {@code null} or one of
	 * its values is not a Nitro ID
	 */
	public static List<String> requireValid(String name, @Nullable List<String> ids) {
		if (ids == null) {
			throw new IllegalArgumentException("'" + name + "' must not be null");
		}
		for (int i = 0; i < ids.size(); i++) {
			String problem = problem(ids.get(i));
			if (problem != null) {
				throw new IllegalArgumentException("'" + name + "' must hold Nitro IDs, but [" + i + "] is " + problem);
			}
		}
		return ids;
	}

	/**
	 * Returns an ID read from one of Nitro's replies, if it is a Nitro ID.
	 * @param what what the reply names, such as {@code job ID}
	 * @param id the value read
	 * @return the ID
	 * @throws NitroUnexpectedResponseException if the value is not a Nitro ID
	 */
	public static String requireValidInReply(String what, @Nullable String id) {
		String problem = problem(id);
		if (problem != null) {
			throw new NitroUnexpectedResponseException("Nitro's reply names a " + what + " that is not a Nitro ID: "
					+ problem);
		}
		return id;
	}

	/** What is wrong with a value, quoting a short prefix of it, or {@code null} when it is a Nitro ID. */
	private static @Nullable String problem(@Nullable String id) {
		if (id == null) {
			return "null";
		}
		if (id.isEmpty()) {
			return "empty";
		}
		if (id.equals(".") || id.equals("..")) {
			return preview(id) + " (a dot segment)";
		}
		if (id.length() > MAX_LENGTH) {
			return preview(id) + " (longer than " + MAX_LENGTH + " characters)";
		}
		for (int i = 0; i < id.length(); i++) {
			char c = id.charAt(i);
			if (c == '/' || c == '\\' || c == '?' || c == '#' || c == '%') {
				return preview(id) + " (it contains '" + c + "')";
			}
			if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
				return preview(id) + " (it contains a control character)";
			}
			if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
				return preview(id) + " (it contains whitespace)";
			}
		}
		return null;
	}

	/** The first characters of a value, quoted, with anything but printable ASCII escaped as {@code \\uXXXX}. */
	private static String preview(String value) {
		StringBuilder preview = new StringBuilder("'");
		for (int i = 0; i < Math.min(value.length(), PREVIEW_LENGTH); i++) {
			char c = value.charAt(i);
			if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\') {
				preview.append(c);
			}
			else {
				preview.append(String.format("\\u%04x", (int) c));
			}
		}
		return preview.append((value.length() > PREVIEW_LENGTH) ? "'..." : "'").toString();
	}

}
