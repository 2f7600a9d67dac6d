package com.gonitro.spring.test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket on loopback, so a test controls every header byte ({@code Host}, {@code Date},
 * {@code Content-Length}) and can stop sending a body half-way.
 */
public final class RawHttp {

	private static final int READ_TIMEOUT_MILLIS = 20_000;

	private RawHttp() {
	}

	/**
	 * Sends a request with the given headers (a {@code Host} header is added if they have none, and a
	 * {@code Content-Length} unless they have one or a {@code Transfer-Encoding}) and the given body bytes, then reads
	 * the reply's status line and headers.
	 */
	public static Response send(int port, String method, String path, Map<String, String> headers, byte[] body) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(READ_TIMEOUT_MILLIS);
			StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
			Map<String, String> all = new LinkedHashMap<>(headers);
			if (all.keySet().stream().noneMatch("host"::equalsIgnoreCase)) {
				all.put("Host", "localhost:" + port);
			}
			boolean framed = all.keySet()
				.stream()
				.anyMatch((name) -> name.equalsIgnoreCase("content-length")
						|| name.equalsIgnoreCase("transfer-encoding"));
			if (!framed) {
				all.put("Content-Length", String.valueOf(body.length));
			}
			all.put("Connection", "close");
			all.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
			head.append("\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.write(body);
			out.flush();
			return read(socket);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Sends a signed delivery to its path. */
	public static Response send(int port, SignedWebhook webhook) {
		return send(port, webhook.method(), webhook.path(), webhook.headers(), webhook.bodyBytes());
	}

	/** Sends a signed delivery with some headers replaced. */
	public static Response send(int port, SignedWebhook webhook, Map<String, String> replacedHeaders) {
		Map<String, String> headers = new LinkedHashMap<>(webhook.headers());
		headers.putAll(replacedHeaders);
		return send(port, webhook.method(), webhook.path(), headers, webhook.bodyBytes());
	}

	private static Response read(Socket socket) throws IOException {
		BufferedReader in = new BufferedReader(
				new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
		String statusLine = in.readLine();
		if (statusLine == null) {
			throw new IOException("The server closed the connection without a reply");
		}
		int status = Integer.parseInt(statusLine.split(" ")[1]);
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
			int colon = line.indexOf(':');
			headers.computeIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), (k) -> new ArrayList<>())
				.add(line.substring(colon + 1).strip());
		}
		return new Response(status, headers);
	}

	/**
	 * A reply's status and headers (names in lower case).
	 */
	public record Response(int status, Map<String, List<String>> headers) {

		public String header(String name) {
			List<String> values = this.headers.get(name.toLowerCase(Locale.ROOT));
			return (values != null) ? String.join(", ", values) : null;
		}

	}

}
