package com.gonitro.spring.sample;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import com.gonitro.spring.pdf.NitroPdfClient;
import com.gonitro.spring.sign.NitroSignClient;

/**
 * The starter's typed clients, which exist only when Nitro's credentials are configured: without them the sample
 * still starts, and answers 503 saying what to set.
 */
@Component
class AvailableNitroClients {

	private final ObjectProvider<NitroSignClient> sign;

	private final ObjectProvider<NitroPdfClient> pdf;

	AvailableNitroClients(ObjectProvider<NitroSignClient> sign, ObjectProvider<NitroPdfClient> pdf) {
		this.sign = sign;
		this.pdf = pdf;
	}

	NitroSignClient sign() {
		return this.sign.getIfAvailable(AvailableNitroClients::notConfigured);
	}

	NitroPdfClient pdf() {
		return this.pdf.getIfAvailable(AvailableNitroClients::notConfigured);
	}

	private static <T> T notConfigured() {
		throw new NitroNotConfiguredException();
	}

	/** Nitro's credentials are not configured. */
	static final class NitroNotConfiguredException extends RuntimeException {

		NitroNotConfiguredException() {
			super("Nitro is not configured: set NITRO_CLIENT_ID and NITRO_CLIENT_SECRET, or run "
					+ "'./mvnw -pl sample-app -am spring-boot:test-run' to use the Nitro stand-in.");
		}

	}

}
