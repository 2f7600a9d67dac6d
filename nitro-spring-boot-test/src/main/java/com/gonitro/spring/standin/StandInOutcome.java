package com.gonitro.spring.standin;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What a PDF Services operation produced: result files (conversions, transformations, generations) or data
 * (extractions).
 *
 * @param files the result files, none for extractions
 * @param data the extracted data, {@code null} for operations that produce files
 * @param wrapped whether a synchronous reply wraps the data in {@code result}, as most extractions' do
 */
record StandInOutcome(List<StandInFile> files, @Nullable JsonNode data, boolean wrapped) {

	static StandInOutcome of(StandInFile... files) {
		return new StandInOutcome(List.of(files), null, false);
	}

	static StandInOutcome of(List<StandInFile> files) {
		return new StandInOutcome(List.copyOf(files), null, false);
	}

	static StandInOutcome data(JsonNode data) {
		return new StandInOutcome(List.of(), data, true);
	}

	/** Data that a synchronous reply carries as it is ({@code extract-fillable-form-data}'s {@code formFields}). */
	static StandInOutcome bareData(JsonNode data) {
		return new StandInOutcome(List.of(), data, false);
	}

}
