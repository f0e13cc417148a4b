package dev.topgun.shared.events;

import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A fact one domain tells the others, before it is published.
 *
 * @param name the EventBridge {@code detail-type}, a past-tense fact in PascalCase ({@code
 *     OrganizationCreated})
 * @param version the version of this event's {@code data} shape; bumped (and both versions
 *     published for a while) when it changes incompatibly
 * @param organizationId the tenant the fact is about, when there is one; rules and consumers filter
 *     on it
 * @param data the fact's own fields, a {@code @Serdeable} record
 * @param resources ARNs or ids the event is about (EventBridge {@code Resources}); may be empty
 */
public record Event(
    String name,
    int version,
    @Nullable String organizationId,
    Object data,
    List<String> resources) {

  private static final Pattern NAME = Pattern.compile("[A-Z][A-Za-z0-9]{2,127}");

  public Event {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(data, "data");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "An event name is a PascalCase fact such as OrganizationCreated: " + name);
    }
    if (version < 1) {
      throw new IllegalArgumentException("An event version starts at 1: " + version);
    }
    resources = resources == null ? List.of() : List.copyOf(resources);
  }

  /** Version 1 of an event about an organization. */
  public static Event of(String name, @Nullable String organizationId, Object data) {
    return new Event(name, 1, organizationId, data, List.of());
  }

  public Event withResources(List<String> eventResources) {
    return new Event(name, version, organizationId, data, eventResources);
  }

  public Event withVersion(int dataVersion) {
    return new Event(name, dataVersion, organizationId, data, resources);
  }
}
