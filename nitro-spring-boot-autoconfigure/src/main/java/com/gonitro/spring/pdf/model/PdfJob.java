package com.gonitro.spring.pdf.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import com.gonitro.spring.client.PrintableUrls;

/**
 * An asynchronous PDF Services job, as its status reports it.
 *
 * @param id the job's ID ({@code jobID} on the wire)
 * @param status its status
 * @param progress how far it has come, from 0.0 to 1.0, while running
 * @param result the result, once completed (the same shape as the synchronous reply); read it with
 * {@link PdfResult#of(JsonNode)}
 * @param error why it failed
 * @since 0.1.0
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PdfJob(@JsonProperty("jobID") @JsonAlias({ "jobId", "ID", "id" }) String id, JobStatus status,
		@Nullable Double progress, @Nullable JsonNode result, @Nullable JobError error) {

	/**
	 * Creates a job, reading a missing status as {@link JobStatus#UNKNOWN}.
	 */
	public PdfJob {
		status = (status != null) ? status : JobStatus.UNKNOWN;
	}

	@Override
	public String toString() {
		return "PdfJob[id=" + this.id + ", status=" + this.status + ", progress=" + this.progress + ", result="
				+ PrintableUrls.toString(this.result) + ", error=" + this.error + "]";
	}

	/**
	 * Why a job failed.
	 *
	 * @param type the error type, such as {@code PDFIsPasswordProtected}, {@code ConversionFailed} or
	 * {@code BrokenDownloadURL}
	 * @param title its description
	 * @since 0.1.0
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record JobError(@Nullable String type, @Nullable String title) {

	}

}
