package com.gonitro.spring.pdf;

import java.io.Serial;

import org.jspecify.annotations.Nullable;

import com.gonitro.spring.client.NitroException;

/**
 * An asynchronous PDF Services job failed. Nitro's error type says why: {@code PDFIsPasswordProtected},
 * {@code ConversionFailed}, {@code BrokenDownloadURL}...
 *
 * @since 0.1.0
 */
public class NitroJobFailedException extends NitroException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String jobId;

	private final @Nullable String errorType;

	private final @Nullable String errorTitle;

	/**
	 * Creates an exception.
	 * @param jobId the job
	 * @param errorType Nitro's error type
	 * @param errorTitle Nitro's description
	 */
	public NitroJobFailedException(String jobId, @Nullable String errorType, @Nullable String errorTitle) {
		super("Nitro job " + jobId + " failed: " + ((errorTitle != null) ? errorTitle : "no reason given")
				+ ((errorType != null) ? " [" + errorType + "]" : ""), null);
		this.jobId = jobId;
		this.errorType = errorType;
		this.errorTitle = errorTitle;
	}

	/**
	 * Returns the job.
	 * @return its ID
	 */
	public String getJobId() {
		return this.jobId;
	}

	/**
	 * Returns Nitro's error type, such as {@code PDFIsPasswordProtected}.
	 * @return the type, or {@code null}
	 */
	public @Nullable String getErrorType() {
		return this.errorType;
	}

	/**
	 * Returns Nitro's description of the error.
	 * @return the description, or {@code null}
	 */
	public @Nullable String getErrorTitle() {
		return this.errorTitle;
	}

}
