package com.gonitro.spring.pdf;

import java.io.Serial;

import com.gonitro.spring.client.NitroApiException;
import com.gonitro.spring.client.NitroException;

/**
 * An asynchronous job's result is no longer available: Nitro answered 410 ({@code FileNoLongerAvailable}). Submit
 * the request again.
 *
 * @since 0.1.0
 */
public class NitroJobExpiredException extends NitroException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String jobId;

	/**
	 * Creates an exception.
	 * @param jobId the job
	 * @param cause Nitro's 410 reply
	 */
	public NitroJobExpiredException(String jobId, NitroApiException.Gone cause) {
		super("Nitro job " + jobId + " has expired: its result is no longer available (" + cause.getStatus() + " "
				+ ((cause.getType() != null) ? cause.getType() : "Gone") + "); submit the request again", cause);
		this.jobId = jobId;
	}

	/**
	 * Returns the job.
	 * @return its ID
	 */
	public String getJobId() {
		return this.jobId;
	}

}
