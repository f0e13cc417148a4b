package dev.topgun.shared.mail;

import com.samskivert.mustache.Template;
import dev.topgun.shared.branding.BrandColors;
import dev.topgun.shared.branding.BrandDefaults;
import dev.topgun.shared.branding.BrandManifest;
import dev.topgun.shared.branding.BrandPalette;
import dev.topgun.shared.branding.MailTemplateItem;
import io.micronaut.core.annotation.Nullable;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders every mail the platform sends: one {@link MailTemplate}, its variables, a brand and the
 * address its links start with, and an organization's override of the template if it has one, give
 * a subject, an HTML part (the content in the shared layout: logo, brand colors, footer with the
 * support links; tables and inline styles, as mail clients want) and a plain-text part.
 *
 * <p>The HTML part escapes every variable; the subject and the text escape nothing (they are not
 * HTML) and the subject is one line, so no value can add a header. A variable the caller did not
 * give renders empty. A part of an override that does not compile, is refused ({@link
 * MailTemplates}), fails or renders nothing is replaced by the default's, and that is logged
 * without the mail's text: a mail always goes out, branded.
 *
 * <p>Brand values reach templates checked: colors that are not {@code #rgb}/{@code #rrggbb} and
 * fonts with characters beyond a font list fall back to the defaults' (they land in {@code style}
 * attributes), URLs are made absolute on the link base and kept only when they are http(s), and a
 * support address only when it looks like one.
 */
public final class MailRenderer {

  private static final Logger LOG = LoggerFactory.getLogger(MailRenderer.class);

  private static final Pattern COLOR = Pattern.compile("#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})");
  private static final Pattern FONT = Pattern.compile("[A-Za-z0-9 ,'\"_-]{1,200}");
  private static final Pattern EMAIL =
      Pattern.compile("[^\\s<>\"'@,;:()\\[\\]\\\\]+@[^\\s<>\"'@,;:()\\[\\]\\\\]+");
  private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n\\u0085\\u2028\\u2029\\t]+");

  private volatile Compiled compiled;

  /** The default templates and the layouts, compiled together. */
  private record Compiled(
      Map<MailTemplate, Map<MailPart, Template>> defaults,
      Template htmlLayout,
      Template textLayout) {

    static Compiled all() {
      Map<MailTemplate, Map<MailPart, Template>> defaults = new EnumMap<>(MailTemplate.class);
      for (MailTemplate template : MailTemplate.values()) {
        Map<MailPart, Template> parts = new EnumMap<>(MailPart.class);
        for (MailPart part : MailPart.values()) {
          parts.put(part, MailTemplates.compiler(part).compile(template.defaultSource(part)));
        }
        defaults.put(template, parts);
      }
      return new Compiled(
          defaults,
          MailTemplates.compiler(MailPart.HTML).compile(MailTemplate.layout(MailPart.HTML)),
          MailTemplates.compiler(MailPart.TEXT).compile(MailTemplate.layout(MailPart.TEXT)));
    }
  }

  /**
   * Compiles every default template and the layouts once, at the first mail (not at start-up: a
   * function's cold start should not pay for mail it may never send); a broken default fails there,
   * and the renderer's tests compile them all.
   */
  public MailRenderer() {}

  private Compiled compiled() {
    Compiled c = compiled;
    if (c == null) {
      synchronized (this) {
        c = compiled;
        if (c == null) {
          c = Compiled.all();
          compiled = c;
        }
      }
    }
    return c;
  }

  /**
   * Renders {@code template}.
   *
   * @param variables the template's own variables by full name ({@code organization.name}); a link
   *     is given as a path and rendered on {@code linkBase}
   * @param brand the effective brand of the organization the mail is about
   * @param linkBase where links start ({@code https://<verified hostname>} or the console's
   *     address)
   * @param override the organization's override, or null; its null parts keep the defaults
   * @throws IllegalArgumentException a variable the template does not offer
   */
  public RenderedMail render(
      MailTemplate template,
      Map<String, Object> variables,
      BrandManifest brand,
      String linkBase,
      @Nullable MailTemplateItem override) {
    Map<String, Object> context = context(template, variables, brand, linkBase);
    String subject =
        part(
            template,
            MailPart.SUBJECT,
            override == null ? null : override.getSubject(),
            context,
            override);
    String content =
        part(
            template,
            MailPart.HTML,
            override == null ? null : override.getHtml(),
            context,
            override);
    String textContent =
        part(
            template,
            MailPart.TEXT,
            override == null ? null : override.getText(),
            context,
            override);

    Map<String, Object> layout = new HashMap<>(context);
    layout.put("subject", subject);
    layout.put("content", content.stripTrailing());
    String html = compiled().htmlLayout().execute(layout);
    layout.put("content", textContent.stripTrailing());
    String text = compiled().textLayout().execute(layout);

    String fromName =
        oneLine(present(brand.emailFromName()) ? brand.emailFromName() : brand.platformName());
    String replyTo =
        present(brand.emailReplyTo()) && EMAIL.matcher(brand.emailReplyTo().strip()).matches()
            ? brand.emailReplyTo().strip()
            : email(brand.supportEmail());
    return new RenderedMail(subject, html, text, fromName, replyTo);
  }

  private String part(
      MailTemplate template,
      MailPart part,
      @Nullable String source,
      Map<String, Object> context,
      @Nullable MailTemplateItem override) {
    if (source != null) {
      String why;
      try {
        String rendered =
            finish(part, MailTemplates.compileOverride(part, source).execute(context));
        if (!rendered.isBlank()) {
          return rendered;
        }
        why = "renders nothing";
      } catch (MailTemplates.RefusedTemplateException e) {
        why = e.getMessage();
      } catch (RuntimeException | StackOverflowError e) {
        why = "failed (" + e.getClass().getSimpleName() + ")";
      }
      LOG.warn(
          "The {} of the {} mail template of {} {}; the default is used",
          part.field(),
          template.id(),
          override.getPk(),
          why);
    }
    return finish(part, compiled().defaults().get(template).get(part).execute(context));
  }

  /** A part as it is sent: the subject on one line, the bodies as they rendered. */
  static String finish(MailPart part, String rendered) {
    return part == MailPart.SUBJECT ? oneLine(rendered) : rendered;
  }

  /**
   * What templates see: the brand ({@code brand.*}, checked), {@code links.base}, and {@code
   * variables} nested by their dotted names.
   */
  static Map<String, Object> context(
      MailTemplate template, Map<String, Object> variables, BrandManifest brand, String linkBase) {
    String base = linkBase.strip().replaceAll("/+$", "");
    Map<String, Object> root = new HashMap<>();
    put(root, "links.base", base);

    BrandColors colors = brand.colors();
    BrandPalette light = colors == null ? BrandDefaults.LIGHT : colors.light();
    BrandPalette fallback = BrandDefaults.LIGHT;
    String primary = color(light.primary(), fallback.primary());
    put(root, "brand.colors.primary", primary);
    put(root, "brand.colors.onPrimary", onColor(primary));
    put(root, "brand.colors.secondary", color(light.secondary(), fallback.secondary()));
    put(root, "brand.colors.accent", color(light.accent(), fallback.accent()));
    put(root, "brand.colors.background", color(light.background(), fallback.background()));
    put(root, "brand.colors.surface", color(light.surface(), fallback.surface()));
    put(root, "brand.colors.text", color(light.text(), fallback.text()));

    put(root, "brand.platformName", oneLine(brand.platformName()));
    put(
        root,
        "brand.shortName",
        oneLine(present(brand.shortName()) ? brand.shortName() : brand.platformName()));
    put(
        root,
        "brand.fontFamily",
        present(brand.fontFamily()) && FONT.matcher(brand.fontFamily()).matches()
            ? brand.fontFamily()
            : BrandDefaults.FONT_FAMILY);
    String logo = url(base, brand.logoUrl());
    put(root, "brand.logoUrl", logo != null ? logo : url(base, BrandDefaults.ASSETS + "logo.svg"));
    put(root, "brand.supportEmail", email(brand.supportEmail()));
    put(root, "brand.supportUrl", url(base, brand.supportUrl()));
    put(root, "brand.docsUrl", url(base, brand.docsUrl()));
    put(root, "brand.termsUrl", url(base, brand.termsUrl()));
    put(root, "brand.privacyUrl", url(base, brand.privacyUrl()));
    put(
        root,
        "brand.emailFromName",
        oneLine(present(brand.emailFromName()) ? brand.emailFromName() : brand.platformName()));

    Map<String, MailVariable> own = new HashMap<>();
    template.variables().forEach(v -> own.put(v.name(), v));
    for (Map.Entry<String, Object> variable : variables.entrySet()) {
      MailVariable offered = own.get(variable.getKey());
      if (offered == null) {
        throw new IllegalArgumentException(
            "The " + template.id() + " mail offers no variable " + variable.getKey());
      }
      Object value = variable.getValue();
      if (value == null) {
        continue;
      }
      put(root, offered.name(), offered.link() ? url(base, String.valueOf(value)) : scalar(value));
    }
    return root;
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> root, String name, @Nullable Object value) {
    if (value == null) {
      return;
    }
    String[] path = name.split("\\.");
    Map<String, Object> at = root;
    for (int i = 0; i < path.length - 1; i++) {
      at = (Map<String, Object>) at.computeIfAbsent(path[i], k -> new HashMap<String, Object>());
    }
    at.put(path[path.length - 1], value);
  }

  /** Strings, numbers and booleans as they are (booleans open sections); anything else as text. */
  private static Object scalar(Object value) {
    return value instanceof String || value instanceof Number || value instanceof Boolean
        ? value
        : String.valueOf(value);
  }

  /**
   * A path on {@code base}, or an http(s) URL as it is; anything else (javascript:, //host) none.
   */
  private static @Nullable String url(String base, @Nullable String value) {
    if (!present(value)) {
      return null;
    }
    String url = value.strip();
    if (url.startsWith("/") && !url.startsWith("//")) {
      return base + url;
    }
    String lower = url.toLowerCase(Locale.ROOT);
    return lower.startsWith("https://") || lower.startsWith("http://") ? url : null;
  }

  private static @Nullable String email(@Nullable String value) {
    return present(value) && EMAIL.matcher(value.strip()).matches() ? value.strip() : null;
  }

  private static String color(@Nullable String value, String fallback) {
    return value != null && COLOR.matcher(value).matches() ? value : fallback;
  }

  /** Black or white, whichever contrasts more with {@code color} (WCAG relative luminance). */
  static String onColor(String color) {
    String hex = color.substring(1);
    if (hex.length() == 3) {
      hex = hex.replaceAll("(.)", "$1$1");
    }
    double luminance =
        0.2126 * channel(hex.substring(0, 2))
            + 0.7152 * channel(hex.substring(2, 4))
            + 0.0722 * channel(hex.substring(4, 6));
    // Contrast with white is 1.05 / (L + 0.05), with black (L + 0.05) / 0.05.
    return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 ? "#ffffff" : "#000000";
  }

  private static double channel(String hex) {
    double c = Integer.parseInt(hex, 16) / 255.0;
    return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }

  private static String oneLine(@Nullable String value) {
    return value == null ? "" : LINE_BREAKS.matcher(value).replaceAll(" ").strip();
  }

  private static boolean present(@Nullable String value) {
    return value != null && !value.isBlank();
  }
}
