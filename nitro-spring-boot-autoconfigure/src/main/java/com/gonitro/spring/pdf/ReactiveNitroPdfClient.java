package com.gonitro.spring.pdf;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

import com.gonitro.spring.client.FileContent;
import com.gonitro.spring.client.NitroApiException;
import com.gonitro.spring.client.NitroErrors;
import com.gonitro.spring.client.NitroJson;
import com.gonitro.spring.client.NitroTimeoutException;
import com.gonitro.spring.client.NitroUnexpectedStateException;
import com.gonitro.spring.client.Polling;
import com.gonitro.spring.oauth.NitroTokenException;
import com.gonitro.spring.pdf.model.FileInfo;
import com.gonitro.spring.pdf.model.JobStatus;
import com.gonitro.spring.pdf.model.PdfInput;
import com.gonitro.spring.pdf.model.PdfJob;
import com.gonitro.spring.pdf.model.PdfRequest;
import com.gonitro.spring.pdf.model.PdfResult;
import com.gonitro.spring.web.NitroExchangeFilterFunction;

/**
 * Nitro PDF Services, reactive: conversions, transformations, extractions and generations, synchronous or as
 * asynchronous jobs.
 * <ul>
 * <li>{@link #process(PdfRequest)}: synchronous, the JSON result (a URL to download each result file, or the
 * extracted data).</li>
 * <li>{@link #processToBytes(PdfRequest)}: synchronous, the result file itself, streamed.</li>
 * <li>{@link #processAsync(PdfRequest)}: as a job ({@code Prefer: respond-async}), followed with Server-Sent Events
 * and, where those are unavailable, by polling; a job that fails ends in a {@link NitroJobFailedException}, one
 * that has expired (410) in a {@link NitroJobExpiredException}.</li>
 * </ul>
 * Inputs are streamed, and result files are downloaded from their pre-signed URLs without the token (it goes only
 * to Nitro's origin). Errors surface as {@link NitroApiException}s; a PDF Services error type such as
 * {@code PDFIsPasswordProtected} is {@link NitroApiException#getType()}.
 * <p>
 * Example: convert a Word document to PDF and save it.
 * <pre>{@code
 * pdfClient.processToBytes(PdfRequest.convert(PdfInput.file(FileContent.of(Path.of("offer.docx"))), "pdf"))
 *     .as((pdf) -> DataBufferUtils.write(pdf, Path.of("offer.pdf")));
 * }</pre>
 */
public final class ReactiveNitroPdfClient {

	private static final MediaType REMOTE_FILE = MediaType.valueOf("application/vnd.gonitro.url+json");

	private static final MediaType EVENT_STREAM = MediaType.valueOf("application/event-stream");

	private static final String JOB = "/jobs/{jobID}";

	private final WebClient webClient;

	private Polling jobPolling = new Polling(Duration.ofMillis(500), Duration.ofSeconds(10));

	private Duration jobTimeout = Duration.ofMinutes(10);

	/**
	 * Creates a client on the given {@code WebClient}, which must authenticate requests for Nitro (the starter's
	 * {@code nitroWebClient} does).
	 * @param nitroWebClient the client for Nitro, with its base URL
	 */
	public ReactiveNitroPdfClient(WebClient nitroWebClient) {
		Assert.notNull(nitroWebClient, "'nitroWebClient' must not be null");
		this.webClient = nitroWebClient.mutate().codecs(NitroJson::configure).build();
	}

	/**
	 * Sets how long {@link #awaitJob(String)} waits for a job to finish. Defaults to ten minutes.
	 * @param jobTimeout the longest wait
	 */
	public void setJobTimeout(Duration jobTimeout) {
		this.jobTimeout = jobTimeout;
	}

	/**
	 * Sets how often job status is polled when Server-Sent Events are unavailable: the first wait, doubling up to
	 * the longest.
	 * @param initialInterval the first wait
	 * @param maxInterval the longest wait
	 */
	public void setJobPolling(Duration initialInterval, Duration maxInterval) {
		this.jobPolling = new Polling(initialInterval, maxInterval);
	}

	/**
	 * Runs an operation synchronously and returns its JSON result.
	 * @param request the operation
	 * @return the result: result files to download, or extracted data
	 */
	public Mono<PdfResult> process(PdfRequest request) {
		return post(request, MediaType.APPLICATION_JSON, false).bodyToMono(JsonNode.class)
			.map(PdfResult::of)
			.onErrorMap(NitroErrors::translate);
	}

	/**
	 * Runs an operation synchronously and streams its result file.
	 * @param request the operation, with a single result file
	 * @return the file, in chunks
	 */
	public Flux<DataBuffer> processToBytes(PdfRequest request) {
		return post(request, MediaType.APPLICATION_OCTET_STREAM, false).bodyToFlux(DataBuffer.class)
			.onErrorMap(NitroErrors::translate);
	}

	/**
	 * Runs an operation synchronously and writes its result file, streaming.
	 * @param request the operation, with a single result file
	 * @param target the file, created or replaced
	 * @return the file
	 */
	public Mono<Path> process(PdfRequest request, Path target) {
		return DataBufferUtils.write(processToBytes(request), target).thenReturn(target);
	}

	/**
	 * Starts an operation as an asynchronous job ({@code Prefer: respond-async}).
	 * @param request the operation
	 * @return the job, running
	 */
	public Mono<PdfJob> submit(PdfRequest request) {
		return post(request, MediaType.APPLICATION_JSON, true).toEntity(JsonNode.class)
			.map((entity) -> job(entity.getBody(), entity.getHeaders()))
			.onErrorMap(NitroErrors::translate);
	}

	/**
	 * Runs an operation as an asynchronous job and waits for its result.
	 * @param request the operation
	 * @return the result
	 */
	public Mono<PdfResult> processAsync(PdfRequest request) {
		return submit(request).flatMap((job) -> awaitJob(job.id()));
	}

	/**
	 * Returns a job's status.
	 * @param jobId the job
	 * @return its status
	 */
	public Mono<PdfJob> getJobStatus(String jobId) {
		return this.webClient.get()
			.uri(JOB + "/status", jobId)
			.accept(MediaType.APPLICATION_JSON)
			.retrieve()
			.onStatus(HttpStatusCode::isError, NitroErrors::toException)
			.bodyToMono(PdfJob.class)
			.onErrorMap(NitroErrors::translate);
	}

	/**
	 * Follows a job's status as Server-Sent Events, until the job is final or Nitro closes the stream.
	 * @param jobId the job
	 * @return each status Nitro reports
	 */
	public Flux<PdfJob> watchJob(String jobId) {
		return this.webClient.get()
			.uri(JOB + "/status", jobId)
			.accept(MediaType.TEXT_EVENT_STREAM, EVENT_STREAM)
			.exchangeToFlux(this::statusEvents)
			.takeUntil((job) -> job.status().isFinal())
			.onErrorMap(NitroErrors::translate);
	}

	/**
	 * Waits for a job to finish, following Server-Sent Events and, where those are unavailable or end early,
	 * polling with backoff.
	 * @param jobId the job
	 * @return the result; or a {@link NitroJobFailedException}; or a {@link NitroJobExpiredException} (410); or a
	 * {@link NitroUnexpectedStateException} if it was canceled; or a
	 * {@link com.gonitro.spring.client.NitroTimeoutException}
	 */
	public Mono<PdfResult> awaitJob(String jobId) {
		Mono<PdfJob> polled = this.jobPolling.until(() -> getJobStatus(jobId),
				(job) -> job.status().isFinal() ? Mono.just(job) : null, this.jobTimeout,
				(last) -> "Nitro job " + jobId + " did not finish within " + this.jobTimeout
						+ ((last != null && last.progress() != null) ? "; progress " + last.progress() : ""));
		return watchJob(jobId).filter((job) -> job.status().isFinal())
			.next()
			.onErrorResume(ReactiveNitroPdfClient::eventsUnavailable, (ex) -> Mono.empty())
			.switchIfEmpty(polled)
			.timeout(this.jobTimeout, Mono.error(() -> new NitroTimeoutException(
					"Nitro job " + jobId + " did not finish within " + this.jobTimeout)))
			.flatMap(this::outcome)
			.onErrorMap(NitroApiException.Gone.class, (gone) -> new NitroJobExpiredException(jobId, gone));
	}

	/**
	 * Returns a completed job's result.
	 * @param jobId the job
	 * @return the result
	 */
	public Mono<PdfResult> getJobResult(String jobId) {
		return this.webClient.get()
			.uri(JOB, jobId)
			.accept(MediaType.APPLICATION_JSON)
			.retrieve()
			.onStatus(HttpStatusCode::isError, NitroErrors::toException)
			.bodyToMono(PdfJob.class)
			.flatMap(this::outcome)
			.onErrorMap(NitroErrors::translate);
	}

	/**
	 * Streams a result file from its pre-signed URL. The token is not sent: the URL is not Nitro's API.
	 * @param file the result file
	 * @return the file, in chunks
	 */
	public Flux<DataBuffer> download(FileInfo file) {
		URI url = file.url();
		Assert.state(url != null, "This result file was delivered to your URL and cannot be downloaded");
		return this.webClient.get()
			.uri(url)
			.retrieve()
			.onStatus(HttpStatusCode::isError, NitroErrors::toException)
			.bodyToFlux(DataBuffer.class)
			.onErrorMap(NitroErrors::translate);
	}

	/**
	 * Writes a result file to disk, streaming.
	 * @param file the result file
	 * @param target the file, created or replaced
	 * @return the file
	 */
	public Mono<Path> download(FileInfo file, Path target) {
		return DataBufferUtils.write(download(file), target).thenReturn(target);
	}

	private WebClient.ResponseSpec post(PdfRequest request, MediaType accept, boolean async) {
		boolean replayable = request.inputs()
			.stream()
			.allMatch((input) -> !(input instanceof PdfInput.Upload upload) || upload.content().isReplayable());
		return this.webClient.post()
			.uri(request.endpoint().path())
			.accept(accept, MediaType.APPLICATION_PROBLEM_JSON)
			.headers((headers) -> {
				if (async) {
					headers.set("Prefer", "respond-async");
				}
			})
			.attribute(NitroExchangeFilterFunction.REPLAYABLE_BODY, replayable)
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(multipart(request).build()))
			.retrieve()
			.onStatus(HttpStatusCode::isError, NitroErrors::toException);
	}

	private static MultipartBodyBuilder multipart(PdfRequest request) {
		MultipartBodyBuilder multipart = new MultipartBodyBuilder();
		multipart.part("method", request.method(), MediaType.TEXT_PLAIN);
		multipart.part("params", json(request.params()), MediaType.APPLICATION_JSON);
		String name = request.inputPartName();
		for (PdfInput input : request.inputs()) {
			if (input instanceof PdfInput.Upload upload) {
				FileContent content = upload.content();
				multipart.asyncPart(name, content.read(DefaultDataBufferFactory.sharedInstance), DataBuffer.class)
					.filename(content.filename())
					.contentType(content.contentType());
			}
			else if (input instanceof PdfInput.Remote remote) {
				multipart.part(name, json(Map.of("URL", remote.url().toString(), "contentType", remote.contentType())),
						REMOTE_FILE)
					.filename(remote.url().toString());
			}
		}
		if (request.delivery() != null) {
			multipart.part("delivery", json(request.delivery()), MediaType.APPLICATION_JSON);
		}
		return multipart;
	}

	private Flux<PdfJob> statusEvents(ClientResponse response) {
		if (response.statusCode().isError()) {
			return NitroErrors.toException(response).flatMapMany(Flux::error);
		}
		MediaType type = response.headers().contentType().orElse(MediaType.APPLICATION_OCTET_STREAM);
		if (MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
			return response.bodyToMono(PdfJob.class).flux();
		}
		return ServerSentEvents.data(response.bodyToFlux(DataBuffer.class))
			.map((data) -> NitroJson.mapper().readValue(data, PdfJob.class));
	}

	private Mono<PdfResult> outcome(PdfJob job) {
		if (job.status() == JobStatus.FAILED) {
			PdfJob.JobError error = job.error();
			return Mono.error(new NitroJobFailedException(job.id(), (error != null) ? error.type() : null,
					(error != null) ? error.title() : null));
		}
		if (job.status() != JobStatus.COMPLETED) {
			return Mono.error(new NitroUnexpectedStateException(
					"Nitro job " + job.id() + " ended " + job.status().value() + " instead of completing"));
		}
		return (job.result() != null) ? Mono.just(PdfResult.of(job.result())) : getJobResult(job.id());
	}

	/**
	 * Whether following a job with events failed in a way polling may overcome: not an authentication problem, an
	 * unknown job or an expired one.
	 */
	private static boolean eventsUnavailable(Throwable failure) {
		if (failure instanceof NitroTokenException) {
			return false;
		}
		if (failure instanceof NitroApiException api) {
			return api.getStatus() != 401 && api.getStatus() != 404 && api.getStatus() != 410;
		}
		return true;
	}

	private static PdfJob job(@Nullable JsonNode body, HttpHeaders headers) {
		PdfJob job = (body != null && body.isObject()) ? NitroJson.mapper().treeToValue(body, PdfJob.class) : null;
		if (job != null && job.id() != null) {
			return job;
		}
		URI location = headers.getLocation();
		Assert.state(location != null, "Nitro accepted the job but named neither its jobID nor its Location");
		String path = location.getPath().replaceAll("/status/?$", "");
		String id = path.substring(path.lastIndexOf('/') + 1);
		return new PdfJob(id, JobStatus.RUNNING, null, null, null);
	}

	private static String json(Object value) {
		return NitroJson.mapper().writeValueAsString(value);
	}

}
