package dev.topgun.shared.mail;

/**
 * A variable a mail template offers: its full name as templates write it ({@code
 * {{organization.name}}}, also inside sections), what it holds, and an example value for previews.
 * A link's value is given as a path ({@code /invitations/...}) and rendered as an absolute URL on
 * the mail's link base.
 */
public record MailVariable(String name, String description, String example, boolean link) {

  public static MailVariable text(String name, String description, String example) {
    return new MailVariable(name, description, example, false);
  }

  public static MailVariable link(String name, String description, String examplePath) {
    return new MailVariable(name, description, examplePath, true);
  }
}
