package dev.topgun.organizations;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.topgun.emulators.MailEmulator;
import dev.topgun.organizations.IsolationModel.Org;
import dev.topgun.shared.ids.Ids;
import dev.topgun.shared.tenancy.Decision;
import dev.topgun.shared.tenancy.Permission;
import dev.topgun.shared.tenancy.Role;
import dev.topgun.shared.testing.LocalTable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tenant isolation of the organizations function (issue 3): two reseller trees under the root,
 * {@code alpha} and {@code bravo}, each {@code reseller (master_branch) > subres (sub_user) >
 * customer (end_user)} plus {@code custtwo (end_user)}, a deleted {@code gone} and two scratch
 * organizations under the reseller, with members of every role, a user in both trees and one in
 * none, all built through the API.
 *
 * <p>A scripted part moves, deletes, restores, invites and accepts for real (and undoes it); then a
 * seeded generator sends thousands of requests over every route of the function in the route table,
 * drawing callers, target organizations (own, child, sibling, ancestor, the other tree's, unknown
 * ULIDs, garbage), user ids (members, the other tree's users, organization ids in a user's place)
 * and tokens (missing, malformed, forged, expired, signed by another key, {@code alg: none}, …).
 * For each request the test's own oracle ({@link IsolationModel}) says the status; every answer is
 * then checked for identifiers the caller may not see: in a success, those outside what the caller
 * is related to; in a refusal or any other error, every identifier at all, except those the request
 * itself carried. Requests whose success would change the tree are not sent by the generator (the
 * scripted part covers those), so the expected outcome of each generated request is independent of
 * the others and they may run concurrently.
 */
class IsolationIT {

  @RegisterExtension static final LocalTable TABLE = new LocalTable();

  private static final long SEED = 0x7091_2026L;
  private static final int CLAIM_REQUESTS = 4_700;
  private static final int FORGED_TOKENS_PER_CASE = 30;
  private static final int BEARER_CONTROL_REQUESTS = 150;
  private static final int THREADS = 4;

  private static final String POOL = "us-east-1_isolationIT";
  private static final String CLIENT_ID = "web-client";

  private static MailEmulator mail;
  private static HttpServer jwks;
  private static RSAKey poolKey;
  private static RSAKey otherKey;
  private static String issuer;
  private static Api api;
  private static JsonMapper json;

  private static final IsolationModel model = new IsolationModel();
  private static final Map<String, Tree> trees = new LinkedHashMap<>();
  private static final List<Sent> sent = new ArrayList<>();
  private static Api.User bridge;
  private static Api.User outsider;
  private static Api.User invitee;
  private static Api.User temp;
  private static String usedToken;
  private static String pendingToken;
  private static String goneToken;

  /** One reseller tree's organizations and people. */
  static final class Tree {
    final String name;
    String reseller;
    String subres;
    String customer;
    String custtwo;
    String gone;
    String scratch;
    String scrpar;
    Api.User resOwner;
    Api.User resAdmin;
    Api.User resMember;
    Api.User resViewer;
    Api.User subAdmin;
    Api.User subViewer;
    Api.User cusOwner;
    Api.User cusMember;
    Api.User cu2Admin;
    Api.User cu2Viewer;

    Tree(String name) {
      this.name = name;
    }
  }

  enum Kind {
    ME("GET", "/v1/me"),
    MY_ORGS("GET", "/v1/me/organizations"),
    GET_ORG("GET", "/v1/organizations/{orgId}"),
    PATCH_ORG("PATCH", "/v1/organizations/{orgId}"),
    DELETE_ORG("DELETE", "/v1/organizations/{orgId}"),
    CREATE_CHILD("POST", "/v1/organizations/{orgId}/children"),
    CHILDREN("GET", "/v1/organizations/{orgId}/children"),
    DESCENDANTS("GET", "/v1/organizations/{orgId}/descendants"),
    ANCESTORS("GET", "/v1/organizations/{orgId}/ancestors"),
    MOVE("POST", "/v1/organizations/{orgId}/move"),
    RESTORE("POST", "/v1/organizations/{orgId}/restore"),
    AUDIT("GET", "/v1/organizations/{orgId}/audit"),
    MEMBERS("GET", "/v1/organizations/{orgId}/members"),
    ADD_MEMBER("POST", "/v1/organizations/{orgId}/members"),
    PATCH_MEMBER("PATCH", "/v1/organizations/{orgId}/members/{userId}"),
    REMOVE_MEMBER("DELETE", "/v1/organizations/{orgId}/members/{userId}"),
    INVITE("POST", "/v1/organizations/{orgId}/invitations"),
    ACCEPT("POST", "/v1/invitations/{token}/accept");

    final String method;
    final String template;

    Kind(String method, String template) {
      this.method = method;
      this.template = template;
    }
  }

  /**
   * A request and what must come back: one of {@code statuses}, {@code reason} (for refusals that
   * name one) and whatever {@code check} asserts of a success.
   */
  record Planned(
      Kind kind,
      String origin,
      Api.User caller,
      String authorization,
      String method,
      String path,
      String body,
      String lane,
      Set<Integer> statuses,
      String reason,
      Consumer<Api.Response> check) {

    Planned withAuthorization(String origin, String authorization, int status, String reason) {
      return new Planned(
          kind,
          origin,
          null,
          authorization,
          method,
          path,
          body,
          lane,
          Set.of(status),
          reason,
          null);
    }

    Planned bearer(String token) {
      return new Planned(
          kind,
          "bearer:valid",
          caller,
          "Bearer " + token,
          method,
          path,
          body,
          lane,
          statuses,
          reason,
          check);
    }

    Planned expect(int status) {
      return new Planned(
          kind,
          origin,
          caller,
          authorization,
          method,
          path,
          body,
          lane,
          Set.of(status),
          reason,
          check);
    }

    Planned because(String reason) {
      return new Planned(
          kind, origin, caller, authorization, method, path, body, lane, statuses, reason, check);
    }

    Planned checking(Consumer<Api.Response> check) {
      return new Planned(
          kind, origin, caller, authorization, method, path, body, lane, statuses, reason, check);
    }

    /** Who the answer is for: the caller, or nobody for a token that proves no one. */
    String viewer() {
      return caller == null ? null : caller.sub();
    }
  }

  /** A request as sent and its answer. */
  record Sent(Planned planned, Api.Response response) {}

  @BeforeAll
  static void start() throws Exception {
    mail = MailEmulator.start(0, 0, null);
    poolKey = new RSAKeyGenerator(2048).keyID("pool-key").generate();
    otherKey = new RSAKeyGenerator(2048).keyID("other-key").generate();
    byte[] keys = new JWKSet(poolKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    jwks.createContext(
        "/" + POOL + "/.well-known/jwks.json",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, keys.length);
          exchange.getResponseBody().write(keys);
          exchange.close();
        });
    jwks.start();
    String cognito = "http://127.0.0.1:" + jwks.getAddress().getPort();
    issuer = cognito + "/" + POOL;

    Map<String, Object> properties = new HashMap<>();
    properties.put("topgun.cognito.user-pool-id", POOL);
    properties.put("topgun.cognito.client-id", CLIENT_ID);
    properties.put("topgun.endpoints.cognito", cognito);
    properties.put("topgun.mail.smtp-host", mail.smtpHost());
    properties.put("topgun.mail.smtp-port", mail.smtpPort());
    api = new Api(TABLE, properties);
    json = api.context.getBean(JsonMapper.class);

    build();
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
    if (jwks != null) {
      jwks.stop(0);
    }
    if (mail != null) {
      mail.close();
    }
  }

  @Test
  void noAnswerCarriesAnotherTenantsData_andEveryRefusalIsTheMatrixOne() throws Exception {
    // given
    long started = System.nanoTime();
    scripted();
    List<Planned> plan = generate(new Random(SEED));

    // when
    run(plan);

    // then
    List<String> failures = new ArrayList<>();
    Map<String, Map<String, String>> forbidden = new HashMap<>();
    Map<Integer, Integer> byStatus = new TreeMap<>();
    Map<String, Integer> byOrigin = new TreeMap<>();
    Map<Kind, Map<Integer, Integer>> byKind = new EnumMap<>(Kind.class);
    for (Sent s : sent) {
      verify(s, forbidden, failures);
      byStatus.merge(s.response().status(), 1, Integer::sum);
      byOrigin.merge(s.planned().origin(), 1, Integer::sum);
      byKind
          .computeIfAbsent(s.planned().kind(), k -> new TreeMap<>())
          .merge(s.response().status(), 1, Integer::sum);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "IsolationIT: %d requests in %.1f s%n  by status: %s%n  by origin: %s%n",
        sent.size(),
        seconds,
        byStatus,
        byOrigin);
    byKind.forEach((kind, statuses) -> System.out.printf("  %-13s %s%n", kind, statuses));
    failures.stream().limit(40).forEach(f -> System.out.println("  FAILED " + f));

    assertThat(failures).as("requests whose answer broke isolation or the matrix").isEmpty();
    assertThat(sent).hasSizeGreaterThanOrEqualTo(5_000);
    assertThat(byKind.keySet()).as("every route was exercised").containsAll(Set.of(Kind.values()));
    for (Kind kind : Kind.values()) {
      Map<Integer, Integer> statuses = byKind.get(kind);
      assertThat(statuses.keySet())
          .as("%s is answered both with success and with 401", kind)
          .contains(401)
          .anyMatch(s -> s >= 200 && s < 300);
      if (kind != Kind.ME && kind != Kind.MY_ORGS) {
        assertThat(statuses.keySet()).as("%s refuses with 404", kind).contains(404);
      }
    }
    assertThat(byStatus.keySet()).contains(200, 201, 204, 400, 401, 403, 404, 409);
  }

  @Test
  void theGeneratorCoversEveryRouteOfTheFunctionInTheRouteTable() throws Exception {
    // given
    Map<String, Object> table;
    try (InputStream in = IsolationIT.class.getResourceAsStream("/topgun/api-routes.json")) {
      table = api.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }

    // when
    @SuppressWarnings("unchecked")
    Set<String> routes =
        ((List<Map<String, Object>>) table.get("routes"))
            .stream()
                .filter(r -> "organizations".equals(r.get("function")))
                .map(r -> r.get("method") + " " + r.get("path"))
                .collect(Collectors.toCollection(TreeSet::new));

    // then
    Set<String> generated = new TreeSet<>();
    for (Kind kind : Kind.values()) {
      generated.add(kind.method + " " + kind.template);
    }
    assertThat(generated).isEqualTo(routes);
  }

  // ---------------------------------------------------------------------------------------------
  // The fixture

  private static void build() throws Exception {
    model.operator = Api.OPERATOR.sub();
    model.user(Api.OPERATOR);
    model.org(new Org(api.root, "operator", "Topgun operator", "top_branch", null, "root"));
    model.member(api.root, Api.OPERATOR.sub(), Role.OWNER);

    for (String name : List.of("alpha", "bravo")) {
      trees.put(name, tree(name));
    }
    Tree a = trees.get("alpha");
    Tree b = trees.get("bravo");

    bridge = user("bridge-user");
    add(a.cu2Admin, a.custtwo, bridge, Role.VIEWER);
    add(b.subAdmin, b.subres, bridge, Role.MEMBER);
    outsider = user("outsider");
    signIn(outsider);
    temp = user("alpha-temp");
    signIn(temp);
    invitee = user("alpha-invitee");

    // An invitation to an organization that is then deleted: its token must lead nowhere.
    invite(a.resOwner, a.gone, "alpha-ghost@example.test", "member");
    goneToken = mailedToken("alpha-ghost@example.test");
    expect(a.resAdmin, "DELETE", "/v1/organizations/" + a.gone, null, 200);
    model.inactive.add(a.gone);

    invite(b.cusOwner, b.customer, "bravo-pending@example.test", "member");
    pendingToken = mailedToken("bravo-pending@example.test");

    assertIdentifiersAreDistinct();
  }

  private static Tree tree(String name) {
    Tree t = new Tree(name);
    t.resOwner = user(name + "-res-owner");
    t.resAdmin = user(name + "-res-admin");
    t.resMember = user(name + "-res-member");
    t.resViewer = user(name + "-res-viewer");
    t.subAdmin = user(name + "-sub-admin");
    t.subViewer = user(name + "-sub-viewer");
    t.cusOwner = user(name + "-cus-owner");
    t.cusMember = user(name + "-cus-member");
    t.cu2Admin = user(name + "-cu2-admin");
    t.cu2Viewer = user(name + "-cu2-viewer");

    t.reseller = create(Api.OPERATOR, api.root, name + "-reseller", "master_branch", name);
    add(Api.OPERATOR, t.reseller, t.resOwner, Role.OWNER);
    add(t.resOwner, t.reseller, t.resAdmin, Role.ADMIN);
    signIn(t.resMember);
    expect(
        t.resOwner,
        "POST",
        "/v1/organizations/" + t.reseller + "/members",
        "{\"userId\":\""
            + t.resMember.sub()
            + "\",\"role\":\"member\",\"permissions\":[\"audit:read\"]}",
        201);
    model.member(t.reseller, t.resMember.sub(), Role.MEMBER);
    model.grant(t.reseller, t.resMember.sub(), Set.of(Permission.AUDIT_READ));
    add(t.resAdmin, t.reseller, t.resViewer, Role.VIEWER);

    t.subres = create(t.resAdmin, t.reseller, name + "-subres", "sub_user", name);
    add(t.resAdmin, t.subres, t.subAdmin, Role.ADMIN);
    add(t.subAdmin, t.subres, t.subViewer, Role.VIEWER);

    t.customer = create(t.subAdmin, t.subres, name + "-customer", "end_user", name);
    add(t.resOwner, t.customer, t.cusOwner, Role.OWNER);
    add(t.cusOwner, t.customer, t.cusMember, Role.MEMBER);

    t.custtwo = create(t.resAdmin, t.reseller, name + "-custtwo", "end_user", name);
    add(t.resAdmin, t.custtwo, t.cu2Admin, Role.ADMIN);
    add(t.cu2Admin, t.custtwo, t.cu2Viewer, Role.VIEWER);

    t.gone = create(t.resAdmin, t.reseller, name + "-gone", "end_user", name);
    t.scratch = create(t.resAdmin, t.reseller, name + "-scratch", "end_user", name);
    t.scrpar = create(t.resAdmin, t.reseller, name + "-scrpar", "sub_user", name);
    return t;
  }

  private static Api.User user(String name) {
    Api.User user = Api.User.named(name);
    model.user(user);
    return user;
  }

  private static void signIn(Api.User user) {
    expect(user, "GET", "/v1/me", null, 200);
  }

  private static String create(Api.User as, String parent, String slug, String type, String tree) {
    String id =
        expect(
                as,
                "POST",
                "/v1/organizations/" + parent + "/children",
                child("Org " + slug, slug, type),
                201)
            .id();
    model.org(new Org(id, slug, "Org " + slug, type, parent, tree));
    return id;
  }

  private static void add(Api.User as, String orgId, Api.User user, Role role) {
    signIn(user);
    expect(
        as,
        "POST",
        "/v1/organizations/" + orgId + "/members",
        "{\"userId\":\"" + user.sub() + "\",\"role\":\"" + role.value() + "\"}",
        201);
    model.member(orgId, user.sub(), role);
  }

  private static void invite(Api.User as, String orgId, String email, String role) {
    expect(
        as,
        "POST",
        "/v1/organizations/" + orgId + "/invitations",
        "{\"email\":\"" + email + "\",\"role\":\"" + role + "\"}",
        201);
  }

  /** Sends a scripted request (it is verified with the generated ones) and asserts its status. */
  private static Api.Response expect(
      Api.User as, String method, String path, String body, int status) {
    Api.Response response = api.call(as, method, path, body);
    assertThat(response.status()).as(method + " " + path + " " + response.raw()).isEqualTo(status);
    Kind kind = kindOf(method, path);
    sent.add(
        new Sent(
            new Planned(
                kind, "scripted", as, null, method, path, body, "", Set.of(status), null, null),
            response));
    return response;
  }

  private static Kind kindOf(String method, String path) {
    for (Kind kind : Kind.values()) {
      String regex = kind.template.replaceAll("\\{[a-zA-Z]+}", "[^/]+");
      if (kind.method.equals(method) && path.split("\\?")[0].matches(regex)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(method + " " + path);
  }

  /** The token of the invitation mailed to {@code email}, read from maildev's REST API. */
  private static String mailedToken(String email) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    Pattern link = Pattern.compile("/invitations/([A-Za-z0-9_-]{20,})");
    Instant deadline = Instant.now().plusSeconds(10);
    while (true) {
      HttpResponse<String> inbox =
          client.send(
              HttpRequest.newBuilder(URI.create(mail.webEndpoint() + "/api/email")).build(),
              HttpResponse.BodyHandlers.ofString());
      List<Map<String, Object>> messages =
          json.readValue(inbox.body(), Argument.listOf(Argument.mapOf(String.class, Object.class)));
      for (Map<String, Object> message : messages) {
        if (String.valueOf(message.get("to")).contains(email)) {
          Matcher matcher = link.matcher(String.valueOf(message.get("text")));
          if (matcher.find()) {
            return matcher.group(1);
          }
        }
      }
      assertThat(Instant.now()).as("mail to " + email + " arrives").isBefore(deadline);
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
  }

  /** No identifier is part of another one, so finding one in an answer means that entity. */
  private static void assertIdentifiersAreDistinct() {
    Map<String, List<String>> identifiers = model.identifiers();
    identifiers.forEach(
        (entity, values) ->
            identifiers.forEach(
                (other, otherValues) -> {
                  if (!entity.equals(other)) {
                    for (String v : values) {
                      for (String o : otherValues) {
                        assertThat(o).as(entity + " within " + other).doesNotContain(v);
                      }
                    }
                  }
                }));
  }

  // ---------------------------------------------------------------------------------------------
  // The scripted part: what really changes the tree, undone again

  private static void scripted() throws Exception {
    Tree a = trees.get("alpha");
    Tree b = trees.get("bravo");

    // An invitation is accepted by its invitee only, once.
    invite(a.cu2Admin, a.custtwo, invitee.email(), "viewer");
    usedToken = mailedToken(invitee.email());
    Api.Response refused =
        expect(b.resOwner, "POST", "/v1/invitations/" + usedToken + "/accept", null, 403);
    assertThat(refused.body()).containsEntry("reason", "email_mismatch");
    Api.Response accepted =
        expect(invitee, "POST", "/v1/invitations/" + usedToken + "/accept", null, 201);
    assertThat(accepted.body()).containsEntry("role", "viewer");
    assertThat(accepted.raw()).contains(a.custtwo);
    model.member(a.custtwo, invitee.sub(), Role.VIEWER);
    expect(invitee, "POST", "/v1/invitations/" + usedToken + "/accept", null, 409);

    // Delete and restore: a deleted organization is nobody's until its admin restores it.
    String scratch = "/v1/organizations/" + a.scratch;
    assertThat(expect(a.resAdmin, "DELETE", scratch, null, 200).body())
        .containsEntry("status", "inactive");
    model.inactive.add(a.scratch);
    expect(a.resOwner, "GET", scratch, null, 404);
    expect(a.resOwner, "GET", scratch + "/members", null, 404);
    expect(b.resOwner, "POST", scratch + "/restore", null, 404);
    expect(a.resViewer, "POST", scratch + "/restore", null, 404);
    expect(Api.OPERATOR, "DELETE", scratch, null, 404);
    assertThat(expect(a.resAdmin, "POST", scratch + "/restore", null, 200).body())
        .containsEntry("status", "active");
    model.inactive.remove(a.scratch);

    // Moves stay inside what the mover administers on both ends.
    String moveScratch = scratch + "/move";
    assertThat(expect(a.resOwner, "POST", moveScratch, newParent(a.scrpar), 200).body())
        .containsEntry("parentId", a.scrpar);
    model.org(withParent(a.scratch, a.scrpar));
    expect(b.resOwner, "POST", moveScratch, newParent(b.subres), 404);
    expect(a.resOwner, "POST", moveScratch, newParent(b.subres), 404);
    String moveCustomer = "/v1/organizations/" + a.customer + "/move";
    expect(a.cusOwner, "POST", moveCustomer, newParent(a.customer), 403);
    expect(a.subAdmin, "POST", moveCustomer, newParent(a.scrpar), 404);
    assertThat(expect(a.resOwner, "POST", moveScratch, newParent(a.reseller), 200).body())
        .containsEntry("parentId", a.reseller);
    model.org(withParent(a.scratch, a.reseller));
    expect(
        b.resOwner, "POST", "/v1/organizations/" + b.custtwo + "/move", newParent(a.reseller), 404);
    expect(
        b.resAdmin, "POST", "/v1/organizations/" + a.custtwo + "/move", newParent(b.reseller), 404);

    // Members: added and removed by an admin; an owner is appointed by an owner only.
    String members = "/v1/organizations/" + a.reseller + "/members";
    expect(
        a.resAdmin,
        "POST",
        members,
        "{\"userId\":\"" + temp.sub() + "\",\"role\":\"member\"}",
        201);
    model.member(a.reseller, temp.sub(), Role.MEMBER);
    expect(b.resAdmin, "DELETE", members + "/" + temp.sub(), null, 404);
    expect(
        b.resAdmin,
        "DELETE",
        "/v1/organizations/" + b.reseller + "/members/" + temp.sub(),
        null,
        404);
    expect(a.resAdmin, "DELETE", members + "/" + temp.sub(), null, 204);
    model.removeMember(a.reseller, temp.sub());
    String resMember = members + "/" + a.resMember.sub();
    expect(a.resAdmin, "PATCH", resMember, "{\"role\":\"owner\"}", 403);
    expect(b.resOwner, "PATCH", resMember, "{\"role\":\"owner\"}", 404);
    expect(a.resOwner, "PATCH", resMember, "{\"role\":\"admin\"}", 200);
    assertThat(expect(a.resOwner, "PATCH", resMember, "{\"role\":\"member\"}", 200).body())
        .containsEntry("role", "member")
        .containsEntry("permissions", List.of("audit:read"));
    Api.Response lastOwner =
        expect(
            a.cusOwner,
            "DELETE",
            "/v1/organizations/" + a.customer + "/members/" + a.cusOwner.sub(),
            null,
            409);
    assertThat(lastOwner.body()).containsEntry("reason", "last_owner");
  }

  private static String newParent(String id) {
    return "{\"newParentId\":\"" + id + "\"}";
  }

  private static Org withParent(String id, String parent) {
    Org org = model.orgs.get(id);
    return new Org(org.id(), org.slug(), org.name(), org.type(), parent, org.tree());
  }

  // ---------------------------------------------------------------------------------------------
  // The generator and its oracle

  private static List<Planned> generate(Random random) throws Exception {
    List<Api.User> callers = new ArrayList<>(model.users.values());
    List<Planned> plan = new ArrayList<>();
    Kind[] kinds = Kind.values();
    while (plan.size() < CLAIM_REQUESTS) {
      Api.User caller = callers.get(random.nextInt(callers.size()));
      Planned planned = plan(random, caller, kinds[random.nextInt(kinds.length)], plan.size());
      if (planned != null) {
        plan.add(planned);
      }
    }

    // Tokens that prove nobody: 401 on every route, whoever they name.
    List<Planned> forged = new ArrayList<>();
    Map<String, String> reasons = new LinkedHashMap<>();
    reasons.put("none", "missing");
    reasons.put("blank", "missing");
    reasons.put("garbage", "malformed");
    reasons.put("basic", "malformed");
    reasons.put("other-key", "unknown_key");
    reasons.put("other-key-pool-kid", "bad_signature");
    reasons.put("tampered", "bad_signature");
    reasons.put("alg-none", "bad_signature");
    reasons.put("hs256", "bad_signature");
    reasons.put("expired", "expired");
    reasons.put("not-yet-valid", "not_yet_valid");
    reasons.put("wrong-issuer", "wrong_issuer");
    reasons.put("wrong-audience", "wrong_audience");
    reasons.put("refresh-token", "wrong_token_use");
    for (Map.Entry<String, String> forgery : reasons.entrySet()) {
      for (int i = 0; i < FORGED_TOKENS_PER_CASE; i++) {
        Planned base = null;
        Api.User victim = null;
        while (base == null) {
          victim = callers.get(random.nextInt(callers.size()));
          base = plan(random, victim, kinds[random.nextInt(kinds.length)], plan.size());
        }
        forged.add(
            base.withAuthorization(
                "token:" + forgery.getKey(),
                authorization(forgery.getKey(), victim, callers, random),
                401,
                forgery.getValue()));
      }
    }
    plan.addAll(forged);

    // The same path with a good token: the oracle holds there too.
    int controls = 0;
    while (controls < BEARER_CONTROL_REQUESTS) {
      Api.User caller = callers.get(random.nextInt(callers.size()));
      Planned planned = plan(random, caller, kinds[random.nextInt(kinds.length)], plan.size());
      if (planned != null) {
        plan.add(planned.bearer(token(caller, b -> {})));
        controls++;
      }
    }
    return plan;
  }

  /** The request, or null when its success would change the tree. */
  private static Planned plan(Random random, Api.User caller, Kind kind, int n) {
    String sub = caller.sub();
    String org =
        kind == Kind.ME || kind == Kind.MY_ORGS || kind == Kind.ACCEPT
            ? null
            : pickOrg(random, sub);
    String base = "/v1/organizations/" + org;
    Org target = org == null ? null : model.orgs.get(org);
    switch (kind) {
      case ME:
        return on(kind, caller, "/v1/me", null, "me:" + sub)
            .expect(200)
            .checking(
                r -> {
                  assertThat(r.body())
                      .containsEntry("id", sub)
                      .containsEntry("email", caller.email());
                });
      case MY_ORGS:
        return on(kind, caller, "/v1/me/organizations", null, "me:" + sub)
            .expect(200)
            .checking(r -> assertMyOrganizations(sub, r));
      case GET_ORG:
        {
          Decision d = model.decide(sub, org, Permission.ORGANIZATIONS_READ);
          return on(kind, caller, base, null, org)
              .expect(status(d, 200))
              .checking(
                  r ->
                      assertThat(r.body())
                          .containsEntry("id", org)
                          .containsEntry("name", target.name())
                          .containsEntry("parentId", target.parentId()));
        }
      case PATCH_ORG:
        {
          Decision d = model.decide(sub, org, Permission.ORGANIZATIONS_WRITE);
          String body;
          if (d == Decision.ALLOW) {
            body =
                random.nextBoolean()
                    ? "{\"name\":\"" + target.name() + "\"}"
                    : "{\"name\":\"" + target.name() + "\",\"slug\":\"" + target.slug() + "\"}";
          } else {
            body =
                random.nextBoolean()
                    ? "{\"name\":\"Taken over " + n + "\"}"
                    : "{\"slug\":\"taken-over-" + n + "\"}";
          }
          return on(kind, caller, base, body, org)
              .expect(status(d, 200))
              .checking(
                  r ->
                      assertThat(r.body())
                          .containsEntry("id", org)
                          .containsEntry("name", target.name()));
        }
      case DELETE_ORG:
        {
          Decision d = model.decide(sub, org, Permission.ORGANIZATIONS_WRITE);
          boolean cascade = random.nextInt(3) == 0;
          String path = base + (cascade ? "?cascade=true" : "");
          if (d != Decision.ALLOW) {
            return on(kind, caller, path, null, org).expect(status(d, 0));
          }
          if (target.parentId() == null) {
            return on(kind, caller, path, null, org).expect(409).because("root");
          }
          if (!cascade && model.hasActiveChild(org)) {
            return on(kind, caller, path, null, org).expect(409).because("has_active_children");
          }
          return null;
        }
      case CREATE_CHILD:
        {
          Decision d = model.decide(sub, org, Permission.ORGANIZATIONS_WRITE);
          if (d != Decision.ALLOW) {
            String type = random.nextBoolean() ? "end_user" : "sub_user";
            return on(
                    kind,
                    caller,
                    base + "/children",
                    child("Intruder " + n, "intruder-" + n, type),
                    org)
                .expect(status(d, 0));
          }
          List<String> types = List.of("master_branch", "sub_user", "end_user");
          String type = types.get(random.nextInt(types.size()));
          boolean allowedType = level(type) > level(target.type());
          // A success would add an organization: the slug is the parent's own, so it cannot be one.
          return on(kind, caller, base + "/children", child("Again " + n, target.slug(), type), org)
              .expect(allowedType ? 409 : 400);
        }
      case CHILDREN:
        {
          Decision d = model.decide(sub, org, Permission.ORGANIZATIONS_READ_TREE);
          return on(kind, caller, base + "/children?limit=100", null, org)
              .expect(status(d, 200))
              .checking(
                  r ->
                      assertThat(r.ids()).containsExactlyInAnyOrderElementsOf(model.children(org)));
        }
      case DESCENDANTS:
        {
          Decision d = model.decide(sub, org, Permission.ORGANIZATIONS_READ_TREE);
          return on(kind, caller, base + "/descendants?limit=100", null, org)
              .expect(status(d, 200))
              .checking(
                  r ->
                      assertThat(r.ids())
                          .containsExactlyInAnyOrderElementsOf(model.descendants(org)));
        }
      case ANCESTORS:
        {
          Decision d = model.decide(sub, org, Permission.ORGANIZATIONS_READ);
          return on(kind, caller, base + "/ancestors", null, org)
              .expect(status(d, 200))
              .checking(r -> assertThat(r.ids()).containsExactlyElementsOf(model.ancestors(org)));
        }
      case AUDIT:
        {
          Decision d = model.decide(sub, org, Permission.AUDIT_READ);
          return on(kind, caller, base + "/audit?limit=100", null, org)
              .expect(status(d, 200))
              .checking(r -> assertThat(r.items()).isNotNull());
        }
      case MEMBERS:
        {
          Decision d = model.decide(sub, org, Permission.MEMBERS_READ);
          return on(kind, caller, base + "/members?limit=100", null, org)
              .expect(status(d, 200))
              .checking(
                  r ->
                      assertThat(r.items().stream().map(i -> (String) i.get("userId")).toList())
                          .containsExactlyInAnyOrderElementsOf(
                              model.members.getOrDefault(org, Map.of()).keySet()));
        }
      case RESTORE:
        {
          Decision d =
              model.exists(org)
                  ? model.decideIncludingInactive(sub, org, Permission.ORGANIZATIONS_WRITE)
                  : Decision.NOT_FOUND;
          if (d != Decision.ALLOW) {
            return on(kind, caller, base + "/restore", null, org).expect(status(d, 0));
          }
          if (!model.inactive.contains(org)) {
            return on(kind, caller, base + "/restore", null, org)
                .expect(409)
                .because("not_deleted");
          }
          return null;
        }
      case MOVE:
        return move(random, caller, org, base);
      case ADD_MEMBER:
        {
          String userId = pickUser(random, org);
          Role role = Role.values()[random.nextInt(Role.values().length)];
          String body = "{\"userId\":\"" + userId + "\",\"role\":\"" + role.value() + "\"}";
          Decision d = model.decide(sub, org, Permission.MEMBERS_WRITE);
          if (d != Decision.ALLOW) {
            return on(kind, caller, base + "/members", body, org).expect(status(d, 0));
          }
          int expected;
          if (role == Role.OWNER && !model.holds(sub, org, Permission.OWNERS_WRITE)) {
            expected = 403;
          } else if (!model.users.containsKey(userId)) {
            expected = 400;
          } else if (model.role(org, userId).isPresent()) {
            expected = 409;
          } else {
            return null;
          }
          return on(kind, caller, base + "/members", body, org).expect(expected);
        }
      case PATCH_MEMBER:
        {
          String userId = pickUser(random, org);
          Decision d = model.decide(sub, org, Permission.MEMBERS_WRITE);
          Role current = model.role(org, userId).orElse(null);
          Role role =
              d == Decision.ALLOW && current != null && random.nextInt(10) < 7
                  ? current
                  : Role.values()[random.nextInt(Role.values().length)];
          String body = "{\"role\":\"" + role.value() + "\"}";
          String path = base + "/members/" + userId;
          if (d != Decision.ALLOW) {
            return on(kind, caller, path, body, org).expect(status(d, 0));
          }
          if (current == null) {
            return on(kind, caller, path, body, org).expect(404);
          }
          if (role != current
              && (role == Role.OWNER || current == Role.OWNER)
              && !model.holds(sub, org, Permission.OWNERS_WRITE)) {
            return on(kind, caller, path, body, org).expect(403);
          }
          if (role != current) {
            return null;
          }
          return on(kind, caller, path, body, org)
              .expect(200)
              .checking(
                  r ->
                      assertThat(r.body())
                          .containsEntry("userId", userId)
                          .containsEntry("role", role.value()));
        }
      case REMOVE_MEMBER:
        {
          String userId = pickUser(random, org);
          Decision d = model.decide(sub, org, Permission.MEMBERS_WRITE);
          String path = base + "/members/" + userId;
          if (d != Decision.ALLOW) {
            return on(kind, caller, path, null, org).expect(status(d, 0));
          }
          Role current = model.role(org, userId).orElse(null);
          if (current == null) {
            return on(kind, caller, path, null, org).expect(404);
          }
          if (current == Role.OWNER && !model.holds(sub, org, Permission.OWNERS_WRITE)) {
            return on(kind, caller, path, null, org).expect(403);
          }
          if (current == Role.OWNER && model.owners(org) == 1) {
            return on(kind, caller, path, null, org).expect(409).because("last_owner");
          }
          return null;
        }
      case INVITE:
        {
          Role role = Role.values()[random.nextInt(Role.values().length)];
          List<Api.User> users = new ArrayList<>(model.users.values());
          String email =
              random.nextBoolean()
                  ? "guest-" + n + "@example.test"
                  : users.get(random.nextInt(users.size())).email();
          String body = "{\"email\":\"" + email + "\",\"role\":\"" + role.value() + "\"}";
          Decision d = model.decide(sub, org, Permission.INVITATIONS_WRITE);
          int expected =
              d == Decision.ALLOW
                      && role == Role.OWNER
                      && !model.holds(sub, org, Permission.OWNERS_WRITE)
                  ? 403
                  : status(d, 201);
          return on(kind, caller, base + "/invitations", body, org)
              .expect(expected)
              .checking(
                  r ->
                      assertThat(r.body())
                          .containsEntry("organizationId", org)
                          .containsEntry("email", email)
                          .containsEntry("role", role.value())
                          .containsEntry("status", "pending")
                          .doesNotContainKey("token"));
        }
      case ACCEPT:
        {
          int pick = random.nextInt(6);
          String token;
          int expected;
          String reason = null;
          switch (pick) {
            case 0 -> {
              token = usedToken;
              expected = sub.equals(invitee.sub()) ? 409 : 403;
              reason = expected == 409 ? "invitation_used" : "email_mismatch";
            }
            case 1 -> {
              token = pendingToken;
              expected = 403;
              reason = "email_mismatch";
            }
            case 2 -> {
              token = goneToken;
              expected = 404;
            }
            case 3 -> {
              byte[] bytes = new byte[32];
              random.nextBytes(bytes);
              token = Base64URL.encode(bytes).toString();
              expected = 404;
            }
            case 4 -> {
              token = "x".repeat(200);
              expected = 404;
            }
            default -> {
              token = pickOrg(random, sub);
              expected = 404;
            }
          }
          return on(kind, caller, "/v1/invitations/" + token + "/accept", null, "accept")
              .expect(expected)
              .because(reason);
        }
      default:
        throw new IllegalStateException(kind.name());
    }
  }

  /**
   * A move, by the order the endpoint checks: the organization visible (404), not the root (409),
   * its parent the caller's to change (403), the new parent visible (404) and the caller's (403);
   * the same parent is a no-op (200); under itself (409) or a level that cannot hold it (409).
   */
  private static Planned move(Random random, Api.User caller, String org, String base) {
    String sub = caller.sub();
    String newParent =
        random.nextInt(8) == 0 && model.exists(org) && model.orgs.get(org).parentId() != null
            ? model.orgs.get(org).parentId()
            : pickOrg(random, sub);
    String body = newParent(newParent);
    String path = base + "/move";
    Kind kind = Kind.MOVE;
    if (newParent.length() > 64) {
      return on(kind, caller, path, body, org).expect(400);
    }
    Decision target = model.decide(sub, org, Permission.ORGANIZATIONS_READ);
    if (target != Decision.ALLOW) {
      return on(kind, caller, path, body, org).expect(status(target, 0));
    }
    Org moved = model.orgs.get(org);
    if (moved.parentId() == null) {
      return on(kind, caller, path, body, org).expect(409).because("root");
    }
    if (model.decide(sub, moved.parentId(), Permission.ORGANIZATIONS_WRITE) != Decision.ALLOW) {
      return on(kind, caller, path, body, org).expect(403);
    }
    Decision destination = model.decide(sub, newParent, Permission.ORGANIZATIONS_WRITE);
    if (destination != Decision.ALLOW) {
      return on(kind, caller, path, body, org).expect(status(destination, 0));
    }
    if (newParent.equals(moved.parentId())) {
      return on(kind, caller, path, body, org)
          .expect(200)
          .checking(
              r ->
                  assertThat(r.body())
                      .containsEntry("id", org)
                      .containsEntry("parentId", newParent));
    }
    List<String> chain = new ArrayList<>(model.ancestors(newParent));
    chain.add(newParent);
    if (chain.contains(org)) {
      return on(kind, caller, path, body, org).expect(409).because("move_into_own_subtree");
    }
    if (level(moved.type()) <= level(model.orgs.get(newParent).type())) {
      return on(kind, caller, path, body, org).expect(409).because("hierarchy");
    }
    return null;
  }

  /** A request with claims, as its kind's method; then {@code expect} its status. */
  private static Planned on(Kind kind, Api.User caller, String path, String body, String lane) {
    return new Planned(
        kind, "claims", caller, null, kind.method, path, body, lane, Set.of(), null, null);
  }

  private static int status(Decision decision, int allowed) {
    return switch (decision) {
      case ALLOW -> allowed;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
    };
  }

  private static int level(String type) {
    return List.of("top_branch", "master_branch", "sub_user", "end_user").indexOf(type);
  }

  private static String child(String name, String slug, String type) {
    return "{\"name\":\""
        + name
        + "\",\"slug\":\""
        + slug
        + "\",\"hierarchyType\":\""
        + type
        + "\"}";
  }

  /**
   * A target organization id: one the caller is related to, its parent, child or sibling, any
   * organization of either tree, an unknown ULID, or something that is no id at all.
   */
  private static String pickOrg(Random random, String sub) {
    List<String> all = new ArrayList<>(model.orgs.keySet());
    List<String> related = new ArrayList<>(new TreeSet<>(model.related(sub)));
    int dice = random.nextInt(100);
    if (dice < 30 && !related.isEmpty()) {
      return related.get(random.nextInt(related.size()));
    }
    if (dice < 50 && !related.isEmpty()) {
      Org own = model.orgs.get(related.get(random.nextInt(related.size())));
      List<String> near = new ArrayList<>(model.children(own.id()));
      if (own.parentId() != null) {
        near.add(own.parentId());
        near.addAll(model.children(own.parentId()));
      }
      return near.get(random.nextInt(near.size()));
    }
    if (dice < 88) {
      return all.get(random.nextInt(all.size()));
    }
    List<String> garbage =
        List.of(
            UNKNOWN_IDS[0],
            UNKNOWN_IDS[1],
            all.get(random.nextInt(all.size())).toLowerCase(Locale.ROOT),
            "not-an-organization",
            "ORG%23" + all.get(random.nextInt(all.size())),
            model.users.keySet().stream().toList().get(random.nextInt(model.users.size())),
            "x".repeat(70));
    return garbage.get(random.nextInt(garbage.size()));
  }

  private static final String[] UNKNOWN_IDS = {Ids.newId(), Ids.newId()};

  /** A user id: a member of the organization, any user, or one nobody has. */
  private static String pickUser(Random random, String org) {
    List<String> members = new ArrayList<>(model.members.getOrDefault(org, Map.of()).keySet());
    List<String> users = new ArrayList<>(model.users.keySet());
    int dice = random.nextInt(100);
    if (dice < 45 && !members.isEmpty()) {
      return members.get(random.nextInt(members.size()));
    }
    if (dice < 85) {
      return users.get(random.nextInt(users.size()));
    }
    List<String> strangers =
        List.of(
            "ghost-user-sub",
            new ArrayList<>(model.orgs.keySet()).get(random.nextInt(model.orgs.size())),
            "x".repeat(100));
    return strangers.get(random.nextInt(strangers.size()));
  }

  private static void assertMyOrganizations(String sub, Api.Response response) {
    Map<String, List<String>> expected = new TreeMap<>();
    model.members.forEach(
        (orgId, members) -> {
          if (members.containsKey(sub) && model.effectivelyActive(orgId)) {
            expected.put(
                orgId,
                model.held(sub, orgId).orElseThrow().stream()
                    .map(Permission::value)
                    .sorted()
                    .toList());
          }
        });
    Map<String, List<String>> actual = new TreeMap<>();
    for (Map<String, Object> item : response.items()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> organization = (Map<String, Object>) item.get("organization");
      @SuppressWarnings("unchecked")
      List<String> permissions = (List<String>) item.get("permissions");
      actual.put((String) organization.get("id"), permissions);
    }
    assertThat(actual).isEqualTo(expected);
  }

  // ---------------------------------------------------------------------------------------------
  // Tokens

  private static String authorization(
      String forgery, Api.User victim, List<Api.User> users, Random random) {
    try {
      return switch (forgery) {
        case "none" -> null;
        case "blank" -> "Bearer ";
        case "garbage" -> "Bearer not.a.jwt";
        case "basic" -> "Basic " + Base64URL.encode(victim.sub() + ":secret");
        case "other-key" -> "Bearer " + sign(claims(victim).build(), otherKey, otherKey.getKeyID());
        case "other-key-pool-kid" ->
            "Bearer " + sign(claims(victim).build(), otherKey, poolKey.getKeyID());
        case "tampered" -> {
          // A real token of one user, its payload swapped for another user's claims.
          Api.User other = users.get(random.nextInt(users.size()));
          String[] parts = token(other, b -> {}).split("\\.");
          String payload = Base64URL.encode(json(claims(victim).build())).toString();
          yield "Bearer " + parts[0] + "." + payload + "." + parts[2];
        }
        case "alg-none" -> {
          String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}").toString();
          String payload = Base64URL.encode(json(claims(victim).build())).toString();
          yield "Bearer " + header + "." + payload + ".";
        }
        case "hs256" -> {
          // HMAC with the pool's public key as the secret: the classic algorithm confusion.
          SignedJWT jwt =
              new SignedJWT(
                  new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(poolKey.getKeyID()).build(),
                  claims(victim).build());
          jwt.sign(
              new MACSigner(poolKey.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8)));
          yield "Bearer " + jwt.serialize();
        }
        case "expired" ->
            "Bearer "
                + token(
                    victim,
                    b ->
                        b.issueTime(Date.from(Instant.now().minus(Duration.ofHours(3))))
                            .expirationTime(Date.from(Instant.now().minus(Duration.ofHours(2)))));
        case "not-yet-valid" ->
            "Bearer "
                + token(
                    victim,
                    b -> b.notBeforeTime(Date.from(Instant.now().plus(Duration.ofHours(1)))));
        case "wrong-issuer" ->
            "Bearer " + token(victim, b -> b.issuer("https://cognito-idp.example/" + POOL));
        case "wrong-audience" -> "Bearer " + token(victim, b -> b.audience("another-client"));
        case "refresh-token" -> "Bearer " + token(victim, b -> b.claim("token_use", "refresh"));
        default -> throw new IllegalArgumentException(forgery);
      };
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String json(JWTClaimsSet claims) {
    return JSONObjectUtils.toJSONString(claims.toJSONObject());
  }

  private static JWTClaimsSet.Builder claims(Api.User user) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .subject(user.sub())
        .issuer(issuer)
        .audience(CLIENT_ID)
        .claim("token_use", "id")
        .claim("email", user.email())
        .claim("email_verified", true)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofHours(1))));
  }

  private static String token(Api.User user, Consumer<JWTClaimsSet.Builder> change) {
    JWTClaimsSet.Builder builder = claims(user);
    change.accept(builder);
    try {
      return sign(builder.build(), poolKey, poolKey.getKeyID());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sign(JWTClaimsSet claims, RSAKey key, String kid) throws Exception {
    SignedJWT jwt =
        new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  // ---------------------------------------------------------------------------------------------
  // Sending and judging

  /**
   * Runs the requests on a few threads; those on one organization stay in order on one thread, so
   * even the harmless writes the generator sends (a role set to itself) never race each other.
   */
  private static void run(List<Planned> plan) throws Exception {
    Map<String, List<Integer>> lanes = new LinkedHashMap<>();
    for (int i = 0; i < plan.size(); i++) {
      lanes.computeIfAbsent(plan.get(i).lane(), k -> new ArrayList<>()).add(i);
    }
    Api.Response[] responses = new Api.Response[plan.size()];
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (List<Integer> lane : lanes.values()) {
        running.add(
            pool.submit(
                () -> {
                  for (int i : lane) {
                    responses[i] = send(plan.get(i));
                  }
                }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    for (int i = 0; i < plan.size(); i++) {
      sent.add(new Sent(plan.get(i), responses[i]));
    }
  }

  private static Api.Response send(Planned planned) {
    if (planned.origin().equals("claims")) {
      return api.call(planned.caller(), planned.method(), planned.path(), planned.body());
    }
    Map<String, String> headers =
        planned.authorization() == null
            ? Map.of()
            : Map.of("Authorization", planned.authorization());
    return api.call(null, planned.method(), planned.path(), planned.body(), headers);
  }

  private static void verify(
      Sent s, Map<String, Map<String, String>> forbiddenByViewer, List<String> failures) {
    Planned p = s.planned();
    Api.Response r = s.response();
    String request =
        p.origin()
            + " "
            + (p.caller() == null ? "-" : p.caller().sub())
            + " "
            + p.method()
            + " "
            + p.path()
            + (p.body() == null ? "" : " " + p.body());
    String answer = " -> " + r.status() + " " + abbreviate(r.raw());
    if (!p.statuses().contains(r.status())) {
      failures.add("expected " + p.statuses() + ": " + request + answer);
      return;
    }
    boolean success = r.status() >= 200 && r.status() < 300;
    if (!success) {
      String type = r.headers().getOrDefault("content-type", "");
      if (!type.startsWith("application/problem+json")) {
        failures.add("not problem+json (" + type + "): " + request + answer);
      }
      if (p.reason() != null && (r.body() == null || !p.reason().equals(r.body().get("reason")))) {
        failures.add("expected reason " + p.reason() + ": " + request + answer);
      }
    } else if (p.check() != null) {
      try {
        p.check().accept(r);
      } catch (AssertionError e) {
        failures.add("wrong content (" + e.getMessage().strip() + "): " + request + answer);
      }
    }
    Map<String, String> forbidden =
        success
            ? forbiddenByViewer.computeIfAbsent(
                String.valueOf(p.viewer()), v -> model.forbiddenFor(p.viewer()))
            : model.all();
    String raw = r.raw() == null ? "" : r.raw();
    String sentText = p.path() + " " + (p.body() == null ? "" : p.body());
    forbidden.forEach(
        (value, entity) -> {
          if (raw.contains(value) && !sentText.contains(value)) {
            failures.add("leaks " + entity + " (" + value + "): " + request + answer);
          }
        });
  }

  private static String abbreviate(String raw) {
    if (raw == null) {
      return "";
    }
    return raw.length() > 400 ? raw.substring(0, 400) + "…" : raw;
  }
}
