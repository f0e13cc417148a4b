package dev.topgun.local.streams;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.topgun.emulators.Json;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * A stream record as Lambda hands it to a function in a {@code DynamodbEvent}: the GetRecords
 * record with {@code eventSourceARN}, attribute values in DynamoDB's JSON.
 */
final class StreamRecordJson {

  private StreamRecordJson() {}

  static ObjectNode of(Record record, String streamArn) {
    ObjectNode json = Json.MAPPER.createObjectNode();
    json.put("eventID", record.eventID());
    json.put("eventName", record.eventNameAsString());
    json.put("eventVersion", record.eventVersion() == null ? "1.1" : record.eventVersion());
    json.put("eventSource", "aws:dynamodb");
    json.put("awsRegion", record.awsRegion());
    StreamRecord change = record.dynamodb();
    ObjectNode dynamodb = json.putObject("dynamodb");
    if (change.approximateCreationDateTime() != null) {
      dynamodb.put(
          "ApproximateCreationDateTime", change.approximateCreationDateTime().getEpochSecond());
    }
    if (change.hasKeys()) {
      dynamodb.set("Keys", item(change.keys()));
    }
    if (change.hasNewImage()) {
      dynamodb.set("NewImage", item(change.newImage()));
    }
    if (change.hasOldImage()) {
      dynamodb.set("OldImage", item(change.oldImage()));
    }
    dynamodb.put("SequenceNumber", change.sequenceNumber());
    if (change.sizeBytes() != null) {
      dynamodb.put("SizeBytes", change.sizeBytes());
    }
    if (change.streamViewTypeAsString() != null) {
      dynamodb.put("StreamViewType", change.streamViewTypeAsString());
    }
    if (record.userIdentity() != null) {
      ObjectNode identity = json.putObject("userIdentity");
      identity.put("type", record.userIdentity().type());
      identity.put("principalId", record.userIdentity().principalId());
    }
    json.put("eventSourceARN", streamArn);
    return json;
  }

  static ObjectNode item(Map<String, AttributeValue> attributes) {
    ObjectNode item = Json.MAPPER.createObjectNode();
    attributes.forEach((name, value) -> item.set(name, value(value)));
    return item;
  }

  static ObjectNode value(AttributeValue value) {
    ObjectNode json = Json.MAPPER.createObjectNode();
    switch (value.type()) {
      case S -> json.put("S", value.s());
      case N -> json.put("N", value.n());
      case B -> json.put("B", base64(value.b()));
      case BOOL -> json.put("BOOL", value.bool());
      case NUL -> json.put("NULL", true);
      case SS -> value.ss().forEach(json.putArray("SS")::add);
      case NS -> {
        ArrayNode numbers = json.putArray("NS");
        value.ns().forEach(n -> numbers.add(new BigDecimal(n).toPlainString()));
      }
      case BS -> {
        ArrayNode all = json.putArray("BS");
        value.bs().forEach(b -> all.add(base64(b)));
      }
      case L -> {
        ArrayNode all = json.putArray("L");
        value.l().forEach(element -> all.add(value(element)));
      }
      case M -> json.set("M", item(value.m()));
      default -> throw new IllegalArgumentException("Unknown attribute value " + value);
    }
    return json;
  }

  private static String base64(SdkBytes bytes) {
    return Base64.getEncoder().encodeToString(bytes.asByteArray());
  }
}
