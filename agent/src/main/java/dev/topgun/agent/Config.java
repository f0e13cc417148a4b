package dev.topgun.agent;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The command line: {@code --api <url> [--token <enrolment token>] [--data-dir <dir>] [--interval
 * <seconds>] [--name <service name>]}. The name (default {@value #DEFAULT_NAME}) appears in log
 * lines and the default data directory, so a brand can give the agent its own.
 */
public record Config(
    URI api, String token, Path dataDir, Optional<Integer> intervalSeconds, String name) {

  public static final String DEFAULT_NAME = "host-agent";
  public static final int DEFAULT_INTERVAL = 30;
  public static final int MIN_INTERVAL = 10;
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  public static final String USAGE =
      "usage: --api <url> --token <enrolment token> [--data-dir <dir>] [--interval <seconds>]"
          + " [--name <name>]";

  public Config {
    if (api == null || !("https".equals(api.getScheme()) || "http".equals(api.getScheme()))) {
      throw new IllegalArgumentException("--api must be an http(s) URL");
    }
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("--name must be lower-case letters, digits and dashes");
    }
    intervalSeconds.ifPresent(
        s -> {
          if (s < MIN_INTERVAL) {
            throw new IllegalArgumentException(
                "--interval must be at least " + MIN_INTERVAL + " seconds");
          }
        });
  }

  public static Config parse(String... args) {
    String api = null;
    String token = null;
    String dataDir = null;
    Integer interval = null;
    String name = DEFAULT_NAME;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String value = args[++i];
      switch (flag) {
        case "--api" -> api = value;
        case "--token" -> token = value;
        case "--data-dir" -> dataDir = value;
        case "--interval" -> {
          try {
            interval = Integer.parseInt(value);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--interval must be a whole number of seconds");
          }
        }
        case "--name" -> name = value;
        default -> throw new IllegalArgumentException("unknown option " + flag);
      }
    }
    if (api == null) {
      throw new IllegalArgumentException("--api is required");
    }
    return new Config(
        URI.create(api),
        token,
        Path.of(dataDir != null ? dataDir : "/var/lib/" + name),
        Optional.ofNullable(interval),
        name);
  }

  /** The flag if given, else the API's choice at enrolment if allowed, else the default. */
  public int effectiveInterval(int fromApi) {
    return intervalSeconds.orElse(fromApi >= MIN_INTERVAL ? fromApi : DEFAULT_INTERVAL);
  }

  @Override
  public String toString() {
    return "Config[api=" + api + ", dataDir=" + dataDir + ", name=" + name + "]";
  }
}
