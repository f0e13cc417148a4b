package dev.topgun.agent.install;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The systemd unit and the install script, as templates with {@code {{placeholders}}}. The API
 * serves the rendered script at {@code /v1/agent/install.sh}; cloud-init can use the unit alone.
 * Values are checked, not escaped: a value that could break out of its place is refused.
 */
public final class Templates {

  public static final String UNIT = "install/agent.service.template";
  public static final String INSTALL_SCRIPT = "install/install.sh.template";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z]+)}}");
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final Pattern URL =
      Pattern.compile("https?://[A-Za-z0-9._~:/?#\\[\\]@!$&()*+,;=%-]+");
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/=-]*");

  private Templates() {}

  /** The unit for service {@code name}, running {@code /opt/<name>/agent.jar}. */
  public static String systemdUnit(String name, String apiUrl) {
    check(NAME, name, "name");
    check(URL, apiUrl, "apiUrl");
    if (apiUrl.indexOf('\'') >= 0 || apiUrl.indexOf('$') >= 0 || apiUrl.indexOf('%') >= 0) {
      throw new IllegalArgumentException("apiUrl must not contain ', $ or %");
    }
    return render(resource(UNIT), Map.of("name", name, "apiUrl", apiUrl, "dataDir", dataDir(name)));
  }

  /**
   * The install script; {@code token} may be empty when the command line passes {@code --token}.
   */
  public static String installScript(String apiUrl, String jarUrl, String token, String name) {
    check(URL, jarUrl, "jarUrl");
    check(TOKEN, token, "token");
    if (jarUrl.indexOf('\'') >= 0) {
      throw new IllegalArgumentException("jarUrl must not contain '");
    }
    String unit = systemdUnit(name, apiUrl);
    return render(
        resource(INSTALL_SCRIPT),
        Map.of(
            "apiUrl", apiUrl,
            "jarUrl", jarUrl,
            "token", token,
            "name", name,
            "dataDir", dataDir(name),
            "unit", unit.stripTrailing()));
  }

  public static String dataDir(String name) {
    return "/var/lib/" + name;
  }

  /** Replaces every placeholder; one without a value, or a value without a placeholder, fails. */
  static String render(String template, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    Set<String> used = new HashSet<>();
    while (m.find()) {
      String key = m.group(1);
      String value = values.get(key);
      if (value == null) {
        throw new IllegalArgumentException("no value for {{" + key + "}}");
      }
      used.add(key);
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    if (!used.containsAll(values.keySet())) {
      Set<String> unused = new HashSet<>(values.keySet());
      unused.removeAll(used);
      throw new IllegalArgumentException("template has no place for " + unused);
    }
    return out.toString();
  }

  private static void check(Pattern pattern, String value, String what) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw new IllegalArgumentException(what + " has characters that are not allowed here");
    }
  }

  static String resource(String path) {
    try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
