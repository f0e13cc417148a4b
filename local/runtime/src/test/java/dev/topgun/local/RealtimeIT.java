package dev.topgun.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.topgun.local.RuntimeClient.Answer;
import dev.topgun.local.RuntimeClient.User;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/**
 * The console's live channel through the local runtime: a WebSocket to {@code /v1/realtime} with a
 * real cognito-local token, subscriptions checked through the one check point, every committed
 * change of a subscribed organization pushed once, refusals, and the removed member's subscription
 * closed.
 */
class RealtimeIT {

  static final Duration PUSH = Duration.ofSeconds(20);

  @TempDir static Path data;
  static LocalRuntime runtime;
  static RuntimeClient client;
  static String operator;
  static String root;

  @BeforeAll
  static void start() {
    runtime = LocalRuntime.start(LocalConfig.defaults().withFreePorts().withDataDir(data));
    client = new RuntimeClient(runtime);
    operator = client.operatorToken();
    root = runtime.rootOrganizationId();
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (runtime != null) {
      runtime.close();
    }
  }

  static String organizationWith(User member, String role) throws Exception {
    return client.organizationWith(operator, root, member, role);
  }

  static boolean is(JsonNode message, String type, String organizationId) {
    return message.path("type").asText().equals(type)
        && message.path("organizationId").asText().equals(organizationId);
  }

  static void rename(String org, String name) throws Exception {
    Answer renamed =
        client.call(operator, "PATCH", "/v1/organizations/" + org, "{\"name\":\"" + name + "\"}");
    assertThat(renamed.status()).as(renamed.raw()).isEqualTo(200);
  }

  @Test
  void aMember_isPushedEveryChangeOfItsOrganization_once_andInOrder() throws Exception {
    // given
    User member = client.signUp("live-member");
    String org = organizationWith(member, "member");
    try (RealtimeClient live = RealtimeClient.connect(runtime, member.token())) {
      live.subscribe(org);
      live.await(m -> is(m, "subscribed", org), PUSH);

      // when
      for (int i = 0; i < 5; i++) {
        rename(org, "Renamed " + i);
      }

      // then
      List<RealtimeClient.Received> pushed =
          live.awaitCount(
              m ->
                  is(m, "event", org) && m.path("eventType").asText().equals("OrganizationUpdated"),
              5,
              PUSH);
      assertThat(pushed).hasSize(5);
      List<String> ids = pushed.stream().map(r -> r.message().path("eventId").asText()).toList();
      assertThat(ids).doesNotHaveDuplicates().isSorted();
      JsonNode first = pushed.get(0).message();
      assertThat(first.path("occurredAt").asText()).isNotBlank();
      assertThat(first.has("data")).as("a notice carries no event data").isFalse();
    }
  }

  @Test
  void aNonMembersSubscription_isRefused_andItIsPushedNothing() throws Exception {
    // given
    User member = client.signUp("live-owner");
    String org = organizationWith(member, "owner");
    User stranger = client.signUp("live-stranger");
    try (RealtimeClient live = RealtimeClient.connect(runtime, stranger.token())) {

      // when
      live.subscribe(org);

      // then
      JsonNode refused = live.await(m -> is(m, "subscription_refused", org), PUSH).message();
      assertThat(refused.path("status").asInt()).isEqualTo(404);
      rename(org, "Unseen");
      try (RealtimeClient owner = RealtimeClient.connect(runtime, member.token())) {
        owner.subscribe(org);
        owner.await(m -> is(m, "subscribed", org), PUSH);
        rename(org, "Seen by the owner");
        owner.await(m -> is(m, "event", org), PUSH);
      }
      assertThat(live.messages()).noneMatch(m -> is(m, "event", org));
    }
  }

  @Test
  void aRemovedMembersSubscription_isClosed_andSoIsItsConnection() throws Exception {
    // given
    User member = client.signUp("live-removed");
    String org = organizationWith(member, "viewer");
    try (RealtimeClient live = RealtimeClient.connect(runtime, member.token())) {
      live.subscribe(org);
      live.await(m -> is(m, "subscribed", org), PUSH);

      // when
      Answer removed =
          client.call(
              operator, "DELETE", "/v1/organizations/" + org + "/members/" + member.sub(), null);
      assertThat(removed.status()).as(removed.raw()).isEqualTo(204);

      // then
      JsonNode closed = live.await(m -> is(m, "subscription_closed", org), PUSH).message();
      assertThat(closed.path("reason").asText()).isEqualTo("access_revoked");
      assertThat(live.closed().get(PUSH.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1000);
    }
  }

  @Test
  void aConnectionWithoutAValidToken_isRefusedAtTheHandshake() {
    assertThatThrownBy(() -> RealtimeClient.connect(runtime, null))
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(WebSocketHandshakeException.class);
    assertThatThrownBy(() -> RealtimeClient.connect(runtime, "not-a-token"))
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOfSatisfying(
            WebSocketHandshakeException.class,
            e -> assertThat(e.getResponse().statusCode()).isEqualTo(401));
  }

  @Test
  void aBadMessage_isAnsweredWithAnError_andTheConnectionStays() throws Exception {
    // given
    User member = client.signUp("live-bad");
    try (RealtimeClient live = RealtimeClient.connect(runtime, member.token())) {

      // when
      live.send("{\"action\":\"dance\"}");
      live.send("not json");
      live.send("{\"action\":\"subscribe\",\"organizationId\":\"../../etc\"}");

      // then
      List<RealtimeClient.Received> errors =
          live.awaitCount(m -> m.path("type").asText().equals("error"), 3, PUSH);
      assertThat(errors).hasSize(3);
      assertThat(live.closed()).isNotDone();
    }
  }

  @Test
  void theConnectionsApi_answersGone_forAConnectionThatIsNotOpen() {
    try (ApiGatewayManagementApiClient connections =
        SdkClients.of(ApiGatewayManagementApiClient.builder(), runtime.endpoint())) {
      assertThatThrownBy(
              () ->
                  connections.postToConnection(
                      r -> r.connectionId("bm90LW9wZW4=").data(SdkBytes.fromUtf8String("{}"))))
          .isInstanceOf(GoneException.class);
      assertThatThrownBy(() -> connections.getConnection(r -> r.connectionId("bm90LW9wZW4=")))
          .isInstanceOf(GoneException.class);
    }
  }
}
