package dev.topgun.branding.domain;

import dev.topgun.shared.audit.AuditContext;
import dev.topgun.shared.mail.MailPart;
import dev.topgun.shared.mail.MailTemplate;
import dev.topgun.shared.mail.MailTemplates;
import dev.topgun.shared.mail.RenderedMail;
import dev.topgun.shared.tenancy.NotFoundException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Organizations' own subjects and bodies of the platform's mail templates: read (with the variables
 * each offers), replace (checked by compiling it: only the template's variables, no unescaped
 * HTML), and preview with the organization's brand. Every mail about the organization (or a
 * descendant without its own) uses the override; one that fails to render falls back to the default
 * — the renderer's rule.
 */
public final class EmailTemplateService {

  private final TemplateOverrides overrides;
  private final MailPreviews previews;

  public EmailTemplateService(TemplateOverrides overrides, MailPreviews previews) {
    this.overrides = overrides;
    this.previews = previews;
  }

  public List<TemplateView> list(Target target) {
    Map<String, TemplateOverride> own = overrides.of(target.orgId());
    return Arrays.stream(MailTemplate.values())
        .map(t -> view(t, Optional.ofNullable(own.get(t.id()))))
        .toList();
  }

  /**
   * @throws NotFoundException no template has that name
   */
  public TemplateView get(Target target, String name) {
    MailTemplate template = template(name);
    return view(template, overrides.find(target.orgId(), template.id()));
  }

  /**
   * Replaces the organization's override of {@code name} (all parts null: back to the defaults).
   *
   * @throws BrandValidationException a part does not compile or uses what the template does not
   *     offer, each part named
   */
  public TemplateView put(
      Target target, String name, String subject, String html, String text, AuditContext audit) {
    MailTemplate template = template(name);
    TemplateOverride override = checked(template, subject, html, text);
    overrides.save(
        target.orgId(),
        override,
        new BrandChange(
            audit,
            override.isEmpty() ? "mail-template.reset" : "mail-template.updated",
            Map.of("template", template.id()),
            List.of()));
    return view(template, override.isEmpty() ? Optional.empty() : Optional.of(override));
  }

  /** The mail as it would be sent with these parts (null parts: the current ones). */
  public RenderedMail preview(
      Target target, String name, String subject, String html, String text) {
    MailTemplate template = template(name);
    TemplateOverride candidate =
        subject == null && html == null && text == null
            ? null
            : checked(template, subject, html, text);
    return previews.render(target.orgId(), template, candidate);
  }

  private static TemplateOverride checked(
      MailTemplate template, String subject, String html, String text) {
    List<MailTemplates.Problem> problems = MailTemplates.validate(template, subject, html, text);
    if (!problems.isEmpty()) {
      throw new BrandValidationException(
          "The template does not compile as " + template.id(),
          problems.stream().map(p -> new Violation(p.field(), p.message())).toList());
    }
    return new TemplateOverride(template.id(), subject, html, text);
  }

  private static MailTemplate template(String name) {
    return MailTemplate.byId(name).orElseThrow(NotFoundException::new);
  }

  private static TemplateView view(MailTemplate template, Optional<TemplateOverride> own) {
    String subject = own.map(TemplateOverride::subject).orElse(null);
    String html = own.map(TemplateOverride::html).orElse(null);
    String text = own.map(TemplateOverride::text).orElse(null);
    return new TemplateView(
        template,
        subject != null ? subject : template.defaultSource(MailPart.SUBJECT),
        html != null ? html : template.defaultSource(MailPart.HTML),
        text != null ? text : template.defaultSource(MailPart.TEXT),
        subject != null,
        html != null,
        text != null);
  }
}
