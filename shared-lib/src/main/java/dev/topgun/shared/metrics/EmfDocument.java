package dev.topgun.shared.metrics;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One CloudWatch Embedded Metric Format document: a JSON line whose {@code _aws} member tells
 * CloudWatch Logs which of its members are metrics (name and unit), in which namespace and under
 * which dimensions; the dimensions and the metrics' values are members of the document itself.
 *
 * <pre>{@code
 * {"_aws":{"Timestamp":1764757200000,"CloudWatchMetrics":[{"Namespace":"Topgun",
 *   "Dimensions":[["Service"]],"Metrics":[{"Name":"Requests","Unit":"Count"}]}]},
 *  "Service":"platform","Requests":1}
 * }</pre>
 *
 * @param namespace the CloudWatch namespace
 * @param timestamp epoch milliseconds the metrics are for
 * @param dimensions dimension name to value, in order (one dimension set of them all)
 * @param metrics metric name to its value and unit, in order
 */
record EmfDocument(
    String namespace, long timestamp, Map<String, String> dimensions, Map<String, Metric> metrics) {

  /** A value and its CloudWatch unit ({@code Count}, {@code Milliseconds}, ...). */
  record Metric(double value, String unit) {}

  EmfDocument {
    Objects.requireNonNull(namespace, "namespace");
    dimensions = new LinkedHashMap<>(dimensions);
    metrics = new LinkedHashMap<>(metrics);
  }

  /** The document as one JSON line. */
  String toJson() {
    StringBuilder json = new StringBuilder(256);
    json.append("{\"_aws\":{\"Timestamp\":").append(timestamp);
    json.append(",\"CloudWatchMetrics\":[{\"Namespace\":");
    string(json, namespace);
    json.append(",\"Dimensions\":[[");
    String separator = "";
    for (String dimension : dimensions.keySet()) {
      json.append(separator);
      string(json, dimension);
      separator = ",";
    }
    json.append("]],\"Metrics\":[");
    separator = "";
    for (Map.Entry<String, Metric> metric : metrics.entrySet()) {
      json.append(separator).append("{\"Name\":");
      string(json, metric.getKey());
      json.append(",\"Unit\":");
      string(json, metric.getValue().unit());
      json.append('}');
      separator = ",";
    }
    json.append("]}]}");
    for (Map.Entry<String, String> dimension : dimensions.entrySet()) {
      json.append(',');
      string(json, dimension.getKey());
      json.append(':');
      string(json, dimension.getValue());
    }
    for (Map.Entry<String, Metric> metric : metrics.entrySet()) {
      json.append(',');
      string(json, metric.getKey());
      json.append(':').append(number(metric.getValue().value()));
    }
    return json.append('}').toString();
  }

  private static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return String.format(Locale.ROOT, "%.3f", value);
  }

  /** A JSON string: quotes, backslashes and control characters escaped. */
  private static void string(StringBuilder json, String value) {
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
