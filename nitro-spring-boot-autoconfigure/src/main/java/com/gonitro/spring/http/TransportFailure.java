package com.gonitro.spring.http;

import java.net.ConnectException;
import java.net.UnknownHostException;

import org.jspecify.annotations.Nullable;

/**
 * Why an HTTP exchange got no reply, read from an exception's causes without depending on a particular HTTP
 * client (Reactor Netty, the JDK client, Jetty, Apache HttpComponents).
 * <p>
 * Support class shared by the token client and the API clients, not API: it may change without notice.
 *
 * @since 0.1.0
 */
public enum TransportFailure {

	/** The host name could not be resolved. */
	UNKNOWN_HOST("the host name cannot be resolved"),

	/** The connection was actively refused. */
	CONNECTION_REFUSED("the connection was refused"),

	/** No connection could be established within the connect timeout. */
	CONNECT_TIMEOUT("no connection could be established within the connect timeout"),

	/** A connection was established but no complete reply arrived within the read timeout. */
	READ_TIMEOUT("no reply arrived within the read timeout"),

	/** The connection failed or was closed while the request or reply was in transit. */
	CONNECTION_LOST("the connection was lost before a complete reply arrived");

	/** The most causes read: a longer chain is a cycle (causes can be set to form one), not a client's report. */
	private static final int MAX_CAUSES = 64;

	private final String description;

	TransportFailure(String description) {
		this.description = description;
	}

	/**
	 * Returns a short description for error messages, such as "the connection was refused".
	 * @return the description
	 */
	public String description() {
		return this.description;
	}

	/**
	 * Whether the request certainly never reached the server, so that even a non-idempotent request may be sent
	 * again.
	 * @return {@code true} when no connection was ever established
	 */
	public boolean requestNeverSent() {
		return this == UNKNOWN_HOST || this == CONNECTION_REFUSED || this == CONNECT_TIMEOUT;
	}

	/**
	 * Returns the deepest cause of an exchange failure (such as the {@code ConnectException}), to be kept as the
	 * cause of an exception of the starter's own: the failures HTTP clients report on top of it
	 * ({@code WebClientRequestException} among them) hold the request, whose headers carry the access token.
	 * @param failure the exception an HTTP client reported
	 * @return its deepest cause, or the failure itself when it has none
	 */
	public static Throwable rootCause(Throwable failure) {
		Throwable root = failure;
		for (int read = 0; read < MAX_CAUSES && root.getCause() != null && root.getCause() != root; read++) {
			root = root.getCause();
		}
		return root;
	}

	/**
	 * Classifies an exchange failure.
	 * @param failure the exception an HTTP client reported
	 * @return the classification, or {@code null} when the failure is not a transport failure
	 */
	public static @Nullable TransportFailure of(Throwable failure) {
		boolean io = false;
		int read = 0;
		for (Throwable cause = failure; cause != null && read++ < MAX_CAUSES;
				cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			String name = cause.getClass().getName();
			if (cause instanceof UnknownHostException) {
				return UNKNOWN_HOST;
			}
			if (name.contains("ConnectTimeout")) {
				return CONNECT_TIMEOUT;
			}
			if (cause instanceof ConnectException) {
				return CONNECTION_REFUSED;
			}
			if (name.contains("Timeout")) {
				return READ_TIMEOUT;
			}
			io = io || cause instanceof java.io.IOException || name.startsWith("io.netty.")
					|| name.startsWith("reactor.netty.");
		}
		return io ? CONNECTION_LOST : null;
	}

}
