package com.gonitro.spring.standin;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link StandInConflictException} at start-up: the application asked for the stand-in and configures
 * Nitro too.
 */
class StandInConflictFailureAnalyzer extends AbstractFailureAnalyzer<StandInConflictException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, StandInConflictException cause) {
		return new FailureAnalysis(cause.description(), cause.action(), cause);
	}

}
