package dev.topgun.organizations.domain;

import java.util.Map;

/** One entry of an organization's audit trail: who did what to what, when, from where. */
public record AuditEntry(
    String id,
    String actor,
    String action,
    String target,
    String at,
    String sourceIp,
    String requestId,
    Map<String, String> details) {

  public AuditEntry {
    details = details == null ? Map.of() : Map.copyOf(details);
  }
}
