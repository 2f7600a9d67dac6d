package com.gonitro.spring.webhook;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpHeaders;

import com.gonitro.spring.oauth.NitroCredentials;
import com.gonitro.spring.test.MutableClock;
import com.gonitro.spring.test.SecretLeaks;
import com.gonitro.spring.test.SignedWebhook;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link HttpMessageSignatureVerifier} against deliveries signed from the RFCs ({@link SignedWebhook}): what verifies,
 * and every way a delivery fails to, each with a message that names the failure and holds no secret.
 */
class HttpMessageSignatureVerifierTests {

	private static final String BODY = "{\"id\":\"evt-1\",\"type\":\"EnvelopeSealed\",\"created\":\"2026-11-28T12:00:00Z\","
			+ "\"data\":{\"envelopeID\":\"6a5b\"}}";

	private final MutableClock clock = new MutableClock();

	private final AtomicReference<NitroCredentials> credentials = new AtomicReference<>(
			NitroCredentials.of(SignedWebhook.CLIENT_ID, SignedWebhook.CLIENT_SECRET));

	private final HttpMessageSignatureVerifier verifier = new HttpMessageSignatureVerifier(this.credentials::get);

	HttpMessageSignatureVerifierTests() {
		this.verifier.setClock(this.clock);
	}

	@Test
	void deliverySignedAsTheSchemeSaysVerifies() {
		assertThatCode(() -> this.verifier.verify(request(signed()))).doesNotThrowAnyException();
	}

	@Test
	void anyLabelVerifies() {
		assertThatCode(() -> this.verifier.verify(request(signed().label("nitro")))).doesNotThrowAnyException();
	}

	@Test
	void signatureWithoutAlgParameterVerifies() {
		assertThatCode(() -> this.verifier.verify(request(signed().algorithm(null)))).doesNotThrowAnyException();
	}

	@Test
	void componentsInAnotherOrderVerifyWhenSignedInThatOrder() {
		SignedWebhook webhook = signed().components("date", "@path", "content-digest", "@method", "host");

		assertThatCode(() -> this.verifier.verify(request(webhook))).doesNotThrowAnyException();
	}

	@Test
	void timestampsAtTheToleranceVerify() {
		SignedWebhook webhook = signed().date(this.clock.instant().minus(Duration.ofMinutes(5)))
			.created(this.clock.instant().plus(Duration.ofMinutes(5)));

		assertThatCode(() -> this.verifier.verify(request(webhook))).doesNotThrowAnyException();
	}

	@Test
	void tamperedBodyFailsTheContentDigest() {
		SignedWebhook webhook = signed();
		NitroWebhookRequest request = new NitroWebhookRequest("POST", webhook.path(), headers(webhook),
				BODY.replace("6a5b", "6a5c").getBytes());

		assertRefused(request, "the Content-Digest does not match the body");
	}

	@Test
	void contentDigestMatchingATamperedBodyFailsTheSignature() {
		SignedWebhook original = signed();
		SignedWebhook tampered = SignedWebhook.body(BODY.replace("6a5b", "6a5c")).at(this.clock.instant());
		HttpHeaders headers = headers(original);
		headers.set("Content-Digest", tampered.contentDigest());

		assertRefused(new NitroWebhookRequest("POST", original.path(), headers, tampered.bodyBytes()),
				"the signature does not match");
	}

	@Test
	void otherSecretFailsTheSignature() {
		assertRefused(request(signed().secret("another-secret")), "the signature does not match");
	}

	@Test
	void otherKeyIdIsRefused() {
		assertRefused(request(signed().keyId("another-client")), "the keyid is not this application's client ID");
	}

	@Test
	void otherHostPathOrMethodFailsTheSignature() {
		SignedWebhook webhook = signed();
		HttpHeaders headers = headers(webhook);
		headers.set("Host", "attacker.example");

		assertRefused(new NitroWebhookRequest("POST", webhook.path(), headers, webhook.bodyBytes()),
				"the signature does not match");
		assertRefused(new NitroWebhookRequest("POST", "/other", headers(webhook), webhook.bodyBytes()),
				"the signature does not match");
		assertRefused(new NitroWebhookRequest("PUT", webhook.path(), headers(webhook), webhook.bodyBytes()),
				"the signature does not match");
	}

	@Test
	void signatureParametersChangedAfterSigningFailTheSignature() {
		SignedWebhook webhook = signed();
		HttpHeaders headers = headers(webhook);
		headers.set("Signature-Input", webhook.signatureInput() + ";nonce=\"x\"");

		assertRefused(new NitroWebhookRequest("POST", webhook.path(), headers, webhook.bodyBytes()),
				"the signature does not match");
	}

	@Test
	void signatureInputWithoutKeyIdIsRefused() {
		SignedWebhook webhook = signed();
		HttpHeaders headers = headers(webhook);
		headers.set("Signature-Input", webhook.signatureInput().replace(";keyid=\"" + SignedWebhook.CLIENT_ID + "\"", ""));

		assertRefused(new NitroWebhookRequest("POST", webhook.path(), headers, webhook.bodyBytes()),
				"keyid parameter is missing");
	}

	@Test
	void otherAlgorithmIsRefused() {
		assertRefused(request(signed().algorithm("hmac-sha512")), "algorithm is not hmac-sha256");
	}

	@Test
	void signatureCoveringTooLittleIsRefused() {
		assertRefused(request(signed().components("@method", "@path", "host", "date")),
				"does not cover all of");
		assertRefused(request(signed().components("@method", "@path", "host", "date", "content-digest",
				"content-type")), "covers components other than");
		assertRefused(request(signed().components("@method", "@path", "host", "date", "date", "content-digest")),
				"covers components other than");
	}

	@Test
	void twoSignaturesAreRefused() {
		SignedWebhook webhook = signed();
		HttpHeaders headers = headers(webhook);
		headers.add("Signature-Input", "sig2=" + webhook.signatureParams());

		assertRefused(new NitroWebhookRequest("POST", webhook.path(), headers, webhook.bodyBytes()),
				"does not hold exactly one signature");
	}

	@Test
	void signatureUnderAnotherLabelIsRefused() {
		SignedWebhook webhook = signed();
		HttpHeaders headers = headers(webhook);
		headers.set("Signature", webhook.signature().replaceFirst("^sig1=", "sig2="));

		assertRefused(new NitroWebhookRequest("POST", webhook.path(), headers, webhook.bodyBytes()),
				"holds no byte sequence for the Signature-Input's label");
	}

	@Test
	void createdOutsideTheToleranceIsRefused() {
		assertRefused(request(signed().created(this.clock.instant().minus(Duration.ofMinutes(6)))),
				"created time is more than PT5M away");
		assertRefused(request(signed().created(this.clock.instant().plus(Duration.ofMinutes(6)))),
				"created time is more than PT5M away");
	}

	@Test
	void dateOutsideTheToleranceIsRefused() {
		assertRefused(request(signed().date(this.clock.instant().minus(Duration.ofMinutes(6)))),
				"the Date header is more than PT5M away");
	}

	@Test
	void toleranceIsConfigurable() {
		this.verifier.setTolerance(Duration.ofMinutes(10));

		assertThatCode(() -> this.verifier.verify(request(signed().at(this.clock.instant().minus(Duration.ofMinutes(9))))))
			.doesNotThrowAnyException();
	}

	@Test
	void expiredSignatureIsRefused() {
		SignedWebhook webhook = signed();
		HttpHeaders headers = headers(webhook);
		long expires = this.clock.instant().minusSeconds(1).getEpochSecond();
		String params = webhook.signatureParams() + ";expires=" + expires;
		headers.set("Signature-Input", "sig1=" + params);
		String base = webhook.signatureBase().replace(webhook.signatureParams(), params);
		headers.set("Signature", "sig1=:" + SignedWebhook.base64(SignedWebhook.hmacSha256(SignedWebhook.CLIENT_SECRET,
				base)) + ":");

		assertRefused(new NitroWebhookRequest("POST", webhook.path(), headers, webhook.bodyBytes()),
				"the signature has expired");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Signature-Input", "Signature", "Content-Digest", "Date", "Host" })
	void missingHeaderIsRefused(String header) {
		SignedWebhook webhook = signed();
		HttpHeaders headers = headers(webhook);
		headers.remove(header);

		assertRefused(new NitroWebhookRequest("POST", webhook.path(), headers, webhook.bodyBytes()), "is missing");
	}

	@Test
	void contentDigestWithoutSha256IsRefused() {
		SignedWebhook webhook = signed();
		HttpHeaders headers = headers(webhook);
		headers.set("Content-Digest", "sha-512=:AAAA:");

		assertRefused(new NitroWebhookRequest("POST", webhook.path(), headers, webhook.bodyBytes()),
				"holds no sha-256 digest");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "sig1", "sig1=", "sig1=(", "sig1=(\"@method\"", "sig1=(\"@method\" \"@path\"",
			"SIG1=(\"@method\")", "sig1=(\"@method\");created=abc", "sig1=(\"@method\");created=12345678901234567890",
			"sig1=(\"a\\q\")", "sig1=(\"\u00e9\")", "sig1=:not base64!:", "sig1=(), ", "sig1=();;", "sig1=?2",
			"sig1=(\"@method\")x", "sig1=(1.2345)", "sig1=(-)", "=", ",", "sig1=(\"@method\"\"@path\")",
			"a=1,b=2,c=3,d=4,e=5,f=6,g=7,h=8,i=9,j=10,k=11,l=12,m=13,n=14,o=15,p=16,q=17" })
	void malformedSignatureInputIsRefusedWithoutAnyOtherException(String signatureInput) {
		SignedWebhook webhook = signed();
		HttpHeaders headers = headers(webhook);
		headers.set("Signature-Input", signatureInput);

		assertThatExceptionOfType(NitroWebhookVerificationException.class)
			.isThrownBy(() -> this.verifier.verify(new NitroWebhookRequest("POST", webhook.path(), headers,
					webhook.bodyBytes())));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "sig1=", "sig1=::x", "sig1=:%%%%:", "sig1=:AAA", "sig1=\"text\"", "sig1=(:AAAA:)" })
	void malformedSignatureIsRefusedWithoutAnyOtherException(String signature) {
		SignedWebhook webhook = signed();
		HttpHeaders headers = headers(webhook);
		headers.set("Signature", signature);

		assertThatExceptionOfType(NitroWebhookVerificationException.class)
			.isThrownBy(() -> this.verifier.verify(new NitroWebhookRequest("POST", webhook.path(), headers,
					webhook.bodyBytes())));
	}

	@Test
	void oversizedSignatureInputIsRefused() {
		SignedWebhook webhook = signed();
		HttpHeaders headers = headers(webhook);
		headers.set("Signature-Input", webhook.signatureInput() + ";nonce=\"" + "x".repeat(5000) + "\"");

		assertRefused(new NitroWebhookRequest("POST", webhook.path(), headers, webhook.bodyBytes()),
				"not a valid structured-field dictionary (longer than 4096 characters)");
	}

	@Test
	void previousSecretVerifiesDuringTheGracePeriodAfterARotationIsSeen() {
		this.verifier.verify(request(signed()));
		this.credentials.set(NitroCredentials.of(SignedWebhook.CLIENT_ID, "rotated-secret"));

		this.verifier.verify(request(signed().secret("rotated-secret")));
		this.clock.advance(Duration.ofMinutes(4));
		this.verifier.verify(request(signed()));
		this.clock.advance(Duration.ofMinutes(1));
		assertRefused(request(signed()), "the signature does not match");
		this.verifier.verify(request(signed().secret("rotated-secret")));
	}

	@Test
	void previousSecretIsRefusedWithoutAGracePeriod() {
		this.verifier.setPreviousSecretGracePeriod(Duration.ZERO);
		this.verifier.verify(request(signed()));
		this.credentials.set(NitroCredentials.of(SignedWebhook.CLIENT_ID, "rotated-secret"));

		assertRefused(request(signed()), "the signature does not match");
	}

	@Test
	void refusalsHoldNoSecretNoExpectedSignatureAndNoHeaderText() {
		SignedWebhook forged = signed().secret("guessed-secret");
		String expected = SignedWebhook.base64(SignedWebhook.hmacSha256(SignedWebhook.CLIENT_SECRET,
				forged.signatureBase()));

		assertThatExceptionOfType(NitroWebhookVerificationException.class)
			.isThrownBy(() -> this.verifier.verify(request(forged)))
			.satisfies((ex) -> SecretLeaks.assertHoldsNone(ex, SignedWebhook.CLIENT_SECRET, expected,
					forged.signature().substring(6, 30), forged.contentDigest()));
	}

	private SignedWebhook signed() {
		return SignedWebhook.body(BODY).host("hooks.example.com").at(this.clock.instant());
	}

	private static NitroWebhookRequest request(SignedWebhook webhook) {
		return new NitroWebhookRequest(webhook.method(), webhook.path(), headers(webhook), webhook.bodyBytes());
	}

	private static HttpHeaders headers(SignedWebhook webhook) {
		HttpHeaders headers = new HttpHeaders();
		webhook.headers().forEach(headers::add);
		return headers;
	}

	private void assertRefused(NitroWebhookRequest request, String reason) {
		assertThatExceptionOfType(NitroWebhookVerificationException.class)
			.isThrownBy(() -> this.verifier.verify(request))
			.withMessageContaining(reason);
	}

}
