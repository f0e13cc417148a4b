package dev.topgun.branding.domain;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An asset's URL, {@code /v1/branding/assets/<owner>/<file>}, taken apart. Owners are ULIDs (or
 * {@code default}); file names are a role, a hash and an extension — nothing else is an asset.
 */
public record AssetPath(String owner, String file) {

  public static final String PREFIX = "/v1/branding/assets/";

  private static final Pattern OWNER = Pattern.compile("[0-9A-Za-z]{1,40}");
  private static final Pattern FILE = Pattern.compile("[a-z0-9][a-z0-9.-]{0,99}");
  private static final Pattern URL =
      Pattern.compile(Pattern.quote(PREFIX) + "([0-9A-Za-z]{1,40})/([a-z0-9][a-z0-9.-]{0,99})");

  public static Optional<AssetPath> parse(String url) {
    Matcher m = URL.matcher(url == null ? "" : url);
    return m.matches() ? Optional.of(new AssetPath(m.group(1), m.group(2))) : Optional.empty();
  }

  /** Whether an owner and file name from a request can name an asset. */
  public static boolean valid(String owner, String file) {
    return OWNER.matcher(owner).matches() && FILE.matcher(file).matches() && !file.contains("..");
  }

  public String url() {
    return PREFIX + owner + "/" + file;
  }
}
