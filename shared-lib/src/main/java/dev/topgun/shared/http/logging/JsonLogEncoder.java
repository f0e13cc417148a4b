package dev.topgun.shared.http.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.event.KeyValuePair;

/**
 * One JSON object per line, with the field names of AWS Lambda Powertools Logging ({@code
 * timestamp}, {@code level}, {@code message}, {@code logger}, {@code service}, {@code
 * correlation_id}, {@code cold_start}, {@code function_name}, {@code function_request_id}, {@code
 * xray_trace_id}, {@code error}), so that CloudWatch Logs Insights queries written for Powertools
 * work on Topgun's logs. Micronaut's own Lambda MDC keys ({@code AWSRequestId}, …) are renamed to
 * those names.
 *
 * <p>Credentials do not reach the log: MDC entries and key-value pairs whose names look like
 * secrets are dropped, and bearer tokens and {@code password=...}-like pairs in messages and stack
 * traces are masked. This is a safety net, not a licence: code logs no headers or secrets.
 */
public class JsonLogEncoder extends EncoderBase<ILoggingEvent> {

  private static final JsonFactory JSON = new JsonFactory();
  private static final byte[] NO_BYTES = new byte[0];

  /** Micronaut's names (DefaultDiagnosticInfoPopulator) to Powertools' names. */
  private static final Map<String, String> RENAMED =
      Map.of(
          "AWSRequestId", "function_request_id",
          "AWSFunctionName", "function_name",
          "AWSFunctionVersion", "function_version",
          "AWSFunctionArn", "function_arn",
          "AWSFunctionMemoryLimit", "function_memory_size",
          "AWS-XRAY-TRACE-ID", "xray_trace_id");

  /** Stale as soon as it is written. */
  private static final String DROPPED = "AWSFunctionRemainingTime";

  private static final Pattern SECRET_NAME =
      Pattern.compile(
          "(?i).*(authorization|password|passwd|secret|token|api[-_]?key|credential|cookie).*");
  private static final Pattern BEARER =
      Pattern.compile("(?i)\\b(bearer)\\s+[A-Za-z0-9\\-._~+/]{8,}=*");
  private static final Pattern SECRET_PAIR =
      Pattern.compile(
          "(?i)\\b(authorization|x-api-key|api[-_]?key|password|passwd|secret|client[-_]?secret"
              + "|access[-_]?token|refresh[-_]?token|id[-_]?token|session[-_]?token)"
              + "(\"?\\s*[:=]\\s*\"?)([^\\s,;\"'&}]+)");

  @Override
  public byte[] headerBytes() {
    return NO_BYTES;
  }

  @Override
  public byte[] footerBytes() {
    return NO_BYTES;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField(
          "timestamp",
          DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(event.getTimeStamp())));
      json.writeStringField("level", event.getLevel().toString());
      json.writeStringField("message", redact(event.getFormattedMessage()));
      json.writeStringField("logger", event.getLoggerName());
      json.writeStringField("thread", event.getThreadName());
      writeContext(json, event);
      if (event.getKeyValuePairs() != null) {
        for (KeyValuePair pair : event.getKeyValuePairs()) {
          if (pair.key != null && !SECRET_NAME.matcher(pair.key).matches()) {
            json.writeStringField(pair.key, redact(String.valueOf(pair.value)));
          }
        }
      }
      IThrowableProxy error = event.getThrowableProxy();
      if (error != null) {
        json.writeObjectFieldStart("error");
        json.writeStringField("name", error.getClassName());
        if (error.getMessage() != null) {
          json.writeStringField("message", redact(error.getMessage()));
        }
        json.writeStringField("stack", redact(ThrowableProxyUtil.asString(error)));
        json.writeEndObject();
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.write('\n');
    return out.toByteArray();
  }

  private static void writeContext(JsonGenerator json, ILoggingEvent event) throws IOException {
    Map<String, String> fields = new TreeMap<>();
    lambdaEnvironment(fields);
    Map<String, String> mdc = event.getMDCPropertyMap();
    if (mdc != null) {
      mdc.forEach(
          (key, value) -> {
            if (key == null || value == null || DROPPED.equals(key)) {
              return;
            }
            String name = RENAMED.getOrDefault(key, key);
            if (!SECRET_NAME.matcher(name).matches()) {
              fields.put(name, value);
            }
          });
    }
    for (Map.Entry<String, String> field : fields.entrySet()) {
      if ("cold_start".equals(field.getKey())) {
        json.writeBooleanField("cold_start", Boolean.parseBoolean(field.getValue()));
      } else {
        json.writeStringField(field.getKey(), field.getValue());
      }
    }
  }

  /** What Lambda's environment says, for lines logged outside a request (e.g. at start-up). */
  private static void lambdaEnvironment(Map<String, String> fields) {
    String function = System.getenv("AWS_LAMBDA_FUNCTION_NAME");
    if (function != null) {
      fields.put("function_name", function);
      fields.put("service", function);
    }
    String version = System.getenv("AWS_LAMBDA_FUNCTION_VERSION");
    if (version != null) {
      fields.put("function_version", version);
    }
    String memory = System.getenv("AWS_LAMBDA_FUNCTION_MEMORY_SIZE");
    if (memory != null) {
      fields.put("function_memory_size", memory);
    }
  }

  /** Masks credentials that a careless message or exception might carry. */
  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    String masked = BEARER.matcher(text).replaceAll("$1 ***");
    return SECRET_PAIR.matcher(masked).replaceAll("$1$2***");
  }
}
