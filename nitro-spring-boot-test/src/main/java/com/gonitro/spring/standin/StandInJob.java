package com.gonitro.spring.standin;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An asynchronous PDF Services job: it reports {@code running}, with progress, until its duration has passed, then
 * {@code completed} with its result or {@code failed} with its error; after the retention time (or when a test
 * expires it) it is gone (410).
 */
final class StandInJob {

	final String id = UUID.randomUUID().toString();

	private final Instant createdAt;

	private final Instant completesAt;

	private final Instant expiresAt;

	private final @Nullable JsonNode result;

	private final @Nullable ObjectNode error;

	private final List<URI> files;

	private volatile boolean expired;

	private StandInJob(Instant createdAt, Duration duration, Duration retention, @Nullable JsonNode result,
			@Nullable ObjectNode error, List<URI> files) {
		this.createdAt = createdAt;
		this.completesAt = createdAt.plus(duration);
		this.expiresAt = this.completesAt.plus(retention);
		this.result = result;
		this.error = error;
		this.files = files;
	}

	static StandInJob completed(Instant now, Duration duration, Duration retention, JsonNode result, List<URI> files) {
		return new StandInJob(now, duration, retention, result, null, files);
	}

	static StandInJob failed(Instant now, Duration duration, Duration retention, String type, String title) {
		ObjectNode error = StandInJson.object();
		error.put("type", type);
		error.put("title", title);
		return new StandInJob(now, duration, retention, null, error, List.of());
	}

	void expire() {
		this.expired = true;
	}

	boolean isExpired(Instant now) {
		return this.expired || !now.isBefore(this.expiresAt);
	}

	boolean isFinal(Instant now) {
		return !now.isBefore(this.completesAt);
	}

	List<URI> files() {
		return this.files;
	}

	/** The job's status now, as {@code GET /jobs/{jobID}/status} answers it. */
	ObjectNode status(Instant now) {
		ObjectNode status = StandInJson.object();
		status.put("jobID", this.id);
		if (!isFinal(now)) {
			long total = Math.max(1, Duration.between(this.createdAt, this.completesAt).toMillis());
			double progress = Math.min(0.99, Duration.between(this.createdAt, now).toMillis() / (double) total);
			status.put("status", "running");
			status.put("progress", Math.round(progress * 100) / 100.0);
		}
		else if (this.error != null) {
			status.put("status", "failed");
			status.set("error", this.error);
		}
		else {
			status.put("status", "completed");
			status.set("result", this.result);
		}
		return status;
	}

}
