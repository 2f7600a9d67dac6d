package com.gonitro.spring.webhook;

/**
 * Decides whether a webhook delivery comes from Nitro, unchanged and recent. The starter's own is
 * {@link HttpMessageSignatureVerifier}; declaring a bean of this type replaces it, so a change of Nitro's signing
 * scheme is one bean, not a new release.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface NitroWebhookVerifier {

	/**
	 * Verifies a delivery. A delivery that does not verify is answered 401 and never published.
	 * @param request the delivery, its body read in full
	 * @throws NitroWebhookVerificationException naming what did not check out, never a secret
	 */
	void verify(NitroWebhookRequest request) throws NitroWebhookVerificationException;

}
