package com.gonitro.spring.sample;

import java.net.URI;
import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import com.gonitro.spring.client.FileContent;
import com.gonitro.spring.sign.NitroSignClient;
import com.gonitro.spring.sign.model.BoundingBox;
import com.gonitro.spring.sign.model.CreateEnvelope;
import com.gonitro.spring.sign.model.CreateField;
import com.gonitro.spring.sign.model.CreateParticipant;
import com.gonitro.spring.sign.model.Document;
import com.gonitro.spring.sign.model.DocumentMetadata;
import com.gonitro.spring.sign.model.Envelope;
import com.gonitro.spring.sign.model.EnvelopeStatus;
import com.gonitro.spring.sign.model.Participant;

/**
 * Sends a PDF for signature with Nitro Sign, reports where it stands, and hands back the sealed result.
 */
@RestController
class SignatureRequestsController {

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	/** Where the signature goes on the last page: [x, y, w, h] in points from the top-left corner. */
	private static final BoundingBox SIGNATURE_BOX = BoundingBox.of(72, 640, 220, 50);

	private final AvailableNitroClients nitro;

	private final SealedEnvelopes sealedEnvelopes;

	SignatureRequestsController(AvailableNitroClients nitro, SealedEnvelopes sealedEnvelopes) {
		this.nitro = nitro;
		this.sealedEnvelopes = sealedEnvelopes;
	}

	@PostMapping(path = "/signature-requests", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<SignatureRequest> create(@RequestParam(required = false) MultipartFile file,
			@RequestParam(required = false) String signerEmail, @RequestParam(required = false) String signerName) {
		byte[] pdf = Uploads.pdf(file);
		if (signerEmail == null || !EMAIL.matcher(signerEmail.strip()).matches()) {
			throw new InvalidInputException("signerEmail", "signerEmail must be an email address, such as ada@example.com");
		}
		if (signerName == null || signerName.isBlank()) {
			throw new InvalidInputException("signerName", "signerName is required: the name of the person who signs");
		}
		String filename = Uploads.filename(file, "document.pdf");
		NitroSignClient sign = this.nitro.sign();
		Envelope envelope = sign.createEnvelope(CreateEnvelope.parallel(filename + " for " + signerName.strip(),
				"Please sign " + filename, "Hello " + signerName.strip() + ", please review and sign " + filename + "."));
		Document document = sign.uploadDocumentAndAwait(envelope.id(), DocumentMetadata.pdf(filename),
				FileContent.of(pdf, filename));
		Participant signer = sign.addParticipant(envelope.id(), CreateParticipant.signer(signerEmail.strip()));
		int lastPage = (document.numPages() != null) ? document.numPages() : 1;
		sign.addField(envelope.id(), document.id(), CreateField.signature(signer.id(), lastPage, SIGNATURE_BOX));
		Envelope sent = sign.sendForSigning(envelope.id());
		return ResponseEntity.created(URI.create("/signature-requests/" + sent.id()))
			.body(SignatureRequest.of(sent, signerEmail.strip(), signerName.strip(), null));
	}

	@GetMapping("/signature-requests/{id}")
	SignatureRequest get(@PathVariable String id) {
		return SignatureRequest.of(this.nitro.sign().getEnvelope(id), null, null, this.sealedEnvelopes.sealedAt(id));
	}

	@GetMapping("/signature-requests/{id}/sealed")
	ResponseEntity<StreamingResponseBody> sealed(@PathVariable String id) {
		NitroSignClient sign = this.nitro.sign();
		Envelope envelope = sign.getEnvelope(id);
		if (envelope.status() != EnvelopeStatus.SEALED) {
			throw new NotSealedException(id, envelope.status());
		}
		StreamingResponseBody body = Downloads.stream(sign.openSealedEnvelope(id));
		return ResponseEntity.ok()
			.contentType(MediaType.valueOf("application/zip"))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + id + "-sealed.zip\"")
			.body(body);
	}

	/** An envelope asked for sealed before it is: answered 409. */
	static final class NotSealedException extends RuntimeException {

		NotSealedException(String id, EnvelopeStatus status) {
			super("Signature request " + id + " is " + status.value() + ", not sealed yet: try again once it is sealed");
		}

	}

}
