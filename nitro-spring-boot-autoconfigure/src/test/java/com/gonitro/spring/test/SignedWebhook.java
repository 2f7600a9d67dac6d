package com.gonitro.spring.test;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook delivery signed as Nitro's scheme says, written from the RFCs alone (RFC 9421 HTTP Message Signatures,
 * RFC 9530 Content-Digest, RFC 8941 structured fields, RFC 9110 IMF-fixdate), not from the starter's code: a
 * mutable description of the delivery, whose headers are computed when asked for.
 */
public final class SignedWebhook {

	public static final String CLIENT_ID = "webhook-client-id";

	public static final String CLIENT_SECRET = "webhook-client-secret-7f3a";

	public static final List<String> COMPONENTS = List.of("@method", "@path", "host", "date", "content-digest");

	private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter
		.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
		.withZone(ZoneOffset.UTC);

	private String method = "POST";

	private String path = "/nitro/webhooks";

	private String host = "localhost";

	private byte[] body;

	private Instant date = Instant.now();

	private Instant created = Instant.now();

	private String keyId = CLIENT_ID;

	private String secret = CLIENT_SECRET;

	private String label = "sig1";

	private String algorithm = "hmac-sha256";

	private List<String> components = COMPONENTS;

	private SignedWebhook(byte[] body) {
		this.body = body;
	}

	/**
	 * A delivery of Nitro's payload {@code {"id", "type", "created", "data"}}.
	 */
	public static SignedWebhook event(String id, String type, String dataJson) {
		return body("{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"created\":\"2026-11-28T12:00:00Z\",\"data\":"
				+ dataJson + "}");
	}

	public static SignedWebhook body(String body) {
		return new SignedWebhook(body.getBytes(StandardCharsets.UTF_8));
	}

	public static SignedWebhook body(byte[] body) {
		return new SignedWebhook(body);
	}

	public SignedWebhook method(String method) {
		this.method = method;
		return this;
	}

	public SignedWebhook path(String path) {
		this.path = path;
		return this;
	}

	public SignedWebhook host(String host) {
		this.host = host;
		return this;
	}

	public SignedWebhook date(Instant date) {
		this.date = date;
		return this;
	}

	public SignedWebhook created(Instant created) {
		this.created = created;
		return this;
	}

	public SignedWebhook at(Instant time) {
		return date(time).created(time);
	}

	public SignedWebhook keyId(String keyId) {
		this.keyId = keyId;
		return this;
	}

	public SignedWebhook secret(String secret) {
		this.secret = secret;
		return this;
	}

	public SignedWebhook label(String label) {
		this.label = label;
		return this;
	}

	/** The {@code alg} parameter, or {@code null} to leave it out. */
	public SignedWebhook algorithm(String algorithm) {
		this.algorithm = algorithm;
		return this;
	}

	public SignedWebhook components(String... components) {
		this.components = List.of(components);
		return this;
	}

	public String host() {
		return this.host;
	}

	public String method() {
		return this.method;
	}

	public String path() {
		return this.path;
	}

	public byte[] bodyBytes() {
		return this.body.clone();
	}

	/** RFC 9530: {@code sha-256=:<base64 of the SHA-256 of the body>:}. */
	public String contentDigest() {
		return "sha-256=:" + base64(sha256(this.body)) + ":";
	}

	/** RFC 9110 §5.6.7 IMF-fixdate. */
	public String dateHeader() {
		return IMF_FIXDATE.format(this.date);
	}

	/** RFC 9421 §2.3: the inner list of covered components, then the parameters. */
	public String signatureParams() {
		String params = this.components.stream().map((c) -> "\"" + c + "\"").collect(Collectors.joining(" ", "(", ")"))
				+ ";created=" + this.created.getEpochSecond() + ";keyid=\"" + this.keyId + "\"";
		return (this.algorithm != null) ? params + ";alg=\"" + this.algorithm + "\"" : params;
	}

	/** RFC 9421 §2.5: one line per component, then {@code "@signature-params"}, joined by LF, no trailing LF. */
	public String signatureBase() {
		List<String> lines = new ArrayList<>();
		for (String component : this.components) {
			lines.add("\"" + component + "\": " + componentValue(component));
		}
		lines.add("\"@signature-params\": " + signatureParams());
		return String.join("\n", lines);
	}

	public String signatureInput() {
		return this.label + "=" + signatureParams();
	}

	public String signature() {
		return this.label + "=:" + base64(hmacSha256(this.secret, signatureBase())) + ":";
	}

	/** The headers of the delivery, {@code Host} included. */
	public Map<String, String> headers() {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Host", this.host);
		headers.put("Content-Type", "application/json");
		headers.put("Date", dateHeader());
		headers.put("Content-Digest", contentDigest());
		headers.put("Signature-Input", signatureInput());
		headers.put("Signature", signature());
		return headers;
	}

	private String componentValue(String component) {
		return switch (component) {
			case "@method" -> this.method;
			case "@path" -> this.path;
			case "host" -> this.host;
			case "date" -> dateHeader();
			case "content-digest" -> contentDigest();
			case "content-type" -> "application/json";
			default -> throw new IllegalArgumentException(component);
		};
	}

	public static byte[] hmacSha256(String secret, String base) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return mac.doFinal(base.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String base64(byte[] bytes) {
		return Base64.getEncoder().encodeToString(bytes);
	}

}
