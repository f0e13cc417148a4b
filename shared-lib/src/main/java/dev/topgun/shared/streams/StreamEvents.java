package dev.topgun.shared.streams;

import static dev.topgun.shared.json.JsonMembers.text;

import io.micronaut.json.tree.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads the event Lambda hands a function for a DynamoDB stream ({@code {"Records": [{"eventID",
 * "eventName", "eventSource": "aws:dynamodb", "dynamodb": {"Keys", "NewImage", "OldImage",
 * "SequenceNumber", ...}}]}}), whose attribute values are DynamoDB's JSON ({@code {"S": "..."}}).
 */
public final class StreamEvents {

  static final String DYNAMODB_SOURCE = "aws:dynamodb";

  private StreamEvents() {}

  /** Whether {@code payload} is a DynamoDB stream batch. */
  public static boolean isStreamEvent(JsonNode payload) {
    if (payload == null || !payload.isObject()) {
      return false;
    }
    JsonNode records = payload.get("Records");
    if (records == null || !records.isArray() || records.size() == 0) {
      return false;
    }
    JsonNode source = records.get(0).get("eventSource");
    return source != null && source.isString() && DYNAMODB_SOURCE.equals(source.getStringValue());
  }

  /** The batch's records, in order. */
  public static List<StreamRecord> records(JsonNode payload) {
    List<StreamRecord> records = new ArrayList<>();
    for (JsonNode record : payload.get("Records").values()) {
      JsonNode change = record.get("dynamodb");
      if (change == null || !change.isObject()) {
        throw new IllegalArgumentException("A stream record without its dynamodb member");
      }
      JsonNode identity = record.get("userIdentity");
      boolean ttl =
          identity != null
              && "Service".equals(text(identity, "type"))
              && "dynamodb.amazonaws.com".equals(text(identity, "principalId"));
      JsonNode created = change.get("ApproximateCreationDateTime");
      records.add(
          new StreamRecord(
              text(record, "eventID"),
              StreamRecord.Change.valueOf(text(record, "eventName")),
              text(change, "SequenceNumber"),
              created == null || !created.isNumber()
                  ? null
                  : Instant.ofEpochMilli(
                      new BigDecimal(created.getNumberValue().toString())
                          .movePointRight(3)
                          .longValue()),
              item(change.get("Keys")),
              item(change.get("NewImage")),
              item(change.get("OldImage")),
              ttl));
    }
    return records;
  }

  /** A map of attribute values in DynamoDB's JSON; empty for a missing member. */
  public static Map<String, AttributeValue> item(JsonNode json) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    if (json == null || json.isNull()) {
      return item;
    }
    for (Map.Entry<String, JsonNode> attribute : json.entries()) {
      item.put(attribute.getKey(), value(attribute.getValue()));
    }
    return item;
  }

  /** One attribute value in DynamoDB's JSON ({@code {"S": "x"}}, {@code {"L": [...]}}, ...). */
  public static AttributeValue value(JsonNode json) {
    if (json == null || !json.isObject() || json.size() != 1) {
      throw new IllegalArgumentException("Not a DynamoDB attribute value: " + json);
    }
    Map.Entry<String, JsonNode> typed = json.entries().iterator().next();
    JsonNode v = typed.getValue();
    return switch (typed.getKey()) {
      case "S" -> AttributeValue.fromS(v.getStringValue());
      case "N" -> AttributeValue.fromN(number(v));
      case "B" -> AttributeValue.fromB(bytes(v));
      case "BOOL" -> AttributeValue.fromBool(v.getBooleanValue());
      case "NULL" -> AttributeValue.fromNul(true);
      case "SS" -> AttributeValue.fromSs(strings(v, false));
      case "NS" -> AttributeValue.fromNs(strings(v, true));
      case "BS" -> {
        List<SdkBytes> all = new ArrayList<>();
        for (JsonNode b : v.values()) {
          all.add(bytes(b));
        }
        yield AttributeValue.fromBs(all);
      }
      case "L" -> {
        List<AttributeValue> all = new ArrayList<>();
        for (JsonNode element : v.values()) {
          all.add(value(element));
        }
        yield AttributeValue.fromL(all);
      }
      case "M" -> AttributeValue.fromM(item(v));
      default -> throw new IllegalArgumentException("Unknown attribute type " + typed.getKey());
    };
  }

  private static String number(JsonNode v) {
    // Lambda writes numbers as strings; accept a JSON number as well.
    return v.isNumber()
        ? new BigDecimal(v.getNumberValue().toString()).toPlainString()
        : v.getStringValue();
  }

  private static SdkBytes bytes(JsonNode v) {
    return SdkBytes.fromByteArray(Base64.getDecoder().decode(v.getStringValue()));
  }

  private static List<String> strings(JsonNode v, boolean numbers) {
    List<String> all = new ArrayList<>();
    for (JsonNode element : v.values()) {
      all.add(numbers ? number(element) : element.getStringValue());
    }
    return all;
  }
}
