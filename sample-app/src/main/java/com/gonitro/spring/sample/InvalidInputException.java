package com.gonitro.spring.sample;

/**
 * A request field the caller must fix; answered 400 with the field named.
 */
class InvalidInputException extends RuntimeException {

	private final String field;

	InvalidInputException(String field, String message) {
		super(message);
		this.field = field;
	}

	String getField() {
		return this.field;
	}

}
