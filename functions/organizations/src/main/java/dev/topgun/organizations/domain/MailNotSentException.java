package dev.topgun.organizations.domain;

/** The mail server did not take a message (it is down, or refused the recipient). */
public final class MailNotSentException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public MailNotSentException(String message, Throwable cause) {
    super(message, cause);
  }
}
