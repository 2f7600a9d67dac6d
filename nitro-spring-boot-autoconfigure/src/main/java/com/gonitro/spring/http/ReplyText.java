package com.gonitro.spring.http;

import org.springframework.util.Assert;

/**
 * Makes text that came from the network fit for an exception message or a log line: shortened, with control
 * characters, line and paragraph separators and invisible format characters (which could forge log lines, rewrite a
 * terminal or reorder what a reader sees) replaced by {@code ?}.
 * <p>
 * Support class shared by the token client and the API clients, not API: it may change without notice.
 *
 * @since 0.1.0
 */
public final class ReplyText {

	private ReplyText() {
	}

	/**
	 * Returns the text shortened to at most the given number of characters (then ending in {@code …}), each control,
	 * separator or format character replaced by {@code ?}.
	 * @param text the text, as received
	 * @param maxLength the most characters kept, at least 1
	 * @return the text fit for a message
	 */
	public static String echo(String text, int maxLength) {
		Assert.isTrue(maxLength >= 1, "'maxLength' must be at least 1");
		String shortened = (text.length() <= maxLength) ? text : text.substring(0, maxLength) + "…";
		StringBuilder echoed = new StringBuilder(shortened.length());
		shortened.codePoints().forEach((c) -> echoed.appendCodePoint(isControl(c) ? '?' : c));
		return echoed.toString();
	}

	private static boolean isControl(int c) {
		int type = Character.getType(c);
		return Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
				|| type == Character.FORMAT;
	}

}
