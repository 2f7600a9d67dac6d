package com.gonitro.spring.pdf;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.SynchronousSink;

import org.springframework.core.ResolvableType;
import org.springframework.core.codec.StringDecoder;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;

import com.gonitro.spring.client.NitroUnexpectedResponseException;

/**
 * Reads the {@code data} of Server-Sent Events from a body, whatever media type it is labelled with (the PDF
 * Services description names {@code application/event-stream}, browsers and Spring know {@code text/event-stream}).
 * <p>
 * One line, and one event (all its lines together), hold at most {@value #MAX_EVENT_SIZE} bytes (characters for an
 * event): a line that never ends, or an event that never ends, fails the stream with a
 * {@link NitroUnexpectedResponseException} instead of filling the heap, and the job is then followed by polling.
 */
final class ServerSentEvents {

	/**
	 * 64 KiB. A job status event is a few hundred bytes; one that carries a large result inline (extracted text,
	 * say) is better read by polling, whose replies the codecs bound. A small bound keeps the memory held for each
	 * job followed small, whatever a broken or hostile stream sends.
	 */
	static final int MAX_EVENT_SIZE = 64 * 1024;

	private static final ResolvableType STRING = ResolvableType.forClass(String.class);

	private static final StringDecoder LINES = lineDecoder();

	private ServerSentEvents() {
	}

	/**
	 * Returns the data of each event: its {@code data:} lines joined by newlines. Comments and events without data
	 * are skipped, and so is an event the stream ends in the middle of.
	 */
	static Flux<String> data(Flux<DataBuffer> body) {
		return Flux.defer(() -> {
			Event event = new Event();
			return LINES.decode(body, STRING, null, null).handle(event::line);
		})
			.onErrorMap(DataBufferLimitException.class, (ex) -> new NitroUnexpectedResponseException(
					"Nitro's event stream sent a line longer than " + MAX_EVENT_SIZE + " bytes"));
	}

	private static StringDecoder lineDecoder() {
		StringDecoder lines = StringDecoder.allMimeTypes(List.of("\r\n", "\n"), true);
		lines.setMaxInMemorySize(MAX_EVENT_SIZE);
		return lines;
	}

	/**
	 * The event being read.
	 */
	private static final class Event {

		private final StringBuilder data = new StringBuilder();

		private int size;

		private boolean hasData;

		void line(String line, SynchronousSink<String> events) {
			if (line.isEmpty()) {
				if (this.data.length() > 0) {
					events.next(this.data.toString());
				}
				this.data.setLength(0);
				this.size = 0;
				this.hasData = false;
				return;
			}
			this.size += line.length() + 1;
			if (this.size > MAX_EVENT_SIZE) {
				events.error(new NitroUnexpectedResponseException(
						"Nitro's event stream sent an event larger than " + MAX_EVENT_SIZE + " characters"));
				return;
			}
			if (line.startsWith("data:")) {
				if (this.hasData) {
					this.data.append('\n');
				}
				this.data.append(line, line.startsWith("data: ") ? 6 : 5, line.length());
				this.hasData = true;
			}
		}

	}

}
