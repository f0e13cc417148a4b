package dev.topgun.shared.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The transports this test run uses: {@code topgun.test.transports} (set per failsafe execution:
 * {@code netty}, or {@code lambda} with Netty off the classpath), both when unset (an IDE run).
 */
public final class Transports {

  private Transports() {}

  public static Set<String> selected() {
    String names = System.getProperty("topgun.test.transports", "netty,lambda");
    return Set.of(names.split(","));
  }

  public static List<Transport> start(Map<String, Object> properties) {
    List<Transport> started = new ArrayList<>();
    if (selected().contains("netty")) {
      started.add(new NettyTransport(properties));
    }
    if (selected().contains("lambda")) {
      started.add(new LambdaTransport(properties));
    }
    return started;
  }
}
