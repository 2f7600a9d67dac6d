package com.gonitro.spring.client;

import java.io.Serial;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.web.reactive.function.client.WebClientException;

/**
 * The cause a {@link NitroException} keeps of a failure: what caused it, and nothing that holds the request or the
 * memory of the exchange.
 * <ul>
 * <li>{@code WebClientRequestException} and {@code WebClientResponseException} hold the request, with its headers
 * (the {@code Authorization} header among them): the chain below them is kept instead.</li>
 * <li>The I/O exceptions of the JDK, Netty and Reactor Netty hold only their message: they are kept as they are (a
 * {@code ConnectException}, with its message and stack), and so is a {@code NitroException}, whose own cause was
 * kept by these rules.</li>
 * <li>Any other exception may reference what it was working on: a decoding exception references the reply's buffer,
 * pooled memory that later holds other requests, tokens among them. It is kept as a copy of its type name, message
 * and stack trace, and so are the exceptions below it.</li>
 * </ul>
 */
final class SafeCause {

	private SafeCause() {
	}

	static @Nullable Throwable of(@Nullable Throwable failure) {
		Throwable kept = failure;
		for (Throwable cause = failure; cause != null; cause = next(cause)) {
			if (cause instanceof WebClientException) {
				kept = next(cause);
			}
		}
		return (kept == null || holdsOnlyMessages(kept)) ? kept : new Copy(kept, newSeenSet());
	}

	private static boolean holdsOnlyMessages(Throwable failure) {
		Set<Throwable> seen = newSeenSet();
		for (Throwable cause = failure; cause != null && seen.add(cause); cause = next(cause)) {
			if (cause instanceof NitroException) {
				return true;
			}
			String type = cause.getClass().getName();
			boolean plain = type.startsWith("java.") || type.startsWith("io.netty.") || type.startsWith("reactor.netty.");
			if (!plain || cause.getSuppressed().length > 0) {
				return false;
			}
		}
		return true;
	}

	private static @Nullable Throwable next(Throwable cause) {
		return (cause.getCause() != cause) ? cause.getCause() : null;
	}

	private static Set<Throwable> newSeenSet() {
		return Collections.newSetFromMap(new IdentityHashMap<>());
	}

	/**
	 * A copy of an exception: its type name, message and stack trace, and a copy of its cause.
	 */
	private static final class Copy extends RuntimeException {

		@Serial
		private static final long serialVersionUID = 1L;

		private final String type;

		Copy(Throwable original, Set<Throwable> seen) {
			super(original.getMessage(), copyOfCause(original, seen), false, true);
			this.type = original.getClass().getName();
			setStackTrace(original.getStackTrace());
		}

		private static @Nullable Throwable copyOfCause(Throwable original, Set<Throwable> seen) {
			seen.add(original);
			Throwable cause = next(original);
			return (cause != null && !seen.contains(cause)) ? new Copy(cause, seen) : null;
		}

		@Override
		public String toString() {
			String message = getLocalizedMessage();
			return (message != null) ? this.type + ": " + message : this.type;
		}

	}

}
