package dev.topgun.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.agent.api.ApiException;
import dev.topgun.agent.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandsTest {

  private static final String CREDENTIAL = "cred-old-111";

  @TempDir Path parent;
  private Path dataDir;
  private StubApi api;
  private AgentHarness h;

  @BeforeEach
  void setUp() throws IOException, ApiException {
    dataDir = Files.createDirectory(parent.resolve("data"));
    api = new StubApi();
    api.on(
        "POST /v1/agent/enrol",
        201,
        "{\"serverId\":\"srv_01\",\"credential\":\"" + CREDENTIAL + "\",\"intervalSeconds\":30}");
    api.on("POST /v1/agent/metrics", 200, "{\"accepted\":1,\"duplicates\":0}");
    api.on("POST /v1/agent/facts", 204, "");
    api.on("POST /v1/agent/commands/c1/result", 204, "");
    h = new AgentHarness(dataDir, api.uri());
    h.agent.enrol("enrol-token");
  }

  @AfterEach
  void tearDown() {
    api.close();
  }

  private void commands(String json) {
    api.on("GET /v1/agent/commands", 200, "{\"commands\":[" + json + "]}");
  }

  private StubApi.Request result() {
    return api.requests("POST /v1/agent/commands/c1/result").get(0);
  }

  @Test
  void thePoll_isALongPollWithTheCredential() throws ApiException {
    commands("");

    h.agent.pollCommands();

    StubApi.Request poll = api.requests("GET /v1/agent/commands").get(0);
    assertThat(poll.path()).isEqualTo("/v1/agent/commands?wait=20");
    assertThat(poll.header("Authorization")).isEqualTo("Bearer " + CREDENTIAL);
  }

  @Test
  void collectFacts_postsTheFacts_thenASucceededResult() throws ApiException {
    commands("{\"id\":\"c1\",\"type\":\"collect-facts\",\"args\":{}}");

    h.agent.pollCommands();

    StubApi.Request facts = api.requests("POST /v1/agent/facts").get(0);
    assertThat(facts.header("Authorization")).isEqualTo("Bearer " + CREDENTIAL);
    assertThat(Json.parseObject(facts.body()))
        .isEqualTo(
            Json.parseObject(
                "{\"serverId\":\"srv_01\",\"facts\":{\"hostname\":\"web-01\",\"cores\":2,"
                    + "\"memoryTotalMb\":4096}}"));
    assertThat(Json.parseObject(result().body()))
        .isEqualTo(Map.of("status", "succeeded", "output", "facts sent"));
    assertThat(api.requests.indexOf(facts)).isLessThan(api.requests.indexOf(result()));
  }

  @Test
  void rotateCredential_storesTheNewOne_andUsesItFromTheResultOn() throws ApiException {
    // given
    commands(
        "{\"id\":\"c1\",\"type\":\"rotate-credential\",\"args\":{\"credential\":\"cred-new-222\"}}");

    // when
    h.agent.pollCommands();
    h.tickAfterInterval();

    // then
    assertThat(h.credentials.load().orElseThrow().credential()).isEqualTo("cred-new-222");
    assertThat(result().header("Authorization")).isEqualTo("Bearer cred-new-222");
    assertThat(Json.parseObject(result().body())).containsEntry("status", "succeeded");
    assertThat(api.requests("POST /v1/agent/metrics").get(0).header("Authorization"))
        .isEqualTo("Bearer cred-new-222");
    assertThat(h.log()).contains("credential rotated").doesNotContain("cred-new-222", CREDENTIAL);
  }

  @Test
  void rotateCredential_withoutOne_failsAndKeepsTheOld() throws ApiException {
    commands("{\"id\":\"c1\",\"type\":\"rotate-credential\",\"args\":{}}");

    h.agent.pollCommands();

    assertThat(Json.parseObject(result().body())).containsEntry("status", "failed");
    assertThat(h.credentials.load().orElseThrow().credential()).isEqualTo(CREDENTIAL);
  }

  @Test
  void uninstall_reportsSuccess_removesTheDataDirectory_andStops() throws ApiException {
    // given something spooled
    api.on("POST /v1/agent/metrics", 503, "{}");
    h.tickAfterInterval();
    commands("{\"id\":\"c1\",\"type\":\"uninstall\",\"args\":{}}");

    // when
    h.agent.pollCommands();
    h.tickAfterInterval();

    // then
    assertThat(Json.parseObject(result().body())).containsEntry("status", "succeeded");
    assertThat(dataDir).doesNotExist();
    assertThat(h.agent.stopped()).isEqualTo(Agent.Stop.UNINSTALLED);
    assertThat(api.requests("POST /v1/agent/metrics")).hasSize(1);
  }

  @Test
  void anUnknownCommand_getsAFailedResult() throws ApiException {
    commands("{\"id\":\"c1\",\"type\":\"reboot\",\"args\":{}}");

    h.agent.pollCommands();

    assertThat(Json.parseObject(result().body()))
        .isEqualTo(Map.of("status", "failed", "output", "unknown command type: reboot"));
  }

  @Test
  void unauthorizedPoll_stopsTheAgent() {
    api.on("GET /v1/agent/commands", 401, "{}");

    assertThatThrownBy(h.agent::pollCommands)
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.kind()).isEqualTo(ApiException.Kind.REVOKED));

    assertThat(h.agent.stopped()).isEqualTo(Agent.Stop.REVOKED);
  }
}
