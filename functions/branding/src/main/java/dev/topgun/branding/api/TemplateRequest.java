package dev.topgun.branding.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * {@code PUT …/email-templates/{name}} (and the preview's body): the organization's own subject,
 * HTML and plain-text bodies, Mustache templates over the variables the template offers; an absent
 * part stays the default.
 */
@Serdeable
public record TemplateRequest(
    @Nullable String subject, @Nullable String html, @Nullable String text) {}
