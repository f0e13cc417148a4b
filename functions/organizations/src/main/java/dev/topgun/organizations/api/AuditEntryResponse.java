package dev.topgun.organizations.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.topgun.organizations.domain.AuditEntry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/** An audit entry: who did what to what, when, from where, in which request. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AuditEntryResponse(
    String id,
    String actor,
    String action,
    String target,
    String at,
    @Nullable String sourceIp,
    @Nullable String requestId,
    Map<String, String> details) {

  static AuditEntryResponse of(AuditEntry entry) {
    return new AuditEntryResponse(
        entry.id(),
        entry.actor(),
        entry.action(),
        entry.target(),
        entry.at(),
        entry.sourceIp(),
        entry.requestId(),
        entry.details());
  }
}
