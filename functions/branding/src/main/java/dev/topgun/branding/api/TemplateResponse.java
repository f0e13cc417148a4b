package dev.topgun.branding.api;

import dev.topgun.branding.domain.TemplateView;
import dev.topgun.shared.mail.MailVariable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One mail template: what it is for, the sources the organization's mails use, which parts are the
 * organization's own, and every variable it offers (the brand's among them).
 */
@Serdeable
public record TemplateResponse(
    String name,
    String description,
    String subject,
    String html,
    String text,
    Overridden overridden,
    List<Variable> variables) {

  @Serdeable
  public record Overridden(boolean subject, boolean html, boolean text) {}

  @Serdeable
  public record Variable(String name, String description, String example, boolean link) {}

  static TemplateResponse of(TemplateView view) {
    return new TemplateResponse(
        view.template().id(),
        view.template().description(),
        view.subject(),
        view.html(),
        view.text(),
        new Overridden(view.subjectOverridden(), view.htmlOverridden(), view.textOverridden()),
        view.template().offered().stream().map(TemplateResponse::variable).toList());
  }

  private static Variable variable(MailVariable v) {
    return new Variable(v.name(), v.description(), v.example(), v.link());
  }
}
