package com.gonitro.spring.sign.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * The URL a signer opens to sign a sent envelope (embedded signing).
 *
 * @param userId the signer's user ID in the signing workflow
 * @param signingUrl the URL
 * @param expiresAt when the URL stops working
 * @since 0.1.0
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SigningUrl(@Nullable Long userId, String signingUrl, @Nullable Instant expiresAt) {

}
