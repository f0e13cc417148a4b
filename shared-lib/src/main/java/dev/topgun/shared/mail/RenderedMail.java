package dev.topgun.shared.mail;

import io.micronaut.core.annotation.Nullable;

/**
 * A mail ready to send: a one-line subject, the HTML and the plain-text body of one message, the
 * sender's display name (the address is the platform's, {@code topgun.mail.from-address}), and
 * where replies go, if anywhere.
 */
public record RenderedMail(
    String subject, String html, String text, String fromName, @Nullable String replyTo) {}
