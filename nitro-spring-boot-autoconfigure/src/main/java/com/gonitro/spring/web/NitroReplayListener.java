package com.gonitro.spring.web;

/**
 * Told about the replays of requests for Nitro, for metrics: each replay the starter sends, and each time it hands a
 * replay condition to the caller instead.
 * <p>
 * A request that met replay conditions tells its listener when it ends, once per replay sent, with the request's
 * final outcome: {@link Outcome#SUCCEEDED} when it ended with a reply that is not itself a replay condition,
 * {@link Outcome#GAVE_UP} when the starter handed a 401, 429, 5xx or lost connection to the caller (attempts or
 * wait budget used up, a second 401, a body that cannot be replayed). A request that meets a condition it does not
 * replay at all tells it once, {@link Outcome#GAVE_UP}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface NitroReplayListener {

	/**
	 * A listener that does nothing.
	 */
	NitroReplayListener NONE = (application, reason, outcome) -> {
	};

	/**
	 * Called once per replay, or once for a condition given up without replaying.
	 * @param application the Nitro application the request was for ({@code default} for the top-level one)
	 * @param reason why the request was (or would have been) replayed
	 * @param outcome how the request ended
	 */
	void onReplay(String application, Reason reason, Outcome outcome);

	/**
	 * Why a request is replayed.
	 */
	enum Reason {

		/** Nitro rejected the token (401): a new token is requested and the request replayed once. */
		UNAUTHORIZED("401"),

		/** Nitro throttled the request (429). */
		THROTTLED("429"),

		/** Nitro failed (5xx) on an idempotent request. */
		SERVER_ERROR("5xx"),

		/** The connection failed (an idempotent request, or one that never reached Nitro). */
		CONNECTION("connection");

		private final String tagValue;

		Reason(String tagValue) {
			this.tagValue = tagValue;
		}

		/**
		 * Returns the value metrics tag the reason with: {@code 401}, {@code 429}, {@code 5xx} or
		 * {@code connection}.
		 * @return the tag value
		 */
		public String tagValue() {
			return this.tagValue;
		}

	}

	/**
	 * How a request that met a replay condition ended.
	 */
	enum Outcome {

		/** It ended with a reply that is not a replay condition. */
		SUCCEEDED("succeeded"),

		/** The starter handed the condition (401, 429, 5xx, lost connection) to the caller. */
		GAVE_UP("gave_up");

		private final String tagValue;

		Outcome(String tagValue) {
			this.tagValue = tagValue;
		}

		/**
		 * Returns the value metrics tag the outcome with: {@code succeeded} or {@code gave_up}.
		 * @return the tag value
		 */
		public String tagValue() {
			return this.tagValue;
		}

	}

}
