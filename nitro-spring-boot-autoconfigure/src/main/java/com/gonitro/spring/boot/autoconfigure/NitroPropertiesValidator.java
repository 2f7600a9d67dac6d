package com.gonitro.spring.boot.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;

import com.gonitro.spring.NitroClient;
import com.gonitro.spring.boot.autoconfigure.InvalidNitroPropertiesException.Problem;

/**
 * The rules {@link NitroProperties} must follow, checked all at once so that the failure analysis names every
 * wrong property.
 */
final class NitroPropertiesValidator {

	/** Nitro allows this many API applications per organisation. */
	static final int MAX_APPLICATIONS = 25;

	private static final Pattern APPLICATION_NAME = Pattern.compile("[a-z0-9-]{1,64}");

	private static final Set<String> RESERVED_NAMES = Set.of(NitroClient.DEFAULT_APPLICATION, "tenant");

	private final List<Problem> problems = new ArrayList<>();

	private NitroPropertiesValidator() {
	}

	static void validate(NitroProperties properties) {
		NitroPropertiesValidator validator = new NitroPropertiesValidator();
		validator.check(properties);
		if (!validator.problems.isEmpty()) {
			throw new InvalidNitroPropertiesException(validator.problems);
		}
	}

	/**
	 * Whether a URI is plain http to a host other than this machine.
	 */
	static boolean isInsecureHttp(@Nullable String uri) {
		URI parsed = parse(uri);
		return parsed != null && "http".equalsIgnoreCase(parsed.getScheme()) && !isLoopback(parsed.getHost());
	}

	private void check(NitroProperties properties) {
		if (properties.hasDefaultApplication()) {
			checkCredentials("nitro", properties.getClientId(), properties.getClientSecret());
		}
		boolean allowInsecureHttp = properties.isAllowInsecureHttp();
		checkUri("nitro.token-uri", properties.getTokenUri(), NitroClient.DEFAULT_TOKEN_URI, allowInsecureHttp);
		checkUri("nitro.base-url", properties.getBaseUrl(), NitroClient.DEFAULT_BASE_URL, allowInsecureHttp);
		checkAtLeast("nitro.connect-timeout", properties.getConnectTimeout(), Duration.ofMillis(1));
		checkAtLeast("nitro.read-timeout", properties.getReadTimeout(), Duration.ofMillis(1));
		checkAtLeast("nitro.token-refresh-skew", properties.getTokenRefreshSkew(), Duration.ZERO);
		checkAtLeast("nitro.token-default-lifetime", properties.getTokenDefaultLifetime(), Duration.ofSeconds(1));
		NitroProperties.Retry retry = properties.getRetry();
		checkRetry("nitro.retry", retry.getMaxAttempts(), retry.getMaxTotalWait(), retry.getInitialBackoff(),
				retry.getMaxReplayableBodySize());
		checkAtLeast("nitro.sign.document-upload-timeout", properties.getSign().getDocumentUploadTimeout(),
				Duration.ofSeconds(1));
		checkAtLeast("nitro.pdf.job-timeout", properties.getPdf().getJobTimeout(), Duration.ofSeconds(1));
		checkAtLeast("nitro.tenants.idle-expiry", properties.getTenants().getIdleExpiry(), Duration.ofSeconds(1));
		if (properties.getTenants().getMaxSize() < 1) {
			this.problems.add(Problem.tooSmall("nitro.tenants.max-size",
					String.valueOf(properties.getTenants().getMaxSize()), "1"));
		}
		int applications = properties.getApplications().size() + (properties.hasDefaultApplication() ? 1 : 0);
		if (applications > MAX_APPLICATIONS) {
			this.problems.add(Problem.tooManyApplications(applications));
		}
		for (Map.Entry<String, NitroProperties.Application> entry : properties.getApplications().entrySet()) {
			checkApplication(entry.getKey(), entry.getValue(), allowInsecureHttp);
		}
	}

	private void checkApplication(String name, NitroProperties.Application application, boolean allowInsecureHttp) {
		if (!APPLICATION_NAME.matcher(name).matches() || RESERVED_NAMES.contains(name)) {
			this.problems.add(Problem.invalidApplicationName(name));
			return;
		}
		String prefix = "nitro.applications." + name;
		if (application.getClientId() == null && application.getClientSecret() == null) {
			this.problems.add(Problem.missingCredentials(prefix));
		}
		checkCredentials(prefix, application.getClientId(), application.getClientSecret());
		if (application.getTokenUri() != null) {
			checkUri(prefix + ".token-uri", application.getTokenUri(), NitroClient.DEFAULT_TOKEN_URI,
					allowInsecureHttp);
		}
		if (application.getBaseUrl() != null) {
			checkUri(prefix + ".base-url", application.getBaseUrl(), NitroClient.DEFAULT_BASE_URL, allowInsecureHttp);
		}
		if (application.getConnectTimeout() != null) {
			checkAtLeast(prefix + ".connect-timeout", application.getConnectTimeout(), Duration.ofMillis(1));
		}
		if (application.getReadTimeout() != null) {
			checkAtLeast(prefix + ".read-timeout", application.getReadTimeout(), Duration.ofMillis(1));
		}
		NitroProperties.ApplicationRetry retry = application.getRetry();
		checkRetry(prefix + ".retry", retry.getMaxAttempts(), retry.getMaxTotalWait(), retry.getInitialBackoff(),
				retry.getMaxReplayableBodySize());
	}

	private void checkCredentials(String prefix, @Nullable String clientId, @Nullable String clientSecret) {
		checkCredential(prefix + ".client-id", clientId, prefix + ".client-secret", clientSecret);
		checkCredential(prefix + ".client-secret", clientSecret, prefix + ".client-id", clientId);
	}

	private void checkCredential(String name, @Nullable String value, String otherName, @Nullable String otherValue) {
		if (value == null && otherValue != null) {
			this.problems.add(Problem.missingCredential(name, otherName));
		}
		else if (value != null && value.isBlank()) {
			this.problems.add(Problem.blankCredential(name));
		}
		else if (value != null) {
			String placeholder = EnvironmentNitroCredentials.unresolvedPlaceholder(value);
			if (placeholder != null) {
				this.problems.add(Problem.unresolvedPlaceholder(name, placeholder));
			}
		}
	}

	private void checkUri(String name, @Nullable String value, String example, boolean allowInsecureHttp) {
		URI uri = parse(value);
		String scheme = (uri != null) ? uri.getScheme() : null;
		if (uri == null || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))
				|| uri.getHost() == null) {
			this.problems.add(Problem.invalidUri(name, value, example));
		}
		else if (!allowInsecureHttp && isInsecureHttp(value)) {
			this.problems.add(Problem.insecureHttp(name, value));
		}
	}

	private void checkRetry(String prefix, @Nullable Integer maxAttempts, @Nullable Duration maxTotalWait,
			@Nullable Duration initialBackoff, @Nullable DataSize maxReplayableBodySize) {
		if (maxAttempts != null && maxAttempts < 1) {
			this.problems.add(Problem.tooSmall(prefix + ".max-attempts", String.valueOf(maxAttempts), "1"));
		}
		if (maxTotalWait != null) {
			checkAtLeast(prefix + ".max-total-wait", maxTotalWait, Duration.ZERO);
		}
		if (initialBackoff != null) {
			checkAtLeast(prefix + ".initial-backoff", initialBackoff, Duration.ZERO);
		}
		if (maxReplayableBodySize != null && (maxReplayableBodySize.isNegative()
				|| maxReplayableBodySize.toBytes() > Integer.MAX_VALUE)) {
			this.problems.add(new Problem(prefix + ".max-replayable-body-size", "'" + prefix
					+ ".max-replayable-body-size' must be between 0 and 2GB, but is " + maxReplayableBodySize + ".",
					"Set it to a size that fits in memory, such as 256KB, or remove it to use the default."));
		}
	}

	private void checkAtLeast(String name, Duration value, Duration minimum) {
		if (value.compareTo(minimum) < 0) {
			this.problems.add(Problem.tooSmall(name, readable(value), readable(minimum)));
		}
	}

	private static String readable(Duration duration) {
		if (duration.isZero()) {
			return "0s";
		}
		for (ChronoUnit unit : new ChronoUnit[] { ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS }) {
			if (duration.toMillis() % unit.getDuration().toMillis() == 0) {
				return DurationStyle.SIMPLE.print(duration, unit);
			}
		}
		return DurationStyle.SIMPLE.print(duration, ChronoUnit.MILLIS);
	}

	private static @Nullable URI parse(@Nullable String value) {
		if (value == null) {
			return null;
		}
		try {
			return new URI(value);
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	/**
	 * Whether a host is this machine, by its name or address alone (never a DNS lookup): {@code localhost},
	 * {@code 127.0.0.0/8}, {@code ::1}. Not names under {@code .localhost}: the JVM asks DNS for those, which may
	 * answer with any address.
	 */
	private static boolean isLoopback(@Nullable String host) {
		if (host == null) {
			return false;
		}
		String name = host.toLowerCase(Locale.ROOT);
		return name.equals("localhost") || name.matches("127(\\.\\d{1,3}){3}")
				|| name.equals("[::1]") || name.equals("[0:0:0:0:0:0:0:1]");
	}

}
