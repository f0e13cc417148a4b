package dev.topgun.shared.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventRulesTest {

  @Test
  void schedules_areReadWithTheRules_andRatesGiveTheirPeriod() throws IOException {
    // when
    EventRules declared =
        parse(
            """
            {"rules": [{"name": "r", "eventPattern": {"source": ["topgun.licensing"]},
                        "targets": ["organizations"]}],
             "schedules": [
               {"name": "licensing-sweep", "expression": "rate(15 minutes)", "function": "licensing"},
               {"name": "hourly", "expression": "rate(1 hour)", "function": "platform"},
               {"name": "nightly", "expression": "cron(0 3 * * ? *)", "function": "platform"}]}
            """);

    // then
    assertThat(declared.rules()).hasSize(1);
    assertThat(declared.schedules())
        .extracting(EventRules.Schedule::name)
        .containsExactly("licensing-sweep", "hourly", "nightly");
    assertThat(declared.schedules().get(0).function()).isEqualTo("licensing");
    assertThat(declared.schedules().get(0).rate()).contains(Duration.ofMinutes(15));
    assertThat(declared.schedules().get(1).rate()).contains(Duration.ofHours(1));
    assertThat(declared.schedules().get(2).rate()).isEmpty();
  }

  @Test
  void documentWithoutSchedules_hasNone() throws IOException {
    assertThat(parse("{\"rules\": []}").schedules()).isEmpty();
  }

  @Test
  void unitsAreSingularForOneAndPluralOtherwise_asEventBridgeRequires() {
    assertThatThrownBy(() -> schedule("rate(1 minutes)"))
        .hasMessageContaining("singular unit for 1");
    assertThatThrownBy(() -> schedule("rate(5 minute)")).hasMessageContaining("singular unit");
    assertThatThrownBy(() -> schedule("rate(0 minutes)")).hasMessageContaining("rate(<n> <unit>)");
    assertThatThrownBy(() -> schedule("every 5 minutes")).hasMessageContaining("rate(<n> <unit>)");
    assertThatThrownBy(() -> schedule("cron(0 3 * * ?)")).hasMessageContaining("cron(<6 fields>)");
    assertThat(schedule("rate(1 day)").rate()).contains(Duration.ofDays(1));
    assertThat(schedule("rate(2 days)").rate()).contains(Duration.ofDays(2));
  }

  @Test
  void scheduleDeclaredTwice_isRefused() {
    EventRules.Schedule once = schedule("rate(5 minutes)");
    assertThatThrownBy(() -> EventRules.of(List.of(), List.of(once, once)))
        .hasMessageContaining("schedule declared twice: s");
  }

  @Test
  void repositoryDeclaration_loads_andSendsLicensingNoticesToOrganizations() {
    // when
    EventRules.Rule notices = declaredRule("license-notices-to-organizations");

    // then
    assertThat(notices.targets()).containsExactly("organizations");
    assertThat(notices.eventPattern())
        .isEqualTo(
            Map.of(
                "source",
                List.of("topgun.licensing"),
                "detail-type",
                List.of("LicenseGraceStarted", "LicenseExpired")));
  }

  @Test
  void repositoryDeclaration_sendsEveryDomainsThresholdCrossingsToOrganizations_once() {
    // when
    EventRules.Rule thresholds = declaredRule("limit-thresholds-to-organizations");

    // then: any topgun.<domain> (organizations' own, licensing's, the next domain's), and no other
    // rule also sends them to organizations, which would deliver each crossing twice
    assertThat(thresholds.targets()).containsExactly("organizations");
    assertThat(thresholds.eventPattern())
        .isEqualTo(
            Map.of(
                "source",
                List.of(Map.of("prefix", "topgun.")),
                "detail-type",
                List.of("LimitThresholdCrossed")));
    assertThat(EventRules.load().rules())
        .filteredOn(r -> r.targets().contains("organizations"))
        .filteredOn(r -> r.eventPatternJson().contains("LimitThresholdCrossed"))
        .containsExactly(thresholds);
  }

  private static EventRules.Rule declaredRule(String name) {
    return EventRules.load().rules().stream()
        .filter(r -> r.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static EventRules.Schedule schedule(String expression) {
    return new EventRules.Schedule("s", expression, "platform");
  }

  private static EventRules parse(String json) throws IOException {
    return EventRules.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void streams_areReadWithTheirFilter_andDefaultBatchSize() throws IOException {
    // when
    EventRules declared =
        parse(
            """
            {"rules": [],
             "streams": [
               {"name": "relay", "function": "platform",
                "filter": {"eventName": ["INSERT"]}, "batchSize": 50},
               {"name": "audit", "function": "platform", "filter": {"eventName": ["REMOVE"]}}]}
            """);

    // then
    assertThat(declared.streams())
        .extracting(EventRules.Stream::name, EventRules.Stream::batchSize)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("relay", 50),
            org.assertj.core.groups.Tuple.tuple("audit", 100));
    assertThat(declared.streams().get(0).filterJson()).isEqualTo("{\"eventName\":[\"INSERT\"]}");
  }

  @Test
  void aStreamWithoutFilter_orWithAnImpossibleBatch_isRefused() {
    assertThatThrownBy(() -> new EventRules.Stream("s", "platform", Map.of(), null))
        .hasMessageContaining("has no filter");
    assertThatThrownBy(
            () -> new EventRules.Stream("s", "platform", Map.of("eventName", List.of("INSERT")), 0))
        .hasMessageContaining("batchSize must be 1 to 10000");
  }

  @Test
  void repositoryDeclaration_feedsTheOutboxInsertsToThePlatformRelay() {
    // when
    EventRules.Stream relay =
        EventRules.load().streams().stream()
            .filter(s -> s.name().equals("outbox-relay"))
            .findFirst()
            .orElseThrow();

    // then
    assertThat(relay.function()).isEqualTo("platform");
    assertThat(relay.filter())
        .isEqualTo(
            Map.of(
                "eventName",
                List.of("INSERT"),
                "dynamodb",
                Map.of("NewImage", Map.of("type", Map.of("S", List.of("OUTBOX"))))));
  }
}
