package dev.topgun.shared.audit;

import dev.topgun.shared.store.BaseItem;
import dev.topgun.shared.store.Keys;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * One audit entry of an organization: {@code PK=ORG#<orgId>, SK=AUDIT#<entryId>} (a ULID, so the
 * partition reads in time order). Written in the same transaction as the change it records, so
 * there is no change without its entry and no entry without its change.
 */
public final class AuditEntryItem extends BaseItem {

  public static final String TYPE = "AUDIT";
  static final String AUDIT = "AUDIT";

  public static final StaticTableSchema<AuditEntryItem> SCHEMA =
      BaseItem.schema(AuditEntryItem.class, AuditEntryItem::new)
          .addAttribute(
              String.class,
              a -> a.name("id").getter(AuditEntryItem::getId).setter(AuditEntryItem::setId))
          .addAttribute(
              String.class,
              a ->
                  a.name("orgId").getter(AuditEntryItem::getOrgId).setter(AuditEntryItem::setOrgId))
          .addAttribute(
              String.class,
              a ->
                  a.name("actor").getter(AuditEntryItem::getActor).setter(AuditEntryItem::setActor))
          .addAttribute(
              String.class,
              a ->
                  a.name("action")
                      .getter(AuditEntryItem::getAction)
                      .setter(AuditEntryItem::setAction))
          .addAttribute(
              String.class,
              a ->
                  a.name("target")
                      .getter(AuditEntryItem::getTarget)
                      .setter(AuditEntryItem::setTarget))
          .addAttribute(
              String.class,
              a ->
                  a.name("sourceIp")
                      .getter(AuditEntryItem::getSourceIp)
                      .setter(AuditEntryItem::setSourceIp))
          .addAttribute(
              String.class,
              a ->
                  a.name("requestId")
                      .getter(AuditEntryItem::getRequestId)
                      .setter(AuditEntryItem::setRequestId))
          .addAttribute(
              EnhancedType.mapOf(String.class, String.class),
              a ->
                  a.name("details")
                      .getter(AuditEntryItem::getDetails)
                      .setter(AuditEntryItem::setDetails))
          .build();

  private String id;
  private String orgId;
  private String actor;
  private String action;
  private String target;
  private String sourceIp;
  private String requestId;
  private Map<String, String> details;

  public AuditEntryItem() {
    setType(TYPE);
  }

  static String sortKey(String entryId) {
    return Keys.of(AUDIT, entryId);
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public String getOrgId() {
    return orgId;
  }

  public void setOrgId(String orgId) {
    this.orgId = orgId;
  }

  public String getActor() {
    return actor;
  }

  public void setActor(String actor) {
    this.actor = actor;
  }

  public String getAction() {
    return action;
  }

  public void setAction(String action) {
    this.action = action;
  }

  public String getTarget() {
    return target;
  }

  public void setTarget(String target) {
    this.target = target;
  }

  public String getSourceIp() {
    return sourceIp;
  }

  public void setSourceIp(String sourceIp) {
    this.sourceIp = sourceIp;
  }

  public String getRequestId() {
    return requestId;
  }

  public void setRequestId(String requestId) {
    this.requestId = requestId;
  }

  /** Non-secret facts of the change (new role, old parent, …); {@code null} when none. */
  public Map<String, String> getDetails() {
    return details;
  }

  public void setDetails(Map<String, String> details) {
    this.details = details;
  }
}
