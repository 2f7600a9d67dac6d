package com.gonitro.spring.standin;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.codec.multipart.Part;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * PDF Services: {@code /conversions}, {@code /transformations}, {@code /extractions} and {@code /generations},
 * synchronous (a JSON result with pre-signed URLs, or the bytes) or as jobs ({@code Prefer: respond-async}: 202 and
 * {@code Location}), whose status is served as JSON or Server-Sent Events. Remote inputs
 * ({@code application/vnd.gonitro.url+json}) are fetched; {@code delivery} uploads results and calls back.
 * <p>
 * A request is checked and processed when it arrives: a malformed one is refused with 400 even when asynchronous,
 * and an input PDF Services cannot process ({@code PDFIsPasswordProtected}, {@code ConversionFailed},
 * {@code BrokenDownloadURL}) fails a job, or answers 422 when synchronous.
 */
final class StandInPdfServices {

	private static final Log logger = LogFactory.getLog(StandInPdfServices.class);

	private static final MediaType REMOTE_FILE = MediaType.valueOf("application/vnd.gonitro.url+json");

	private static final MediaType EVENT_STREAM = MediaType.valueOf("application/event-stream");

	private static final Set<String> CONVERSION_TARGETS = Set.of("pdf", "pdfa", "docx", "xlsx", "pptx", "png", "jpeg",
			"html", "json", "csv", "xml", "eps");

	private static final Set<String> JOB_ERRORS = Set.of("BrokenDownloadURL", "ConversionFailed",
			"PDFIsPasswordProtected");

	private final Map<String, StandInJob> jobs = new ConcurrentHashMap<>();

	private final StandInStorage storage;

	private final Clock clock;

	private final Duration jobDuration;

	private final Duration retention;

	private final WebClient outbound;

	private volatile String baseUrl = "";

	StandInPdfServices(StandInSettings settings, StandInStorage storage, WebClient outbound) {
		this.storage = storage;
		this.outbound = outbound;
		this.clock = settings.clock;
		this.jobDuration = settings.jobDuration;
		this.retention = settings.resultRetention;
	}

	void setBaseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route()
			.POST("/conversions", (request) -> handle(request, "conversions"))
			.POST("/transformations", (request) -> handle(request, "transformations"))
			.POST("/extractions", (request) -> handle(request, "extractions"))
			.POST("/generations", (request) -> handle(request, "generations"))
			.GET("/jobs/{jobID}/status", this::status)
			.GET("/jobs/{jobID}", this::result)
			.build();
	}

	void expire(String jobId) {
		StandInJob job = this.jobs.get(jobId);
		if (job == null) {
			throw new IllegalStateException("No job " + jobId);
		}
		job.expire();
		job.files().forEach(this.storage::expire);
	}

	void reset() {
		this.jobs.clear();
	}

	private Mono<ServerResponse> handle(ServerRequest request, String endpoint) {
		boolean async = request.headers().header("Prefer").stream().anyMatch((prefer) -> prefer.contains("respond-async"));
		boolean bytes = !async && request.headers()
			.accept()
			.stream()
			.anyMatch((type) -> type.equalsTypeAndSubtype(MediaType.APPLICATION_OCTET_STREAM));
		return request.multipartData()
			.flatMap((parts) -> Mono.zip(text(parts, "method"), text(parts, "params"), text(parts, "delivery"))
				.flatMap((fields) -> {
					String method = method(fields.getT1(), endpoint);
					JsonNode params = fields.getT2().isEmpty() ? StandInJson.object()
							: StandInJson.readObject(fields.getT2().getBytes(StandardCharsets.UTF_8), "params");
					JsonNode delivery = fields.getT3().isEmpty() ? null
							: StandInJson.readObject(fields.getT3().getBytes(StandardCharsets.UTF_8), "delivery");
					if (endpoint.equals("conversions")) {
						StandInTransformations.oneOf(params, "to", CONVERSION_TARGETS, true);
					}
					return inputs(parts).collectList()
						.publishOn(Schedulers.boundedElastic())
						.map((inputs) -> operate(endpoint, method, params, inputs))
						.flatMap((outcome) -> async ? submit(outcome, delivery)
								: bytes ? bytes(outcome)
										: json(outcome, delivery).flatMap((json) -> StandInJson.reply(HttpStatus.OK, json)))
						.onErrorResume(StandInProblem.class,
								(problem) -> (async && isJobError(problem)) ? failedJob(problem, delivery)
										: Mono.error(problem));
				}));
	}

	private static String method(String method, String endpoint) {
		Set<String> methods = switch (endpoint) {
			case "conversions" -> Set.of("convert");
			case "transformations" -> StandInTransformations.METHODS;
			case "extractions" -> StandInExtractions.METHODS;
			default -> StandInGenerations.METHODS;
		};
		if (!methods.contains(method)) {
			throw StandInProblem.invalid("method", "must be one of " + methods + " on /" + endpoint);
		}
		return method;
	}

	/** A small part's text; empty when the part is absent. */
	private static Mono<String> text(MultiValueMap<String, Part> parts, String name) {
		Part part = parts.getFirst(name);
		return (part != null) ? StandInMultipart.text(part).map(String::strip) : Mono.just("");
	}

	private Flux<StandInFile> inputs(MultiValueMap<String, Part> parts) {
		List<Part> files = new ArrayList<>();
		files.addAll(parts.getOrDefault("file", List.of()));
		files.addAll(parts.getOrDefault("files", List.of()));
		if (files.isEmpty()) {
			throw StandInProblem.invalid("file", "is required: the input file (or files)");
		}
		return Flux.fromIterable(files).concatMap(this::input);
	}

	private Mono<StandInFile> input(Part part) {
		MediaType type = StandInMultipart.contentType(part);
		String name = StandInMultipart.filename(part);
		if (type != null && type.equalsTypeAndSubtype(REMOTE_FILE)) {
			return StandInMultipart.text(part).flatMap((json) -> fetch(name,
					StandInJson.readObject(json.getBytes(StandardCharsets.UTF_8), part.name())));
		}
		return StandInMultipart.bytes(part, StandInMultipart.MAX_FILE_SIZE)
			.map((content) -> new StandInFile(content, contentType(content, type, name), name, null));
	}

	private Mono<StandInFile> fetch(String name, ObjectNode remote) {
		String url = remote.path("URL").asString("");
		if (!url.startsWith("http://") && !url.startsWith("https://")) {
			throw StandInProblem.invalid("file.URL", "must be an absolute http(s) URL");
		}
		String declared = remote.path("contentType").asString(null);
		return this.outbound.get()
			.uri(URI.create(url))
			.retrieve()
			.bodyToMono(byte[].class)
			.timeout(Duration.ofSeconds(30))
			.map((content) -> new StandInFile(content,
					contentType(content, (declared != null) ? MediaType.parseMediaType(declared) : null, name), name, null))
			.onErrorMap((ex) -> !(ex instanceof StandInProblem),
					(ex) -> StandInProblem.typed(HttpStatus.UNPROCESSABLE_CONTENT, "BrokenDownloadURL",
							"The file could not be downloaded", "Downloading " + url + " failed: " + ex.getMessage()));
	}

	private static String contentType(byte[] content, @Nullable MediaType declared, String name) {
		if (StandInPdfs.looksLikePdf(content)) {
			return StandInPdfs.PDF;
		}
		if (declared != null && !declared.equalsTypeAndSubtype(MediaType.APPLICATION_OCTET_STREAM)) {
			return declared.getType() + "/" + declared.getSubtype();
		}
		return MediaTypeFactory.getMediaType(name).map((type) -> type.getType() + "/" + type.getSubtype())
			.orElse(MediaType.APPLICATION_OCTET_STREAM_VALUE);
	}

	private static StandInOutcome operate(String endpoint, String method, JsonNode params, List<StandInFile> inputs) {
		return switch (endpoint) {
			case "conversions" -> convert(params, inputs.get(0));
			case "transformations" -> StandInTransformations.apply(method, params, inputs);
			case "extractions" -> StandInExtractions.apply(method, params, inputs);
			default -> StandInGenerations.apply(method, params, inputs);
		};
	}

	private static StandInOutcome convert(JsonNode params, StandInFile input) {
		String to = params.path("to").asString();
		byte[] pdf = StandInConversions.toPdf(input.content(), input.contentType(), input.name());
		if (to.equals("pdfa")) {
			StandInTransformations.oneOf(params, "conformance", Set.of("1b", "1a", "2b", "2u", "2a", "3b", "3u", "3a"),
					true);
			String name = input.name().replaceFirst("\\.[^.]*$", "") + ".pdf";
			return StandInOutcome.of(StandInFile.pdf(StandInConversions.toPdfA(pdf, params.path("conformance").asString()),
					name));
		}
		return StandInOutcome.of(StandInConversions.fromPdf(pdf, to, input.name()));
	}

	// Replies

	private Mono<ServerResponse> bytes(StandInOutcome outcome) {
		if (outcome.data() != null) {
			return ServerResponse.ok()
				.contentType(MediaType.APPLICATION_OCTET_STREAM)
				.bodyValue(StandInJson.mapper.writeValueAsBytes(outcome.data()));
		}
		if (outcome.files().size() != 1) {
			throw StandInProblem.invalid("Accept", "application/octet-stream needs a single result file, and this "
					+ "operation produced " + outcome.files().size() + ": ask for application/json");
		}
		StandInFile file = outcome.files().get(0);
		return ServerResponse.ok()
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file.name() + "\"")
			.contentLength(file.content().length)
			.bodyValue(file.content());
	}

	/** The synchronous JSON reply; its {@code result} member (or, for files, itself) is also a job's result. */
	private Mono<JsonNode> json(StandInOutcome outcome, @Nullable JsonNode delivery) {
		if (outcome.data() != null) {
			if (!outcome.wrapped()) {
				return Mono.just(outcome.data());
			}
			ObjectNode reply = StandInJson.object();
			reply.set("result", outcome.data());
			return Mono.just(reply);
		}
		List<JsonNode> uploads = uploads(delivery, outcome.files().size());
		return Flux.range(0, outcome.files().size())
			.concatMap((index) -> fileInfo(outcome.files().get(index), (index < uploads.size()) ? uploads.get(index) : null))
			.collectList()
			.map((files) -> {
				ObjectNode reply = StandInJson.object();
				if (files.size() == 1) {
					reply.set("file", files.get(0));
				}
				else {
					ArrayNode array = reply.putArray("files");
					files.forEach(array::add);
				}
				return reply;
			});
	}

	private static List<JsonNode> uploads(@Nullable JsonNode delivery, int files) {
		if (delivery == null) {
			return List.of();
		}
		if (delivery.has("uploadResultTo")) {
			if (files != 1) {
				throw StandInProblem.invalid("delivery.uploadResultTo",
						"takes a single result file; this operation produced " + files + ": use uploadResultsTo");
			}
			return List.of(delivery.get("uploadResultTo"));
		}
		List<JsonNode> uploads = new ArrayList<>();
		delivery.path("uploadResultsTo").forEach(uploads::add);
		if (!uploads.isEmpty() && uploads.size() != files) {
			throw StandInProblem.invalid("delivery.uploadResultsTo",
					"lists " + uploads.size() + " URLs for " + files + " result files");
		}
		return uploads;
	}

	private Mono<ObjectNode> fileInfo(StandInFile file, @Nullable JsonNode upload) {
		ObjectNode info = StandInJson.object();
		info.put("contentType", file.contentType());
		ObjectNode metadata = info.putObject("metadata");
		metadata.put("fileSizeBytes", file.content().length);
		if (file.pageCount() != null) {
			metadata.put("pageCount", file.pageCount());
		}
		if (upload == null) {
			info.put("URL", this.storage.store(file.content(), file.contentType(), file.name()).toString());
			return Mono.just(info);
		}
		info.putNull("URL");
		return send(upload, HttpMethod.valueOf(upload.path("verb").asString("PUT")), file.content(), file.contentType())
			.onErrorMap((ex) -> StandInProblem.typed(HttpStatus.UNPROCESSABLE_CONTENT, "DeliveryFailed",
					"The result could not be delivered",
					"Uploading the result to " + upload.path("URL").asString() + " failed: " + ex.getMessage()))
			.thenReturn(info);
	}

	private Mono<Void> send(JsonNode target, HttpMethod method, byte[] body, String contentType) {
		return this.outbound.method(method)
			.uri(URI.create(target.path("URL").asString()))
			.headers((headers) -> target.path("headers")
				.forEach((header) -> headers.add(header.path("name").asString(), header.path("value").asString())))
			.contentType(MediaType.parseMediaType(contentType))
			.bodyValue(body)
			.retrieve()
			.toBodilessEntity()
			.timeout(Duration.ofSeconds(30))
			.then();
	}

	// Jobs

	private Mono<ServerResponse> submit(StandInOutcome outcome, @Nullable JsonNode delivery) {
		return json(outcome, delivery).map((reply) -> StandInJob.completed(this.clock.instant(), this.jobDuration,
				this.retention, (outcome.data() != null) ? outcome.data() : reply, files(reply)))
			.flatMap((job) -> accepted(job, delivery));
	}

	private Mono<ServerResponse> failedJob(StandInProblem problem, @Nullable JsonNode delivery) {
		StandInJob job = StandInJob.failed(this.clock.instant(), this.jobDuration, this.retention, problem.type(),
				problem.title());
		return accepted(job, delivery);
	}

	private Mono<ServerResponse> accepted(StandInJob job, @Nullable JsonNode delivery) {
		this.jobs.put(job.id, job);
		URI location = URI.create(this.baseUrl + "/jobs/" + job.id + "/status");
		ObjectNode running = job.status(this.clock.instant());
		if (delivery != null && delivery.has("callback")) {
			ObjectNode notice = running.deepCopy();
			notice.put("location", location.toString());
			send(delivery.get("callback"), HttpMethod.POST, StandInJson.mapper.writeValueAsBytes(notice),
					MediaType.APPLICATION_JSON_VALUE)
				.subscribe(null, (ex) -> logger.info("The Nitro stand-in could not call back "
						+ delivery.get("callback").path("URL").asString() + ": " + ex.getMessage()));
		}
		return ServerResponse.accepted().location(location).contentType(MediaType.APPLICATION_JSON)
			.bodyValue(StandInJson.mapper.writeValueAsBytes(running));
	}

	private static List<URI> files(JsonNode reply) {
		List<URI> files = new ArrayList<>();
		reply.findValues("URL").forEach((url) -> {
			if (url.isString()) {
				files.add(URI.create(url.asString()));
			}
		});
		return files;
	}

	private static boolean isJobError(StandInProblem problem) {
		return problem.type() != null && JOB_ERRORS.contains(problem.type());
	}

	private Mono<ServerResponse> status(ServerRequest request) {
		StandInJob job = job(request);
		boolean events = request.headers()
			.accept()
			.stream()
			.anyMatch((type) -> type.equalsTypeAndSubtype(MediaType.TEXT_EVENT_STREAM)
					|| type.equalsTypeAndSubtype(EVENT_STREAM));
		if (!events) {
			return StandInJson.reply(HttpStatus.OK, job.status(this.clock.instant()));
		}
		MediaType type = request.headers().accept().stream().anyMatch(MediaType.TEXT_EVENT_STREAM::equalsTypeAndSubtype)
				? MediaType.TEXT_EVENT_STREAM : EVENT_STREAM;
		Flux<DataBuffer> stream = Flux.interval(Duration.ZERO, Duration.ofMillis(100))
			.map((tick) -> job.status(this.clock.instant()))
			.takeUntil((status) -> !status.path("status").asString().equals("running") || job.isExpired(this.clock.instant()))
			.map((status) -> DefaultDataBufferFactory.sharedInstance
				.wrap(("data: " + status + "\n\n").getBytes(StandardCharsets.UTF_8)));
		return ServerResponse.ok().contentType(type).body(BodyInserters.fromDataBuffers(stream));
	}

	private Mono<ServerResponse> result(ServerRequest request) {
		return StandInJson.reply(HttpStatus.OK, job(request).status(this.clock.instant()));
	}

	private StandInJob job(ServerRequest request) {
		String id = request.pathVariable("jobID");
		StandInJob job = this.jobs.get(id);
		if (job == null) {
			throw StandInProblem.notFound("Job", id);
		}
		if (job.isExpired(this.clock.instant())) {
			throw StandInProblem.typed(HttpStatus.GONE, "FileNoLongerAvailable", "The requested file is no longer available",
					"Job " + id + " and its result are no longer available");
		}
		return job;
	}

}
