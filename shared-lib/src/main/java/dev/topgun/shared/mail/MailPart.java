package dev.topgun.shared.mail;

/**
 * The three parts of a mail a template has, each a Mustache template of its own: the subject, the
 * HTML body (the content the shared layout wraps) and the plain-text body.
 */
public enum MailPart {
  SUBJECT("subject", "subject.mustache", 998),
  HTML("html", "html.mustache", 100_000),
  TEXT("text", "txt.mustache", 50_000);

  private final String field;
  private final String suffix;
  private final int maxLength;

  MailPart(String field, String suffix, int maxLength) {
    this.field = field;
    this.suffix = suffix;
    this.maxLength = maxLength;
  }

  /** The part's name in an override ({@code subject}, {@code html}, {@code text}). */
  public String field() {
    return field;
  }

  /** The most characters an override of this part may have. */
  public int maxLength() {
    return maxLength;
  }

  /** Where the default of {@code template}'s part is on the class path. */
  String resource(String template) {
    return MailTemplate.RESOURCES + template + "." + suffix;
  }
}
