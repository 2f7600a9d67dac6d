package com.gonitro.spring.client;

import java.net.URI;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import com.gonitro.spring.NitroClient;
import com.gonitro.spring.pdf.ReactiveNitroPdfClient;
import com.gonitro.spring.pdf.model.FileInfo;
import com.gonitro.spring.pdf.model.PdfInput;
import com.gonitro.spring.pdf.model.PdfRequest;
import com.gonitro.spring.sign.ReactiveNitroSignClient;
import com.gonitro.spring.test.NitroWireMock;
import com.gonitro.spring.test.SecretLeaks;
import com.gonitro.spring.web.NitroRetryPolicy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Error replies become {@link NitroApiException}s carrying Nitro's Problem Details, with a subclass per status
 * worth catching; no raw {@code WebClientResponseException} leaves a typed client.
 */
class NitroErrorMappingIntegrationTests {

	private static final String ENVELOPE = "/sign/envelopes/0d3c9b7e-1111-4a5b-9c3d-2e1f0a9b8c7d";

	@RegisterExtension
	static WireMockExtension nitro = NitroWireMock.extension();

	@RegisterExtension
	static WireMockExtension objectStore = NitroWireMock.extension();

	private ReactiveNitroSignClient sign;

	private ReactiveNitroPdfClient pdf;

	@BeforeEach
	void createClients() {
		NitroWireMock.stubToken(nitro, "token", 86400);
		NitroClient clients = NitroWireMock.client(nitro).retryPolicy(NitroRetryPolicy.none()).build();
		this.sign = clients.reactiveSign();
		this.pdf = clients.reactivePdf();
	}

	@AfterEach
	void requestsConformToNitrosOpenApi() {
		NitroWireMock.assertConformsToOpenApi(nitro);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "400, BadRequest", "401, Unauthorized", "404, NotFound", "409, Conflict", "410, Gone",
			"413, ContentTooLarge", "415, UnsupportedMediaType", "422, UnprocessableEntity", "429, TooManyRequests",
			"500, ServerError", "503, ServerError", "405, NitroApiException" })
	void eachStatusBecomesItsOwnException(int status, String type) {
		nitro.stubFor(get(urlEqualTo(ENVELOPE)).willReturn(problem(status, """
				{"type":"https://developers.gonitro.com/docs/build-nitro/errors#%1$d","title":"Title %1$d","status":%1$d,
				 "detail":"Detail %1$d","instance":"%2$s","extensions":{"traceId":"t-%1$d"}}""".formatted(status, ENVELOPE))
			.withHeader("Retry-After", "120")));

		Throwable failure = catchThrowable(() -> this.sign.getEnvelope("0d3c9b7e-1111-4a5b-9c3d-2e1f0a9b8c7d").block());

		assertThat(failure).isInstanceOf(NitroApiException.class).isNotInstanceOf(WebClientResponseException.class);
		assertThat(failure.getClass().getSimpleName()).isEqualTo(type);
		NitroApiException api = (NitroApiException) failure;
		assertThat(api.getStatus()).isEqualTo(status);
		assertThat(api.getMethod()).isEqualTo(HttpMethod.GET);
		assertThat(api.getUri().getPath()).isEqualTo(ENVELOPE);
		assertThat(api.getType()).isEqualTo("https://developers.gonitro.com/docs/build-nitro/errors#" + status);
		assertThat(api.getTitle()).isEqualTo("Title " + status);
		assertThat(api.getDetail()).isEqualTo("Detail " + status);
		assertThat(api.getInstance()).isEqualTo(ENVELOPE);
		assertThat(api.getExtensions()).containsEntry("traceId", "t-" + status);
		assertThat(api.getMessage()).isEqualTo("Nitro answered " + status + " Title " + status + " to GET " + ENVELOPE
				+ ": Detail " + status + " [https://developers.gonitro.com/docs/build-nitro/errors#" + status + "]");
	}

	static Stream<Arguments> everyKindOfRequest() {
		FileContent pdf = FileContent.of("%PDF".getBytes(), "a.pdf");
		PdfRequest compress = PdfRequest.compress(PdfInput.file(pdf));
		String envelopeId = "0d3c9b7e-1111-4a5b-9c3d-2e1f0a9b8c7d";
		String jobId = "01234567-89ab-cdef-0123-456789abcdef";
		return Stream.of(
				request("Sign JSON", (test) -> test.sign.getEnvelope(envelopeId)),
				request("Sign JSON body", (test) -> test.sign
					.createEnvelope(com.gonitro.spring.sign.model.CreateEnvelope.parallel("n", "s", "b"))),
				request("Sign list", (test) -> test.sign.listDocuments(envelopeId)),
				request("Sign upload", (test) -> test.sign
					.uploadDocument(envelopeId, com.gonitro.spring.sign.model.DocumentMetadata.pdf("a"), pdf)),
				request("Sign download", (test) -> test.sign.downloadAuditTrail(envelopeId)),
				request("PDF JSON", (test) -> test.pdf.process(compress)),
				request("PDF bytes", (test) -> test.pdf.processToBytes(compress)),
				request("PDF job submission", (test) -> test.pdf.submit(compress)),
				request("PDF job status", (test) -> test.pdf.getJobStatus(jobId)),
				request("PDF job events", (test) -> test.pdf.watchJob(jobId)),
				request("PDF result file", (test) -> test.pdf
					.download(new FileInfo(URI.create(objectStore.baseUrl() + "/results/out.pdf"), "application/pdf", null))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("everyKindOfRequest")
	void everyKindOfRequestMapsErrorRepliesTheSameWay(String kind, Function<NitroErrorMappingIntegrationTests, Publisher<?>> call) {
		nitro.stubFor(any(urlMatching("/(sign|conversions|transformations|extractions|generations|jobs)/?.*"))
			.willReturn(problem(404, "{\"type\":\"NotFound\",\"title\":\"Not Found\",\"status\":404}")));
		objectStore.stubFor(get(urlEqualTo("/results/out.pdf"))
			.willReturn(problem(404, "{\"type\":\"NotFound\",\"title\":\"Not Found\",\"status\":404}")));

		assertThatExceptionOfType(NitroApiException.NotFound.class)
			.isThrownBy(() -> Flux.from(call.apply(this)).blockLast())
			.satisfies((ex) -> assertThat(ex.getType()).isEqualTo("NotFound"));
	}

	@Test
	void aFailedResultDownloadKeepsNeitherThePreSignedQueryNorItsSignature() {
		objectStore.stubFor(get(urlEqualTo("/results/out.pdf?X-Amz-Signature=pre-signed-credential"))
			.willReturn(problem(403, "{\"title\":\"Forbidden\",\"status\":403}")));
		FileInfo file = new FileInfo(URI.create(objectStore.baseUrl() + "/results/out.pdf?X-Amz-Signature=pre-signed-credential"),
				"application/pdf", null);

		assertThatExceptionOfType(NitroApiException.class).isThrownBy(() -> this.pdf.download(file).blockLast())
			.satisfies((ex) -> {
				assertThat(ex.getUri()).hasNoQuery().hasPath("/results/out.pdf");
				SecretLeaks.assertHoldsNone(ex, "pre-signed-credential");
			});
	}

	@Test
	void replyTextInAMessageIsShortenedAndStrippedOfControlCharacters() {
		String forged = "denied\r\n2026-12-02T10:00:00Z INFO Payment approved\u001b[2J\u2028" + "x".repeat(100_000);
		String problem = "{\"title\":\"Bad\\r\\nRequest\",\"status\":400,\"detail\":" + json(forged)
				+ ",\"validation_errors\":{\"name\":" + json(forged) + "}}";
		nitro.stubFor(post(urlEqualTo("/sign/envelopes")).willReturn(problem(400, problem)));
		nitro.stubFor(get(urlEqualTo("/jobs/job-1"))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
				.withBody("{\"jobID\":\"job-1\",\"status\":\"failed\",\"error\":{\"type\":\"ConversionFailed\",\"title\":"
						+ json(forged) + "}}")));

		Throwable apiError = catchThrowable(() -> this.sign
			.createEnvelope(com.gonitro.spring.sign.model.CreateEnvelope.parallel("n", "s", "b")).block());
		Throwable jobError = catchThrowable(() -> this.pdf.getJobResult("job-1").block());

		assertThat(apiError).isInstanceOf(NitroApiException.BadRequest.class);
		assertThat(((NitroApiException) apiError).getDetail()).as("the reply's text, as it came").isEqualTo(forged);
		assertThat(jobError).isInstanceOf(com.gonitro.spring.pdf.NitroJobFailedException.class);
		for (Throwable failure : new Throwable[] { apiError, jobError }) {
			assertThat(failure.getMessage()).hasSizeLessThanOrEqualTo(NitroException.MAX_MESSAGE_LENGTH + 1)
				.contains("denied??2026-12-02T10:00:00Z INFO Payment approved?[2J?")
				.doesNotContainPattern("[\\p{Cc}\\p{Zl}\\p{Zp}\\p{Cf}]");
		}
	}

	@Test
	void tooManyRequestsCarriesRetryAfter() {
		nitro.stubFor(get(urlEqualTo(ENVELOPE)).willReturn(problem(429, "{\"title\":\"Too Many Requests\",\"status\":429}")
			.withHeader("Retry-After", "120")));

		assertThatExceptionOfType(NitroApiException.TooManyRequests.class)
			.isThrownBy(() -> this.sign.getEnvelope("0d3c9b7e-1111-4a5b-9c3d-2e1f0a9b8c7d").block())
			.satisfies((ex) -> assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofSeconds(120)));
	}

	@Test
	void badRequestCarriesValidationErrorsByField() {
		nitro.stubFor(post(urlEqualTo("/sign/envelopes")).willReturn(problem(400, """
				{"type":"https://developers.gonitro.com/docs/build-nitro/errors#400-bad-request","title":"Bad Request","status":400,
				 "detail":"Request validation failed","instance":"/sign/envelopes","validation_errors":{"name":"must not be blank"}}""")));

		assertThatExceptionOfType(NitroApiException.BadRequest.class)
			.isThrownBy(() -> this.sign.createEnvelope(com.gonitro.spring.sign.model.CreateEnvelope.parallel("", "s", "b")).block())
			.satisfies((ex) -> {
				assertThat(ex.getValidationErrors()).containsEntry("name", "must not be blank");
				assertThat(ex.getMessage()).contains("Request validation failed {name=must not be blank}");
			});
	}

	@Test
	void pdfServicesErrorTypesAreReadable() {
		nitro.stubFor(post(urlEqualTo("/conversions")).willReturn(problem(422, """
				{"type":"PDFIsPasswordProtected","title":"PDF is password protected","status":422}""")));

		assertThatExceptionOfType(NitroApiException.UnprocessableEntity.class)
			.isThrownBy(() -> this.pdf.process(PdfRequest.convert(
					PdfInput.file(FileContent.of("%PDF".getBytes(), "locked.pdf")), "docx")).block())
			.satisfies((ex) -> {
				assertThat(ex.isType("PDFIsPasswordProtected")).isTrue();
				assertThat(ex.getTitle()).isEqualTo("PDF is password protected");
			});
	}

	@Test
	void errorWithoutProblemDetailsStillNamesTheStatus() {
		nitro.stubFor(get(urlEqualTo(ENVELOPE)).willReturn(aResponse().withStatus(502)
			.withHeader("Content-Type", "text/html")
			.withBody("<html>Bad gateway</html>")));

		assertThatExceptionOfType(NitroApiException.ServerError.class)
			.isThrownBy(() -> this.sign.getEnvelope("0d3c9b7e-1111-4a5b-9c3d-2e1f0a9b8c7d").block())
			.withMessage("Nitro answered 502 to GET " + ENVELOPE);
	}

	@Test
	void unreadableSuccessBodyIsAnUnexpectedResponse() {
		nitro.stubFor(get(urlEqualTo(ENVELOPE)).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"ID\": [not json")));

		assertThatExceptionOfType(NitroUnexpectedResponseException.class)
			.isThrownBy(() -> this.sign.getEnvelope("0d3c9b7e-1111-4a5b-9c3d-2e1f0a9b8c7d").block())
			.withMessageStartingWith("Nitro's reply could not be read: ")
			.withMessageContaining("Cannot deserialize");
	}

	@Test
	void noReplyIsAConnectionException() {
		ReactiveNitroSignClient unreachable = NitroWireMock.client(nitro)
			.baseUrl("http://127.0.0.1:1")
			.retryPolicy(NitroRetryPolicy.none())
			.build()
			.reactiveSign();

		assertThatExceptionOfType(NitroConnectionException.class)
			.isThrownBy(() -> unreachable.getEnvelope("e1").block())
			.withMessage("Nitro request GET /sign/envelopes/e1 got no reply: the connection was refused");
	}

	private static Arguments request(String kind, Function<NitroErrorMappingIntegrationTests, Publisher<?>> call) {
		return Arguments.of(kind, call);
	}

	private static String json(String text) {
		return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(text);
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder problem(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/problem+json").withBody(body);
	}

}
