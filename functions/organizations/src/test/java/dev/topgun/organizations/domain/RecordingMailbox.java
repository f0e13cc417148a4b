package dev.topgun.organizations.domain;

import dev.topgun.shared.branding.BrandDefaults;
import dev.topgun.shared.mail.MailRenderer;
import dev.topgun.shared.mail.MailTemplate;
import dev.topgun.shared.mail.RenderedMail;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A mailbox that keeps what it was given, rendered as shared-lib renders it (the default brand,
 * links on {@link #LINK_BASE}), and refuses the addresses a test names.
 */
final class RecordingMailbox implements Mailbox {

  static final String LINK_BASE = "https://app.test";

  private static final MailRenderer RENDERER = new MailRenderer();

  record Mail(
      String to,
      String orgId,
      MailTemplate template,
      Map<String, Object> variables,
      RenderedMail rendered) {

    String subject() {
      return rendered.subject();
    }

    String text() {
      return rendered.text();
    }
  }

  final List<Mail> sent = new ArrayList<>();
  final Set<String> refusing = new HashSet<>();
  boolean down;

  @Override
  public void send(String to, String orgId, MailTemplate template, Map<String, Object> variables) {
    if (down || refusing.contains(to)) {
      throw new MailNotSentException("refused by the test", null);
    }
    sent.add(new Mail(to, orgId, template, Map.copyOf(variables), render(template, variables)));
  }

  static RenderedMail render(MailTemplate template, Map<String, Object> variables) {
    return RENDERER.render(
        template, variables, BrandDefaults.manifest(BrandDefaults.THEME_CSS_URL), LINK_BASE, null);
  }
}
