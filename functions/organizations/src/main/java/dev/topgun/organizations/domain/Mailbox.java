package dev.topgun.organizations.domain;

import dev.topgun.shared.mail.MailTemplate;
import java.util.Map;

/**
 * Mail to one address about one organization: the adapter renders {@code template} with {@code
 * variables} (its own, by full name; links as paths) in that organization's brand and sends it.
 */
public interface Mailbox {

  /**
   * @throws MailNotSentException the mail server did not take the message
   */
  void send(String to, String orgId, MailTemplate template, Map<String, Object> variables);
}
