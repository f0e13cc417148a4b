package dev.topgun.organizations.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A mailbox that keeps what it was given, and refuses the addresses a test names. */
final class RecordingMailbox implements Mailbox {

  record Mail(String to, String subject, String text) {}

  final List<Mail> sent = new ArrayList<>();
  final Set<String> refusing = new HashSet<>();
  boolean down;

  @Override
  public void send(String to, String subject, String text) {
    if (down || refusing.contains(to)) {
      throw new MailNotSentException("refused by the test", null);
    }
    sent.add(new Mail(to, subject, text));
  }
}
