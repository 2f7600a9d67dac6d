package com.gonitro.spring.standin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The files of an envelope: {@code :download-sealed} (a ZIP of the sealed PDFs), {@code :download-original} (a ZIP
 * of the files as uploaded), {@code :download-audit-trail} (a PDF of what happened) and, for one document,
 * {@code …/documents/{documentID}:download-sealed} (its sealed PDF). Nitro's rules: sealed files exist only once
 * the envelope is {@code sealed} (409 before); the originals and the audit trail exist in every status. Sealed PDFs
 * carry each field stamped with what its signer entered; ZIP entries keep the documents' names, made unique.
 */
final class StandInDownloads {

	private final StandInSign sign;

	StandInDownloads(StandInSign sign) {
		this.sign = sign;
	}

	RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route()
			.GET(StandInEnvelopes.ENVELOPE + ":download-sealed", this::sealedEnvelope)
			.GET(StandInEnvelopes.ENVELOPE + ":download-original", this::original)
			.GET(StandInEnvelopes.ENVELOPE + ":download-audit-trail", this::auditTrail)
			.GET(StandInDocuments.DOCUMENT + ":download-sealed", this::sealedDocument)
			.build();
	}

	private Mono<ServerResponse> sealedEnvelope(ServerRequest request) {
		return blocking(() -> {
			Sealed sealed = this.sign.sealed(request, Sealed::new);
			Map<String, byte[]> entries = new LinkedHashMap<>();
			for (StandInDocument document : sealed.envelope.documents.values()) {
				entries.put(unique(entries, pdfName(document.name)),
						document.sealed(sealed.envelope.participants, sealed.signedAt));
			}
			return StandInPdfs.zip(entries);
		}).flatMap((zip) -> file(zip, MediaType.APPLICATION_OCTET_STREAM, "sealed.zip"));
	}

	private Mono<ServerResponse> sealedDocument(ServerRequest request) {
		return blocking(() -> {
			Sealed sealed = this.sign.sealed(request, Sealed::new);
			StandInDocument document = sealed.envelope.document(request.pathVariable("documentID"));
			return document.sealed(sealed.envelope.participants, sealed.signedAt);
		}).flatMap((pdf) -> file(pdf, MediaType.APPLICATION_PDF, "sealed.pdf"));
	}

	private Mono<ServerResponse> original(ServerRequest request) {
		return blocking(() -> {
			Map<String, byte[]> entries = this.sign.read(request, (envelope) -> {
				Map<String, byte[]> originals = new LinkedHashMap<>();
				for (StandInDocument document : envelope.documents.values()) {
					originals.put(unique(originals, document.name), document.original);
				}
				return originals;
			});
			return StandInPdfs.zip(entries);
		}).flatMap((zip) -> file(zip, MediaType.APPLICATION_OCTET_STREAM, "original.zip"));
	}

	private Mono<ServerResponse> auditTrail(ServerRequest request) {
		return blocking(() -> {
			List<String> lines = new ArrayList<>();
			String title = this.sign.read(request, (envelope) -> {
				lines.add("Envelope ID: " + envelope.id);
				lines.add("Status: " + this.sign.status(envelope));
				lines.add("");
				lines.addAll(envelope.auditTrail());
				return "Audit trail: " + envelope.name;
			});
			return StandInPdfs.text(title, lines);
		}).flatMap((pdf) -> file(pdf, MediaType.APPLICATION_OCTET_STREAM, "audit-trail.pdf"));
	}

	private static String pdfName(String name) {
		return name.toLowerCase(Locale.ROOT).endsWith(".pdf") ? name : name + ".pdf";
	}

	private static String unique(Map<String, byte[]> entries, String name) {
		String candidate = name;
		for (int i = 2; entries.containsKey(candidate); i++) {
			candidate = i + "-" + name;
		}
		return candidate;
	}

	/** PDFBox and ZIP work runs off the event loop. */
	private static <T> Mono<T> blocking(Supplier<T> work) {
		return Mono.fromSupplier(work).subscribeOn(Schedulers.boundedElastic());
	}

	private static Mono<ServerResponse> file(byte[] content, MediaType type, String filename) {
		return ServerResponse.ok()
			.contentType(type)
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"")
			.contentLength(content.length)
			.bodyValue(content);
	}

	/** A sealed envelope and the time its signers signed, read under the lock and stamped outside it. */
	private record Sealed(StandInEnvelope envelope, Instant signedAt) {

	}

}
