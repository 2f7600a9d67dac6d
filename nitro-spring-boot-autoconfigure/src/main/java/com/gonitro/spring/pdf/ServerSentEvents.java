package com.gonitro.spring.pdf;

import java.util.List;
import java.util.stream.Collectors;

import reactor.core.publisher.Flux;

import org.springframework.core.ResolvableType;
import org.springframework.core.codec.StringDecoder;
import org.springframework.core.io.buffer.DataBuffer;

/**
 * Reads the {@code data} of Server-Sent Events from a body, whatever media type it is labelled with (the PDF
 * Services description names {@code application/event-stream}, browsers and Spring know {@code text/event-stream}).
 */
final class ServerSentEvents {

	private static final StringDecoder lines = StringDecoder.allMimeTypes(List.of("\r\n", "\n"), true);

	private ServerSentEvents() {
	}

	/**
	 * Returns the data of each event: its {@code data:} lines joined by newlines. Comments and events without data
	 * are skipped.
	 */
	static Flux<String> data(Flux<DataBuffer> body) {
		return lines.decode(body, ResolvableType.forClass(String.class), null, null)
			.bufferUntil(String::isEmpty)
			.map((event) -> event.stream()
				.filter((line) -> line.startsWith("data:"))
				.map((line) -> line.substring(line.startsWith("data: ") ? 6 : 5))
				.collect(Collectors.joining("\n")))
			.filter((data) -> !data.isEmpty());
	}

}
