package com.gonitro.spring.pdf;

import java.io.InputStream;
import java.nio.file.Path;

import org.springframework.util.Assert;

import com.gonitro.spring.client.Blocking;
import com.gonitro.spring.pdf.model.FileInfo;
import com.gonitro.spring.pdf.model.PdfJob;
import com.gonitro.spring.pdf.model.PdfRequest;
import com.gonitro.spring.pdf.model.PdfResult;

/**
 * Nitro PDF Services, blocking: for servlet applications, batch jobs and command-line tools. Each method waits for
 * {@link ReactiveNitroPdfClient}, so it must not be called on a non-blocking thread. A job ID that is not a Nitro ID
 * is refused with an {@code IllegalArgumentException} before any request is sent.
 * <p>
 * Example: compress a PDF as a job and save the result.
 * <pre>{@code
 * PdfResult result = pdf.processAsync(PdfRequest.compress(PdfInput.file(FileContent.of(Path.of("scan.pdf")))));
 * pdf.download(result.file().orElseThrow(), Path.of("scan-compressed.pdf"));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class NitroPdfClient {

	private final ReactiveNitroPdfClient reactive;

	/**
	 * Creates a client that waits for the given reactive client.
	 * @param reactive the reactive client
	 */
	public NitroPdfClient(ReactiveNitroPdfClient reactive) {
		Assert.notNull(reactive, "'reactive' must not be null");
		this.reactive = reactive;
	}

	/**
	 * Returns the reactive client this one waits for.
	 * @return the reactive client
	 */
	public ReactiveNitroPdfClient reactive() {
		return this.reactive;
	}

	/**
	 * Runs an operation synchronously and returns its JSON result.
	 * @param request the operation
	 * @return the result: result files to download, or extracted data
	 */
	public PdfResult process(PdfRequest request) {
		return Blocking.await(this.reactive.process(request));
	}

	/**
	 * Runs an operation synchronously and writes its result file, streaming.
	 * @param request the operation, with a single result file
	 * @param target the file, created or replaced
	 * @return the file
	 */
	public Path process(PdfRequest request, Path target) {
		return Blocking.await(this.reactive.process(request, target));
	}

	/**
	 * Runs an operation synchronously and opens its result file as a stream, read from the network as it is
	 * consumed. Close it.
	 * @param request the operation, with a single result file
	 * @return the stream
	 */
	public InputStream open(PdfRequest request) {
		return Blocking.stream(this.reactive.processToBytes(request));
	}

	/**
	 * Starts an operation as an asynchronous job.
	 * @param request the operation
	 * @return the job, running
	 */
	public PdfJob submit(PdfRequest request) {
		return Blocking.await(this.reactive.submit(request));
	}

	/**
	 * Runs an operation as an asynchronous job and waits for its result.
	 * @param request the operation
	 * @return the result
	 * @throws NitroJobFailedException if the job fails
	 * @throws NitroJobExpiredException if its result is no longer available
	 * @throws com.gonitro.spring.client.NitroAwaitTimeoutException if it is not finished within the job timeout
	 */
	public PdfResult processAsync(PdfRequest request) {
		return Blocking.await(this.reactive.processAsync(request));
	}

	/**
	 * Returns a job's status.
	 * @param jobId the job
	 * @return its status
	 */
	public PdfJob getJobStatus(String jobId) {
		return Blocking.await(this.reactive.getJobStatus(jobId));
	}

	/**
	 * Waits for a job to finish.
	 * @param jobId the job
	 * @return the result
	 * @throws NitroJobFailedException if the job fails
	 * @throws NitroJobExpiredException if its result is no longer available
	 * @throws com.gonitro.spring.client.NitroAwaitTimeoutException if it is not finished within the job timeout
	 */
	public PdfResult awaitJob(String jobId) {
		return Blocking.await(this.reactive.awaitJob(jobId));
	}

	/**
	 * Returns a completed job's result.
	 * @param jobId the job
	 * @return the result
	 */
	public PdfResult getJobResult(String jobId) {
		return Blocking.await(this.reactive.getJobResult(jobId));
	}

	/**
	 * Writes a result file to disk from its pre-signed URL, streaming.
	 * @param file the result file
	 * @param target the file, created or replaced
	 * @return the file
	 */
	public Path download(FileInfo file, Path target) {
		return Blocking.await(this.reactive.download(file, target));
	}

	/**
	 * Opens a result file as a stream from its pre-signed URL. Close it.
	 * @param file the result file
	 * @return the stream
	 */
	public InputStream open(FileInfo file) {
		return Blocking.stream(this.reactive.download(file));
	}

}
