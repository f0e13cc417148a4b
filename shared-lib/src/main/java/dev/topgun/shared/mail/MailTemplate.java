package dev.topgun.shared.mail;

import static dev.topgun.shared.mail.MailVariable.link;
import static dev.topgun.shared.mail.MailVariable.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every mail the platform sends, each with the variables it offers besides the brand's ({@link
 * #brandVariables()}) and its default subject, HTML content and text as class-path resources
 * ({@code topgun/mail/<id>.subject.mustache}, {@code .html.mustache}, {@code .txt.mustache}). An
 * organization may override any part ({@code MailTemplateItem}); {@link MailRenderer} renders them,
 * {@link MailTemplates#validate} checks an override.
 *
 * <p>The defaults name the platform only as {@code {{brand.platformName}}}: a brand that hides its
 * origin never has another name in its mail.
 */
public enum MailTemplate {
  INVITATION(
      "invitation",
      "An invitation to join an organization, with the link that accepts it.",
      text("organization.name", "The organization the invitee is invited to.", "Acme Hosting"),
      text("invitation.role", "The role offered: owner, admin, member or viewer.", "admin"),
      text("invitation.validDays", "For how many days the invitation may be accepted.", "7"),
      link(
          "invitation.acceptUrl",
          "The link that accepts the invitation (once, by the invited address).",
          "/invitations/EXAMPLE-TOKEN")),
  LICENSE_GRACE(
      "license-grace",
      "To the owners: the organization's license expired and is in its grace period.",
      text("organization.name", "The organization whose license it is.", "Acme Hosting"),
      text("organization.id", "Its id.", "01JD2Y5WZZ0000000000000000"),
      text("license.id", "The license's id.", "01JD2Y5WZZ0000000000000001"),
      text("license.expiresAt", "When the license expired.", "11 November 2026, 12:00 UTC"),
      text("license.graceEndsAt", "When its grace period ends.", "25 November 2026, 12:00 UTC")),
  LICENSE_EXPIRED(
      "license-expired",
      "To the owners: the grace period ended and the license's features are read-only.",
      text("organization.name", "The organization whose license it is.", "Acme Hosting"),
      text("organization.id", "Its id.", "01JD2Y5WZZ0000000000000000"),
      text("license.id", "The license's id.", "01JD2Y5WZZ0000000000000001"),
      text("license.expiresAt", "When the license expired.", "11 November 2026, 12:00 UTC"),
      text("license.graceEndsAt", "When its grace period ended.", "25 November 2026, 12:00 UTC")),
  LIMIT_THRESHOLD(
      "limit-threshold",
      "To the owners: the pool's usage of a limit reached 80 % or 100 %.",
      text("organization.name", "The organization whose pool it is.", "Acme Hosting"),
      text("organization.id", "Its id.", "01JD2Y5WZZ0000000000000000"),
      text("limit.name", "The limit, e.g. max_users.", "max_users"),
      text("limit.percent", "How much of the limit is used: 80 or 100.", "80"),
      text("limit.usage", "How many are used.", "8"),
      text("limit.max", "How many the limit allows.", "10"),
      text(
          "limit.reached",
          "Set when the limit is reached (100 %): a section, {{#limit.reached}}...{{/limit.reached}}.",
          "")),
  HOSTNAME_SUSPENDED(
      "hostname-suspended",
      "To the owners: a verified hostname lost its proof and no longer serves the brand.",
      text("organization.name", "The organization that claimed the hostname.", "Acme Hosting"),
      text("organization.id", "Its id.", "01JD2Y5WZZ0000000000000000"),
      text("hostname.name", "The hostname.", "panel.acme.example"),
      text("hostname.suspendedAt", "When it was suspended.", "25 November 2026, 12:00 UTC"),
      link(
          "hostname.settingsUrl",
          "The console's page of the organization's hostnames.",
          "/organizations/01JD2Y5WZZ0000000000000000/branding"));

  static final String RESOURCES = "topgun/mail/";

  private static final List<MailVariable> BRAND =
      List.of(
          text("brand.platformName", "The brand's name.", "Acme Cloud"),
          text("brand.shortName", "The brand's short name.", "Acme"),
          text(
              "brand.logoUrl",
              "The brand's logo (an absolute URL).",
              "https://panel.acme.example/logo.png"),
          text("brand.colors.primary", "The primary color (#rrggbb).", "#2563eb"),
          text(
              "brand.colors.onPrimary",
              "A text color readable on the primary color: black or white.",
              "#ffffff"),
          text("brand.colors.secondary", "The secondary color.", "#475569"),
          text("brand.colors.accent", "The accent color.", "#d97706"),
          text("brand.colors.background", "The background color.", "#ffffff"),
          text("brand.colors.surface", "The color of surfaces (cards).", "#f8fafc"),
          text("brand.colors.text", "The text color.", "#0f172a"),
          text("brand.fontFamily", "The brand's font family.", "system-ui"),
          text("brand.supportEmail", "The support address, when the brand has one.", ""),
          text("brand.supportUrl", "The support page (absolute), when the brand has one.", ""),
          text("brand.docsUrl", "The documentation (absolute), when the brand has it.", ""),
          text("brand.termsUrl", "The terms (absolute), when the brand has them.", ""),
          text("brand.privacyUrl", "The privacy policy (absolute), when the brand has one.", ""),
          text("brand.emailFromName", "The sender's name.", "Acme Cloud"),
          text(
              "links.base",
              "Where the mail's links start: https:// and the organization's verified hostname,"
                  + " else the console's address.",
              "https://panel.acme.example"));

  private final String id;
  private final String description;
  private final List<MailVariable> variables;

  MailTemplate(String id, String description, MailVariable... variables) {
    this.id = id;
    this.description = description;
    this.variables = List.of(variables);
  }

  /** The template's name, as in {@code /branding/email-templates/{name}} and its resources. */
  public String id() {
    return id;
  }

  public String description() {
    return description;
  }

  /** The variables this template offers besides the brand's. */
  public List<MailVariable> variables() {
    return variables;
  }

  /** The brand's variables, which every template offers. */
  public static List<MailVariable> brandVariables() {
    return BRAND;
  }

  /** Every variable this template offers: its own, then the brand's. */
  public List<MailVariable> offered() {
    List<MailVariable> all = new ArrayList<>(variables);
    all.addAll(BRAND);
    return List.copyOf(all);
  }

  /** The variable {@code name} of this template, if it offers it. */
  public Optional<MailVariable> variable(String name) {
    return offered().stream().filter(v -> v.name().equals(name)).findFirst();
  }

  /** Its own variables' example values, by name: what a preview renders. */
  public Map<String, Object> examples() {
    Map<String, Object> examples = new LinkedHashMap<>();
    variables.forEach(v -> examples.put(v.name(), v.example()));
    return examples;
  }

  /** The template named {@code id} ({@code invitation}, {@code license-grace}, ...). */
  public static Optional<MailTemplate> byId(String id) {
    return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
  }

  /** The default source of one part, as an organization sees it before overriding it. */
  public String defaultSource(MailPart part) {
    return resource(part.resource(id));
  }

  /** The shared layout of {@code part} (HTML or text), which wraps every mail's content. */
  static String layout(MailPart part) {
    return resource(part.resource("layout"));
  }

  private static String resource(String name) {
    try (InputStream in = MailTemplate.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("The mail template resource " + name + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
