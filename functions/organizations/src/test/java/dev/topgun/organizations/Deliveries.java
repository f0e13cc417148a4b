package dev.topgun.organizations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.shared.events.OutboundEvent;
import dev.topgun.shared.lambda.FunctionHandler;
import io.micronaut.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Events handed to the function's Lambda entry point as EventBridge delivers them ({@code
 * events/eventbridge-event.json}): facts another domain published, from its contract fixtures, or
 * events of this function's own outbox, as the relay will put them on the bus.
 */
final class Deliveries {

  private final FunctionHandler handler;
  private final JsonMapper json;

  Deliveries(Api api) {
    this.handler = new FunctionHandler(api.context);
    this.json = api.context.getBean(JsonMapper.class);
  }

  /** An event of this function's outbox, as EventBridge delivers it once the relay published it. */
  Map<String, Object> deliver(OutboundEvent published) {
    return deliver(eventBridge(published.source(), published.detailType(), published.detail()));
  }

  /** The function's answer to one EventBridge event (its dispatch). */
  @SuppressWarnings("unchecked")
  Map<String, Object> deliver(String eventBridgeEvent) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      handler.handleRequest(
          new ByteArrayInputStream(eventBridgeEvent.getBytes(StandardCharsets.UTF_8)), out, null);
      return json.readValue(out.toByteArray(), Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The outcome of the one delivery, to {@code consumer} (a class name), the answer reports. */
  @SuppressWarnings("unchecked")
  static String outcome(Map<String, Object> answer, String consumer) {
    List<Map<String, Object>> deliveries = (List<Map<String, Object>>) answer.get("deliveries");
    assertThat(deliveries).hasSize(1);
    assertThat(deliveries.get(0)).containsEntry("consumer", consumer);
    return (String) deliveries.get(0).get("outcome");
  }

  /** The EventBridge event of {@code detail} (an envelope), each time with a new EventBridge id. */
  static String eventBridge(String source, String detailType, String detail) {
    try (InputStream in = Deliveries.class.getResourceAsStream("/events/eventbridge-event.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("${id}", UUID.randomUUID().toString())
          .replace("${source}", source)
          .replace("${detailType}", detailType)
          .replace("${detail}", detail);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A contract fixture (an envelope) read from a file, relative to this module. */
  static String fixture(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A contract fixture from the test classpath (shared-lib's test-jar holds its events'). */
  static String fixture(String resource) {
    try (InputStream in = Deliveries.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
