package com.gonitro.spring.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;

import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Streaming a file from Nitro to the caller without holding it in memory.
 */
final class Downloads {

	private Downloads() {
	}

	/**
	 * Waits for the first bytes of a download, so that a Nitro error is thrown here, while this service can still
	 * answer with an error status, rather than after it has sent 200; then streams the rest.
	 */
	static StreamingResponseBody stream(InputStream download) {
		PushbackInputStream in = new PushbackInputStream(download, 1);
		try {
			int first = in.read();
			if (first >= 0) {
				in.unread(first);
			}
		}
		catch (IOException ex) {
			closeQuietly(in);
			throw new UncheckedIOException(ex);
		}
		catch (RuntimeException ex) {
			closeQuietly(in);
			throw ex;
		}
		return (out) -> {
			try (in) {
				in.transferTo(out);
			}
		};
	}

	private static void closeQuietly(InputStream in) {
		try {
			in.close();
		}
		catch (IOException ex) {
			// the failure being reported matters more
		}
	}

}
