package dev.topgun.shared.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import java.util.function.Supplier;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * The attributes every item of the table carries. A domain item extends this class, adds its own
 * attributes and builds its schema with {@link #schema(Class, Supplier)}:
 *
 * <pre>{@code
 * public final class WidgetItem extends BaseItem {
 *   public static final StaticTableSchema<WidgetItem> SCHEMA =
 *       BaseItem.schema(WidgetItem.class, WidgetItem::new)
 *           .addAttribute(String.class, a -> a.name("name")
 *               .getter(WidgetItem::getName).setter(WidgetItem::setName))
 *           .build();
 *   private String name;
 *   public WidgetItem() { setType("WIDGET"); }
 *   // getName / setName
 * }
 * }</pre>
 *
 * <p>Schemas are static ({@link StaticTableSchema}) rather than {@code @DynamoDbBean}: a bean
 * schema is built by reflection and generated lambdas at first use, which costs hundreds of
 * milliseconds of Lambda cold start; a static schema is plain method references.
 *
 * <p>{@code version}, {@code createdAt} and {@code updatedAt} are set by {@link SingleTableStore}
 * and {@link TransactionalWriter} on each write; domain code reads them but does not set them. The
 * version attribute carries the Enhanced Client's version tag, so a table opened through {@code
 * DynamoDbEnhancedClient} applies the same optimistic locking (new items start at 1, each write
 * adds 1 and requires the version it read).
 */
public abstract class BaseItem {

  /** The common attributes, for {@link StaticTableSchema.Builder#extend}. */
  public static final StaticTableSchema<BaseItem> SCHEMA =
      StaticTableSchema.builder(BaseItem.class)
          .addAttribute(
              String.class,
              a ->
                  a.name(TopgunTable.PK)
                      .getter(BaseItem::getPk)
                      .setter(BaseItem::setPk)
                      .tags(primaryPartitionKey()))
          .addAttribute(
              String.class,
              a ->
                  a.name(TopgunTable.SK)
                      .getter(BaseItem::getSk)
                      .setter(BaseItem::setSk)
                      .tags(primarySortKey()))
          .addAttribute(
              String.class,
              a ->
                  a.name(TopgunTable.GSI1_PK)
                      .getter(BaseItem::getGsi1pk)
                      .setter(BaseItem::setGsi1pk)
                      .tags(secondaryPartitionKey(TopgunTable.GSI1)))
          .addAttribute(
              String.class,
              a ->
                  a.name(TopgunTable.GSI1_SK)
                      .getter(BaseItem::getGsi1sk)
                      .setter(BaseItem::setGsi1sk)
                      .tags(secondarySortKey(TopgunTable.GSI1)))
          .addAttribute(
              String.class,
              a ->
                  a.name(TopgunTable.GSI2_PK)
                      .getter(BaseItem::getGsi2pk)
                      .setter(BaseItem::setGsi2pk)
                      .tags(secondaryPartitionKey(TopgunTable.GSI2)))
          .addAttribute(
              String.class,
              a ->
                  a.name(TopgunTable.GSI2_SK)
                      .getter(BaseItem::getGsi2sk)
                      .setter(BaseItem::setGsi2sk)
                      .tags(secondarySortKey(TopgunTable.GSI2)))
          .addAttribute(
              String.class,
              a -> a.name(TopgunTable.TYPE).getter(BaseItem::getType).setter(BaseItem::setType))
          .addAttribute(
              Long.class,
              a ->
                  a.name(TopgunTable.VERSION)
                      .getter(BaseItem::getVersion)
                      .setter(BaseItem::setVersion)
                      .tags(VersionedRecordExtension.AttributeTags.versionAttribute()))
          .addAttribute(
              String.class,
              a ->
                  a.name(TopgunTable.CREATED_AT)
                      .getter(BaseItem::getCreatedAt)
                      .setter(BaseItem::setCreatedAt))
          .addAttribute(
              String.class,
              a ->
                  a.name(TopgunTable.UPDATED_AT)
                      .getter(BaseItem::getUpdatedAt)
                      .setter(BaseItem::setUpdatedAt))
          .addAttribute(
              Long.class,
              a -> a.name(TopgunTable.TTL).getter(BaseItem::getTtl).setter(BaseItem::setTtl))
          .build();

  private String pk;
  private String sk;
  private String gsi1pk;
  private String gsi1sk;
  private String gsi2pk;
  private String gsi2sk;
  private String type;
  private Long version;
  private String createdAt;
  private String updatedAt;
  private Long ttl;

  /** A schema builder for {@code itemClass} that already holds the common attributes. */
  public static <T extends BaseItem> StaticTableSchema.Builder<T> schema(
      Class<T> itemClass, Supplier<T> newItem) {
    return StaticTableSchema.builder(itemClass).newItemSupplier(newItem).extend(SCHEMA);
  }

  /**
   * A detached copy of {@code item} through its schema: change the copy, write it, and the item
   * read stays as it was (for a retry, or for the versioned write's expected version).
   */
  public static <T extends BaseItem> T copyOf(TableSchema<T> schema, T item) {
    return schema.mapToItem(schema.itemToMap(item, true));
  }

  /** The primary key of this item. */
  public ItemKey key() {
    return new ItemKey(pk, sk);
  }

  public String getPk() {
    return pk;
  }

  public void setPk(String pk) {
    this.pk = pk;
  }

  public String getSk() {
    return sk;
  }

  public void setSk(String sk) {
    this.sk = sk;
  }

  public String getGsi1pk() {
    return gsi1pk;
  }

  public void setGsi1pk(String gsi1pk) {
    this.gsi1pk = gsi1pk;
  }

  public String getGsi1sk() {
    return gsi1sk;
  }

  public void setGsi1sk(String gsi1sk) {
    this.gsi1sk = gsi1sk;
  }

  public String getGsi2pk() {
    return gsi2pk;
  }

  public void setGsi2pk(String gsi2pk) {
    this.gsi2pk = gsi2pk;
  }

  public String getGsi2sk() {
    return gsi2sk;
  }

  public void setGsi2sk(String gsi2sk) {
    this.gsi2sk = gsi2sk;
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public Long getVersion() {
    return version;
  }

  public void setVersion(Long version) {
    this.version = version;
  }

  public String getCreatedAt() {
    return createdAt;
  }

  public void setCreatedAt(String createdAt) {
    this.createdAt = createdAt;
  }

  public String getUpdatedAt() {
    return updatedAt;
  }

  public void setUpdatedAt(String updatedAt) {
    this.updatedAt = updatedAt;
  }

  /** Epoch seconds after which DynamoDB may delete the item; {@code null} keeps it. */
  public Long getTtl() {
    return ttl;
  }

  public void setTtl(Long ttl) {
    this.ttl = ttl;
  }
}
