package com.gonitro.spring.sign.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The email Nitro sends to participants: when an envelope is sent, or as a reminder.
 *
 * @param subject the subject line
 * @param body the body text
 * @since 0.1.0
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Notification(String subject, String body) {

}
