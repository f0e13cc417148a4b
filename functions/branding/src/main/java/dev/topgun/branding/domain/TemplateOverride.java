package dev.topgun.branding.domain;

/** An organization's own subject and bodies of one mail template; a null part stays the default. */
public record TemplateOverride(String name, String subject, String html, String text) {

  public boolean isEmpty() {
    return subject == null && html == null && text == null;
  }
}
