package com.gonitro.spring.standin;

import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import com.gonitro.spring.client.FileContent;
import com.gonitro.spring.client.NitroApiException;
import com.gonitro.spring.pdf.NitroJobExpiredException;
import com.gonitro.spring.pdf.NitroJobFailedException;
import com.gonitro.spring.pdf.NitroPdfClient;
import com.gonitro.spring.pdf.model.Delivery;
import com.gonitro.spring.pdf.model.DeliveryHeader;
import com.gonitro.spring.pdf.model.FileInfo;
import com.gonitro.spring.pdf.model.JobStatus;
import com.gonitro.spring.pdf.model.PdfEndpoint;
import com.gonitro.spring.pdf.model.PdfInput;
import com.gonitro.spring.pdf.model.PdfJob;
import com.gonitro.spring.pdf.model.PdfProperties;
import com.gonitro.spring.pdf.model.PdfRequest;
import com.gonitro.spring.pdf.model.PdfResult;
import com.gonitro.spring.pdf.model.PdfTables;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The stand-in's PDF Services, driven through the starter's typed client over HTTP: each operation produces real
 * files (read back here with PDFBox, ImageIO or as ZIP), jobs run with Server-Sent Events and polling, results live
 * behind pre-signed URLs, and failures come back as Nitro reports them. Every reply is also checked against Nitro's
 * OpenAPI description.
 */
class StandInPdfServicesIntegrationTests extends StandInApiIntegrationTests {

	private static final NitroStandIn nitro = NitroStandIn.start();

	@RegisterExtension
	static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private NitroPdfClient pdf;

	@Override
	NitroStandIn standIn() {
		return nitro;
	}

	@BeforeEach
	void pdfClient() {
		this.pdf = this.clients.pdf();
	}

	@AfterAll
	static void stop() {
		nitro.close();
	}

	@Test
	void convertsBetweenFormats() throws IOException {
		byte[] docx = StandInOoxml.docx(List.of("Quarterly report", "Revenue grew"));
		byte[] converted = bytes(PdfRequest.convert(upload(docx, "report.docx"), "pdf"));
		assertThat(TestFiles.text(converted)).contains("Quarterly report", "Revenue grew");

		byte[] source = TestFiles.pdf("Hello from PDF", "Second page");
		Map<String, byte[]> word = TestFiles.unzip(bytes(PdfRequest.convert(upload(source, "hello.pdf"), "docx")));
		assertThat(new String(word.get("word/document.xml"), StandardCharsets.UTF_8)).contains("Hello from PDF");
		Map<String, byte[]> workbook = TestFiles.unzip(bytes(PdfRequest.convert(upload(source, "hello.pdf"), "xlsx")));
		assertThat(new String(workbook.get("xl/worksheets/sheet1.xml"), StandardCharsets.UTF_8)).contains("Second page");

		PdfResult images = this.pdf.process(PdfRequest.convert(upload(source, "hello.pdf"), "png"));
		assertThat(images.files()).hasSize(2);
		byte[] firstPage = download(images.files().get(0));
		assertThat(ImageIO.read(new ByteArrayInputStream(firstPage)).getWidth()).isEqualTo(595);

		byte[] image = TestFiles.png(200, 100, Color.BLUE);
		byte[] fromImage = bytes(PdfRequest.convert(upload(image, "logo.png"), "pdf"));
		try (PDDocument document = TestFiles.open(fromImage)) {
			assertThat(document.getPage(0).getMediaBox().getWidth()).isEqualTo(200);
		}

		byte[] archive = bytes(PdfRequest.convertToPdfA(upload(source, "hello.pdf"), "2b"));
		try (PDDocument document = TestFiles.open(archive);
				InputStream metadata = document.getDocumentCatalog().getMetadata().exportXMPMetadata()) {
			assertThat(new String(metadata.readAllBytes(), StandardCharsets.UTF_8))
				.contains("<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>");
		}

		assertThatExceptionOfType(NitroApiException.UnprocessableEntity.class)
			.isThrownBy(() -> this.pdf.process(PdfRequest.convert(upload(source, "hello.pdf"), "pptx")))
			.satisfies((ex) -> {
				assertThat(ex.getType()).isEqualTo("ConversionFailed");
				assertThat(ex.getDetail()).contains("does not produce 'pptx'");
			});
	}

	@Test
	void transformsPdfs() throws IOException {
		byte[] three = TestFiles.pdf("One", "Two", "Three");
		byte[] merged = bytes(PdfRequest.merge(List.of(upload(three, "a.pdf"), upload(TestFiles.pdf("Four"), "b.pdf"))));
		assertThat(TestFiles.pages(merged)).isEqualTo(4);
		assertThat(TestFiles.text(merged)).contains("One", "Four");

		PdfResult split = this.pdf.process(PdfRequest.split(upload(three, "three.pdf"), List.of(List.of(0, 1), List.of(2))));
		assertThat(split.files()).extracting((file) -> file.metadata().pageCount()).containsExactly(2, 1);
		assertThat(TestFiles.text(download(split.files().get(1)))).contains("Three").doesNotContain("One");

		byte[] rotated = bytes(PdfRequest.rotate(upload(three, "three.pdf"), Map.of(1, 90)));
		try (PDDocument document = TestFiles.open(rotated)) {
			assertThat(document.getPage(0).getRotation()).isZero();
			assertThat(document.getPage(1).getRotation()).isEqualTo(90);
		}

		byte[] shorter = bytes(PdfRequest.deletePages(upload(three, "three.pdf"), List.of(0, 2)));
		assertThat(TestFiles.text(shorter).strip()).isEqualTo("Two");

		byte[] locked = bytes(PdfRequest.protect(upload(three, "three.pdf"), "owner-pw", "user-pw", List.of("print")));
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> org.apache.pdfbox.Loader.loadPDF(locked).close());
		byte[] unlocked = bytes(PdfRequest.unprotect(upload(locked, "locked.pdf"), "owner-pw", null));
		assertThat(TestFiles.text(unlocked)).contains("Three");

		byte[] described = bytes(PdfRequest.setProperties(upload(three, "three.pdf"),
				Map.of("title", "Quarterly", "author", "Ada")));
		PdfProperties properties = this.pdf.process(PdfRequest.getProperties(upload(described, "described.pdf")))
			.as(PdfProperties.class);
		assertThat(properties.title()).isEqualTo("Quarterly");
		assertThat(properties.author()).isEqualTo("Ada");

		byte[] watermarked = bytes(PdfRequest.watermark(upload(three, "three.pdf"),
				upload(TestFiles.png(50, 50, Color.RED), "mark.png"), 100, 100, 300, 300, 0.5));
		try (PDDocument document = TestFiles.open(watermarked)) {
			assertThat(document.getPage(2).getResources().getXObjectNames()).isNotEmpty();
		}

		byte[] redacted = bytes(PdfRequest.redact(upload(three, "three.pdf"),
				List.of(new PdfRequest.Redaction(0, 50, 50, 200, 40))));
		assertThat(TestFiles.pages(redacted)).isEqualTo(3);
		assertThat(redacted).isNotEqualTo(three);

		assertThat(TestFiles.pages(bytes(PdfRequest.compress(upload(three, "three.pdf"))))).isEqualTo(3);
		assertThat(TestFiles.pages(bytes(PdfRequest.optimize(upload(three, "three.pdf"), "web")))).isEqualTo(3);
		assertThat(TestFiles.pages(bytes(PdfRequest.ocr(upload(three, "three.pdf"), "english")))).isEqualTo(3);

		assertThatExceptionOfType(NitroApiException.BadRequest.class)
			.isThrownBy(() -> this.pdf.process(PdfRequest.deletePages(upload(three, "three.pdf"), List.of(7))))
			.satisfies((ex) -> assertThat(ex.getValidationErrors()).containsKey("params.pageIndices"));
	}

	@Test
	void extractsTextTablesAndForms() {
		byte[] source = TestFiles.pdf("First page text", "Second page text");
		assertThat(this.pdf.process(PdfRequest.extractText(upload(source, "text.pdf"))).text())
			.hasValueSatisfying((text) -> assertThat(text).contains("First page text", "Second page text"));
		assertThat(this.pdf.process(PdfRequest.extractText(upload(source, "text.pdf"), List.of(1))).text())
			.hasValueSatisfying((text) -> assertThat(text).contains("Second").doesNotContain("First"));

		byte[] table = TestFiles.table(List.of(List.of("Item", "Qty", "Price"), List.of("Pens", "4", "2.50"),
				List.of("Paper", "10", "7.00")));
		PdfTables tables = this.pdf.process(PdfRequest.extractTables(upload(table, "table.pdf"))).as(PdfTables.class);
		assertThat(tables.tables()).hasSize(1);
		assertThat(tables.tables().get(0).tableData().cells()).containsExactly(List.of("Item", "Qty", "Price"),
				List.of("Pens", "4", "2.50"), List.of("Paper", "10", "7.00"));

		byte[] form = bytes(PdfRequest.createFillableForms(upload(source, "form.pdf"),
				List.of(Map.of("pageIndex", 0, "fieldType", "TextBox", "name", "fullName", "boundingBox",
						List.of(72, 100, 200, 20)), Map.of("pageIndex", 0, "fieldType", "CheckBox", "name", "agree",
								"boundingBox", List.of(72, 140, 12, 12)))));
		byte[] filled = bytes(PdfRequest.fillForms(upload(form, "form.pdf"), Map.of("fullName", "Ada Lovelace",
				"agree", true), true));
		PdfResult fields = this.pdf.process(PdfRequest.extractForms(upload(filled, "filled.pdf")));
		assertThat(fields.json().path("fields").findValuesAsString("value")).contains("Ada Lovelace");
		PdfResult widgets = this.pdf.process(PdfRequest.of(PdfEndpoint.EXTRACTIONS, "extract-fillable-form-data",
				Map.of("format", "json"), List.of(upload(filled, "filled.pdf"))));
		assertThat(widgets.json().path("formFields").findValuesAsString("fieldType")).containsExactly("TextBox",
				"CheckBox");
		assertThat(widgets.json().path("formFields").get(0).path("boundingBox").get(1).asDouble()).isEqualTo(100.0);

		byte[] data = "{\"fullName\":\"Grace Hopper\"}".getBytes(StandardCharsets.UTF_8);
		byte[] fromData = bytes(PdfRequest.fillForms(upload(form, "form.pdf"), upload(data, "data.json")));
		assertThat(this.pdf.process(PdfRequest.extractForms(upload(fromData, "filled.pdf"))).json().toString())
			.contains("Grace Hopper");
		assertThatExceptionOfType(NitroApiException.UnprocessableEntity.class)
			.isThrownBy(() -> this.pdf.process(PdfRequest.fillForms(upload(form, "form.pdf"), Map.of("nope", "x"), true)))
			.satisfies((ex) -> assertThat(ex.getDetail()).contains("nope"));
	}

	@Test
	void runsJobsFollowedWithEventsOrPolling() {
		byte[] source = TestFiles.pdf("Async page");
		PdfJob job = this.pdf.submit(PdfRequest.compress(upload(source, "async.pdf")));
		assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
		StepVerifier.create(this.pdf.reactive().watchJob(job.id()))
			.expectNextMatches((status) -> status.status() == JobStatus.RUNNING)
			.thenConsumeWhile((status) -> status.status() == JobStatus.RUNNING)
			.expectNextMatches((status) -> status.status() == JobStatus.COMPLETED && status.result() != null)
			.verifyComplete();
		PdfResult result = this.pdf.awaitJob(job.id());
		assertThat(TestFiles.text(download(result.file().orElseThrow()))).contains("Async page");
		assertThat(this.pdf.getJobStatus(job.id()).status()).isEqualTo(JobStatus.COMPLETED);

		PdfResult extracted = this.pdf.processAsync(PdfRequest.extractText(upload(source, "async.pdf")));
		assertThat(extracted.text()).hasValueSatisfying((text) -> assertThat(text).contains("Async page"));
	}

	@Test
	void reportsFailedAndExpiredJobs() {
		byte[] locked = TestFiles.protectedPdf("secret", "Locked");
		assertThatExceptionOfType(NitroApiException.UnprocessableEntity.class)
			.isThrownBy(() -> this.pdf.process(PdfRequest.compress(upload(locked, "locked.pdf"))))
			.satisfies((ex) -> assertThat(ex.getType()).isEqualTo("PDFIsPasswordProtected"));
		assertThatExceptionOfType(NitroJobFailedException.class)
			.isThrownBy(() -> this.pdf.processAsync(PdfRequest.compress(upload(locked, "locked.pdf"))))
			.satisfies((ex) -> assertThat(ex.getErrorType()).isEqualTo("PDFIsPasswordProtected"));

		PdfJob job = this.pdf.submit(PdfRequest.compress(upload(TestFiles.pdf("Soon gone"), "gone.pdf")));
		FileInfo file = this.pdf.awaitJob(job.id()).file().orElseThrow();
		nitro.expireJob(job.id());
		assertThatExceptionOfType(NitroJobExpiredException.class).isThrownBy(() -> this.pdf.awaitJob(job.id()));
		assertThatExceptionOfType(NitroApiException.Gone.class).isThrownBy(() -> this.pdf.getJobStatus(job.id()))
			.satisfies((ex) -> assertThat(ex.getType()).isEqualTo("FileNoLongerAvailable"));
		assertThatExceptionOfType(NitroApiException.class).isThrownBy(() -> download(file))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(403));
		assertThatExceptionOfType(NitroApiException.NotFound.class)
			.isThrownBy(() -> this.pdf.getJobStatus("b9a4f3de-0000-4000-8000-000000000000"));
	}

	@Test
	void servesResultsAtPreSignedUrlsThatRefuseTokens() {
		PdfResult result = this.pdf.process(PdfRequest.compress(upload(TestFiles.pdf("Stored"), "stored.pdf")));
		URI url = result.file().orElseThrow().url();
		assertThat(url.getPort()).isNotEqualTo(URI.create(nitro.baseUrl()).getPort());
		assertThat(TestFiles.text(download(result.file().get()))).contains("Stored");
		assertThatExceptionOfType(WebClientResponseException.class)
			.isThrownBy(() -> WebClient.create().get().uri(url).header("Authorization", "Bearer leaked").retrieve()
				.bodyToMono(byte[].class).block())
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(HttpStatusCode.valueOf(400));
				assertThat(ex.getResponseBodyAsString()).contains("Only one auth mechanism allowed");
			});
		URI forged = URI.create(url.toString().replaceFirst("Signature=[0-9a-f]+", "Signature=forged"));
		assertThatExceptionOfType(WebClientResponseException.Forbidden.class)
			.isThrownBy(() -> WebClient.create().get().uri(forged).retrieve().bodyToMono(byte[].class).block());
	}

	@Test
	void fetchesRemoteInputsAndDeliversResults() {
		URI hosted = nitro.host(TestFiles.pdf("Remote input"), "application/pdf");
		PdfResult fromRemote = this.pdf.process(PdfRequest.compress(PdfInput.remote(hosted, "application/pdf")));
		assertThat(TestFiles.text(download(fromRemote.file().orElseThrow()))).contains("Remote input");
		assertThatExceptionOfType(NitroApiException.UnprocessableEntity.class)
			.isThrownBy(() -> this.pdf.process(PdfRequest.compress(
					PdfInput.remote(URI.create(receiver.baseUrl() + "/missing.pdf"), "application/pdf"))))
			.satisfies((ex) -> assertThat(ex.getType()).isEqualTo("BrokenDownloadURL"));

		receiver.stubFor(put(urlEqualTo("/bucket/result.pdf")).willReturn(aResponse().withStatus(200)));
		receiver.stubFor(post(urlEqualTo("/callback")).willReturn(aResponse().withStatus(204)));
		PdfRequest delivered = PdfRequest.compress(upload(TestFiles.pdf("Delivered"), "delivered.pdf"))
			.withDelivery(Delivery.uploadTo(URI.create(receiver.baseUrl() + "/bucket/result.pdf"),
					new DeliveryHeader("x-amz-acl", "private"))
				.withCallback(URI.create(receiver.baseUrl() + "/callback"), new DeliveryHeader("X-Hook", "s3cr3t")));
		PdfJob job = this.pdf.submit(delivered);
		PdfResult result = this.pdf.awaitJob(job.id());
		assertThat(result.file().orElseThrow().url()).isNull();
		receiver.verify(putRequestedFor(urlEqualTo("/bucket/result.pdf")).withHeader("x-amz-acl", equalTo("private"))
			.withHeader("Content-Type", equalTo("application/pdf")));
		byte[] uploaded = receiver.getAllServeEvents().stream()
			.filter((event) -> event.getRequest().getUrl().equals("/bucket/result.pdf"))
			.findFirst().orElseThrow().getRequest().getBody();
		assertThat(TestFiles.text(uploaded)).contains("Delivered");
		receiver.verify(postRequestedFor(urlEqualTo("/callback")).withHeader("X-Hook", equalTo("s3cr3t"))
			.withRequestBody(matchingJsonPath("$.jobID", equalTo(job.id()))));
	}

	private static PdfInput upload(byte[] content, String name) {
		return PdfInput.file(FileContent.of(content, name));
	}

	private byte[] bytes(PdfRequest request) {
		try (InputStream in = this.pdf.open(request)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private byte[] download(FileInfo file) {
		return org.springframework.core.io.buffer.DataBufferUtils.join(this.pdf.reactive().download(file))
			.map((buffer) -> {
				byte[] bytes = new byte[buffer.readableByteCount()];
				buffer.read(bytes);
				org.springframework.core.io.buffer.DataBufferUtils.release(buffer);
				return bytes;
			})
			.block();
	}

}
