package dev.topgun.organizations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.shared.store.SingleTableStore;
import dev.topgun.shared.testing.LambdaApi.Response;
import dev.topgun.shared.testing.LambdaApi.User;
import dev.topgun.shared.testing.LocalTable;
import dev.topgun.shared.testing.OutboxEvents;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Invitations end to end through the Lambda handler: the e-mail really goes over SMTP to maildev,
 * the test reads it from maildev's REST API and accepts with the token from its link.
 */
class InvitationsIT {

  @RegisterExtension static final LocalTable TABLE = new LocalTable();

  @RegisterExtension
  static final MailedApi MAILED =
      new MailedApi(TABLE, Map.of("topgun.web.base-url", "https://app.topgun.test/"));

  private static final User OPERATOR = Api.OPERATOR;
  private static final Pattern LINK =
      Pattern.compile("https://app\\.topgun\\.test/invitations/([A-Za-z0-9_-]+)");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static Api api;
  private static String org;

  @BeforeAll
  static void start() {
    api = MAILED.api();
    org = api.create(OPERATOR, api.root, "invite-reseller", "master_branch");
  }

  @Test
  void anInviteeAcceptsOnce_withTheTokenFromTheMail() throws Exception {
    // given
    User invitee = User.named("invitee-one");
    Response invited = invite(OPERATOR, invitee.email().toUpperCase(), "admin");
    assertThat(invited.status()).as(invited.raw()).isEqualTo(201);
    assertThat(invited.body())
        .containsEntry("organizationId", org)
        .containsEntry("email", invitee.email())
        .containsEntry("role", "admin")
        .containsEntry("status", "pending")
        .containsKeys("id", "expiresAt");
    String token = tokenMailedTo(invitee.email());
    assertThat(invited.raw()).doesNotContain(token);
    assertThat(api.call(invitee, "GET", "/v1/organizations/" + org, null).status()).isEqualTo(404);

    // when
    Response accepted = accept(invitee, token);
    Response again = accept(invitee, token);

    // then
    assertThat(accepted.status()).as(accepted.raw()).isEqualTo(201);
    assertThat(accepted.body()).containsEntry("role", "admin");
    assertThat(api.call(invitee, "GET", "/v1/organizations/" + org, null).status()).isEqualTo(200);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body()).containsEntry("reason", "invitation_used");
    Instant expires = Instant.parse((String) invited.body().get("expiresAt"));
    assertThat(expires)
        .isBetween(
            Instant.now().plus(Duration.ofDays(7)).minusSeconds(120),
            Instant.now().plus(Duration.ofDays(7)));
    assertThat(api.call(OPERATOR, "GET", "/v1/organizations/" + org + "/audit", null).items())
        .extracting(e -> e.get("action"))
        .contains("invitation.created", "member.added");
    assertThat(OutboxEvents.of(TABLE).about(org))
        .filteredOn(e -> e.detail().contains(invitee.email()) || e.detail().contains(invitee.sub()))
        .extracting(e -> e.detailType())
        .containsExactly("InvitationCreated", "MemberAdded");
    assertThat(OutboxEvents.of(TABLE).all()).noneMatch(e -> e.detail().contains(token));
  }

  @Test
  void onlyTheInvitedVerifiedAddress_mayAccept() throws Exception {
    // given
    User invitee = User.named("invitee-two");
    assertThat(invite(OPERATOR, invitee.email(), "member").status()).isEqualTo(201);
    String token = tokenMailedTo(invitee.email());

    // when
    Response stranger = accept(User.named("stranger"), token);
    Response unverified = accept(new User(invitee.sub(), invitee.email(), false), token);
    Response unknown = accept(invitee, otherThan(token));

    // then
    assertThat(stranger.status()).isEqualTo(403);
    assertThat(stranger.body()).containsEntry("reason", "email_mismatch");
    assertThat(unverified.status()).isEqualTo(403);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(accept(invitee, token).status()).isEqualTo(201);
  }

  @Test
  void anExpiredInvitation_is410() throws Exception {
    // given
    User invitee = User.named("invitee-late");
    assertThat(invite(OPERATOR, invitee.email(), "viewer").status()).isEqualTo(201);
    String token = tokenMailedTo(invitee.email());
    SingleTableStore store = api.context.getBean(SingleTableStore.class);
    var item =
        store
            .get(
                dev.topgun.organizations.store.InvitationItem.SCHEMA,
                "INVITATION#" + sha256(token),
                "INVITATION")
            .orElseThrow();
    item.setExpiresAt(Instant.now().minus(1, ChronoUnit.MINUTES).toString());
    store.put(dev.topgun.organizations.store.InvitationItem.SCHEMA, item);

    // when
    Response late = accept(invitee, token);

    // then
    assertThat(late.status()).isEqualTo(410);
    assertThat(late.body()).containsEntry("reason", "invitation_expired");
  }

  @Test
  void twoConcurrentAccepts_exactlyOneSucceeds() throws Exception {
    // given
    User invitee = User.named("invitee-race");
    assertThat(invite(OPERATOR, invitee.email(), "member").status()).isEqualTo(201);
    String token = tokenMailedTo(invitee.email());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        Callable<Integer> acceptIt =
            () -> {
              go.await();
              return accept(invitee, token).status();
            };
        results.add(pool.submit(acceptIt));
      }

      // when
      go.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> result : results) {
        statuses.add(result.get());
      }

      // then
      assertThat(statuses).containsExactlyInAnyOrder(201, 409);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anAdminCannotInviteAnOwner_norGrantWhatTheyLack() {
    // given
    User admin = User.named("invite-admin");
    api.addMember(OPERATOR, org, admin, "admin");

    // when
    Response owner = invite(admin, "future-owner@example.test", "owner");
    Response badEmail = invite(admin, "not-an-address", "member");

    // then
    assertThat(owner.status()).isEqualTo(403);
    assertThat(owner.body()).containsEntry("permission", "owners:write");
    assertThat(badEmail.status()).isEqualTo(400);
  }

  @Test
  void whenTheMailServerRefuses_503_andNothingIsStored() {
    // given: a function whose SMTP server does not listen
    try (Api noMail =
        new Api(
            TABLE,
            Map.of("topgun.mail.smtp-host", "127.0.0.1", "topgun.mail.smtp-port", closedPort()))) {
      String auditBefore = auditOf(noMail);

      // when
      Response response =
          noMail.call(
              OPERATOR,
              "POST",
              "/v1/organizations/" + org + "/invitations",
              "{\"email\":\"lost@example.test\",\"role\":\"member\"}");

      // then
      assertThat(response.status()).isEqualTo(503);
      assertThat(response.headers().get("content-type")).startsWith("application/problem+json");
      assertThat(auditOf(noMail)).isEqualTo(auditBefore);
      assertThat(OutboxEvents.of(TABLE).all())
          .noneMatch(e -> e.detail().contains("lost@example.test"));
      assertThat(
              TABLE
                  .client()
                  .scan(
                      r ->
                          r.tableName(TABLE.name())
                              .filterExpression("#e = :e")
                              .expressionAttributeNames(Map.of("#e", "email"))
                              .expressionAttributeValues(
                                  Map.of(":e", AttributeValue.fromS("lost@example.test"))))
                  .items())
          .isEmpty();
    }
  }

  /** A token of the same shape that is certainly not {@code token}: its first character changed. */
  private static String otherThan(String token) {
    return (token.charAt(0) == 'A' ? 'B' : 'A') + token.substring(1);
  }

  /** A port nothing listens on (bound, then released). */
  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String auditOf(Api on) {
    return on.call(OPERATOR, "GET", "/v1/organizations/" + org + "/audit?limit=100", null).raw();
  }

  private static Response invite(User as, String email, String role) {
    return api.call(
        as,
        "POST",
        "/v1/organizations/" + org + "/invitations",
        "{\"email\":\"" + email + "\",\"role\":\"" + role + "\"}");
  }

  private static Response accept(User as, String token) {
    return api.call(as, "POST", "/v1/invitations/" + token + "/accept", null);
  }

  /** The token in the (first) invitation mailed to {@code address}. */
  private static String tokenMailedTo(String address) {
    String text = MAILED.inbox().to(address, 1).get(0).text();
    Matcher link = LINK.matcher(text);
    assertThat(link.find()).as(text).isTrue();
    return link.group(1);
  }

  private static String sha256(String token) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(
            java.security.MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }
}
