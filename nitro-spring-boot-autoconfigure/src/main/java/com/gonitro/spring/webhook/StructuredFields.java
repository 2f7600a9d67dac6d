package com.gonitro.spring.webhook;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an RFC 8941 structured-field dictionary, such as {@code Signature-Input}, {@code Signature} or
 * {@code Content-Digest}, from hostile input: the field, the number of members, of inner-list items and of
 * parameters are bounded, and anything malformed is an {@link IllegalArgumentException} whose message never
 * repeats the input.
 * <p>
 * Each member keeps the exact text of its value, as RFC 9421 signs the {@code Signature-Input} member as sent.
 */
final class StructuredFields {

	static final int MAX_FIELD_LENGTH = 4096;

	private static final int MAX_MEMBERS = 16;

	private static final int MAX_INNER_LIST_ITEMS = 32;

	private static final int MAX_PARAMETERS = 16;

	private final String input;

	private int position;

	private StructuredFields(String input) {
		this.input = input;
	}

	/**
	 * Parses a dictionary.
	 * @param field the field's value (its lines joined by {@code ", "})
	 * @return the members by key, in order
	 * @throws IllegalArgumentException if the field is not a valid dictionary within the bounds
	 */
	static Map<String, Member> parseDictionary(String field) {
		if (field.length() > MAX_FIELD_LENGTH) {
			throw new IllegalArgumentException("longer than " + MAX_FIELD_LENGTH + " characters");
		}
		StructuredFields parser = new StructuredFields(field);
		parser.skip(' ');
		Map<String, Member> members = parser.dictionary();
		parser.skip(' ');
		if (!parser.atEnd()) {
			throw new IllegalArgumentException("unexpected characters after the dictionary");
		}
		return members;
	}

	private Map<String, Member> dictionary() {
		Map<String, Member> members = new LinkedHashMap<>();
		while (!atEnd()) {
			String key = key();
			int start = this.position;
			Object value;
			if (peek() == '=') {
				this.position++;
				start = this.position;
				value = (peek() == '(') ? innerList() : item();
			}
			else {
				value = new Item(Boolean.TRUE, parameters());
			}
			members.put(key, new Member(value, this.input.substring(start, this.position)));
			if (members.size() > MAX_MEMBERS) {
				throw new IllegalArgumentException("more than " + MAX_MEMBERS + " members");
			}
			skipWhitespace();
			if (atEnd()) {
				return members;
			}
			expect(',');
			skipWhitespace();
			if (atEnd()) {
				throw new IllegalArgumentException("a trailing comma");
			}
		}
		return members;
	}

	private InnerList innerList() {
		expect('(');
		List<Item> items = new ArrayList<>();
		while (true) {
			skip(' ');
			if (peek() == ')') {
				this.position++;
				return new InnerList(List.copyOf(items), parameters());
			}
			items.add(item());
			if (items.size() > MAX_INNER_LIST_ITEMS) {
				throw new IllegalArgumentException("more than " + MAX_INNER_LIST_ITEMS + " inner-list items");
			}
			char next = peek();
			if (next != ' ' && next != ')') {
				throw new IllegalArgumentException("inner-list items not separated by a space");
			}
		}
	}

	private Item item() {
		Object value = bareItem();
		return new Item(value, parameters());
	}

	private Map<String, Object> parameters() {
		Map<String, Object> parameters = new LinkedHashMap<>();
		while (peek() == ';') {
			this.position++;
			skip(' ');
			String key = key();
			Object value = Boolean.TRUE;
			if (peek() == '=') {
				this.position++;
				value = bareItem();
			}
			parameters.put(key, value);
			if (parameters.size() > MAX_PARAMETERS) {
				throw new IllegalArgumentException("more than " + MAX_PARAMETERS + " parameters");
			}
		}
		return parameters;
	}

	private Object bareItem() {
		char first = peek();
		if (first == '"') {
			return string();
		}
		if (first == ':') {
			return byteSequence();
		}
		if (first == '?') {
			return bool();
		}
		if (first == '-' || isDigit(first)) {
			return number();
		}
		if (isAlpha(first) || first == '*') {
			return token();
		}
		throw new IllegalArgumentException("not a valid item");
	}

	private String string() {
		expect('"');
		StringBuilder value = new StringBuilder();
		while (!atEnd()) {
			char c = this.input.charAt(this.position++);
			if (c == '\\') {
				char escaped = next();
				if (escaped != '"' && escaped != '\\') {
					throw new IllegalArgumentException("an invalid escape in a string");
				}
				value.append(escaped);
			}
			else if (c == '"') {
				return value.toString();
			}
			else if (c < 0x20 || c > 0x7e) {
				throw new IllegalArgumentException("a character not allowed in a string");
			}
			else {
				value.append(c);
			}
		}
		throw new IllegalArgumentException("an unterminated string");
	}

	private byte[] byteSequence() {
		expect(':');
		int end = this.input.indexOf(':', this.position);
		if (end < 0) {
			throw new IllegalArgumentException("an unterminated byte sequence");
		}
		String encoded = this.input.substring(this.position, end);
		this.position = end + 1;
		try {
			// The basic decoder refuses any character outside the base64 alphabet, as RFC 8941 §3.3.5 requires.
			return Base64.getDecoder().decode(encoded);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("a byte sequence that is not valid base64");
		}
	}

	private Boolean bool() {
		expect('?');
		char value = next();
		if (value != '0' && value != '1') {
			throw new IllegalArgumentException("an invalid boolean");
		}
		return value == '1';
	}

	private Object number() {
		int start = this.position;
		if (peek() == '-') {
			this.position++;
		}
		int digitsStart = this.position;
		while (isDigit(peek())) {
			this.position++;
		}
		int integerDigits = this.position - digitsStart;
		if (peek() != '.') {
			if (integerDigits < 1 || integerDigits > 15) {
				throw new IllegalArgumentException("an integer out of range");
			}
			return Long.parseLong(this.input.substring(start, this.position));
		}
		this.position++;
		int fractionStart = this.position;
		while (isDigit(peek())) {
			this.position++;
		}
		int fractionDigits = this.position - fractionStart;
		if (integerDigits < 1 || integerDigits > 12 || fractionDigits < 1 || fractionDigits > 3) {
			throw new IllegalArgumentException("a decimal out of range");
		}
		return new BigDecimal(this.input.substring(start, this.position));
	}

	private Token token() {
		int start = this.position;
		this.position++;
		while (!atEnd() && isTokenChar(peek())) {
			this.position++;
		}
		return new Token(this.input.substring(start, this.position));
	}

	private String key() {
		int start = this.position;
		char first = peek();
		if (!(first >= 'a' && first <= 'z') && first != '*') {
			throw new IllegalArgumentException("not a valid key");
		}
		this.position++;
		while (!atEnd()) {
			char c = peek();
			if ((c >= 'a' && c <= 'z') || isDigit(c) || c == '_' || c == '-' || c == '.' || c == '*') {
				this.position++;
			}
			else {
				break;
			}
		}
		return this.input.substring(start, this.position);
	}

	private void expect(char expected) {
		if (peek() != expected) {
			throw new IllegalArgumentException("'" + expected + "' expected");
		}
		this.position++;
	}

	private char next() {
		if (atEnd()) {
			throw new IllegalArgumentException("an unexpected end");
		}
		return this.input.charAt(this.position++);
	}

	/** The next character, or {@code 0} at the end. */
	private char peek() {
		return atEnd() ? 0 : this.input.charAt(this.position);
	}

	private boolean atEnd() {
		return this.position >= this.input.length();
	}

	private void skip(char c) {
		while (!atEnd() && peek() == c) {
			this.position++;
		}
	}

	private void skipWhitespace() {
		while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
			this.position++;
		}
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static boolean isAlpha(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	}

	private static boolean isTokenChar(char c) {
		return isAlpha(c) || isDigit(c) || "!#$%&'*+-.^_`|~:/".indexOf(c) >= 0;
	}

	/**
	 * A dictionary member: an {@link Item} or an {@link InnerList}, and the exact text of its value.
	 */
	record Member(Object value, String text) {

	}

	/**
	 * An item: a {@link String}, {@link Token}, {@link Long}, {@link BigDecimal}, {@code byte[]} or
	 * {@link Boolean}, with its parameters.
	 */
	record Item(Object value, Map<String, Object> parameters) {

	}

	/**
	 * An inner list of items, with its parameters.
	 */
	record InnerList(List<Item> items, Map<String, Object> parameters) {

	}

	/**
	 * A token, as opposed to a string.
	 */
	record Token(String value) {

	}

}
