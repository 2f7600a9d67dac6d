package com.gonitro.spring.boot.autoconfigure;

import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidNitroPropertiesException} at start-up: which {@code nitro.*} property is wrong, what
 * is wrong with it, and how to supply it.
 */
class InvalidNitroPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<InvalidNitroPropertiesException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidNitroPropertiesException cause) {
		String description = cause.getProblems()
			.stream()
			.map((problem) -> "    - " + problem.description())
			.collect(Collectors.joining(System.lineSeparator(), "The Nitro client is misconfigured:"
					+ System.lineSeparator(), ""));
		String action = cause.getProblems()
			.stream()
			.map(InvalidNitroPropertiesException.Problem::action)
			.distinct()
			.collect(Collectors.joining(System.lineSeparator()));
		return new FailureAnalysis(description, action, cause);
	}

}
