package dev.topgun.emulators.route53;

import java.util.List;

/**
 * One change of a change batch, as read from the request: the name, type, TTL and values are
 * checked when the batch is applied to its zone ({@link HostedZone#apply}), where Route 53 checks
 * them too and answers {@code InvalidChangeBatch}.
 *
 * @param name the name as written in the request
 * @param values the {@code ResourceRecord} values as written
 */
public record Change(Action action, String name, String type, long ttl, List<String> values) {

  public enum Action {
    CREATE,
    DELETE,
    UPSERT
  }

  public Change {
    values = List.copyOf(values);
  }
}
