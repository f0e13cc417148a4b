package dev.topgun.branding.api;

import dev.topgun.shared.mail.RenderedMail;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** A rendered preview: the mail as it would be sent, with the template's example values. */
@Serdeable
public record PreviewResponse(
    String subject, String html, String text, String fromName, @Nullable String replyTo) {

  static PreviewResponse of(RenderedMail mail) {
    return new PreviewResponse(
        mail.subject(), mail.html(), mail.text(), mail.fromName(), mail.replyTo());
  }
}
