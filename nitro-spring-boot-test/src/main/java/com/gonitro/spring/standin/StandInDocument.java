package com.gonitro.spring.standin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A document of an envelope: the file as uploaded, the PDF Nitro made of it, its fields, and its processing, which
 * ends {@code uploaded} or {@code failed} once the processing delay has passed.
 */
final class StandInDocument {

	final String id = UUID.randomUUID().toString();

	final Instant createdAt;

	final Instant processedAt;

	final byte[] original;

	final String originalContentType;

	final byte @Nullable [] pdf;

	final int numPages;

	final @Nullable String failureReason;

	final Map<String, ObjectNode> fields = new LinkedHashMap<>();

	String name;

	private byte @Nullable [] sealed;

	private StandInDocument(String name, Instant createdAt, Instant processedAt, byte[] original,
			String originalContentType, byte @Nullable [] pdf, int numPages, @Nullable String failureReason) {
		this.name = name;
		this.createdAt = createdAt;
		this.processedAt = processedAt;
		this.original = original;
		this.originalContentType = originalContentType;
		this.pdf = pdf;
		this.numPages = numPages;
		this.failureReason = failureReason;
	}

	static StandInDocument processed(String name, Instant createdAt, Instant processedAt, byte[] original,
			String contentType, byte[] pdf, int numPages) {
		return new StandInDocument(name, createdAt, processedAt, original, contentType, pdf, numPages, null);
	}

	static StandInDocument failed(String name, Instant createdAt, Instant processedAt, byte[] original,
			String contentType, String failureReason) {
		return new StandInDocument(name, createdAt, processedAt, original, contentType, null, 0, failureReason);
	}

	/** The status Nitro would report now, given the envelope's. */
	String status(Instant now, String envelopeStatus) {
		if (now.isBefore(this.processedAt)) {
			return "pending";
		}
		if (this.failureReason != null) {
			return "failed";
		}
		return switch (envelopeStatus) {
			case "processing" -> "signed";
			case "sealed" -> "sealed";
			default -> "uploaded";
		};
	}

	/** One of its fields; 404 if it has none with that ID. */
	ObjectNode field(String fieldId) {
		ObjectNode field = this.fields.get(fieldId);
		if (field == null) {
			throw StandInProblem.notFound("Field", fieldId);
		}
		return field;
	}

	boolean isUploaded(Instant now) {
		return !now.isBefore(this.processedAt) && this.failureReason == null;
	}

	/** As the upload answers it: always {@code pending}, as Nitro processes a new document after replying. */
	ObjectNode created() {
		return json("pending");
	}

	ObjectNode json(Instant now, String envelopeStatus) {
		return json(status(now, envelopeStatus));
	}

	private ObjectNode json(String status) {
		ObjectNode json = StandInJson.object();
		json.put("ID", this.id);
		json.put("name", this.name);
		json.put("createdAt", StandInJson.timestamp(this.createdAt));
		json.put("status", status);
		if (!status.equals("pending")) {
			json.put("sizeBytes", (this.pdf != null) ? this.pdf.length : this.original.length);
			json.put("numPages", this.numPages);
		}
		if (status.equals("failed")) {
			json.put("failureReason", this.failureReason);
		}
		return json;
	}

	/**
	 * The sealed PDF: each field stamped with what its participant entered, made once.
	 * @param participants the envelope's participants by ID
	 * @param signedAt when they signed
	 */
	synchronized byte[] sealed(Map<String, ObjectNode> participants, Instant signedAt) {
		if (this.sealed == null) {
			this.sealed = stamp(participants, signedAt);
		}
		return this.sealed;
	}

	private byte[] stamp(Map<String, ObjectNode> participants, Instant signedAt) {
		PDDocument document = StandInPdfs.open(this.pdf, null);
		try {
			for (ObjectNode field : this.fields.values()) {
				int pageNumber = field.path("page").asInt(1);
				PDPage page = document.getPage(pageNumber - 1);
				JsonNode participant = participants.get(field.path("participantID").asString(""));
				String email = (participant != null) ? participant.path("email").asString("") : "";
				float[] box = StandInJson.boundingBox(field.get("boundingBox"));
				PDRectangle media = page.getMediaBox();
				float x = box[0];
				float y = media.getHeight() - box[1] - box[3];
				try (PDPageContentStream content = new PDPageContentStream(document, page,
						PDPageContentStream.AppendMode.APPEND, true, true)) {
					content.addRect(x, y, box[2], box[3]);
					content.stroke();
					float size = Math.max(6, Math.min(12, box[3] * 0.5f));
					StandInPdfs.write(content, StandInPdfs.font(), size, x + 2, y + (box[3] - size) / 2,
							entry(field, email, signedAt));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return StandInPdfs.save(document);
	}

	private static String entry(JsonNode field, String email, Instant signedAt) {
		String localPart = email.contains("@") ? email.substring(0, email.indexOf('@')) : email;
		return switch (field.path("type").asString("")) {
			case "signature" -> "Signed: " + email;
			case "initials" -> localPart.isEmpty() ? "" : localPart.substring(0, 1).toUpperCase(Locale.ROOT);
			case "name" -> localPart;
			case "date" -> StandInJson.timestamp(signedAt).substring(0, 10);
			case "checkbox" -> "X";
			default -> field.path("label").asString(field.path("type").asString(""));
		};
	}

}
