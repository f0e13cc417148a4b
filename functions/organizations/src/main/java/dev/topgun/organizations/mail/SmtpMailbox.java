package dev.topgun.organizations.mail;

import dev.topgun.organizations.domain.MailNotSentException;
import dev.topgun.organizations.domain.Mailbox;
import dev.topgun.shared.mail.Mailer;
import jakarta.inject.Singleton;

/** The domain's mailbox over SMTP (shared-lib's {@link Mailer}: maildev locally, SES in AWS). */
@Singleton
public class SmtpMailbox implements Mailbox {

  private final Mailer mailer;

  public SmtpMailbox(Mailer mailer) {
    this.mailer = mailer;
  }

  @Override
  public void send(String to, String subject, String text) {
    try {
      mailer.send(to, subject, text);
    } catch (Mailer.MailException e) {
      throw new MailNotSentException(e.getMessage(), e);
    }
  }
}
