package com.gonitro.spring.pdf;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.core.io.buffer.DataBufferUtils;

import com.gonitro.spring.client.FileContent;
import com.gonitro.spring.client.NitroApiException;
import com.gonitro.spring.client.NitroAwaitTimeoutException;
import com.gonitro.spring.client.NitroJson;
import com.gonitro.spring.client.NitroUnexpectedResponseException;
import com.gonitro.spring.client.NitroUnexpectedStateException;
import com.gonitro.spring.pdf.model.Delivery;
import com.gonitro.spring.pdf.model.DeliveryHeader;
import com.gonitro.spring.pdf.model.FileInfo;
import com.gonitro.spring.pdf.model.JobStatus;
import com.gonitro.spring.pdf.model.PdfInput;
import com.gonitro.spring.pdf.model.PdfJob;
import com.gonitro.spring.pdf.model.PdfProperties;
import com.gonitro.spring.pdf.model.PdfRequest;
import com.gonitro.spring.pdf.model.PdfResult;
import com.gonitro.spring.pdf.model.PdfTables;
import com.gonitro.spring.test.NitroWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ReactiveNitroPdfClient} over real HTTP: every operation's multipart request, synchronous and asynchronous
 * results, Server-Sent Events and polling, failed and expired jobs, result downloads.
 */
class ReactiveNitroPdfClientIntegrationTests {

	private static final String FILE_RESULT = """
			{"file":{"URL":"%s/results/out.pdf?X-Amz-Signature=abc","contentType":"application/pdf",
			 "metadata":{"fileSizeBytes":123,"pageCount":2}}}""";

	private static final String JOB_ID = "01234567-89ab-cdef-0123-456789abcdef";

	@RegisterExtension
	static WireMockExtension nitro = NitroWireMock.extension();

	@RegisterExtension
	static WireMockExtension objectStore = NitroWireMock.extension();

	private ReactiveNitroPdfClient pdf;

	@BeforeEach
	void createClient() {
		NitroWireMock.stubToken(nitro, "pdf-token", 86400);
		this.pdf = new ReactiveNitroPdfClient(NitroWireMock.nitroWebClient(nitro));
		this.pdf.setJobPolling(Duration.ofMillis(10), Duration.ofMillis(20));
	}

	@AfterEach
	void requestsConformToNitrosOpenApi() {
		NitroWireMock.assertConformsToOpenApi(nitro);
	}

	static Stream<Arguments> operations() {
		PdfInput pdf = PdfInput.file(FileContent.of("%PDF-1.7 source".getBytes(), "source.pdf"));
		PdfInput other = PdfInput.file(FileContent.of("%PDF-1.7 other".getBytes(), "other.pdf"));
		PdfInput image = PdfInput.file(FileContent.of(new byte[] { (byte) 0x89, 'P', 'N', 'G' }, "stamp.png"));
		PdfInput data = PdfInput.file(FileContent.of("firstName,lastName\nAda,Lovelace".getBytes(), "values.csv"));
		return Stream.of(
				Arguments.of(PdfRequest.convert(PdfInput.file(FileContent.of("PK docx".getBytes(), "offer.docx")), "pdf"),
						"/conversions", "convert", "{\"to\":\"pdf\"}", 1),
				Arguments.of(PdfRequest.convert(pdf, "docx"), "/conversions", "convert", "{\"to\":\"docx\"}", 1),
				Arguments.of(PdfRequest.convertToPdfA(pdf, "2b"), "/conversions", "convert",
						"{\"to\":\"pdfa\",\"conformance\":\"2b\"}", 1),
				Arguments.of(PdfRequest.compress(pdf), "/transformations", "compress", null, 1),
				Arguments.of(PdfRequest.optimize(pdf, "web"), "/transformations", "optimize", "{\"profile\":\"web\"}", 1),
				Arguments.of(PdfRequest.merge(List.of(pdf, other)), "/transformations", "merge", null, 2),
				Arguments.of(PdfRequest.split(pdf, List.of(List.of(0, 2), List.of(1))), "/transformations", "split",
						"{\"pageIndices\":[[0,2],[1]]}", 1),
				Arguments.of(PdfRequest.rotate(pdf, Map.of(0, 90)), "/transformations", "rotate",
						"{\"rotations\":[{\"page_index\":0,\"amount\":90}]}", 1),
				Arguments.of(PdfRequest.deletePages(pdf, List.of(0, 2)), "/transformations", "delete-pages",
						"{\"pageIndices\":[0,2]}", 1),
				Arguments.of(PdfRequest.protect(pdf, "owner-secret", null, List.of("print")), "/transformations",
						"protect", "{\"ownerPassword\":\"owner-secret\",\"permissions\":[\"print\"]}", 1),
				Arguments.of(PdfRequest.unprotect(pdf, "owner-secret", null), "/transformations", "unprotect",
						"{\"ownerPassword\":\"owner-secret\"}", 1),
				Arguments.of(PdfRequest.redact(pdf, List.of(new PdfRequest.Redaction(0, 100, 100, 200, 20))),
						"/transformations", "redact",
						"{\"redactions\":[{\"pageIndex\":0,\"boundingBox\":[100.0,100.0,200.0,20.0]}]}", 1),
				Arguments.of(PdfRequest.flatten(pdf), "/transformations", "flatten", null, 1),
				Arguments.of(PdfRequest.ocr(pdf, "french"), "/transformations", "ocr", "{\"language\":\"french\"}", 1),
				Arguments.of(PdfRequest.watermark(pdf, image, 210, 10, 290, 60, 0.75), "/transformations", "watermark",
						"{\"boundingBox\":[210.0,10.0,290.0,60.0],\"opacity\":0.75}", 2),
				Arguments.of(PdfRequest.setProperties(pdf, Map.of("title", "Offer")), "/transformations",
						"set-properties", "{\"title\":\"Offer\"}", 1),
				Arguments.of(PdfRequest.extractText(pdf), "/extractions", "extract-text", null, 1),
				Arguments.of(PdfRequest.extractText(pdf, List.of(0, 1)), "/extractions", "extract-text",
						"{\"pageIndices\":[0,1]}", 1),
				Arguments.of(PdfRequest.extractTables(pdf), "/extractions", "extract-tables", null, 1),
				Arguments.of(PdfRequest.extractForms(pdf), "/extractions", "extract-forms", null, 1),
				Arguments.of(PdfRequest.getProperties(pdf), "/extractions", "get-properties", null, 1),
				Arguments.of(PdfRequest.fillForms(pdf, Map.of("firstName", "Ada"), true), "/generations", "fill-forms",
						"{\"strict\":true,\"fields\":[{\"field\":\"firstName\",\"value\":\"Ada\"}]}", 1),
				Arguments.of(PdfRequest.fillForms(pdf, data), "/generations", "fill-forms", null, 2),
				Arguments.of(PdfRequest.createFillableForms(pdf, List.of(Map.of("pageIndex", 0, "fieldType", "TextBox",
						"name", "firstName", "boundingBox", List.of(72, 680, 200, 18)))), "/generations",
						"create-fillable-forms",
						"{\"formFields\":[{\"pageIndex\":0,\"fieldType\":\"TextBox\",\"name\":\"firstName\",\"boundingBox\":[72,680,200,18]}]}",
						1));
	}

	@ParameterizedTest(name = "{2} on {1}")
	@MethodSource("operations")
	void everyOperationSendsItsMethodParamsAndFiles(PdfRequest request, String path, String method,
			String params, int files) {
		nitro.stubFor(post(urlEqualTo(path)).willReturn(NitroWireMock.json(200, FILE_RESULT.formatted(objectStore.baseUrl()))));

		PdfResult result = this.pdf.process(request).block();

		assertThat(result.file()).hasValueSatisfying((file) -> assertThat(file.contentType()).isEqualTo("application/pdf"));
		LoggedRequest sent = nitro.findAll(postRequestedFor(urlEqualTo(path))).get(0);
		assertThat(sent.getHeader("Content-Type")).startsWith("multipart/form-data");
		assertThat(sent.getHeader("Accept")).contains("application/json");
		assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer pdf-token");
		assertThat(sent.getPart("method").getBody().asString()).isEqualTo(method);
		assertThat(sent.getPart("params").getHeader("Content-Type").firstValue()).startsWith("application/json");
		assertThat(NitroJson.mapper().readTree(sent.getPart("params").getBody().asString()))
			.isEqualTo(NitroJson.mapper().readTree((params != null) ? params : "{}"));
		String filePart = (files == 1 && !path.equals("/transformations")) ? "file" : "files";
		assertThat(sent.getParts()).filteredOn((part) -> part.getName().equals(filePart)).hasSize(files)
			.allSatisfy((part) -> assertThat(part.getHeader("Content-Disposition").firstValue()).contains("filename="));
	}

	@Test
	void remoteFilesAreSentAsUrlParts() {
		nitro.stubFor(post(urlEqualTo("/conversions")).willReturn(NitroWireMock.json(200, FILE_RESULT.formatted(objectStore.baseUrl()))));

		this.pdf.process(PdfRequest.convert(PdfInput.remote(URI.create("https://files.example.org/offer.docx"),
				"application/vnd.openxmlformats-officedocument.wordprocessingml.document"), "pdf")).block();

		nitro.verify(postRequestedFor(urlEqualTo("/conversions")).withRequestBodyPart(aMultipart("file")
			.withHeader("Content-Type", containing("application/vnd.gonitro.url+json"))
			.withHeader("Content-Disposition", containing("filename=\"https://files.example.org/offer.docx\""))
			.withBody(equalToJson("""
					{"URL":"https://files.example.org/offer.docx",
					 "contentType":"application/vnd.openxmlformats-officedocument.wordprocessingml.document"}"""))
			.build()));
	}

	@Test
	void deliveryOptionsAreSentAsJson() {
		nitro.stubFor(post(urlEqualTo("/transformations")).willReturn(NitroWireMock.json(200, "{\"file\":{\"URL\":null,\"contentType\":\"application/pdf\"}}")));

		PdfResult result = this.pdf.process(PdfRequest.compress(PdfInput.file(FileContent.of("%PDF".getBytes(), "a.pdf")))
			.withDelivery(Delivery.uploadTo(URI.create("https://bucket.example.org/out.pdf?sig=1"),
					new DeliveryHeader("x-amz-acl", "private"))
				.withCallback(URI.create("https://app.example.org/nitro/callback"))))
			.block();

		nitro.verify(postRequestedFor(urlEqualTo("/transformations")).withRequestBodyPart(aMultipart("delivery")
			.withHeader("Content-Type", containing("application/json"))
			.withBody(equalToJson("""
					{"uploadResultTo":{"URL":"https://bucket.example.org/out.pdf?sig=1","verb":"PUT",
					                   "headers":[{"name":"x-amz-acl","value":"private"}]},
					 "callback":{"URL":"https://app.example.org/nitro/callback","headers":[]}}"""))
			.build()));
		assertThat(result.file()).hasValueSatisfying((file) -> assertThat(file.url()).isNull());
	}

	@Test
	void resultsAreReadWhetherWrappedInResultOrNot() {
		nitro.stubFor(post(urlEqualTo("/transformations")).willReturn(NitroWireMock.json(200, """
				{"result":{"files":[{"URL":"%1$s/1.pdf","contentType":"application/pdf"},{"URL":"%1$s/2.pdf","contentType":"application/pdf"}]}}""".formatted(objectStore.baseUrl()))));
		nitro.stubFor(post(urlEqualTo("/extractions")).withMultipartRequestBody(aMultipart("method").withBody(equalTo("extract-text")))
			.willReturn(NitroWireMock.json(200, "{\"result\":\"Hello, Nitro\"}")));
		nitro.stubFor(post(urlEqualTo("/extractions")).withMultipartRequestBody(aMultipart("method").withBody(equalTo("get-properties")))
			.willReturn(NitroWireMock.json(200, """
					{"result":{"title":"Offer","author":"Ada","subject":"","keywords":"","creator":"Word","producer":"Nitro",
					 "creationDate":"D:20261128","modDate":"D:20261128","trapped":"False","pdfVersion":"1.7"}}""")));
		nitro.stubFor(post(urlEqualTo("/extractions")).withMultipartRequestBody(aMultipart("method").withBody(equalTo("extract-tables")))
			.willReturn(NitroWireMock.json(200, """
					{"result":{"tables":[{"ID":"t1","pageIndices":[0],"tableData":{"title":"Prices","cells":[["Item","Price"],["Pen",2.5]],
					 "footers":[],"confidences":[[1,1],[1,0.9]],"averageConfidence":0.97,"headerCells":[[1,1]],"summaryCells":[]}}]}}""")));
		PdfInput input = PdfInput.file(FileContent.of("%PDF".getBytes(), "a.pdf"));

		List<FileInfo> split = this.pdf.process(PdfRequest.split(input, List.of(List.of(0), List.of(1)))).block().files();
		String text = this.pdf.process(PdfRequest.extractText(input)).block().text().orElseThrow();
		PdfProperties properties = this.pdf.process(PdfRequest.getProperties(input)).block().as(PdfProperties.class);
		PdfTables tables = this.pdf.process(PdfRequest.extractTables(input)).block().as(PdfTables.class);

		assertThat(split).extracting(FileInfo::url)
			.containsExactly(URI.create(objectStore.baseUrl() + "/1.pdf"), URI.create(objectStore.baseUrl() + "/2.pdf"));
		assertThat(text).isEqualTo("Hello, Nitro");
		assertThat(properties.title()).isEqualTo("Offer");
		assertThat(tables.tables()).singleElement().satisfies((table) -> {
			assertThat(table.id()).isEqualTo("t1");
			assertThat(table.tableData().cells()).hasSize(2);
		});
	}

	@Test
	void resultFileIsStreamedToDiskAndDownloadedWithoutTheToken(@TempDir Path dir) {
		byte[] converted = "%PDF-1.7 converted".getBytes();
		nitro.stubFor(post(urlEqualTo("/conversions")).withHeader("Accept", containing("application/octet-stream"))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/octet-stream").withBody(converted)));
		nitro.stubFor(post(urlEqualTo("/conversions")).withHeader("Accept", containing("application/json"))
			.willReturn(NitroWireMock.json(200, FILE_RESULT.formatted(objectStore.baseUrl()))));
		objectStore.stubFor(get(urlEqualTo("/results/out.pdf?X-Amz-Signature=abc"))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/pdf").withBody(converted)));
		PdfRequest request = PdfRequest.convert(PdfInput.file(FileContent.of("PK".getBytes(), "a.docx")), "pdf");

		Path bytes = this.pdf.process(request, dir.resolve("bytes.pdf")).block();
		FileInfo file = this.pdf.process(request).block().file().orElseThrow();
		Path downloaded = this.pdf.download(file, dir.resolve("downloaded.pdf")).block();

		assertThat(bytes).hasBinaryContent(converted);
		assertThat(downloaded).hasBinaryContent(converted);
		objectStore.verify(getRequestedFor(urlEqualTo("/results/out.pdf?X-Amz-Signature=abc")).withHeader("Authorization", absent()));
	}

	@Test
	void toStringOfResultsJobsAndDeliveriesKeepsPreSignedQueriesOut() {
		nitro.stubFor(post(urlEqualTo("/conversions")).willReturn(NitroWireMock.json(200, """
				{"result":{"file":{"URL":"%s/results/out.pdf?X-Amz-Signature=pre-signed-credential","contentType":"application/pdf"}}}"""
			.formatted(objectStore.baseUrl()))));
		nitro.stubFor(get(urlEqualTo("/jobs/" + JOB_ID + "/status")).willReturn(NitroWireMock.json(200,
				"{\"jobID\":\"" + JOB_ID + "\",\"status\":\"completed\",\"result\":{\"files\":[{\"URL\":\""
						+ objectStore.baseUrl() + "/results/1.pdf?sig=pre-signed-credential\"}]}}")));

		PdfResult result = this.pdf.process(PdfRequest.convert(PdfInput.remote(
				URI.create("https://bucket.example.org/in.docx?X-Amz-Signature=pre-signed-credential"), "application/pdf"),
				"pdf")).block();
		PdfJob job = this.pdf.getJobStatus(JOB_ID).block();
		Delivery delivery = Delivery.uploadTo(URI.create("https://bucket.example.org/out.pdf?sig=pre-signed-credential"))
			.withCallback(URI.create("https://user:pre-signed-credential@app.example.org/callback#pre-signed-credential"));
		PdfInput remote = PdfInput.remote(URI.create("https://bucket.example.org/in.pdf?sig=pre-signed-credential"),
				"application/pdf");

		assertThat(result.file().orElseThrow().url()).as("the URL itself, to download with")
			.hasToString(objectStore.baseUrl() + "/results/out.pdf?X-Amz-Signature=pre-signed-credential");
		for (Object printed : new Object[] { result, result.file().orElseThrow(), job, delivery, remote }) {
			assertThat(printed.toString()).doesNotContain("pre-signed-credential").contains("?…");
		}
	}

	@Test
	void asyncJobIsFollowedWithServerSentEvents() {
		stubSubmit(aResponse().withStatus(202).withHeader("Location", "/jobs/" + JOB_ID + "/status")
			.withHeader("Content-Type", "application/json")
			.withBody("{\"jobID\":\"" + JOB_ID + "\",\"status\":\"running\",\"progress\":0}"));
		nitro.stubFor(get(urlEqualTo("/jobs/" + JOB_ID + "/status")).withHeader("Accept", equalTo("application/event-stream"))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody("""
					: keep-alive

					data: {"jobID":"%1$s","status":"running","progress":0.5}

					event: status
					data: {"jobID":"%1$s","status":"completed",
					data:  "result":%2$s}

					""".formatted(JOB_ID, FILE_RESULT.formatted(objectStore.baseUrl()).replace("\n", " ")))));

		PdfResult result = this.pdf.processAsync(compress()).block();

		assertThat(result.file()).hasValueSatisfying((file) -> assertThat(file.metadata().pageCount()).isEqualTo(2));
		nitro.verify(postRequestedFor(urlEqualTo("/transformations")).withHeader("Prefer", equalTo("respond-async")));
	}

	@Test
	void eventStreamLabelledApplicationEventStreamIsReadToo() {
		stubSubmit(NitroWireMock.json(200, "{\"jobID\":\"" + JOB_ID + "\",\"status\":\"running\",\"progress\":0}"));
		nitro.stubFor(get(urlEqualTo("/jobs/" + JOB_ID + "/status")).withHeader("Accept", containing("event-stream"))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/event-stream").withBody(
					"data: {\"jobID\":\"" + JOB_ID + "\",\"status\":\"completed\",\"result\":\"extracted text\"}\n\n")));

		PdfResult result = this.pdf.processAsync(compress()).block();

		assertThat(result.text()).contains("extracted text");
	}

	@Test
	void withoutEventsTheJobIsPolledAndItsResultFetched() {
		stubSubmit(aResponse().withStatus(202).withHeader("Location", "/jobs/" + JOB_ID));
		nitro.stubFor(get(urlEqualTo("/jobs/" + JOB_ID + "/status")).withHeader("Accept", containing("event-stream"))
			.willReturn(aResponse().withStatus(406)));
		stubStatusesInTurn(NitroWireMock.json(200, "{\"jobID\":\"" + JOB_ID + "\",\"status\":\"running\",\"progress\":0.2}"),
				NitroWireMock.json(200, "{\"jobID\":\"" + JOB_ID + "\",\"status\":\"running\",\"progress\":0.7}"),
				NitroWireMock.json(200, "{\"jobID\":\"" + JOB_ID + "\",\"status\":\"completed\"}"));
		nitro.stubFor(get(urlEqualTo("/jobs/" + JOB_ID)).willReturn(NitroWireMock.json(200,
				"{\"jobID\":\"" + JOB_ID + "\",\"status\":\"completed\",\"result\":" + FILE_RESULT.formatted(objectStore.baseUrl()) + "}")));

		PdfResult result = this.pdf.processAsync(compress()).block();

		assertThat(result.file()).isPresent();
		assertThat(nitro.findAll(getRequestedFor(urlEqualTo("/jobs/" + JOB_ID + "/status"))
			.withHeader("Accept", equalTo("application/json")))).hasSize(3);
		nitro.verify(getRequestedFor(urlEqualTo("/jobs/" + JOB_ID)));
	}

	@Test
	void failedJobEndsInAnExceptionNamingNitrosErrorType() {
		stubSubmit(NitroWireMock.json(200, "{\"jobID\":\"" + JOB_ID + "\",\"status\":\"running\"}"));
		nitro.stubFor(get(urlEqualTo("/jobs/" + JOB_ID + "/status")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "text/event-stream")
			.withBody("data: {\"jobID\":\"" + JOB_ID + "\",\"status\":\"failed\",\"error\":{\"type\":\"PDFIsPasswordProtected\",\"title\":\"PDF is password protected\"}}\n\n")));

		assertThatExceptionOfType(NitroJobFailedException.class)
			.isThrownBy(() -> this.pdf.processAsync(compress()).block())
			.withMessage("Nitro job " + JOB_ID + " failed: PDF is password protected [PDFIsPasswordProtected]")
			.satisfies((ex) -> assertThat(ex.getErrorType()).isEqualTo("PDFIsPasswordProtected"));
	}

	@Test
	void expiredJobEndsInAnExpiredException() {
		nitro.stubFor(get(urlEqualTo("/jobs/" + JOB_ID + "/status")).willReturn(aResponse().withStatus(410)
			.withHeader("Content-Type", "application/problem+json")
			.withBody("{\"type\":\"FileNoLongerAvailable\",\"title\":\"The requested file is no longer available\",\"status\":410}")));

		assertThatExceptionOfType(NitroJobExpiredException.class).isThrownBy(() -> this.pdf.awaitJob(JOB_ID).block())
			.withMessage("Nitro job " + JOB_ID + " has expired: its result is no longer available (410 FileNoLongerAvailable); submit the request again");
	}

	@Test
	void canceledJobEndsInAnUnexpectedState() {
		nitro.stubFor(get(urlEqualTo("/jobs/" + JOB_ID + "/status"))
			.willReturn(NitroWireMock.json(200, "{\"jobID\":\"" + JOB_ID + "\",\"status\":\"canceled\"}")));

		assertThatExceptionOfType(NitroUnexpectedStateException.class).isThrownBy(() -> this.pdf.awaitJob(JOB_ID).block())
			.withMessage("Nitro job " + JOB_ID + " ended canceled instead of completing")
			.satisfies((ex) -> {
				assertThat(ex.getResourceId()).isEqualTo(JOB_ID);
				assertThat(ex.getStatus()).isEqualTo("canceled");
			});
	}

	@Test
	void jobStillRunningAtTheDeadlineEndsInAnAwaitTimeout() {
		this.pdf.setJobTimeout(Duration.ofMillis(300));
		nitro.stubFor(get(urlEqualTo("/jobs/" + JOB_ID + "/status")).withHeader("Accept", equalTo("application/event-stream"))
			.willReturn(aResponse().withStatus(406)));
		nitro.stubFor(get(urlEqualTo("/jobs/" + JOB_ID + "/status")).withHeader("Accept", equalTo("application/json"))
			.willReturn(NitroWireMock.json(200, "{\"jobID\":\"" + JOB_ID + "\",\"status\":\"running\",\"progress\":0.5}")));

		assertThatExceptionOfType(NitroAwaitTimeoutException.class).isThrownBy(() -> this.pdf.awaitJob(JOB_ID).block())
			.withMessageStartingWith("Nitro job " + JOB_ID + " did not finish within PT0.3S")
			.satisfies((ex) -> {
				assertThat(ex.getResourceId()).isEqualTo(JOB_ID);
				assertThat(ex.getAwaitTimeout()).isEqualTo(Duration.ofMillis(300));
			});
	}

	@Test
	void submitReadsTheJobFromItsLocationWhenTheBodyHasNone() {
		stubSubmit(aResponse().withStatus(202).withHeader("Location", "https://api.gonitro.dev/jobs/" + JOB_ID + "/status"));

		PdfJob job = this.pdf.submit(compress()).block();

		assertThat(job.id()).isEqualTo(JOB_ID);
		assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
	}

	@Test
	void jobReplyNamingNeitherJobIdNorLocationIsAnUnexpectedResponse() {
		stubSubmit(aResponse().withStatus(202).withHeader("Content-Type", "application/json").withBody("{\"status\":\"running\"}"));

		assertThatExceptionOfType(NitroUnexpectedResponseException.class).isThrownBy(() -> this.pdf.submit(compress()).block())
			.withMessage("Nitro accepted the job but named neither its jobID nor its Location");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "/jobs/../status", "/jobs/%2e%2e/status", "/jobs/a%2Fb", "https://api.gonitro.dev/jobs/%2E%2E",
			"/jobs/", "/jobs/a%0Ab" })
	void jobLocationThatIsNotANitroIdIsRefusedBeforeTheJobIsFollowed(String location) {
		stubSubmit(aResponse().withStatus(202).withHeader("Location", location));

		assertThatExceptionOfType(NitroUnexpectedResponseException.class)
			.isThrownBy(() -> this.pdf.processAsync(compress()).block())
			.withMessageStartingWith("Nitro's reply names a job ID that is not a Nitro ID: ");
		assertThat(nitro.findAll(getRequestedFor(urlMatching("/jobs.*")))).isEmpty();
	}

	@Test
	void jobIdInTheReplyThatIsNotANitroIdIsRefusedBeforeTheJobIsFollowed() {
		stubSubmit(NitroWireMock.json(202, "{\"jobID\":\"..\",\"status\":\"running\"}"));

		assertThatExceptionOfType(NitroUnexpectedResponseException.class)
			.isThrownBy(() -> new NitroPdfClient(this.pdf).processAsync(compress()))
			.withMessage("Nitro's reply names a job ID that is not a Nitro ID: '..' (a dot segment)");
		assertThat(nitro.findAll(getRequestedFor(urlMatching("/jobs.*")))).isEmpty();
	}

	@Test
	void eachRequestAsksForTheOneMediaTypeItReads() {
		nitro.stubFor(post(urlEqualTo("/transformations")).withHeader("Accept", equalTo("application/json"))
			.willReturn(NitroWireMock.json(200, FILE_RESULT.formatted(objectStore.baseUrl()))));
		nitro.stubFor(post(urlEqualTo("/transformations")).withHeader("Accept", equalTo("application/octet-stream"))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/octet-stream").withBody("%PDF")));
		nitro.stubFor(get(urlEqualTo("/jobs/" + JOB_ID + "/status")).withHeader("Accept", equalTo("application/json"))
			.willReturn(NitroWireMock.json(200, "{\"jobID\":\"" + JOB_ID + "\",\"status\":\"running\"}")));
		nitro.stubFor(get(urlEqualTo("/jobs/" + JOB_ID)).withHeader("Accept", equalTo("application/json"))
			.willReturn(NitroWireMock.json(200, "{\"jobID\":\"" + JOB_ID + "\",\"status\":\"completed\",\"result\":\"text\"}")));

		this.pdf.process(compress()).block();
		DataBufferUtils.join(this.pdf.processToBytes(compress())).map(DataBufferUtils::release).block();
		this.pdf.getJobStatus(JOB_ID).block();
		this.pdf.getJobResult(JOB_ID).block();

		assertThat(nitro.getAllServeEvents()).filteredOn((event) -> !event.getRequest().getUrl().equals("/oauth/token"))
			.hasSize(4)
			.allSatisfy((event) -> assertThat(event.getRequest().getHeaders().getHeader("Accept").values()).singleElement()
				.isIn("application/json", "application/octet-stream"));
	}

	@Test
	void problemDetailsAreReadWhenOnlyTheFileWasAccepted() {
		nitro.stubFor(post(urlEqualTo("/transformations")).withHeader("Accept", equalTo("application/octet-stream"))
			.willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/problem+json")
				.withBody("{\"type\":\"PDFIsPasswordProtected\",\"title\":\"PDF is password protected\",\"status\":422}")));

		assertThatExceptionOfType(NitroApiException.UnprocessableEntity.class)
			.isThrownBy(() -> this.pdf.processToBytes(compress()).blockLast())
			.satisfies((ex) -> assertThat(ex.isType("PDFIsPasswordProtected")).isTrue());
	}

	@Test
	void eventLineBeyondTheBoundIsAbandonedAndTheJobIsPolled() {
		String endlessLine = "data: {\"jobID\":\"" + JOB_ID + "\",\"status\":\"running\",\"padding\":\""
				+ "x".repeat(4 * 1024 * 1024);
		stubEventsThenPolling(endlessLine);

		PdfResult result = this.pdf.processAsync(compress()).block();

		assertThat(result.text()).contains("polled text");
		nitro.verify(getRequestedFor(urlEqualTo("/jobs/" + JOB_ID + "/status")).withHeader("Accept", equalTo("application/json")));
	}

	@Test
	void eventBeyondTheBoundIsAbandonedAndTheJobIsPolled() {
		String endlessEvent = ("data: {\"jobID\":\"" + JOB_ID + "\",\"status\":\"running\",\"padding\":\"" + "x".repeat(1000) + "\"}\n")
			.repeat(4 * 1024);
		stubEventsThenPolling(endlessEvent);

		PdfResult result = this.pdf.processAsync(compress()).block();

		assertThat(result.text()).contains("polled text");
		nitro.verify(getRequestedFor(urlEqualTo("/jobs/" + JOB_ID + "/status")).withHeader("Accept", equalTo("application/json")));
	}

	static Stream<Arguments> unboundedEvents() {
		return Stream.of(Arguments.of("data: " + "x".repeat(200_000), "a line longer than 65536 bytes"),
				Arguments.of("data: x\n".repeat(20_000), "an event larger than 65536 characters"));
	}

	@ParameterizedTest(name = "{1}")
	@MethodSource("unboundedEvents")
	void eventBeyondTheBoundEndsWatchingWithAnUnexpectedResponse(String event, String what) {
		nitro.stubFor(get(urlEqualTo("/jobs/" + JOB_ID + "/status")).withHeader("Accept", equalTo("application/event-stream"))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
				.withBody("data: {\"jobID\":\"" + JOB_ID + "\",\"status\":\"running\"}\n\n" + event)));

		assertThatExceptionOfType(NitroUnexpectedResponseException.class)
			.isThrownBy(() -> this.pdf.watchJob(JOB_ID).collectList().block())
			.withMessage("Nitro's event stream sent " + what);
	}

	private void stubEventsThenPolling(String events) {
		stubSubmit(NitroWireMock.json(202, "{\"jobID\":\"" + JOB_ID + "\",\"status\":\"running\"}"));
		nitro.stubFor(get(urlEqualTo("/jobs/" + JOB_ID + "/status")).withHeader("Accept", equalTo("application/event-stream"))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(events)));
		nitro.stubFor(get(urlEqualTo("/jobs/" + JOB_ID + "/status")).withHeader("Accept", equalTo("application/json"))
			.willReturn(NitroWireMock.json(200, "{\"jobID\":\"" + JOB_ID + "\",\"status\":\"completed\",\"result\":\"polled text\"}")));
	}

	private static PdfRequest compress() {
		return PdfRequest.compress(PdfInput.file(FileContent.of("%PDF".getBytes(), "a.pdf")));
	}

	private static void stubSubmit(ResponseDefinitionBuilder reply) {
		nitro.stubFor(post(urlEqualTo("/transformations")).withHeader("Prefer", equalTo("respond-async")).willReturn(reply));
	}

	private static void stubStatusesInTurn(ResponseDefinitionBuilder... replies) {
		String state = Scenario.STARTED;
		for (int i = 0; i < replies.length; i++) {
			String next = (i < replies.length - 1) ? "status-" + (i + 1) : state;
			nitro.stubFor(get(urlEqualTo("/jobs/" + JOB_ID + "/status")).withHeader("Accept", equalTo("application/json"))
				.inScenario("status")
				.whenScenarioStateIs(state)
				.willReturn(replies[i])
				.willSetStateTo(next));
			state = next;
		}
	}

}
