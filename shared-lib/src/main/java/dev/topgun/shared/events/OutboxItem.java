package dev.topgun.shared.events;

import dev.topgun.shared.store.BaseItem;
import dev.topgun.shared.store.Keys;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * An event written in the transaction of the change it reports, for the relay to publish.
 *
 * <pre>
 * PK  ORG#&lt;orgId&gt;#OUTBOX  (an event about no organization: OUTBOX#&lt;source&gt;)
 * SK  EVENT#&lt;eventId&gt;
 * type OUTBOX, eventId, source, detailType, detail (the envelope as JSON), resources,
 * organizationId, occurredAt, ttl
 * </pre>
 *
 * One partition per organization: the table's stream, and the relay's event source mapping, keep
 * the order of the writes to one partition key, so an organization's events reach the bus in the
 * order their changes committed. The item is never changed after it is written; it expires ({@code
 * ttl}) once the relay has long published it.
 */
public final class OutboxItem extends BaseItem {

  public static final String TYPE = "OUTBOX";
  static final String PARTITION = "OUTBOX";
  static final String SK_PREFIX = "EVENT";

  public static final StaticTableSchema<OutboxItem> SCHEMA =
      BaseItem.schema(OutboxItem.class, OutboxItem::new)
          .addAttribute(
              String.class,
              a -> a.name("eventId").getter(OutboxItem::getEventId).setter(OutboxItem::setEventId))
          .addAttribute(
              String.class,
              a -> a.name("source").getter(OutboxItem::getSource).setter(OutboxItem::setSource))
          .addAttribute(
              String.class,
              a ->
                  a.name("detailType")
                      .getter(OutboxItem::getDetailType)
                      .setter(OutboxItem::setDetailType))
          .addAttribute(
              String.class,
              a -> a.name("detail").getter(OutboxItem::getDetail).setter(OutboxItem::setDetail))
          .addAttribute(
              EnhancedType.listOf(String.class),
              a ->
                  a.name("resources")
                      .getter(OutboxItem::getResources)
                      .setter(OutboxItem::setResources))
          .addAttribute(
              String.class,
              a ->
                  a.name("organizationId")
                      .getter(OutboxItem::getOrganizationId)
                      .setter(OutboxItem::setOrganizationId))
          .addAttribute(
              String.class,
              a ->
                  a.name("occurredAt")
                      .getter(OutboxItem::getOccurredAt)
                      .setter(OutboxItem::setOccurredAt))
          .build();

  private String eventId;
  private String source;
  private String detailType;
  private String detail;
  private List<String> resources;
  private String organizationId;
  private String occurredAt;

  public OutboxItem() {
    setType(TYPE);
  }

  /** The outbox partition of an organization's events. */
  public static String partition(String organizationId) {
    return Keys.org(organizationId, PARTITION);
  }

  /** The outbox partition of a source's events about no organization. */
  public static String sourcePartition(String source) {
    return Keys.of(PARTITION, source);
  }

  public static String sortKey(String eventId) {
    return Keys.of(SK_PREFIX, eventId);
  }

  public String getEventId() {
    return eventId;
  }

  public void setEventId(String eventId) {
    this.eventId = eventId;
  }

  public String getSource() {
    return source;
  }

  public void setSource(String source) {
    this.source = source;
  }

  public String getDetailType() {
    return detailType;
  }

  public void setDetailType(String detailType) {
    this.detailType = detailType;
  }

  public String getDetail() {
    return detail;
  }

  public void setDetail(String detail) {
    this.detail = detail;
  }

  public List<String> getResources() {
    return resources;
  }

  public void setResources(List<String> resources) {
    this.resources = resources;
  }

  public String getOrganizationId() {
    return organizationId;
  }

  public void setOrganizationId(String organizationId) {
    this.organizationId = organizationId;
  }

  public String getOccurredAt() {
    return occurredAt;
  }

  public void setOccurredAt(String occurredAt) {
    this.occurredAt = occurredAt;
  }
}
