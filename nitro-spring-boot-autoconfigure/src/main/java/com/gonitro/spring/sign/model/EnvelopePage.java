package com.gonitro.spring.sign.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * One page of envelopes.
 *
 * @param items the envelopes on this page
 * @param nextPage the cursor of the next page, or {@code null} on the last page
 * @since 0.1.0
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EnvelopePage(List<Envelope> items, @Nullable String nextPage) {

	/**
	 * Creates a page, reading missing items as none.
	 */
	public EnvelopePage {
		items = (items != null) ? List.copyOf(items) : List.of();
		nextPage = (nextPage != null && !nextPage.isBlank()) ? nextPage : null;
	}

}
