package com.gonitro.spring.sign;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Nitro's list envelope, {@code {"items": [...]}}, as the Sign API answers for documents, participants, fields and
 * signing URLs.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record Items<T>(List<T> items) {

	Items {
		items = (items != null) ? List.copyOf(items) : List.of();
	}

}
