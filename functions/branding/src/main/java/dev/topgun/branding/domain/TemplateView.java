package dev.topgun.branding.domain;

import dev.topgun.shared.mail.MailTemplate;

/**
 * One mail template as an organization sees it: the sources it sends (its override's parts, else
 * the defaults) and which parts are its own.
 */
public record TemplateView(
    MailTemplate template,
    String subject,
    String html,
    String text,
    boolean subjectOverridden,
    boolean htmlOverridden,
    boolean textOverridden) {}
