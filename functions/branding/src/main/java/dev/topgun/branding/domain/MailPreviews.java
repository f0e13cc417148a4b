package dev.topgun.branding.domain;

import dev.topgun.shared.mail.MailTemplate;
import dev.topgun.shared.mail.RenderedMail;

/** Renders a template as the organization's mail would be (its effective brand and link host). */
public interface MailPreviews {

  /** With {@code candidate} as the organization's override; null: what it would send now. */
  RenderedMail render(String orgId, MailTemplate template, TemplateOverride candidate);
}
