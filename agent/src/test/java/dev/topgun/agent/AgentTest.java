package dev.topgun.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.agent.api.ApiException;
import dev.topgun.agent.api.Credentials;
import dev.topgun.agent.json.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentTest {

  private static final String TOKEN = "enrol-9f8e7d";
  private static final String CREDENTIAL = "cred-1a2b3c";
  private static final String ENROLLED =
      "{\"serverId\":\"srv_01\",\"credential\":\"" + CREDENTIAL + "\",\"intervalSeconds\":30}";

  @TempDir Path dataDir;
  private StubApi api;
  private AgentHarness h;

  @BeforeEach
  void setUp() throws IOException {
    api = new StubApi();
    api.on("POST /v1/agent/enrol", 201, ENROLLED);
    api.on("POST /v1/agent/metrics", r -> accepted(r));
    h = new AgentHarness(dataDir, api.uri());
  }

  @AfterEach
  void tearDown() {
    api.close();
  }

  private static StubApi.Response accepted(StubApi.Request r) {
    int n = Json.array(Json.parseObject(r.body()), "samples").size();
    return new StubApi.Response(200, "{\"accepted\":" + n + ",\"duplicates\":0}");
  }

  /** Every seq the API received in metrics pushes, in arrival order. */
  private List<Long> receivedSeqs() {
    List<Long> seqs = new ArrayList<>();
    for (StubApi.Request r : api.requests("POST /v1/agent/metrics")) {
      for (Object s : Json.array(Json.parseObject(r.body()), "samples")) {
        @SuppressWarnings("unchecked")
        Map<String, Object> sample = (Map<String, Object>) s;
        seqs.add(Json.number(sample, "seq").longValueExact());
      }
    }
    return seqs;
  }

  @Test
  void enrolment_sendsTokenAndFacts_andStoresTheCredential() throws ApiException {
    // when
    Credentials c = h.agent.enrol(TOKEN);

    // then
    StubApi.Request r = api.requests("POST /v1/agent/enrol").get(0);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.header("Authorization")).isNull();
    assertThat(Json.parseObject(r.body()))
        .isEqualTo(
            Json.parseObject(
                "{\"token\":\""
                    + TOKEN
                    + "\",\"facts\":{\"hostname\":\"web-01\",\"cores\":2,"
                    + "\"memoryTotalMb\":4096}}"));
    assertThat(c).isEqualTo(new Credentials("srv_01", CREDENTIAL, 30));
    assertThat(h.credentials.load()).contains(c);
    assertThat(h.log()).contains("enrolled as server srv_01").doesNotContain(TOKEN, CREDENTIAL);
  }

  @Test
  void anEnrolledAgent_needsNoTokenAgain() throws ApiException {
    h.agent.enrol(TOKEN);
    h.start(api.uri());

    Credentials c = h.agent.enrol(null);

    assertThat(c.serverId()).isEqualTo("srv_01");
    assertThat(api.requests("POST /v1/agent/enrol")).hasSize(1);
  }

  @Test
  void aRefusedToken_isAnErrorAndStoresNothing() {
    api.on("POST /v1/agent/enrol", 410, "{\"title\":\"Enrolment token already used\"}");

    assertThatThrownBy(() -> h.agent.enrol(TOKEN))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ApiException.Kind.REJECTED);
              assertThat(e.getMessage()).contains("410", "already used");
            });
    assertThat(h.credentials.load()).isEmpty();
  }

  @Test
  void aTick_pushesTheSampleWithBearerCredential_inTheWireShape() throws ApiException {
    // given
    h.agent.enrol(TOKEN);

    // when
    h.tickAfterInterval();

    // then
    StubApi.Request r = api.requests("POST /v1/agent/metrics").get(0);
    assertThat(r.header("Authorization")).isEqualTo("Bearer " + CREDENTIAL);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    Map<String, Object> body = Json.parseObject(r.body());
    assertThat(body.keySet()).containsExactly("serverId", "samples");
    assertThat(body).containsEntry("serverId", "srv_01");
    @SuppressWarnings("unchecked")
    Map<String, Object> sample = (Map<String, Object>) Json.array(body, "samples").get(0);
    assertThat(sample.keySet())
        .containsExactly(
            "seq",
            "at",
            "cpuPercent",
            "load1",
            "load5",
            "load15",
            "cores",
            "memoryTotalMb",
            "memoryUsedMb",
            "memoryAvailableMb",
            "swapTotalMb",
            "swapUsedMb",
            "disks",
            "diskReadBytesPerSec",
            "diskWriteBytesPerSec",
            "netRxBytesPerSec",
            "netTxBytesPerSec",
            "tcpActive",
            "tcpEstablished",
            "containers");
    assertThat(sample)
        .containsEntry("seq", new BigDecimal(1))
        .containsEntry("at", "2026-12-04T04:00:30Z")
        .containsEntry("cpuPercent", new BigDecimal("12.5"));
    assertThat(Json.write(sample.get("disks")))
        .isEqualTo("[{\"mount\":\"/\",\"totalMb\":10240,\"usedMb\":2048,\"availableMb\":8192}]");
    assertThat(Json.write(sample.get("containers")))
        .isEqualTo(
            "[{\"id\":\"abc\",\"name\":\"web\",\"cpuPercent\":1.5,\"memoryUsedMb\":64,"
                + "\"memoryLimitMb\":512}]");
    assertThat(h.spool.pending()).isZero();
  }

  @Test
  void apiDown_spoolsWithBackoff_thenSendsTheBacklogInOrder_nothingLostOrDoubled()
      throws ApiException {
    // given an enrolled agent and an API answering 503
    h.agent.enrol(TOKEN);
    AtomicBoolean up = new AtomicBoolean(false);
    api.on(
        "POST /v1/agent/metrics",
        r -> up.get() ? accepted(r) : new StubApi.Response(503, "{\"title\":\"down\"}"));

    // when 10 intervals pass while it is down
    for (int i = 0; i < 10; i++) {
      h.tickAfterInterval();
    }

    // then all 10 are kept, and the tries backed off (30, 60, 120, 240 s): 4 tries, not 10
    assertThat(h.spool.pending()).isEqualTo(10);
    assertThat(api.requests("POST /v1/agent/metrics")).hasSize(4);
    assertThat(h.log()).contains("cannot send samples", "next try in 240 s");

    // when it is back and the backoff has run out
    up.set(true);
    int triedWhileDown = api.requests("POST /v1/agent/metrics").size();
    for (int i = 0; i < 10 && h.spool.pending() > 0; i++) {
      h.tickAfterInterval();
    }

    // then every sample arrived once, in order
    List<Long> delivered =
        receivedSeqs()
            .subList(
                countSamples(api.requests("POST /v1/agent/metrics").subList(0, triedWhileDown)),
                receivedSeqs().size());
    assertThat(delivered).isSortedAccordingTo(Long::compare).doesNotHaveDuplicates();
    assertThat(delivered.get(0)).isEqualTo(1L);
    assertThat(delivered.get(delivered.size() - 1)).isEqualTo(h.spool.nextSeq() - 1);
    assertThat(delivered).hasSize((int) (h.spool.nextSeq() - 1));
    assertThat(h.spool.pending()).isZero();
  }

  private static int countSamples(List<StubApi.Request> requests) {
    return requests.stream()
        .mapToInt(r -> Json.array(Json.parseObject(r.body()), "samples").size())
        .sum();
  }

  @Test
  void anUnreachableApi_thenARestart_sendsTheBacklogInBatchesOfAtMost100() throws Exception {
    // given an agent enrolled, then cut off: its API address refuses connections
    h.agent.enrol(TOKEN);
    URI closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = URI.create("http://127.0.0.1:" + s.getLocalPort());
    }
    h.start(closed);
    h.agent.enrol(null);
    for (int i = 0; i < 250; i++) {
      h.clock.advance(Duration.ofSeconds(30));
      h.spool.append(TestSamples.at(h.clock.instant()));
    }
    h.tickAfterInterval();
    assertThat(h.spool.pending()).isEqualTo(251);
    assertThat(h.log()).contains("cannot send samples (no answer");

    // when the agent restarts and the API answers
    h.start(api.uri());
    h.agent.enrol(null);
    h.agent.flush();

    // then
    List<StubApi.Request> pushes = api.requests("POST /v1/agent/metrics");
    assertThat(pushes)
        .extracting(r -> Json.array(Json.parseObject(r.body()), "samples").size())
        .containsExactly(100, 100, 51);
    List<Long> expected = new ArrayList<>();
    for (long seq = 1; seq <= 251; seq++) {
      expected.add(seq);
    }
    assertThat(receivedSeqs()).isEqualTo(expected);
    assertThat(h.spool.pending()).isZero();
  }

  @Test
  void tooManyRequests_keepsTheSamplesForLater() throws ApiException {
    h.agent.enrol(TOKEN);
    api.on("POST /v1/agent/metrics", 429, "{\"title\":\"slow down\"}");

    h.tickAfterInterval();

    assertThat(h.spool.pending()).isEqualTo(1);
    assertThat(h.agent.stopped()).isEqualTo(Agent.Stop.RUNNING);
  }

  @Test
  void aRefusedBatch_isDroppedWithTheReasonLogged_andLaterSamplesStillGo() throws ApiException {
    // given
    h.agent.enrol(TOKEN);
    api.on(
        "POST /v1/agent/metrics", 422, "{\"title\":\"Invalid\",\"detail\":\"cpuPercent > 100\"}");
    h.tickAfterInterval();

    // when the API accepts again
    api.on("POST /v1/agent/metrics", r -> accepted(r));
    h.tickAfterInterval();

    // then
    assertThat(h.log()).contains("API refused samples 1..1, dropped", "422", "cpuPercent > 100");
    assertThat(api.requests("POST /v1/agent/metrics")).hasSize(2);
    assertThat(receivedSeqs()).containsExactly(1L, 2L);
    assertThat(h.spool.pending()).isZero();
  }

  @Test
  void unauthorized_stopsTheAgent_sayingTheCredentialWasRevoked() throws ApiException {
    // given
    h.agent.enrol(TOKEN);
    api.on("POST /v1/agent/metrics", 401, "{\"title\":\"Unauthorized\"}");

    // when
    h.tickAfterInterval();
    h.tickAfterInterval();

    // then
    assertThat(h.agent.stopped()).isEqualTo(Agent.Stop.REVOKED);
    assertThat(api.requests("POST /v1/agent/metrics")).hasSize(1);
    assertThat(h.log()).contains("revoked").doesNotContain(CREDENTIAL);
  }

  @Test
  void backoff_doublesFromTheInterval_upToFiveMinutes() {
    assertThat(h.agent.backoff(1)).isEqualTo(Duration.ofSeconds(30));
    assertThat(h.agent.backoff(2)).isEqualTo(Duration.ofSeconds(60));
    assertThat(h.agent.backoff(4)).isEqualTo(Duration.ofSeconds(240));
    assertThat(h.agent.backoff(5)).isEqualTo(Duration.ofMinutes(5));
    assertThat(h.agent.backoff(50)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void aFailedSample_isLogged_andTheBacklogStillGoes() throws ApiException {
    // given one sample spooled while the API was down
    h.agent.enrol(TOKEN);
    api.on("POST /v1/agent/metrics", 503, "{}");
    h.tickAfterInterval();
    api.on("POST /v1/agent/metrics", r -> accepted(r));

    // when the next sample cannot be taken, after the backoff
    h.samplingFailure = new IllegalStateException("/proc/stat unreadable");
    h.tickAfterInterval();

    // then
    assertThat(h.log()).contains("sampling failed: /proc/stat unreadable");
    assertThat(h.spool.pending()).isZero();
    assertThat(receivedSeqs()).containsExactly(1L, 1L);
  }
}
