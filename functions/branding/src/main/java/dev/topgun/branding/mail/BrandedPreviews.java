package dev.topgun.branding.mail;

import dev.topgun.branding.domain.MailPreviews;
import dev.topgun.branding.domain.TemplateOverride;
import dev.topgun.shared.branding.MailTemplateItem;
import dev.topgun.shared.mail.BrandedMail;
import dev.topgun.shared.mail.MailTemplate;
import dev.topgun.shared.mail.RenderedMail;
import jakarta.inject.Singleton;

/** Previews through the renderer every mail goes through, with the template's example values. */
@Singleton
public class BrandedPreviews implements MailPreviews {

  private final BrandedMail mail;

  public BrandedPreviews(BrandedMail mail) {
    this.mail = mail;
  }

  @Override
  public RenderedMail render(String orgId, MailTemplate template, TemplateOverride candidate) {
    MailTemplateItem item = null;
    if (candidate != null) {
      item = MailTemplateItem.of(orgId, template.id());
      item.setSubject(candidate.subject());
      item.setHtml(candidate.html());
      item.setText(candidate.text());
    }
    return mail.preview(orgId, template, template.examples(), item);
  }
}
