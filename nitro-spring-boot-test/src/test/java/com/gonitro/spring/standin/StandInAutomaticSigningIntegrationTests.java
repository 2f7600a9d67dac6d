package com.gonitro.spring.standin;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import org.junit.jupiter.api.Test;

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
import com.gonitro.spring.test.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link NitroStandInBuilder#signAutomaticallyAfter(Duration)}, for development runs: a sent envelope is signed
 * once the delay has passed, then sealed after the sealing delay, timed by the stand-in's clock.
 */
class StandInAutomaticSigningIntegrationTests {

	@Test
	void signsByItselfWhenAskedTo() {
		MutableClock clock = new MutableClock();
		try (NitroStandIn nitro = NitroStandIn.builder()
			.clock(clock)
			.documentProcessingDelay(Duration.ZERO)
			.sealingDelay(Duration.ofSeconds(5))
			.signAutomaticallyAfter(Duration.ofMinutes(1))
			.start()) {
			StandInClients clients = new StandInClients(nitro);
			NitroSignClient sign = clients.sign();
			Envelope envelope = sign.createEnvelope(CreateEnvelope.parallel("Automatic", "Sign", "Please"));
			Document document = sign.uploadDocumentAndAwait(envelope.id(), DocumentMetadata.pdf("doc.pdf"),
					FileContent.of(TestFiles.pdf("Signed without a test's hand"), "doc.pdf"));
			Participant signer = sign.addParticipant(envelope.id(), CreateParticipant.signer("ada@example.com"));
			sign.addField(envelope.id(), document.id(),
					CreateField.signature(signer.id(), 1, BoundingBox.of(72, 600, 200, 40)));
			sign.sendForSigning(envelope.id());

			clock.advance(Duration.ofSeconds(59));
			assertThat(sign.getEnvelope(envelope.id()).status()).isEqualTo(EnvelopeStatus.SENT);
			clock.advance(Duration.ofSeconds(1));
			assertThat(sign.getEnvelope(envelope.id()).status()).isEqualTo(EnvelopeStatus.PROCESSING);
			clock.advance(Duration.ofSeconds(5));
			assertThat(sign.getEnvelope(envelope.id()).status()).isEqualTo(EnvelopeStatus.SEALED);
			try (InputStream in = sign.openSealedDocument(envelope.id(), document.id())) {
				assertThat(TestFiles.text(in.readAllBytes())).contains("Signed: ada@example.com");
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			clients.recorder.assertConforms();
		}
	}

}
