package com.gonitro.spring.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.util.Assert;

import com.gonitro.spring.oauth.NitroCredentials;
import com.gonitro.spring.webhook.StructuredFields.InnerList;
import com.gonitro.spring.webhook.StructuredFields.Item;
import com.gonitro.spring.webhook.StructuredFields.Member;

/**
 * Verifies webhook deliveries signed as RFC 9421 HTTP Message Signatures with {@code hmac-sha256}, keyed with the
 * Nitro application's client secret, the client ID as {@code keyid}, covering {@code "@method" "@path" "host"
 * "date" "content-digest"}, the body's digest in an RFC 9530 {@code Content-Digest} ({@code sha-256}).
 * <p>
 * That is the scheme a public catalogue of Nitro's API records from Nitro's webhook page; Nitro has not confirmed it
 * yet. A delivery verifies when:
 * <ul>
 * <li>{@code Signature-Input} holds exactly one signature (any label), which covers exactly those five components,
 * names a {@code keyid}, a {@code created} time and, if any, the algorithm {@code hmac-sha256};</li>
 * <li>{@code Signature} holds a signature under the same label;</li>
 * <li>{@code created} and the {@code Date} header are within the {@linkplain #setTolerance(Duration) tolerance} of
 * this machine's clock (5 minutes by default), and {@code expires}, if given, has not passed;</li>
 * <li>{@code Content-Digest} holds the SHA-256 digest of the body;</li>
 * <li>the {@code keyid} is the application's client ID and the signature is the HMAC-SHA256 of the signature base
 * (RFC 9421 §2.5) under its client secret: the current one, or, for a
 * {@linkplain #setPreviousSecretGracePeriod(Duration) grace period} after a change of the credentials is seen, the
 * previous one.</li>
 * </ul>
 * Signatures and digests are compared in constant time. The credentials are asked for at each delivery, so a
 * rotated secret is picked up without a restart.
 *
 * @since 0.1.0
 */
public class HttpMessageSignatureVerifier implements NitroWebhookVerifier {

	/** The signature algorithm: {@value}. */
	public static final String ALGORITHM = "hmac-sha256";

	/** The components every signature must cover. */
	public static final List<String> COVERED_COMPONENTS = List.of("@method", "@path", "host", "date",
			"content-digest");

	private static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

	private static final Duration DEFAULT_PREVIOUS_SECRET_GRACE_PERIOD = Duration.ofMinutes(5);

	private final SigningKeys keys;

	private Duration tolerance = DEFAULT_TOLERANCE;

	private Duration previousSecretGracePeriod = DEFAULT_PREVIOUS_SECRET_GRACE_PERIOD;

	private Clock clock = Clock.systemUTC();

	/**
	 * Creates a verifier for the application whose credentials the given supplier holds.
	 * @param credentials supplies the application's credentials as they are now, asked at each delivery
	 */
	public HttpMessageSignatureVerifier(Supplier<NitroCredentials> credentials) {
		Assert.notNull(credentials, "'credentials' must not be null");
		this.keys = new SigningKeys(credentials);
	}

	/**
	 * Sets how far the signature's {@code created} time and the {@code Date} header may be from this machine's
	 * clock, in either direction. Defaults to 5 minutes.
	 * @param tolerance the tolerance, positive
	 */
	public void setTolerance(Duration tolerance) {
		Assert.isTrue(tolerance != null && tolerance.compareTo(Duration.ZERO) > 0, "'tolerance' must be positive");
		this.tolerance = tolerance;
	}

	/**
	 * Sets how long after a change of the credentials is seen that deliveries signed with the previous secret
	 * still verify. Defaults to 5 minutes.
	 * @param previousSecretGracePeriod the grace period, zero to accept only the current secret
	 */
	public void setPreviousSecretGracePeriod(Duration previousSecretGracePeriod) {
		Assert.isTrue(previousSecretGracePeriod != null && !previousSecretGracePeriod.isNegative(),
				"'previousSecretGracePeriod' must not be negative");
		this.previousSecretGracePeriod = previousSecretGracePeriod;
	}

	/**
	 * Sets the clock that timestamps are checked against.
	 * @param clock the clock
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "'clock' must not be null");
		this.clock = clock;
	}

	@Override
	public void verify(NitroWebhookRequest request) {
		Map<String, Member> inputs = dictionary(request, "Signature-Input");
		if (inputs.size() != 1) {
			throw refused("the Signature-Input header does not hold exactly one signature");
		}
		Map.Entry<String, Member> labelled = inputs.entrySet().iterator().next();
		Member input = labelled.getValue();
		if (!(input.value() instanceof InnerList covered)) {
			throw refused("the Signature-Input member is not an inner list");
		}
		byte[] signature = signature(dictionary(request, "Signature"), labelled.getKey());
		List<String> components = components(covered);
		String keyId = stringParameter(covered, "keyid");
		String algorithm = (covered.parameters().containsKey("alg")) ? stringParameter(covered, "alg") : ALGORITHM;
		if (!ALGORITHM.equals(algorithm)) {
			throw refused("the signature's algorithm is not " + ALGORITHM);
		}
		Instant now = this.clock.instant();
		checkTimes(covered, request, now);
		checkContentDigest(request);
		byte[] base = signatureBase(components, input.text(), request).getBytes(StandardCharsets.UTF_8);
		boolean keyIdKnown = false;
		for (SigningKeys.Key key : this.keys.keys(now, this.previousSecretGracePeriod)) {
			if (key.clientId().equals(keyId)) {
				keyIdKnown = true;
				if (MessageDigest.isEqual(hmac(key.secret(), base), signature)) {
					return;
				}
			}
		}
		throw refused(keyIdKnown ? "the signature does not match" : "the keyid is not this application's client ID");
	}

	private Map<String, Member> dictionary(NitroWebhookRequest request, String header) {
		String value = field(request, header);
		try {
			return StructuredFields.parseDictionary(value);
		}
		catch (IllegalArgumentException ex) {
			throw refused("the " + header + " header is not a valid structured-field dictionary (" + ex.getMessage()
					+ ")");
		}
	}

	private byte[] signature(Map<String, Member> signatures, String label) {
		Member member = signatures.get(label);
		if (member == null || !(member.value() instanceof Item item) || !(item.value() instanceof byte[] bytes)) {
			throw refused("the Signature header holds no byte sequence for the Signature-Input's label");
		}
		return bytes;
	}

	private List<String> components(InnerList covered) {
		Set<String> seen = new HashSet<>();
		for (Item item : covered.items()) {
			if (!(item.value() instanceof String name) || !item.parameters().isEmpty()
					|| !COVERED_COMPONENTS.contains(name) || !seen.add(name)) {
				throw refused("the signature covers components other than " + String.join(" ", COVERED_COMPONENTS));
			}
		}
		if (seen.size() != COVERED_COMPONENTS.size()) {
			throw refused("the signature does not cover all of " + String.join(" ", COVERED_COMPONENTS));
		}
		return covered.items().stream().map((item) -> (String) item.value()).toList();
	}

	private String stringParameter(InnerList covered, String name) {
		Object value = covered.parameters().get(name);
		if (!(value instanceof String string)) {
			throw refused("the signature's " + name + " parameter is missing or not a string");
		}
		return string;
	}

	private void checkTimes(InnerList covered, NitroWebhookRequest request, Instant now) {
		if (!(covered.parameters().get("created") instanceof Long created)) {
			throw refused("the signature's created parameter is missing or not an integer");
		}
		checkRecent("the signature's created time", Instant.ofEpochSecond(created), now);
		Object expires = covered.parameters().get("expires");
		if (expires != null && (!(expires instanceof Long seconds) || now.isAfter(Instant.ofEpochSecond(seconds)))) {
			throw refused("the signature has expired");
		}
		checkRecent("the Date header", date(request), now);
	}

	private Instant date(NitroWebhookRequest request) {
		String date = field(request, "date");
		try {
			return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw refused("the Date header is not an HTTP date");
		}
	}

	private void checkRecent(String what, Instant time, Instant now) {
		if (Duration.between(time, now).abs().compareTo(this.tolerance) > 0) {
			throw refused(what + " is more than " + this.tolerance + " away from this machine's clock");
		}
	}

	private void checkContentDigest(NitroWebhookRequest request) {
		Member member = dictionary(request, "Content-Digest").get("sha-256");
		if (member == null || !(member.value() instanceof Item item) || !(item.value() instanceof byte[] digest)) {
			throw refused("the Content-Digest header holds no sha-256 digest");
		}
		if (!MessageDigest.isEqual(sha256(request.bodyWithoutCopy()), digest)) {
			throw refused("the Content-Digest does not match the body");
		}
	}

	/** The signature base of RFC 9421 §2.5: one line per covered component, then the signature parameters. */
	private String signatureBase(List<String> components, String signatureParameters, NitroWebhookRequest request) {
		StringBuilder base = new StringBuilder();
		for (String component : components) {
			base.append('"').append(component).append("\": ").append(componentValue(component, request)).append('\n');
		}
		return base.append("\"@signature-params\": ").append(signatureParameters).toString();
	}

	private String componentValue(String component, NitroWebhookRequest request) {
		return switch (component) {
			case "@method" -> request.method().toUpperCase(Locale.ROOT);
			case "@path" -> request.path().isEmpty() ? "/" : request.path();
			default -> field(request, component);
		};
	}

	/** An HTTP field's value as RFC 9421 §2.1 signs it: its lines joined by {@code ", "}, trimmed. */
	private String field(NitroWebhookRequest request, String name) {
		List<String> lines = request.headers().get(name);
		if (lines == null || lines.isEmpty()) {
			throw refused("the " + name + " header is missing");
		}
		return String.join(", ", lines.stream().map(String::strip).toList());
	}

	private static byte[] hmac(byte[] secret, byte[] base) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret, "HmacSHA256"));
			return mac.doFinal(base);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	private static byte[] sha256(byte[] body) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(body);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	private static NitroWebhookVerificationException refused(String reason) {
		return new NitroWebhookVerificationException("Nitro webhook delivery refused: " + reason);
	}

	@Override
	public String toString() {
		return "HttpMessageSignatureVerifier[tolerance=" + this.tolerance + ", previousSecretGracePeriod="
				+ this.previousSecretGracePeriod + "]";
	}

}
