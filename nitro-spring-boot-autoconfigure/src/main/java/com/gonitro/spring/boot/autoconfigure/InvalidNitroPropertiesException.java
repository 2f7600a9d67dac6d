package com.gonitro.spring.boot.autoconfigure;

import java.io.Serial;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import com.gonitro.spring.client.PrintableUrls;

/**
 * One or more {@code nitro.*} properties are wrong. Each {@link Problem} names the property, says what is
 * wrong and how to fix it. Secret values are never part of the message: of a URI, only its scheme, host, port and
 * path are repeated, and a value that is not a URI is not repeated at all.
 *
 * @since 0.1.0
 */
public class InvalidNitroPropertiesException extends IllegalStateException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final transient List<Problem> problems;

	/**
	 * Creates an exception for the given problems.
	 * @param problems what is wrong, at least one
	 */
	public InvalidNitroPropertiesException(List<Problem> problems) {
		super(problems.stream().map(Problem::description).collect(Collectors.joining(" ")));
		this.problems = List.copyOf(problems);
	}

	/**
	 * Returns what is wrong, one entry per property.
	 * @return the problems
	 */
	public List<Problem> getProblems() {
		return this.problems;
	}

	/**
	 * A property that is wrong.
	 *
	 * @param property the property name, such as {@code nitro.client-secret}
	 * @param description what is wrong with it
	 * @param action how to fix it
	 */
	public record Problem(String property, String description, String action) {

		static Problem missingCredential(String property, String presentProperty) {
			return new Problem(property,
					"'" + property + "' is not set, but '" + presentProperty + "' is: Nitro needs both.",
					howToSupply(property));
		}

		static Problem missingCredentials(String prefix) {
			return new Problem(prefix + ".client-id", "'" + prefix + ".client-id' and '" + prefix
					+ ".client-secret' are not set: Nitro needs both.", howToSupply(prefix + ".client-secret"));
		}

		static Problem processedWithCredentials() {
			return new Problem("nitro.client-id", "'nitro.client-id' and 'nitro.client-secret' are not set, but the "
					+ "application was processed ahead of time with them set, which decided for good that it calls "
					+ "Nitro.",
					"Supply both at run time, for example as the environment variables NITRO_CLIENT_ID and "
							+ "NITRO_CLIENT_SECRET. To run without Nitro, process the application ahead of time "
							+ "without them.");
		}

		static Problem blankCredential(String property) {
			return new Problem(property, "'" + property + "' is set but blank.", howToSupply(property));
		}

		static Problem invalidUri(String property, @Nullable String value, String defaultValue) {
			String shown = shown(value);
			return new Problem(property,
					"'" + property + "' must be an absolute http or https URI such as " + defaultValue + ", but is "
							+ ((shown != null) ? "'" + shown + "'."
									: "not: its value is not repeated, in case it is a secret set in the wrong property."),
					"Set '" + property + "' to an absolute URI such as the one the Nitro Admin Portal shows for your "
							+ "application (Settings → API), or remove it to use the default " + defaultValue + ".");
		}

		static Problem unresolvedPlaceholder(String property, String placeholder) {
			return new Problem(property, "'" + property + "' holds the placeholder ${" + placeholder
					+ "}, which is not set anywhere: its text would be sent to Nitro as the credential.",
					"Make '" + placeholder + "' available where Spring Boot looks for it (an environment variable, a "
							+ "-D system property, a file imported with spring.config.import, a mounted secret "
							+ "imported with 'spring.config.import=configtree:/path/to/mount/', Spring Cloud Vault), "
							+ "or give the placeholder a default (${" + placeholder + ":…}).");
		}

		static Problem insecureHttp(String property, String value) {
			return new Problem(property, "'" + property + "' uses plain http for a host other than this machine ('"
					+ shown(value) + "'): the client secret or the access token would cross the network "
					+ "unencrypted.",
					"Use https, or, if something on the way adds TLS (a service-mesh egress, for example), set "
							+ "nitro.allow-insecure-http=true.");
		}

		static Problem invalidApplicationName(String name) {
			return new Problem("nitro.applications." + name, "'" + name + "' is not a valid Nitro application name: "
					+ "names are lowercase letters, digits and '-', at most 64 characters, and 'default' and "
					+ "'tenant' are reserved.", "Rename the application under nitro.applications.");
		}

		static Problem tooManyApplications(int count) {
			return new Problem("nitro.applications", "Nitro allows at most 25 API applications per organisation, "
					+ "but " + count + " are configured.", "Remove the applications you do not use.");
		}

		static Problem tooSmall(String property, String value, String minimum) {
			return new Problem(property, "'" + property + "' must be at least " + minimum + ", but is " + value + ".",
					"Set '" + property + "' to " + minimum + " or more, or remove it to use the default.");
		}

		private static String howToSupply(String property) {
			if (property.startsWith("nitro.applications.")) {
				return "Supply '" + property + "' from where your secrets live (an environment variable, a mounted "
						+ "secret imported with 'spring.config.import=configtree:/path/to/mount/', Spring Cloud "
						+ "Vault), or remove the application from nitro.applications.";
			}
			String file = property.replace('.', '/');
			String variable = property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
			return "Supply '" + property + "' from where your secrets live, for example: the environment variable "
					+ variable + "; a Kubernetes secret mounted as files and imported with "
					+ "'spring.config.import=configtree:/path/to/mount/' (the file " + file
					+ " under that path); or Spring Cloud Vault (key '" + property + "' in the application's secret "
					+ "path). To run without Nitro, set neither nitro.client-id nor nitro.client-secret.";
		}

		/**
		 * The part of a URI value that is safe to repeat: its scheme, host, port and path, never its user info, query
		 * or fragment, which may hold credentials. Nothing of a value that is not an absolute URI with a host: it may
		 * be a secret set in the wrong property.
		 */
		private static @Nullable String shown(@Nullable String value) {
			if (value == null) {
				return null;
			}
			try {
				URI uri = new URI(value);
				if (uri.getScheme() == null || uri.getHost() == null) {
					return null;
				}
				return PrintableUrls.withoutCredentials(uri).toString();
			}
			catch (URISyntaxException ex) {
				return null;
			}
		}

	}

}
