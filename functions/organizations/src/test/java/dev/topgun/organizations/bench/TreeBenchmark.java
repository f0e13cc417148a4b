package dev.topgun.organizations.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.ProxyRequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.RequestIdentity;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.topgun.organizations.store.DynamoOrganizations;
import dev.topgun.shared.ids.Ids;
import dev.topgun.shared.store.Keys;
import dev.topgun.shared.store.Transaction;
import dev.topgun.shared.store.TransactionalWriter;
import dev.topgun.shared.store.Unique;
import dev.topgun.shared.tenancy.Authorizer;
import dev.topgun.shared.tenancy.Caller;
import dev.topgun.shared.tenancy.ClosureItem;
import dev.topgun.shared.tenancy.Membership;
import dev.topgun.shared.tenancy.MembershipItem;
import dev.topgun.shared.tenancy.NotFoundException;
import dev.topgun.shared.tenancy.OrganizationItem;
import dev.topgun.shared.tenancy.Permission;
import dev.topgun.shared.tenancy.Role;
import dev.topgun.shared.tenancy.RootOrganization;
import dev.topgun.shared.testing.Latencies;
import dev.topgun.shared.testing.Latencies.Result;
import dev.topgun.shared.testing.LocalTable;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * In-process latency of the organization tree's hottest reads, as a benchmark (run by {@code
 * local/bench/organizations}; not a test, nothing here asserts a time).
 *
 * <p>It creates a table in the local DynamoDB emulator, the root organization as the local runtime
 * seeds it ({@link RootOrganization}), and 1,000 organizations below it: 10 {@code master_branch},
 * 9 {@code sub_user} under each, 10 {@code end_user} under each of those. Their items are written
 * directly, as {@link DynamoOrganizations#create} writes them (organization item with its GSI2
 * children keys, slug marker, one closure item per ancestor), in transactions of many
 * organizations, since creating 1,000 through the API would take minutes here. It then checks the
 * tree through the API (the descendants walk finds exactly the 1,000) and measures, each after a
 * warm-up, one call at a time:
 *
 * <ul>
 *   <li>{@code GET /v1/organizations/{root}/descendants?limit=100} through the function's Lambda
 *       handler ({@link ApiGatewayProxyRequestEventFunction}, an API Gateway proxy event with
 *       Cognito authorizer claims, as in AWS): page 1, page 10, and the walk through all 10 pages;
 *   <li>{@link Authorizer#authorize} (the bean of the same context): a reseller's owner on an
 *       {@code end_user} two levels below it, allowed; the same owner on another reseller's {@code
 *       end_user} and on an unknown id, both 404.
 * </ul>
 *
 * Sample counts: system properties {@code bench.samples} (default 500), {@code bench.walks} (100)
 * and {@code bench.warmup} (200 calls before each measurement; a tenth of that before the walks).
 */
public final class TreeBenchmark {

  static final int MASTERS = 10;
  static final int SUBS_PER_MASTER = 9;
  static final int END_USERS_PER_SUB = 10;
  static final int PAGE = 100;

  static final String OPERATOR = "operator-sub";
  static final String RESELLER_OWNER = "reseller-owner-sub";

  private final ApplicationContext context;
  private final ApiGatewayProxyRequestEventFunction lambda;
  private final JsonMapper json;
  private final String root;
  private final int samples = Integer.getInteger("bench.samples", 500);
  private final int walks = Integer.getInteger("bench.walks", 100);
  private final int warmup = Integer.getInteger("bench.warmup", 200);

  private TreeBenchmark(LocalTable table) {
    Map<String, Object> properties = new HashMap<>(table.properties());
    // Nothing here publishes events; the test-only recording bus keeps EventBridge out anyway.
    properties.put("test.events.recording", "true");
    context = ApplicationContext.run(properties);
    lambda = new ApiGatewayProxyRequestEventFunction(context);
    json = context.getBean(JsonMapper.class);
    root = RootOrganization.ensure(table.client(), table.name(), OPERATOR, "operator@bench.test");
  }

  public static void main(String[] args) {
    LocalTable table = new LocalTable();
    long started = System.nanoTime();
    TreeBenchmark bench = new TreeBenchmark(table);
    try {
      bench.run(started);
    } finally {
      bench.lambda.close();
      table.afterAll(null);
    }
    // The emulator is a child process; its shutdown hook stops it.
    System.exit(0);
  }

  private void run(long started) {
    Tree tree = build();
    System.out.printf(
        Locale.ROOT,
        "tree: %d organizations below the root (%d master_branch, %d sub_user, %d end_user),"
            + " written in %.1f s (context start and emulator included)%n",
        tree.size(),
        MASTERS,
        MASTERS * SUBS_PER_MASTER,
        MASTERS * SUBS_PER_MASTER * END_USERS_PER_SUB,
        (System.nanoTime() - started) / 1e9);
    String lastPageCursor = check(tree);
    Caller.User operator = new Caller.User(OPERATOR);
    Caller.User resellerOwner = new Caller.User(RESELLER_OWNER);
    Authorizer authorizer = context.getBean(Authorizer.class);
    String unknown = Ids.newId();

    List<Result> results = new ArrayList<>();
    // Pages list in id order, which is creation order: page 1 holds the resellers and sub-users,
    // whose parents are on the page; the others hold end_users whose parents are not, and each
    // such parent is read to tell whether the end_user is deleted through it.
    results.add(
        Latencies.measure(
            "GET descendants?limit=100, page 1 (10 master_branch + 90 sub_user)",
            samples,
            warmup,
            () -> descendantsPage(operator, descendantsPath(null), PAGE)));
    results.add(
        Latencies.measure(
            "GET descendants?limit=100, page 10 (100 end_user)",
            samples,
            warmup,
            () -> descendantsPage(operator, descendantsPath(lastPageCursor), PAGE)));
    results.add(
        Latencies.measure(
            "GET descendants?limit=100, walk: 10 full pages + 1 empty (1,000)",
            walks,
            Math.max(5, warmup / 10),
            () -> walk(operator, tree.size())));
    results.add(
        Latencies.measure(
            "Authorizer.authorize, end_user 2 below the caller's owned reseller -> allowed",
            samples,
            warmup,
            () -> {
              authorizer.authorize(resellerOwner, tree.ownEndUser, Permission.ORGANIZATIONS_READ);
              return 1;
            }));
    results.add(
        Latencies.measure(
            "Authorizer.authorize, another reseller's end_user -> 404",
            samples,
            warmup,
            () -> expectNotFound(authorizer, resellerOwner, tree.otherEndUser)));
    results.add(
        Latencies.measure(
            "Authorizer.authorize, unknown organization id -> 404",
            samples,
            warmup,
            () -> expectNotFound(authorizer, resellerOwner, unknown)));

    System.out.println();
    Latencies.printHeader();
    results.forEach(Result::print);
    System.out.printf(
        Locale.ROOT,
        "%nJava %s, %d processors, one call at a time; DynamoDB is the local emulator.%n",
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors());
  }

  /** The organizations below the root, and the two end_users the authorization cases use. */
  private record Tree(List<String> ids, String ownEndUser, String otherEndUser) {
    int size() {
      return ids.size();
    }
  }

  /** One organization to write: its id, parent, type, and ancestors nearest first. */
  private record Node(String id, String type, List<String> chain) {
    String parentId() {
      return chain.get(0);
    }
  }

  private Tree build() {
    TransactionalWriter writer = context.getBean(TransactionalWriter.class);
    List<Node> nodes = new ArrayList<>();
    List<String> masters = new ArrayList<>();
    List<String> subs = new ArrayList<>();
    // Created level by level, as an operator would: the resellers, then their sub-users, ...
    for (int m = 0; m < MASTERS; m++) {
      Node master = new Node(Ids.newId(), "master_branch", List.of(root));
      nodes.add(master);
      masters.add(master.id());
    }
    Map<String, List<String>> chains = new HashMap<>();
    for (String master : masters) {
      for (int s = 0; s < SUBS_PER_MASTER; s++) {
        Node sub = new Node(Ids.newId(), "sub_user", List.of(master, root));
        nodes.add(sub);
        subs.add(sub.id());
        chains.put(sub.id(), sub.chain());
      }
    }
    List<String> endUsers = new ArrayList<>();
    for (String sub : subs) {
      for (int e = 0; e < END_USERS_PER_SUB; e++) {
        List<String> chain = new ArrayList<>();
        chain.add(sub);
        chain.addAll(chains.get(sub));
        Node endUser = new Node(Ids.newId(), "end_user", List.copyOf(chain));
        nodes.add(endUser);
        endUsers.add(endUser.id());
      }
    }

    Transaction tx = writer.begin();
    for (Node node : nodes) {
      // an organization item, its slug marker, one closure item per ancestor
      if (tx.size() + 2 + node.chain().size() > Transaction.MAX_ITEMS) {
        tx.commit();
        tx = writer.begin();
      }
      String slug = node.type().replace('_', '-') + "-" + node.id().toLowerCase(Locale.ROOT);
      OrganizationItem item =
          OrganizationItem.of(node.id(), "Org " + slug, slug, node.type(), node.parentId());
      item.setGsi2pk(Keys.org(node.parentId(), "CHILDREN"));
      item.setGsi2sk(Keys.of("ORG", node.id()));
      tx.create(OrganizationItem.SCHEMA, item);
      tx.claim(Unique.of(DynamoOrganizations.SLUG, slug), item.key());
      for (int depth = 1; depth <= node.chain().size(); depth++) {
        tx.create(
            ClosureItem.SCHEMA, ClosureItem.of(node.chain().get(depth - 1), node.id(), depth));
      }
    }
    tx.commit();

    // The first reseller's owner; the end_users: one of theirs, one of the last reseller's.
    Transaction members = writer.begin();
    members.create(
        MembershipItem.SCHEMA,
        MembershipItem.of(
            new Membership(masters.get(0), RESELLER_OWNER, Role.OWNER, Set.of(), null)));
    members.commit();
    return new Tree(
        nodes.stream().map(Node::id).toList(),
        endUsers.get(END_USERS_PER_SUB * SUBS_PER_MASTER / 2),
        endUsers.get(endUsers.size() - 1));
  }

  /**
   * The tree as the API shows it: the 10 children of the root, and exactly the 1,000 below it.
   *
   * @return the cursor of the last page that lists descendants (a full last page still has a next
   *     cursor, whose page is empty: DynamoDB stops at the limit without looking further)
   */
  private String check(Tree tree) {
    Map<String, Object> children =
        call(new Caller.User(OPERATOR), "/v1/organizations/" + root + "/children?limit=100");
    int rootChildren = items(children).size();
    if (rootChildren != MASTERS) {
      throw new IllegalStateException("the root lists " + rootChildren + " children");
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    String lastPage = null;
    do {
      Map<String, Object> page = call(new Caller.User(OPERATOR), descendantsPath(cursor));
      if (!items(page).isEmpty()) {
        lastPage = cursor;
      }
      items(page).forEach(i -> seen.add((String) i.get("id")));
      cursor = (String) page.get("nextCursor");
    } while (cursor != null);
    if (!Set.copyOf(seen).equals(Set.copyOf(tree.ids())) || seen.size() != tree.size()) {
      throw new IllegalStateException(
          "descendants of the root: " + seen.size() + " listed, " + tree.size() + " written");
    }
    return lastPage;
  }

  private int descendantsPage(Caller.User caller, String path, int expected) {
    int listed = items(call(caller, path)).size();
    if (listed != expected) {
      throw new IllegalStateException(path + " listed " + listed + ", expected " + expected);
    }
    return listed;
  }

  private int walk(Caller.User caller, int expected) {
    int listed = 0;
    String cursor = null;
    do {
      Map<String, Object> page = call(caller, descendantsPath(cursor));
      listed += items(page).size();
      cursor = (String) page.get("nextCursor");
    } while (cursor != null);
    if (listed != expected) {
      throw new IllegalStateException("walk listed " + listed + ", expected " + expected);
    }
    return listed;
  }

  private String descendantsPath(String cursor) {
    String path = "/v1/organizations/" + root + "/descendants?limit=" + PAGE;
    return cursor == null
        ? path
        : path + "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
  }

  private static int expectNotFound(Authorizer authorizer, Caller caller, String orgId) {
    try {
      authorizer.authorize(caller, orgId, Permission.ORGANIZATIONS_READ);
    } catch (NotFoundException expected) {
      return 1;
    }
    throw new IllegalStateException("authorized on " + orgId + ", expected 404");
  }

  /** Calls the Lambda handler as {@code caller} (a user signed in through API Gateway). */
  private Map<String, Object> call(Caller.User caller, String pathAndQuery) {
    APIGatewayProxyRequestEvent event = event(pathAndQuery);
    Map<String, Object> claims = new HashMap<>();
    claims.put("sub", caller.userId());
    claims.put("email", caller.userId() + "@bench.test");
    claims.put("email_verified", "true");
    event.getRequestContext().setAuthorizer(new HashMap<>(Map.of("claims", claims)));
    APIGatewayProxyResponseEvent response = lambda.handleRequest(event, null);
    if (response.getStatusCode() != 200) {
      throw new IllegalStateException(
          "GET " + pathAndQuery + " -> " + response.getStatusCode() + " " + response.getBody());
    }
    return parse(response.getBody());
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> items(Map<String, Object> body) {
    return (List<Map<String, Object>>) body.get("items");
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> parse(String text) {
    try {
      return json.readValue(text, Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A GET proxy event as API Gateway sends it (the fields of the test resources' sample request),
   * built field by field so that no JSON parsing is measured with the call.
   */
  private static APIGatewayProxyRequestEvent event(String pathAndQuery) {
    String path = pathAndQuery;
    Map<String, String> query = null;
    Map<String, List<String>> multiQuery = null;
    int question = pathAndQuery.indexOf('?');
    if (question >= 0) {
      path = pathAndQuery.substring(0, question);
      query = new HashMap<>();
      multiQuery = new HashMap<>();
      for (String pair : pathAndQuery.substring(question + 1).split("&")) {
        String[] kv = pair.split("=", 2);
        String value = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
        query.put(kv[0], value);
        multiQuery.put(kv[0], List.of(value));
      }
    }
    Map<String, String> headers = new HashMap<>();
    headers.put("Accept", "application/json");
    headers.put("Host", "api.topgun.example");
    headers.put("X-Forwarded-For", "203.0.113.7");
    headers.put("X-Forwarded-Proto", "https");
    Map<String, List<String>> multiHeaders = new HashMap<>();
    headers.forEach((k, v) -> multiHeaders.put(k, List.of(v)));
    ProxyRequestContext context = new ProxyRequestContext();
    context.setRequestId(UUID.randomUUID().toString());
    context.setStage("prod");
    context.setHttpMethod("GET");
    context.setResourcePath(path);
    context.setPath("/prod" + path);
    context.setAccountId("123456789012");
    context.setIdentity(new RequestIdentity().withSourceIp("203.0.113.7"));
    return new APIGatewayProxyRequestEvent()
        .withHttpMethod("GET")
        .withPath(path)
        .withResource(path)
        .withHeaders(headers)
        .withMultiValueHeaders(multiHeaders)
        .withQueryStringParameters(query)
        .withMultiValueQueryStringParameters(multiQuery)
        .withRequestContext(context)
        .withIsBase64Encoded(false);
  }
}
