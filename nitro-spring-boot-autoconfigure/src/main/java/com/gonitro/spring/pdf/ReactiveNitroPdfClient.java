package com.gonitro.spring.pdf;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.BodyExtractor;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriUtils;

import com.gonitro.spring.client.FileContent;
import com.gonitro.spring.client.NitroApiException;
import com.gonitro.spring.client.NitroAwaitTimeoutException;
import com.gonitro.spring.client.NitroErrors;
import com.gonitro.spring.client.NitroIds;
import com.gonitro.spring.client.NitroJson;
import com.gonitro.spring.client.NitroUnexpectedResponseException;
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
 * {@code PDFIsPasswordProtected} is {@link NitroApiException#getType()}. A job ID is checked before any request is
 * sent (see {@link NitroIds}).
 * <p>
 * Example: convert a Word document to PDF and save it.
 * <pre>{@code
 * pdfClient.processToBytes(PdfRequest.convert(PdfInput.file(FileContent.of(Path.of("offer.docx"))), "pdf"))
 *     .as((pdf) -> DataBufferUtils.write(pdf, Path.of("offer.pdf")));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ReactiveNitroPdfClient {

	private static final MediaType REMOTE_FILE = MediaType.valueOf("application/vnd.gonitro.url+json");

	/** The event stream's media type as the PDF Services description names it (Spring knows text/event-stream). */
	private static final MediaType EVENT_STREAM = MediaType.valueOf("application/event-stream");

	private static final String JOB = "/jobs/{jobID}";

	private static final String JOB_STATUS = JOB + "/status";

	private final WebClient webClient;

	private Polling jobPolling = new Polling(Duration.ofMillis(500), Duration.ofSeconds(10));

	private Duration jobTimeout = Duration.ofMinutes(10);

	/**
	 * Creates a client on the given {@code WebClient}, which must authenticate requests for Nitro (the starter's
	 * {@code nitroWebClient} does). JSON is read and written with {@link NitroJson}, and error replies become
	 * {@link NitroApiException}s.
	 * @param nitroWebClient the client for Nitro, with its base URL
	 */
	public ReactiveNitroPdfClient(WebClient nitroWebClient) {
		Assert.notNull(nitroWebClient, "'nitroWebClient' must not be null");
		this.webClient = nitroWebClient.mutate()
			.codecs(NitroJson::configure)
			.defaultStatusHandler(HttpStatusCode::isError, NitroErrors::toException)
			.build();
	}

	/**
	 * Sets how long {@link #awaitJob(String)} waits for a job to finish: the deadline of the wait, after which it
	 * fails with a {@link NitroAwaitTimeoutException}. Defaults to ten minutes.
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
		return exchange(operation(request, MediaType.APPLICATION_JSON, false), JsonNode.class)
			.mapNotNull(HttpEntity::getBody)
			.map(PdfResult::of);
	}

	/**
	 * Runs an operation synchronously and streams its result file.
	 * @param request the operation, with a single result file
	 * @return the file, in chunks
	 */
	public Flux<DataBuffer> processToBytes(PdfRequest request) {
		return download(operation(request, MediaType.APPLICATION_OCTET_STREAM, false), BodyExtractors.toDataBuffers());
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
	 * @return the job, running; or a {@link NitroUnexpectedResponseException} if Nitro's reply names no job, or a
	 * job ID that is not a Nitro ID
	 */
	public Mono<PdfJob> submit(PdfRequest request) {
		return exchange(operation(request, MediaType.APPLICATION_JSON, true), JsonNode.class)
			.map((reply) -> job(reply.getBody(), reply.getHeaders()));
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
		return exchange(job(JOB_STATUS, MediaType.APPLICATION_JSON, jobId), PdfJob.class)
			.mapNotNull(HttpEntity::getBody);
	}

	/**
	 * Follows a job's status as Server-Sent Events, until the job is final or Nitro closes the stream. An event, or
	 * a line of the stream, larger than 64 KiB ends it with a {@link NitroUnexpectedResponseException}.
	 * @param jobId the job
	 * @return each status Nitro reports
	 */
	public Flux<PdfJob> watchJob(String jobId) {
		return download(job(JOB_STATUS, EVENT_STREAM, jobId), ReactiveNitroPdfClient::statusEvents)
			.takeUntil((job) -> job.status().isFinal());
	}

	/**
	 * Waits for a job to finish, following Server-Sent Events and, where those are unavailable, end early or exceed
	 * their bounds, polling with backoff.
	 * @param jobId the job
	 * @return the result; or a {@link NitroJobFailedException}; or a {@link NitroJobExpiredException} (410); or a
	 * {@link NitroUnexpectedStateException} if it was canceled; or a {@link NitroAwaitTimeoutException} after the
	 * job timeout
	 */
	public Mono<PdfResult> awaitJob(String jobId) {
		Flux<PdfJob> events = watchJob(jobId);
		Mono<PdfJob> polled = this.jobPolling.until(getJobStatus(jobId),
				(job) -> job.status().isFinal() ? Mono.just(job) : null, this.jobTimeout,
				(last) -> jobTimedOut(jobId, last));
		return events.filter((job) -> job.status().isFinal())
			.next()
			.onErrorResume(ReactiveNitroPdfClient::eventsUnavailable, (ex) -> Mono.empty())
			.switchIfEmpty(polled)
			.timeout(this.jobTimeout, Mono.error(() -> jobTimedOut(jobId, null)))
			.flatMap((job) -> outcome(jobId, job, () -> getJobResult(jobId)))
			.onErrorMap(NitroApiException.Gone.class, (gone) -> new NitroJobExpiredException(jobId, gone));
	}

	/**
	 * Returns a completed job's result.
	 * @param jobId the job
	 * @return the result
	 */
	public Mono<PdfResult> getJobResult(String jobId) {
		return exchange(job(JOB, MediaType.APPLICATION_JSON, jobId), PdfJob.class)
			.mapNotNull(HttpEntity::getBody)
			.flatMap((job) -> outcome(jobId, job, () -> Mono.error(new NitroUnexpectedResponseException(
					"Nitro's reply to GET /jobs/" + jobId + " holds no result"))));
	}

	/**
	 * Streams a result file from its pre-signed URL. The token is not sent: the URL is not Nitro's API.
	 * @param file the result file
	 * @return the file, in chunks
	 */
	public Flux<DataBuffer> download(FileInfo file) {
		URI url = file.url();
		Assert.state(url != null, "This result file was delivered to your URL and cannot be downloaded");
		return download(this.webClient.get().uri(url), BodyExtractors.toDataBuffers());
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

	// Plumbing: every request goes through exchange (JSON replies) or download (files, event streams)

	private <T> Mono<ResponseEntity<T>> exchange(WebClient.RequestHeadersSpec<?> request, Class<T> type) {
		return request.retrieve().toEntity(type).onErrorMap(NitroErrors::translate);
	}

	private <T> Flux<T> download(WebClient.RequestHeadersSpec<?> request,
			BodyExtractor<Flux<T>, ? super ClientHttpResponse> body) {
		return request.retrieve()
			.toEntityFlux(body)
			.flatMapMany((reply) -> (reply.getBody() != null) ? reply.getBody() : Flux.empty())
			.onErrorMap(NitroErrors::translate);
	}

	/**
	 * Prepares an operation: the multipart body, asking for the one media type that PDF Services describes for the
	 * reply wanted.
	 */
	private WebClient.RequestHeadersSpec<?> operation(PdfRequest request, MediaType accept, boolean async) {
		boolean replayable = request.inputs()
			.stream()
			.allMatch((input) -> !(input instanceof PdfInput.Upload upload) || upload.content().isReplayable());
		return this.webClient.post()
			.uri(request.endpoint().path())
			.accept(accept)
			.headers((headers) -> {
				if (async) {
					headers.set("Prefer", "respond-async");
				}
			})
			.attribute(NitroExchangeFilterFunction.REPLAYABLE_BODY, replayable)
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(multipart(request).build()));
	}

	/**
	 * Prepares a request about a job, after checking its ID.
	 */
	private WebClient.RequestHeadersSpec<?> job(String uriTemplate, MediaType accept, String jobId) {
		return this.webClient.get().uri(uriTemplate, NitroIds.requireValid("jobId", jobId)).accept(accept);
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

	/**
	 * Reads a job's status reply: Server-Sent Events (whatever media type labels them), or a single JSON status
	 * where Nitro answers with JSON.
	 */
	private static Flux<PdfJob> statusEvents(ClientHttpResponse response, BodyExtractor.Context context) {
		MediaType type = response.getHeaders().getContentType();
		if (type != null && MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
			return BodyExtractors.toMono(PdfJob.class).extract(response, context).flux();
		}
		return ServerSentEvents.data(response.getBody()).map(ReactiveNitroPdfClient::readJob);
	}

	private static PdfJob readJob(String json) {
		try {
			return NitroJson.mapper().readValue(json, PdfJob.class);
		}
		catch (JacksonException ex) {
			throw new NitroUnexpectedResponseException("Nitro's job reply could not be read: " + ex.getOriginalMessage(),
					ex);
		}
	}

	/**
	 * The outcome of a job in a final state, named by the ID it was awaited with (the reply's own is not trusted).
	 */
	private static Mono<PdfResult> outcome(String jobId, PdfJob job, Supplier<Mono<PdfResult>> resultNotInReply) {
		if (job.status() == JobStatus.FAILED) {
			PdfJob.JobError error = job.error();
			return Mono.error(new NitroJobFailedException(jobId, (error != null) ? error.type() : null,
					(error != null) ? error.title() : null));
		}
		if (job.status() != JobStatus.COMPLETED) {
			return Mono.error(new NitroUnexpectedStateException(
					"Nitro job " + jobId + " ended " + job.status().value() + " instead of completing", jobId,
					job.status().value()));
		}
		JsonNode result = job.result();
		return (result != null) ? Mono.just(PdfResult.of(result)) : resultNotInReply.get();
	}

	private NitroAwaitTimeoutException jobTimedOut(String jobId, @Nullable PdfJob last) {
		return new NitroAwaitTimeoutException("Nitro job " + jobId + " did not finish within " + this.jobTimeout
				+ ((last != null && last.progress() != null) ? "; progress " + last.progress() : ""), jobId,
				this.jobTimeout, (last != null) ? last.status().value() : null);
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

	/**
	 * Reads the job a submission started: from the reply's {@code jobID}, or else from its {@code Location}. Either
	 * must name a Nitro ID.
	 */
	private static PdfJob job(@Nullable JsonNode body, HttpHeaders headers) {
		PdfJob job = (body != null && body.isObject()) ? readJob(body.toString()) : null;
		if (job != null && job.id() != null) {
			NitroIds.requireValidInReply("job ID", job.id());
			return job;
		}
		String location = headers.getFirst(HttpHeaders.LOCATION);
		if (location == null) {
			throw new NitroUnexpectedResponseException(
					"Nitro accepted the job but named neither its jobID nor its Location");
		}
		return new PdfJob(NitroIds.requireValidInReply("job ID", jobId(location)), JobStatus.RUNNING, null, null,
				null);
	}

	/** The job ID in a {@code Location} such as {@code /jobs/<id>} or {@code https://host/jobs/<id>/status}. */
	private static @Nullable String jobId(String location) {
		String path;
		try {
			path = URI.create(location.strip()).getRawPath();
		}
		catch (IllegalArgumentException ex) {
			throw new NitroUnexpectedResponseException("Nitro named the job with a Location that is not a URI");
		}
		if (path == null) {
			return null;
		}
		path = path.replaceAll("/status/?$", "");
		return UriUtils.decode(path.substring(path.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
	}

	private static String json(Object value) {
		return NitroJson.mapper().writeValueAsString(value);
	}

}
