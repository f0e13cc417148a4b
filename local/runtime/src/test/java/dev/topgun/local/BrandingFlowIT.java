package dev.topgun.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.topgun.local.RuntimeClient.Answer;
import dev.topgun.local.RuntimeClient.User;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The branding function through the local runtime, as a reseller would use it: licensed with {@code
 * white_label} by the operator, it sets its brand, uploads a logo (favicons appear in every size),
 * claims a hostname, proves it with a TXT record published through the Route 53 API, and that
 * hostname then resolves to its brand; a sub_user inherits it, and an invitation mailed about the
 * sub_user (read from maildev) is branded — with the origin hidden, without the platform's name
 * anywhere in the message.
 */
class BrandingFlowIT {

  static final Duration DELIVERY = Duration.ofSeconds(20);
  static final List<Integer> SIZES = List.of(16, 32, 48, 180, 192, 512);

  @TempDir static Path data;

  static LocalRuntime runtime;
  static RuntimeClient client;
  static Route53Client route53;
  static String operator;
  static String root;
  static String zone;
  static String zoneId;

  @BeforeAll
  static void start() {
    // The declared schedules fire every 2 s (the hostname re-check among them, daily in AWS).
    runtime =
        LocalRuntime.start(
            LocalConfig.defaults()
                .withFreePorts()
                .withDataDir(data)
                .withSchedulePeriod(Duration.ofSeconds(2)));
    client = new RuntimeClient(runtime);
    operator = client.operatorToken();
    root = runtime.rootOrganizationId();
    route53 = SdkClients.of(Route53Client.builder(), runtime.route53Endpoint());
    zone = "r" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    zoneId =
        route53
            .createHostedZone(r -> r.name(zone).callerReference(UUID.randomUUID().toString()))
            .hostedZone()
            .id();
  }

  @AfterAll
  static void stop() {
    if (route53 != null) {
      route53.close();
    }
    if (client != null) {
      client.close();
    }
    if (runtime != null) {
      runtime.close();
    }
  }

  @Test
  void aLicensedResellerBrandsItsPanel_andItsSubUsersMailIsBrandedWithoutTheOrigin()
      throws Exception {
    // given: a reseller licensed with white_label, its owner signed in
    User admin = client.signUp("brand-admin");
    String reseller = licensedReseller(admin, "\"white_label\"");

    // when: it sets its brand, hiding the origin
    Answer set =
        client.call(
            admin.token(),
            "PUT",
            "/v1/organizations/" + reseller + "/branding",
            "{\"platformName\":\"Acme Cloud\",\"shortName\":\"Acme\","
                + "\"colors\":{\"primary\":\"#0a7d4f\",\"text\":\"#111111\","
                + "\"dark\":{\"primary\":\"#3ddc97\"}},\"fontFamily\":\"Inter\","
                + "\"supportEmail\":\"help@acme.test\",\"emailFromName\":\"Acme Support\","
                + "\"customCss\":\".brand-header { letter-spacing: 0.02em; }\","
                + "\"hideOriginBranding\":true}");

    // then: own and effective values
    assertThat(set.status()).as(set.raw()).isEqualTo(200);
    assertThat(set.body().path("own").path("platformName").asText()).isEqualTo("Acme Cloud");
    assertThat(set.body().path("removed").isArray()).as("removed, even empty").isTrue();
    assertThat(set.body().path("warnings").isArray()).as("warnings, even empty").isTrue();
    assertThat(set.body().path("effective").path("colors").path("primary").asText())
        .isEqualTo("#0a7d4f");
    String cssUrl = set.body().path("effective").path("themeCssUrl").asText();
    assertThat(cssUrl).matches("/v1/branding/css/[0-9a-f]{32}\\.css");
    HttpResponse<byte[]> css = client.fetch(cssUrl, Map.of());
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.headers().firstValue("cache-control"))
        .contains("public, max-age=31536000, immutable");
    assertThat(css.headers().firstValue("etag")).isPresent();
    assertThat(new String(css.body(), StandardCharsets.UTF_8))
        .contains("#0a7d4f")
        .contains("letter-spacing");

    // when: it uploads a PNG logo
    Answer logo =
        client.upload(
            admin.token(),
            "/v1/organizations/" + reseller + "/branding/logo",
            png(320, 120),
            "image/png");

    // then: favicons in every size, each a PNG of that size
    assertThat(logo.status()).as(logo.raw()).isEqualTo(200);
    JsonNode effective = logo.body().path("effective");
    String logoUrl = effective.path("logoUrl").asText();
    assertThat(logoUrl).startsWith("/v1/branding/assets/" + reseller + "/logo-");
    List<Integer> sizes = new ArrayList<>();
    for (JsonNode favicon : effective.path("favicons")) {
      HttpResponse<byte[]> png = client.fetch(favicon.path("url").asText(), Map.of());
      assertThat(png.statusCode()).isEqualTo(200);
      int[] header = pngSize(png.body());
      assertThat(header[0]).isEqualTo(favicon.path("size").asInt());
      assertThat(header[1]).isEqualTo(favicon.path("size").asInt());
      sizes.add(header[0]);
    }
    assertThat(sizes).containsExactlyInAnyOrderElementsOf(SIZES);
    HttpResponse<byte[]> ico = client.fetch(effective.path("faviconIcoUrl").asText(), Map.of());
    assertThat(Arrays.copyOf(ico.body(), 6)).containsExactly(0, 0, 1, 0, 3, 0);

    // when: it claims a hostname, publishes the TXT record and verifies it
    String host = "panel." + zone;
    Answer claimed =
        client.call(
            admin.token(),
            "POST",
            "/v1/organizations/" + reseller + "/branding/hostnames",
            "{\"hostname\":\"" + host + "\"}");
    assertThat(claimed.status()).as(claimed.raw()).isEqualTo(201);
    assertThat(claimed.body().path("status").asText()).isEqualTo("pending");
    JsonNode txt = claimed.body().path("verification");
    assertThat(txt.path("type").asText()).isEqualTo("TXT");
    assertThat(txt.path("name").asText()).isEqualTo("_domain-verification." + host);
    assertThat(
            resolve(host).path("organization").isMissingNode()
                || resolve(host).path("organization").isNull())
        .as("a pending hostname resolves to the default")
        .isTrue();
    publishTxt(txt.path("name").asText(), txt.path("value").asText());
    Answer verified =
        client.call(
            admin.token(),
            "POST",
            "/v1/organizations/" + reseller + "/branding/hostnames/" + host + "/verify",
            null);

    // then: the hostname resolves to the brand
    assertThat(verified.status()).as(verified.raw()).isEqualTo(200);
    assertThat(verified.body().path("status").asText()).isEqualTo("verified");
    JsonNode manifest = resolve(host);
    assertThat(manifest.path("platformName").asText()).isEqualTo("Acme Cloud");
    assertThat(manifest.path("logoUrl").asText()).isEqualTo(logoUrl);
    assertThat(manifest.path("hideOriginBranding").asBoolean()).isTrue();
    assertThat(manifest.path("organization").path("id").asText()).isEqualTo(reseller);
    assertThat(manifest.path("favicons")).hasSize(6);
    assertThat(manifest.toString().toLowerCase(Locale.ROOT)).doesNotContain("topgun");

    // when: a sub_user under the reseller, and an invitation about it
    String subUser = client.createChild(admin.token(), reseller, "brand-sub", "sub_user");
    Answer inherited =
        client.call(admin.token(), "GET", "/v1/organizations/" + subUser + "/branding", null);
    assertThat(inherited.status()).as(inherited.raw()).isEqualTo(200);
    assertThat(inherited.body().path("effective").path("platformName").asText())
        .isEqualTo("Acme Cloud");
    String invitee = "invitee-" + UUID.randomUUID().toString().substring(0, 8) + "@flow.test";
    Answer invited =
        client.call(
            admin.token(),
            "POST",
            "/v1/organizations/" + subUser + "/invitations",
            "{\"email\":\"" + invitee + "\",\"role\":\"member\"}");
    assertThat(invited.status()).as(invited.raw()).isEqualTo(201);

    // then: the mail carries the reseller's name and logo, links to its hostname, no origin
    JsonNode mail = client.awaitMailTo(invitee, DELIVERY);
    assertThat(mail.path("subject").asText() + mail.path("html").asText()).contains("Acme");
    assertThat(mail.path("html").asText()).contains(logoUrl);
    assertThat(mail.path("text").asText()).contains("https://" + host + "/invitations/");
    assertThat(mail.path("from").get(0).path("name").asText()).isEqualTo("Acme Support");
    String source = rawMail(mail.path("id").asText());
    assertThat(source.toLowerCase(Locale.ROOT)).doesNotContain("topgun");
  }

  @Test
  void aDescendantsOwnBrandIsRebuiltAfterItsResellerChanges_andALostProofSuspendsTheHostname()
      throws Exception {
    // given: a reseller and a sub_user with a brand of its own (a color) below it
    User admin = client.signUp("warm-admin");
    String reseller = licensedReseller(admin, "\"white_label\"");
    String resellerPath = "/v1/organizations/" + reseller + "/branding";
    assertThat(
            client
                .call(admin.token(), "PUT", resellerPath, "{\"platformName\":\"Before\"}")
                .status())
        .isEqualTo(200);
    String sub = client.createChild(admin.token(), reseller, "warm-sub", "sub_user");
    String subPath = "/v1/organizations/" + sub + "/branding";
    Answer own =
        client.call(admin.token(), "PUT", subPath, "{\"colors\":{\"primary\":\"#123456\"}}");
    assertThat(own.status()).as(own.raw()).isEqualTo(200);
    assertThat(own.body().path("effective").path("platformName").asText()).isEqualTo("Before");

    // when: the reseller renames itself
    client.call(admin.token(), "PUT", resellerPath, "{\"platformName\":\"After\"}");

    // then: the warm-up after BrandingChanged rebuilds the sub_user's brand, keeping its color
    client.await(
        "the sub_user's brand rebuilt",
        DELIVERY,
        () -> {
          JsonNode effective =
              client.call(admin.token(), "GET", subPath, null).body().path("effective");
          return effective.path("platformName").asText().equals("After")
              && effective.path("colors").path("primary").asText().equals("#123456");
        });

    // when: the operator moves the sub_user under another branded reseller
    User globexAdmin = client.signUp("globex-admin");
    String globex = licensedReseller(globexAdmin, "\"white_label\"");
    client.call(
        globexAdmin.token(),
        "PUT",
        "/v1/organizations/" + globex + "/branding",
        "{\"platformName\":\"Globex\"}");
    Answer moved =
        client.call(
            operator,
            "POST",
            "/v1/organizations/" + sub + "/move",
            "{\"newParentId\":\"" + globex + "\"}");
    assertThat(moved.status()).as(moved.raw()).isEqualTo(200);

    // then: after OrganizationMoved its own brand is rebuilt over its new reseller's
    client.await(
        "the moved sub_user's brand rebuilt",
        DELIVERY,
        () -> {
          JsonNode effective = client.call(operator, "GET", subPath, null).body().path("effective");
          return effective.path("platformName").asText().equals("Globex")
              && effective.path("colors").path("primary").asText().equals("#123456");
        });

    // given: a verified hostname of the reseller
    String host = "lost-" + UUID.randomUUID().toString().substring(0, 8) + "." + zone;
    JsonNode claim =
        client
            .call(
                admin.token(),
                "POST",
                resellerPath + "/hostnames",
                "{\"hostname\":\"" + host + "\"}")
            .body();
    String txtName = claim.path("verification").path("name").asText();
    String token = claim.path("verification").path("value").asText();
    publishTxt(txtName, token);
    assertThat(
            client
                .call(admin.token(), "POST", resellerPath + "/hostnames/" + host + "/verify", null)
                .status())
        .isEqualTo(200);
    assertThat(resolve(host).path("platformName").asText()).isEqualTo("After");

    // when: its proof disappears, and a day passes
    changeTxt(ChangeAction.DELETE, txtName, token);
    runtime.advanceClock(Duration.ofDays(1).plusHours(1));

    // then: the daily re-check suspends it, the owner is told, and it resolves to the default
    client.await(
        "the hostname suspended",
        DELIVERY,
        () ->
            listed(admin, reseller).stream()
                .anyMatch(
                    h ->
                        h.path("hostname").asText().equals(host)
                            && h.path("status").asText().equals("suspended")));
    JsonNode told = client.awaitMailTo(admin.email(), DELIVERY);
    assertThat(told.path("subject").asText() + told.path("text").asText()).contains(host);
    assertThat(resolve(host).path("organization").path("id").asText("")).isEmpty();
  }

  @Test
  void withoutWhiteLabel_aPutIs403NamingTheFeature_andAnotherResellerSees404() throws Exception {
    // given: a reseller licensed without white_label, and another reseller's admin
    User admin = client.signUp("unlicensed-admin");
    String reseller = licensedReseller(admin, "");
    User other = client.signUp("other-admin");
    String otherReseller = licensedReseller(other, "\"white_label\"");

    // when
    Answer refused =
        client.call(
            admin.token(),
            "PUT",
            "/v1/organizations/" + reseller + "/branding",
            "{\"platformName\":\"No License\"}");
    Answer hidden =
        client.call(other.token(), "GET", "/v1/organizations/" + reseller + "/branding", null);
    Answer hiddenWrite =
        client.call(
            other.token(),
            "PUT",
            "/v1/organizations/" + reseller + "/branding",
            "{\"platformName\":\"Not Mine\"}");

    // then
    assertThat(refused.status()).as(refused.raw()).isEqualTo(403);
    assertThat(refused.raw()).contains("white_label");
    assertThat(hidden.status()).as(hidden.raw()).isEqualTo(404);
    assertThat(hiddenWrite.status()).as(hiddenWrite.raw()).isEqualTo(404);
    assertThat(otherReseller).isNotEqualTo(reseller);
  }

  @Test
  void twoOrganizationsClaimingOneHostnameAtOnce_leaveExactlyOneClaim() throws Exception {
    // given
    User first = client.signUp("race-a");
    User second = client.signUp("race-b");
    String a = licensedReseller(first, "\"white_label\"");
    String b = licensedReseller(second, "\"white_label\"");
    String host = "race-" + UUID.randomUUID().toString().substring(0, 8) + "." + zone;
    String body = "{\"hostname\":\"" + host + "\"}";

    // when: both claim it at once, several times each
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Future<Answer>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        answers.add(pool.submit(claim(first, a, body)));
        answers.add(pool.submit(claim(second, b, body)));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Answer> answer : answers) {
        statuses.add(answer.get().status());
      }

      // then: one 201, every other a 409
      assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
      assertThat(statuses).filteredOn(s -> s == 409).hasSize(5);
    } finally {
      pool.shutdownNow();
    }
    int claims = listed(first, a).size() + listed(second, b).size();
    assertThat(claims).isEqualTo(1);
  }

  @Test
  void badInput_isA4xxNamingWhy_andNothingIsStored() throws Exception {
    // given: a branded reseller
    User admin = client.signUp("bad-input");
    String reseller = licensedReseller(admin, "\"white_label\"");
    String path = "/v1/organizations/" + reseller + "/branding";
    assertThat(client.call(admin.token(), "PUT", path, "{\"platformName\":\"Kept\"}").status())
        .isEqualTo(200);
    String before = client.call(admin.token(), "GET", path, null).body().path("own").toString();
    byte[] png = png(64, 64);
    byte[] polyglot = concat(png, "<html><script>alert(1)</script></html>".getBytes());

    // when / then: images
    assertRefused(admin, path + "/logo", new byte[1024 * 1024 + 10], "image/png", 413);
    assertRefused(admin, path + "/logo", Arrays.copyOf(png, png.length / 2), "image/png", 400);
    assertRefused(admin, path + "/logo", polyglot, "image/png", 400);
    assertRefused(
        admin,
        path + "/logo",
        svg("<script>alert(1)</script><rect width=\"10\" height=\"10\"/>"),
        "image/svg+xml",
        400);
    assertRefused(
        admin,
        path + "/favicon",
        svg("<rect width=\"10\" height=\"10\" onload=\"x()\"/>"),
        "image/svg+xml",
        400);

    // when / then: custom CSS
    for (String css :
        List.of(
            "@import url(https://evil.test/x.css);",
            "a { width: expression(alert(1)); }",
            "a { color: red; } </style><script>alert(1)</script>")) {
      Answer refused =
          client.call(
              admin.token(),
              "PUT",
              path,
              "{\"platformName\":\"Changed\",\"customCss\":" + Json.quote(css) + "}");
      assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
      assertThat(refused.raw()).contains("customCss");
    }

    // when / then: hostnames
    for (String host : List.of("192.0.2.10", "bad_label.example.test", "-x.example.test")) {
      Answer refused =
          client.call(
              admin.token(), "POST", path + "/hostnames", "{\"hostname\":\"" + host + "\"}");
      assertThat(refused.status()).as(host + ": " + refused.raw()).isEqualTo(400);
      assertThat(refused.raw()).contains("hostname");
    }

    // and nothing was stored
    assertThat(client.call(admin.token(), "GET", path, null).body().path("own").toString())
        .isEqualTo(before);
    assertThat(listed(admin, reseller)).isEmpty();
  }

  @Test
  void everyPublicRoute_throughAHostnameThatHidesItsOrigin_namesNoOrigin() throws Exception {
    // given: a hiding reseller's verified hostname, with a logo
    User admin = client.signUp("hidden-admin");
    String reseller = licensedReseller(admin, "\"white_label\"");
    String path = "/v1/organizations/" + reseller + "/branding";
    Answer set =
        client.call(
            admin.token(),
            "PUT",
            path,
            "{\"platformName\":\"Nimbus Panel\",\"hideOriginBranding\":true}");
    assertThat(set.status()).as(set.raw()).isEqualTo(200);
    JsonNode brand = client.upload(admin.token(), path + "/logo", png(64, 64), "image/png").body();
    String host = "hidden-" + UUID.randomUUID().toString().substring(0, 8) + "." + zone;
    JsonNode claim =
        client
            .call(admin.token(), "POST", path + "/hostnames", "{\"hostname\":\"" + host + "\"}")
            .body();
    publishTxt(
        claim.path("verification").path("name").asText(),
        claim.path("verification").path("value").asText());
    assertThat(
            client
                .call(admin.token(), "POST", path + "/hostnames/" + host + "/verify", null)
                .status())
        .isEqualTo(200);
    JsonNode effective = brand.path("effective");

    // when: every public route of the route table, and errors, asked through that hostname
    Map<String, String> values =
        Map.of(
            "file",
            effective.path("themeCssUrl").asText().replaceAll(".*/", ""),
            "owner",
            reseller);
    List<String> asked = new ArrayList<>();
    for (dev.topgun.shared.routes.Route route :
        dev.topgun.shared.routes.RouteTable.load().routes()) {
      if (!route.auth().equals("public")) {
        continue;
      }
      String filled = route.path();
      if (filled.contains("/assets/")) {
        filled = effective.path("logoUrl").asText();
      }
      for (Map.Entry<String, String> v : values.entrySet()) {
        filled = filled.replace("{" + v.getKey() + "}", v.getValue());
      }
      asked.add(route.method() + " " + filled);
    }
    asked.addAll(
        List.of(
            "GET /v1/branding/css/not-a-stylesheet.css",
            "GET /v1/branding/assets/" + reseller + "/nothing.png",
            "GET /v1/no-such-route",
            "POST /v1/licenses/validate",
            "GET /v1/organizations/" + reseller + "/branding"));

    // then: no answer, body or header, names the origin
    for (String request : asked) {
      String method = request.substring(0, request.indexOf(' '));
      String target = request.substring(request.indexOf(' ') + 1);
      HttpResponse<byte[]> answer = client.send(method, target, Map.of("X-Forwarded-Host", host));
      String text = new String(answer.body(), StandardCharsets.ISO_8859_1) + answer.headers().map();
      assertThat(text.toLowerCase(Locale.ROOT))
          .as(request + " -> " + answer.statusCode())
          .doesNotContain("topgun");
    }
    assertThat(asked).hasSizeGreaterThan(10);
  }

  private static void assertRefused(User admin, String path, byte[] body, String type, int status)
      throws Exception {
    Answer refused = client.upload(admin.token(), path, body, type);
    assertThat(refused.status()).as(refused.raw()).isEqualTo(status);
    assertThat(refused.headers().firstValue("content-type").orElse(""))
        .startsWith("application/problem+json");
  }

  /** A reseller under the root with {@code owner} as its owner, licensed with {@code features}. */
  static String licensedReseller(User owner, String features) throws Exception {
    assertThat(client.call(owner.token(), "GET", "/v1/me", null).status()).isEqualTo(200);
    String reseller = client.createChild(operator, root, "brand", "master_branch");
    Answer added =
        client.call(
            operator,
            "POST",
            "/v1/organizations/" + reseller + "/members",
            "{\"userId\":\"" + owner.sub() + "\",\"role\":\"owner\"}");
    assertThat(added.status()).as(added.raw()).isEqualTo(201);
    Instant ends = runtime.functionTime().plus(90, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    Answer issued =
        client.call(
            operator,
            "POST",
            "/v1/organizations/" + reseller + "/licenses",
            "{\"licenseType\":\"subscription\",\"tier\":\"professional\",\"features\":["
                + features
                + "],\"limits\":{\"max_users\":20,\"max_domains\":5,"
                + "\"max_child_organizations\":10},\"authorizedDomains\":[],\"expiresAt\":\""
                + ends
                + "\",\"graceDays\":14}");
    assertThat(issued.status()).as(issued.raw()).isEqualTo(201);
    return reseller;
  }

  private static Callable<Answer> claim(User user, String org, String body) {
    return () ->
        client.call(user.token(), "POST", "/v1/organizations/" + org + "/branding/hostnames", body);
  }

  private static List<JsonNode> listed(User user, String org) throws Exception {
    Answer list =
        client.call(user.token(), "GET", "/v1/organizations/" + org + "/branding/hostnames", null);
    assertThat(list.status()).as(list.raw()).isEqualTo(200);
    List<JsonNode> items = new ArrayList<>();
    list.body().path("items").forEach(items::add);
    return items;
  }

  private static JsonNode resolve(String host) throws Exception {
    Answer resolved = client.call(null, "GET", "/v1/branding/resolve?host=" + host, null);
    assertThat(resolved.status()).as(resolved.raw()).isEqualTo(200);
    return resolved.body();
  }

  private static void publishTxt(String name, String value) {
    changeTxt(ChangeAction.UPSERT, name, value);
  }

  private static void changeTxt(ChangeAction action, String name, String value) {
    route53.changeResourceRecordSets(
        r ->
            r.hostedZoneId(zoneId)
                .changeBatch(
                    b ->
                        b.changes(
                            Change.builder()
                                .action(action)
                                .resourceRecordSet(
                                    ResourceRecordSet.builder()
                                        .name(name)
                                        .type(RRType.TXT)
                                        .ttl(60L)
                                        .resourceRecords(
                                            ResourceRecord.builder()
                                                .value("\"" + value + "\"")
                                                .build())
                                        .build())
                                .build())));
  }

  private static String rawMail(String id) throws Exception {
    java.net.http.HttpClient http =
        java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .build();
    HttpResponse<String> source =
        http.send(
            java.net.http.HttpRequest.newBuilder(
                    runtime.mailWebEndpoint().resolve("/api/email/" + id + "/source"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(source.statusCode()).isEqualTo(200);
    assertThat(source.body()).contains("Subject:");
    return source.body();
  }

  static byte[] png(int width, int height) throws Exception {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(10, 125, 79));
    g.fillRoundRect(0, 0, width, height, 24, 24);
    g.setColor(Color.WHITE);
    g.fillOval(width / 4, height / 4, width / 2, height / 2);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  /** Width and height from a PNG's IHDR chunk (after the 8-byte signature and chunk header). */
  static int[] pngSize(byte[] png) {
    assertThat(Arrays.copyOf(png, 8)).containsExactly(0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a);
    assertThat(new String(png, 12, 4, StandardCharsets.US_ASCII)).isEqualTo("IHDR");
    ByteBuffer header = ByteBuffer.wrap(png, 16, 8);
    return new int[] {header.getInt(), header.getInt()};
  }

  private static byte[] svg(String inner) {
    return ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\">"
            + inner
            + "</svg>")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  /** JSON string literals for bodies built by hand. */
  static final class Json {
    static String quote(String s) {
      return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
  }
}
