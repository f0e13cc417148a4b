package dev.topgun.organizations.mail;

import dev.topgun.organizations.domain.MailNotSentException;
import dev.topgun.organizations.domain.Mailbox;
import dev.topgun.shared.mail.BrandedMail;
import dev.topgun.shared.mail.MailTemplate;
import dev.topgun.shared.mail.Mailer;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * The domain's mailbox: shared-lib's {@link BrandedMail}, which brands each mail as the
 * organization it is about, over SMTP (maildev locally, SES in AWS).
 */
@Singleton
public class SmtpMailbox implements Mailbox {

  private final BrandedMail mail;

  public SmtpMailbox(BrandedMail mail) {
    this.mail = mail;
  }

  @Override
  public void send(String to, String orgId, MailTemplate template, Map<String, Object> variables) {
    try {
      mail.send(to, orgId, template, variables);
    } catch (Mailer.MailException e) {
      throw new MailNotSentException(e.getMessage(), e);
    }
  }
}
