package dev.topgun.shared.streams;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One change of the table as its DynamoDB stream reports it to a function (a record of a Lambda
 * {@code DynamodbEvent}).
 *
 * @param eventId the record's id (unique per change)
 * @param eventName what happened to the item
 * @param sequenceNumber its place in the shard; what a function names to have the batch retried
 *     from this record
 * @param approximateCreation when the change was made, to the second
 * @param keys the item's primary key
 * @param newImage the item after the change; empty for a removal or a keys-only stream
 * @param oldImage the item before the change; empty for an insert or a view without old images
 * @param removedByTtl whether DynamoDB's time to live deleted the item (a {@code REMOVE} whose
 *     {@code userIdentity} is the DynamoDB service)
 */
public record StreamRecord(
    String eventId,
    Change eventName,
    String sequenceNumber,
    Instant approximateCreation,
    Map<String, AttributeValue> keys,
    Map<String, AttributeValue> newImage,
    Map<String, AttributeValue> oldImage,
    boolean removedByTtl) {

  /** The stream's {@code eventName}. */
  public enum Change {
    INSERT,
    MODIFY,
    REMOVE
  }

  public StreamRecord {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(eventName, "eventName");
    Objects.requireNonNull(sequenceNumber, "sequenceNumber");
    keys = keys == null ? Map.of() : Map.copyOf(keys);
    newImage = newImage == null ? Map.of() : Map.copyOf(newImage);
    oldImage = oldImage == null ? Map.of() : Map.copyOf(oldImage);
  }

  /** The {@code type} attribute of the new image (else the old one), or {@code null}. */
  public String itemType() {
    AttributeValue type = newImage.getOrDefault("type", oldImage.get("type"));
    return type == null ? null : type.s();
  }
}
