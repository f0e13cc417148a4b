package dev.topgun.organizations.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.topgun.shared.audit.AuditEntryItem;
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

  static AuditEntryResponse of(AuditEntryItem item) {
    return new AuditEntryResponse(
        item.getId(),
        item.getActor(),
        item.getAction(),
        item.getTarget(),
        item.getCreatedAt(),
        item.getSourceIp(),
        item.getRequestId(),
        item.getDetails() == null ? Map.of() : item.getDetails());
  }
}
