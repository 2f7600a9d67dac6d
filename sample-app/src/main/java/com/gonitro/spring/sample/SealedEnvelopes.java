package com.gonitro.spring.sample;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.gonitro.spring.webhook.NitroWebhookEvent;

/**
 * Learns from Nitro's webhook that an envelope is sealed, instead of polling: logs where to fetch it and remembers
 * when Nitro said so, for the status this service reports. Kept in memory: a real service would record it in its own
 * store (or react at once, in an {@code @Async} listener if the work is slow).
 */
@Component
class SealedEnvelopes {

	private static final Log logger = LogFactory.getLog(SealedEnvelopes.class);

	private static final int MAX_REMEMBERED = 10_000;

	private final Map<String, Instant> sealedAt = new ConcurrentHashMap<>();

	@EventListener
	void on(NitroWebhookEvent.EnvelopeSealed event) {
		String envelopeId = event.envelopeId();
		if (envelopeId == null) {
			return;
		}
		if (this.sealedAt.size() < MAX_REMEMBERED) {
			this.sealedAt.put(envelopeId, event.created());
		}
		logger.info("Nitro sealed envelope " + envelopeId + ": download it from /signature-requests/" + envelopeId
				+ "/sealed");
	}

	/**
	 * Returns when Nitro's webhook said the envelope was sealed.
	 */
	@Nullable Instant sealedAt(String envelopeId) {
		return this.sealedAt.get(envelopeId);
	}

}
