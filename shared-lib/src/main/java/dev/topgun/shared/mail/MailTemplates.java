package dev.topgun.shared.mail;

import com.samskivert.mustache.BasicCollector;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import dev.topgun.shared.branding.BrandDefaults;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The rules of mail templates, shared by {@link MailRenderer} and whoever stores an organization's
 * override: how each part compiles (HTML-escaping for the HTML part, none for the subject and the
 * text), what an override may not do, and {@link #validate}, which names every problem of an
 * override before it is stored.
 *
 * <p>Templates see plain maps only: the collector resolves names in maps, never through methods or
 * fields of Java objects, so no template can reach more than the variables it was given.
 */
public final class MailTemplates {

  /** One problem of an override: the part ({@code field()} names it) and what is wrong. */
  public record Problem(MailPart part, String message) {

    public String field() {
      return part.field();
    }
  }

  /** The names Mustache itself gives meaning inside sections. */
  private static final Set<String> BUILT_IN = Set.of(".", "this", "-first", "-last", "-index");

  private static final Pattern DELIMITER_CHANGE = Pattern.compile("\\{\\{\\s*=");
  private static final Pattern UNESCAPED = Pattern.compile("\\{\\{\\s*[{&]");

  private static final Mustache.Collector MAPS_ONLY =
      new BasicCollector() {
        @Override
        public <K, V> Map<K, V> createFetcherCache() {
          return new ConcurrentHashMap<>();
        }
      };

  private static final Mustache.Compiler HTML = compiler(true);
  private static final Mustache.Compiler PLAIN = compiler(false);

  private MailTemplates() {}

  /**
   * Every problem of an override of {@code template} (a null part keeps the default and is not
   * checked): it is empty or too long, does not compile, includes partials, changes the delimiters,
   * writes HTML unescaped ({@code {{{...}}}}, {@code {{&...}}}), names a variable the template does
   * not offer, or renders nothing with the template's example values. Empty when it may be stored.
   */
  public static List<Problem> validate(
      MailTemplate template,
      @Nullable String subject,
      @Nullable String html,
      @Nullable String text) {
    List<Problem> problems = new ArrayList<>();
    check(template, MailPart.SUBJECT, subject, problems);
    check(template, MailPart.HTML, html, problems);
    check(template, MailPart.TEXT, text, problems);
    return List.copyOf(problems);
  }

  private static void check(
      MailTemplate template, MailPart part, @Nullable String source, List<Problem> problems) {
    if (source == null) {
      return;
    }
    Template compiled;
    try {
      compiled = compileOverride(part, source);
    } catch (RefusedTemplateException e) {
      problems.add(new Problem(part, e.getMessage()));
      return;
    }
    Set<String> offered = new LinkedHashSet<>();
    template.offered().forEach(v -> offered.add(v.name()));
    Set<String> unknown = new LinkedHashSet<>();
    for (String name : names(compiled)) {
      if (!offered.contains(name) && !BUILT_IN.contains(name)) {
        unknown.add(name);
      }
    }
    unknown.forEach(
        name ->
            problems.add(
                new Problem(
                    part, "{{" + name + "}} is not a variable of the " + template.id() + " mail")));
    if (!unknown.isEmpty()) {
      return;
    }
    Map<String, Object> context =
        MailRenderer.context(
            template,
            template.examples(),
            BrandDefaults.manifest(BrandDefaults.THEME_CSS_URL),
            "https://example.invalid");
    if (MailRenderer.finish(part, compiled.execute(context)).isBlank()) {
      problems.add(new Problem(part, "renders nothing"));
    }
  }

  /**
   * Compiles an organization's source of {@code part}.
   *
   * @throws RefusedTemplateException what makes it unusable, in words fit for its author and for a
   *     log (they may name a tag, never a variable's value)
   */
  static Template compileOverride(MailPart part, String source) {
    if (source.isBlank()) {
      throw new RefusedTemplateException("is empty: leave it out to keep the default");
    }
    if (source.length() > part.maxLength()) {
      throw new RefusedTemplateException(
          "is longer than " + part.maxLength() + " characters (" + source.length() + ")");
    }
    if (DELIMITER_CHANGE.matcher(source).find()) {
      throw new RefusedTemplateException(
          "changes the delimiters ({{=...=}}), which is not offered");
    }
    if (part == MailPart.HTML && UNESCAPED.matcher(source).find()) {
      throw new RefusedTemplateException(
          "writes a variable without HTML escaping ({{{...}}} or {{&...}}): write {{...}}");
    }
    Template compiled;
    try {
      compiled = compiler(part).compile(source);
    } catch (MustacheException e) {
      throw new RefusedTemplateException("does not compile: " + e.getMessage());
    } catch (StackOverflowError e) {
      throw new RefusedTemplateException("nests its sections too deeply");
    }
    List<String> partials = new ArrayList<>();
    compiled.visit(
        new Names(new ArrayList<>()) {
          @Override
          public boolean visitInclude(String name) {
            partials.add(name);
            return false;
          }

          @Override
          public boolean visitParent(String name) {
            partials.add(name);
            return false;
          }
        });
    if (!partials.isEmpty()) {
      throw new RefusedTemplateException(
          "includes {{>" + partials.get(0) + "}}: partials are not offered");
    }
    return compiled;
  }

  /** The compiler of {@code part}: HTML-escaping for the HTML part only. */
  static Mustache.Compiler compiler(MailPart part) {
    return part == MailPart.HTML ? HTML : PLAIN;
  }

  private static Mustache.Compiler compiler(boolean escapeHtml) {
    return Mustache.compiler()
        .escapeHTML(escapeHtml)
        .defaultValue("")
        .emptyStringIsFalse(true)
        .withCollector(MAPS_ONLY);
  }

  /** The names of the variables and sections {@code template} uses, in order, once each. */
  static Set<String> names(Template template) {
    List<String> names = new ArrayList<>();
    template.visit(new Names(names));
    return new LinkedHashSet<>(names);
  }

  /** Collects variable and section names. */
  private static class Names implements Mustache.Visitor {

    private final List<String> names;

    Names(List<String> names) {
      this.names = names;
    }

    @Override
    public void visitText(String text) {}

    @Override
    public void visitVariable(String name) {
      names.add(name);
    }

    @Override
    public boolean visitInclude(String name) {
      return false;
    }

    @Override
    public boolean visitSection(String name) {
      names.add(name);
      return true;
    }

    @Override
    public boolean visitInvertedSection(String name) {
      names.add(name);
      return true;
    }
  }

  /** An override that cannot be used; the message says why. */
  static final class RefusedTemplateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    RefusedTemplateException(String message) {
      super(message, null, false, false);
    }
  }
}
