package com.gonitro.spring.standin;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook request as Nitro does, with the application's credentials:
 * <ul>
 * <li>{@code Content-Digest: sha-256=:<base64 SHA-256 of the body>:} (RFC 9530);</li>
 * <li>{@code Date} in IMF-fixdate (RFC 9110), the time of sending;</li>
 * <li>an RFC 9421 HTTP Message Signature labelled {@code sig1}, algorithm {@code hmac-sha256} keyed with the client
 * secret's UTF-8 bytes, {@code keyid} the client ID, covering {@code "@method" "@path" "host" "date"
 * "content-digest"} in that order: {@code Signature-Input} and {@code Signature}.</li>
 * </ul>
 * The {@code Host} value is the one the request must be sent with: host, and port unless it is the scheme's default.
 */
final class StandInWebhookSignature {

	static final String COMPONENTS = "(\"@method\" \"@path\" \"host\" \"date\" \"content-digest\")";

	private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter
		.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
		.withZone(ZoneOffset.UTC);

	private StandInWebhookSignature() {
	}

	/**
	 * The headers that sign a POST of {@code body} to {@code url}: {@code Host}, {@code Date},
	 * {@code Content-Digest}, {@code Signature-Input} and {@code Signature}, in that order.
	 */
	static Map<String, String> headers(URI url, byte[] body, Instant sentAt, String clientId, String clientSecret) {
		String host = host(url);
		String date = IMF_FIXDATE.format(sentAt);
		String digest = "sha-256=:" + base64(sha256(body)) + ":";
		String parameters = COMPONENTS + ";created=" + sentAt.getEpochSecond() + ";keyid=" + quoted(clientId)
				+ ";alg=\"hmac-sha256\"";
		String base = String.join("\n", "\"@method\": POST", "\"@path\": " + path(url), "\"host\": " + host,
				"\"date\": " + date, "\"content-digest\": " + digest, "\"@signature-params\": " + parameters);
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Host", host);
		headers.put("Date", date);
		headers.put("Content-Digest", digest);
		headers.put("Signature-Input", "sig1=" + parameters);
		headers.put("Signature", "sig1=:" + base64(hmacSha256(clientSecret, base)) + ":");
		return headers;
	}

	/** The {@code Host} header: the port only when it is not the scheme's default. */
	private static String host(URI url) {
		int port = url.getPort();
		boolean defaultPort = port == -1 || (port == 80 && "http".equalsIgnoreCase(url.getScheme()))
				|| (port == 443 && "https".equalsIgnoreCase(url.getScheme()));
		return defaultPort ? url.getHost() : url.getHost() + ":" + port;
	}

	/** {@code @path}: the target's path as sent (not its query); an empty path is {@code /}. */
	private static String path(URI url) {
		String path = url.getRawPath();
		return (path == null || path.isEmpty()) ? "/" : path;
	}

	/** An RFC 8941 sf-string. */
	private static String quoted(String value) {
		for (char c : value.toCharArray()) {
			if (c < 0x20 || c > 0x7E) {
				throw new IllegalArgumentException("A key ID must be printable ASCII to be signed with");
			}
		}
		return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	private static byte[] sha256(byte[] body) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(body);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	private static byte[] hmacSha256(String secret, String base) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return mac.doFinal(base.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

	private static String base64(byte[] bytes) {
		return Base64.getEncoder().encodeToString(bytes);
	}

}
