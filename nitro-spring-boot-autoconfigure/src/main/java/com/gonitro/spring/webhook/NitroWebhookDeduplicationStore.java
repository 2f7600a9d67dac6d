package com.gonitro.spring.webhook;

/**
 * Remembers which webhook events have been handled, so that an event Nitro delivers more than once is published
 * once. {@link NitroWebhookHandler} {@linkplain #claim(String) claims} an event before publishing it, then marks it
 * {@linkplain #handled(String) handled} when every listener succeeded, or {@linkplain #release(String) releases} it
 * when one failed, so that Nitro's next delivery publishes it again.
 * <p>
 * {@link InMemoryNitroWebhookDeduplicationStore} serves one instance of the application;
 * {@link JdbcNitroWebhookDeduplicationStore} serves every replica that shares its database.
 *
 * @since 0.1.0
 */
public interface NitroWebhookDeduplicationStore {

	/**
	 * Claims an event for handling, atomically: of two deliveries of the same event claimed at once, here or on
	 * another replica, one gets {@link Claim#CLAIMED}.
	 * @param eventId the event's ID
	 * @return whether to publish the event
	 */
	Claim claim(String eventId);

	/**
	 * Records that a claimed event has been handled: its later deliveries are {@link Claim#HANDLED}.
	 * @param eventId the event's ID
	 */
	void handled(String eventId);

	/**
	 * Gives up a claim because handling the event failed: its next delivery is {@link Claim#CLAIMED} again.
	 * @param eventId the event's ID
	 */
	void release(String eventId);

	/**
	 * What a {@linkplain #claim(String) claim} found.
	 */
	enum Claim {

		/**
		 * The event is new (or its earlier handling failed or was abandoned): publish it, then call
		 * {@link #handled(String)} or {@link #release(String)}.
		 */
		CLAIMED,

		/**
		 * The event has been handled: answer the delivery with success, do not publish it again.
		 */
		HANDLED,

		/**
		 * Another delivery of the event is being handled right now: ask Nitro to deliver it again later.
		 */
		IN_PROGRESS

	}

}
