package dev.topgun.organizations.domain;

/** Plain-text mail to one address (the SMTP adapter implements it). */
public interface Mailbox {

  /**
   * @throws MailNotSentException the mail server did not take the message
   */
  void send(String to, String subject, String text);
}
