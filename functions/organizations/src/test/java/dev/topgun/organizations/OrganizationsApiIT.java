package dev.topgun.organizations;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.topgun.shared.ids.Ids;
import dev.topgun.shared.store.SingleTableStore;
import dev.topgun.shared.tenancy.ClosureItem;
import dev.topgun.shared.tenancy.Membership;
import dev.topgun.shared.tenancy.MembershipItem;
import dev.topgun.shared.tenancy.OrganizationItem;
import dev.topgun.shared.tenancy.Role;
import dev.topgun.shared.testing.LocalTable;
import dev.topgun.shared.testing.OutboxEvents;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The organizations function through its Lambda entry point, with API Gateway Cognito authorizer
 * claims in the events, against a local table seeded with hand-written tenancy items: the operator
 * (owner of the {@code top_branch} root) and two resellers with their owners.
 */
class OrganizationsApiIT {

  @RegisterExtension static final LocalTable TABLE = new LocalTable();

  private static final String OPERATOR = "operator-sub";
  private static final String RESELLER_A_OWNER = "reseller-a-owner";
  private static final String RESELLER_B_OWNER = "reseller-b-owner";

  private static ApplicationContext context;
  private static ApiGatewayProxyRequestEventFunction lambda;
  private static String root;
  private static String resellerA;
  private static String resellerB;

  @BeforeAll
  static void start() {
    Map<String, Object> properties = new HashMap<>(TABLE.properties());
    context = ApplicationContext.run(properties);
    lambda = new ApiGatewayProxyRequestEventFunction(context);
    assertThat(context.getProperty("topgun.domain", String.class))
        .as("the function's application.yml is read")
        .contains("organizations");

    SingleTableStore store = context.getBean(SingleTableStore.class);
    root = Ids.newId();
    resellerA = Ids.newId();
    resellerB = Ids.newId();
    store.create(
        OrganizationItem.SCHEMA,
        OrganizationItem.of(
            root, "Topgun", "topgun-root-" + root.toLowerCase(), "top_branch", null));
    for (String reseller : List.of(resellerA, resellerB)) {
      OrganizationItem item =
          OrganizationItem.of(
              reseller, "Reseller", "reseller-" + reseller.toLowerCase(), "master_branch", root);
      store.create(OrganizationItem.SCHEMA, item);
      store.create(ClosureItem.SCHEMA, ClosureItem.of(root, reseller, 1));
    }
    store.create(
        MembershipItem.SCHEMA, MembershipItem.of(new Membership(root, OPERATOR, Role.OWNER)));
    store.create(
        MembershipItem.SCHEMA,
        MembershipItem.of(new Membership(resellerA, RESELLER_A_OWNER, Role.OWNER)));
    store.create(
        MembershipItem.SCHEMA,
        MembershipItem.of(new Membership(resellerB, RESELLER_B_OWNER, Role.OWNER)));
  }

  @AfterAll
  static void stop() {
    if (lambda != null) {
      lambda.close();
    }
  }

  @Test
  void theOperatorCreatesAReseller_201_andTheEventIsInTheOutbox() throws Exception {
    // when
    APIGatewayProxyResponseEvent response =
        call(
            OPERATOR,
            "POST",
            "/v1/organizations/" + root + "/children",
            child("acme-hosting", "master_branch"));

    // then
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
    Map<String, Object> body = json(response.getBody());
    assertThat(body)
        .containsEntry("name", "Acme acme-hosting")
        .containsEntry("slug", "acme-hosting")
        .containsEntry("hierarchyType", "master_branch")
        .containsEntry("parentId", root)
        .containsEntry("status", "active")
        .containsKeys("id", "createdAt");
    assertThat(OutboxEvents.of(TABLE).about((String) body.get("id")))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.detailType()).isEqualTo("OrganizationCreated");
              assertThat(e.source()).isEqualTo("topgun.organizations");
            });

    // and it is readable, a child of the root, and its ancestors are the root
    String id = (String) body.get("id");
    assertThat(call(OPERATOR, "GET", "/v1/organizations/" + id, null).getStatusCode())
        .isEqualTo(200);
    assertThat(ids(call(OPERATOR, "GET", "/v1/organizations/" + id + "/ancestors", null)))
        .containsExactly(root);
    assertThat(ids(call(OPERATOR, "GET", "/v1/organizations/" + root + "/children", null)))
        .contains(id);
  }

  @Test
  void aDuplicateSlug_is409_namingTheSlug() throws Exception {
    // given
    assertThat(
            call(
                    OPERATOR,
                    "POST",
                    "/v1/organizations/" + root + "/children",
                    child("dup-slug", "master_branch"))
                .getStatusCode())
        .isEqualTo(201);

    // when
    APIGatewayProxyResponseEvent response =
        call(
            RESELLER_A_OWNER,
            "POST",
            "/v1/organizations/" + resellerA + "/children",
            child("dup-slug", "end_user"));

    // then
    assertThat(response.getStatusCode()).isEqualTo(409);
    assertThat(contentType(response)).isEqualTo("application/problem+json");
    Map<String, Object> problem = json(response.getBody());
    assertThat(problem).containsEntry("type", "https://topgun.dev/problems/conflict");
    assertThat(fields(problem)).containsExactly("slug");
  }

  @Test
  void aTypeNotBelowTheParent_is400_namingHierarchyType() throws Exception {
    // when
    APIGatewayProxyResponseEvent response =
        call(
            RESELLER_A_OWNER,
            "POST",
            "/v1/organizations/" + resellerA + "/children",
            child("peer-reseller", "master_branch"));

    // then
    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(fields(json(response.getBody()))).containsExactly("hierarchyType");
  }

  @Test
  void anInvalidBody_is400_namingEachField() throws Exception {
    // when
    APIGatewayProxyResponseEvent response =
        call(
            OPERATOR,
            "POST",
            "/v1/organizations/" + root + "/children",
            "{\"name\": \"\", \"slug\": \"Bad_Slug\", \"hierarchyType\": \"top_branch\"}");

    // then
    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(fields(json(response.getBody())))
        .containsExactlyInAnyOrder("name", "slug", "hierarchyType");
  }

  @Test
  void anotherResellersOwner_cannotReadNorCreateUnderIt_404() throws Exception {
    // when
    APIGatewayProxyResponseEvent read =
        call(RESELLER_B_OWNER, "GET", "/v1/organizations/" + resellerA, null);
    APIGatewayProxyResponseEvent create =
        call(
            RESELLER_B_OWNER,
            "POST",
            "/v1/organizations/" + resellerA + "/children",
            child("sneaky", "end_user"));
    APIGatewayProxyResponseEvent descendants =
        call(RESELLER_B_OWNER, "GET", "/v1/organizations/" + resellerA + "/descendants", null);

    // then
    assertThat(read.getStatusCode()).isEqualTo(404);
    assertThat(create.getStatusCode()).isEqualTo(404);
    assertThat(descendants.getStatusCode()).isEqualTo(404);
    assertThat(json(read.getBody())).containsEntry("type", "https://topgun.dev/problems/not-found");
  }

  @Test
  void descendantsAndAncestors_areTheRightSets() throws Exception {
    // given: resellerA > sub > customer
    String sub =
        (String)
            json(call(
                        RESELLER_A_OWNER,
                        "POST",
                        "/v1/organizations/" + resellerA + "/children",
                        child("sub-one", "sub_user"))
                    .getBody())
                .get("id");
    APIGatewayProxyResponseEvent created =
        call(
            RESELLER_A_OWNER,
            "POST",
            "/v1/organizations/" + sub + "/children",
            child("customer-one", "end_user"));
    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(201);
    String customer = (String) json(created.getBody()).get("id");

    // when
    List<String> descendants =
        ids(call(RESELLER_A_OWNER, "GET", "/v1/organizations/" + resellerA + "/descendants", null));
    List<String> ancestors =
        ids(call(OPERATOR, "GET", "/v1/organizations/" + customer + "/ancestors", null));
    List<String> rootDescendants =
        ids(call(OPERATOR, "GET", "/v1/organizations/" + root + "/descendants?limit=100", null));

    // then
    assertThat(descendants).containsExactlyInAnyOrder(sub, customer);
    assertThat(ancestors).containsExactly(sub, resellerA, root);
    assertThat(rootDescendants).contains(resellerA, resellerB, sub, customer);
    // an end_user has no children
    assertThat(
            call(
                    OPERATOR,
                    "POST",
                    "/v1/organizations/" + customer + "/children",
                    child("leaf", "end_user"))
                .getStatusCode())
        .isEqualTo(400);
  }

  @Test
  void twoConcurrentCreationsWithTheSameSlug_exactlyOneIs201() throws Exception {
    // given
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    try {
      for (String[] who :
          new String[][] {
            {OPERATOR, root, "master_branch"}, {RESELLER_A_OWNER, resellerA, "end_user"}
          }) {
        Callable<Integer> create =
            () -> {
              start.await();
              return call(
                      who[0],
                      "POST",
                      "/v1/organizations/" + who[1] + "/children",
                      child("race-slug", who[2]))
                  .getStatusCode();
            };
        results.add(pool.submit(create));
      }

      // when
      start.countDown();
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
  void me_createsTheProfileOnce_andListsMemberships() throws Exception {
    // when
    APIGatewayProxyResponseEvent first = call(RESELLER_B_OWNER, "GET", "/v1/me", null);
    APIGatewayProxyResponseEvent second = call(RESELLER_B_OWNER, "GET", "/v1/me", null);
    APIGatewayProxyResponseEvent mine = call(RESELLER_B_OWNER, "GET", "/v1/me/organizations", null);

    // then
    assertThat(first.getStatusCode()).isEqualTo(200);
    assertThat(json(first.getBody()))
        .containsEntry("id", RESELLER_B_OWNER)
        .containsEntry("email", RESELLER_B_OWNER + "@example.com")
        .containsEntry("emailVerified", true);
    assertThat(json(second.getBody())).isEqualTo(json(first.getBody()));
    List<Map<String, Object>> items = cast(json(mine.getBody()).get("items"));
    assertThat(items).hasSize(1);
    assertThat(items.get(0)).containsEntry("role", "owner");
    Map<String, Object> org = cast(items.get(0).get("organization"));
    assertThat(org).containsEntry("id", resellerB);
    assertThat(cast(items.get(0).get("permissions")).toString())
        .contains("organizations:write", "owners:write");
  }

  @Test
  void withoutClaimsOrToken_is401ProblemJson() throws Exception {
    // given
    APIGatewayProxyRequestEvent anonymous = event("GET", "/v1/me", null);

    // when
    APIGatewayProxyResponseEvent response = lambda.handleRequest(anonymous, null);

    // then
    assertThat(response.getStatusCode()).isEqualTo(401);
    assertThat(contentType(response)).isEqualTo("application/problem+json");
    assertThat(json(response.getBody()))
        .containsEntry("type", "https://topgun.dev/problems/unauthorized")
        .containsEntry("reason", "missing");
  }

  private static String child(String slug, String type) {
    return "{\"name\": \"Acme "
        + slug
        + "\", \"slug\": \""
        + slug
        + "\", \"hierarchyType\": \""
        + type
        + "\"}";
  }

  private static APIGatewayProxyResponseEvent call(
      String sub, String method, String path, String body) throws IOException {
    APIGatewayProxyRequestEvent event = event(method, path, body);
    Map<String, Object> claims = new HashMap<>();
    claims.put("sub", sub);
    claims.put("email", sub + "@example.com");
    claims.put("email_verified", "true");
    event.getRequestContext().setAuthorizer(new HashMap<>(Map.of("claims", claims)));
    return lambda.handleRequest(event, null);
  }

  private static APIGatewayProxyRequestEvent event(String method, String pathAndQuery, String body)
      throws IOException {
    APIGatewayProxyRequestEvent event;
    try (InputStream in = OrganizationsApiIT.class.getResourceAsStream("/events/request.json")) {
      event =
          LambdaEventSerializers.serializerFor(
                  APIGatewayProxyRequestEvent.class, OrganizationsApiIT.class.getClassLoader())
              .fromJson(in);
    }
    String path = pathAndQuery;
    if (pathAndQuery.contains("?")) {
      path = pathAndQuery.substring(0, pathAndQuery.indexOf('?'));
      Map<String, String> query = new HashMap<>();
      Map<String, List<String>> multi = new HashMap<>();
      for (String pair : pathAndQuery.substring(pathAndQuery.indexOf('?') + 1).split("&")) {
        String[] kv = pair.split("=", 2);
        query.put(kv[0], kv[1]);
        multi.put(kv[0], List.of(kv[1]));
      }
      event.setQueryStringParameters(query);
      event.setMultiValueQueryStringParameters(multi);
    }
    event.setHttpMethod(method);
    event.setPath(path);
    event.setResource(path);
    if (body != null) {
      event.setBody(body);
      Map<String, String> headers = new HashMap<>(event.getHeaders());
      headers.put("Content-Type", "application/json");
      event.setHeaders(headers);
      Map<String, List<String>> multiHeaders = new HashMap<>(event.getMultiValueHeaders());
      multiHeaders.put("Content-Type", List.of("application/json"));
      event.setMultiValueHeaders(multiHeaders);
    }
    return event;
  }

  private static List<String> ids(APIGatewayProxyResponseEvent response) throws IOException {
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
    Map<String, Object> body = json(response.getBody());
    assertThat(body).containsKeys("items", "nextCursor");
    List<Map<String, Object>> items = cast(body.get("items"));
    return items.stream().map(i -> (String) i.get("id")).toList();
  }

  private static List<Object> fields(Map<String, Object> problem) {
    List<Map<String, Object>> errors = cast(problem.get("errors"));
    assertThat(errors).as(problem.toString()).isNotNull();
    return errors.stream().map(e -> e.get("field")).toList();
  }

  private static String contentType(APIGatewayProxyResponseEvent response) {
    Map<String, String> headers = new HashMap<>();
    if (response.getHeaders() != null) {
      response.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v));
    }
    if (response.getMultiValueHeaders() != null) {
      response
          .getMultiValueHeaders()
          .forEach((k, v) -> headers.putIfAbsent(k.toLowerCase(), v.get(0)));
    }
    return headers.get("content-type").split(";")[0].trim();
  }

  private static Map<String, Object> json(String body) throws IOException {
    return cast(context.getBean(JsonMapper.class).readValue(body, Map.class));
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object value) {
    return (T) value;
  }
}
