package dev.topgun.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.topgun.emulators.Repo;
import dev.topgun.local.RuntimeClient.Answer;
import dev.topgun.local.RuntimeClient.User;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;

/**
 * The built console (web/dist) in Debian's Chromium, served by a local runtime: web's Playwright
 * specs ({@code web/e2e}) sign the operator in, check a wrong password's message and axe-core's
 * verdict, and open a reseller's verified hostname, which must show the reseller's brand and
 * nothing of the origin. This test prepares that reseller through the API and runs {@code npm run
 * e2e}; it fails, never skips, when Chromium, web/dist or web's node_modules is missing.
 */
class ConsoleE2EIT {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Duration SPECS = Duration.ofMinutes(5);
  static final String BRAND = "Panel Forge";

  @TempDir static Path data;

  static LocalRuntime runtime;
  static RuntimeClient client;

  @BeforeAll
  static void start() {
    runtime = LocalRuntime.start(LocalConfig.defaults().withFreePorts().withDataDir(data));
    client = new RuntimeClient(runtime);
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

  @Test
  void theConsolesPlaywrightSpecsPass_againstThisRuntime() throws Exception {
    // given: what the specs need on this machine
    Path web = Repo.root().resolve("web");
    assertThat(Files.isExecutable(CHROMIUM))
        .as(
            "%s is missing: install Chromium (apt-get install -y chromium; README, Set up)",
            CHROMIUM)
        .isTrue();
    assertThat(web.resolve("dist/index.html"))
        .as("the console is not built: mvn -B -pl web package (or npm --prefix web run build)")
        .isRegularFile();
    assertThat(web.resolve("node_modules/@playwright/test/package.json"))
        .as("web's node_modules lacks Playwright: npm --prefix web ci")
        .isRegularFile();
    assertThat(Files.readString(web.resolve("dist/index.html")))
        .as("the page's title before the brand is set")
        .doesNotContainIgnoringCase("topgun");

    // and: the root organization, and a reseller hiding the origin on a verified hostname
    String operator = client.operatorToken();
    Answer rootOrg =
        client.call(operator, "GET", "/v1/organizations/" + runtime.rootOrganizationId(), null);
    assertThat(rootOrg.status()).as(rootOrg.raw()).isEqualTo(200);
    String zone = "e" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    String host = "panel." + zone;
    String favicon = brandedReseller(operator, zone, host);

    // when: web's specs run against this runtime
    Instant started = Instant.now();
    List<String> command =
        new ArrayList<>(List.of("npm", "--prefix", web.toString(), "run", "e2e"));
    // -De2e.specs=members,tree runs only those spec files (while working on a page); unset runs
    // all.
    String only = System.getProperty("e2e.specs", "").strip();
    if (!only.isEmpty()) {
      command.add("--");
      Arrays.stream(only.split(","))
          .map(name -> "e2e/" + name.strip() + ".spec.ts")
          .forEach(command::add);
    }
    ProcessBuilder npm =
        new ProcessBuilder(command).directory(web.toFile()).redirectErrorStream(true);
    npm.environment()
        .putAll(
            Map.of(
                "TOPGUN_E2E_BASE_URL", runtime.endpoint().toString(),
                "TOPGUN_E2E_PORT", Integer.toString(runtime.port()),
                "TOPGUN_E2E_OPERATOR_EMAIL", runtime.operatorEmail(),
                "TOPGUN_E2E_OPERATOR_PASSWORD", runtime.operatorPassword(),
                "TOPGUN_E2E_ROOT_NAME", rootOrg.body().path("name").asText(),
                "TOPGUN_E2E_BRANDED_HOST", host,
                "TOPGUN_E2E_BRANDED_NAME", BRAND,
                "TOPGUN_E2E_BRANDED_FAVICON", favicon,
                "TOPGUN_E2E_CHROMIUM", CHROMIUM.toString(),
                "FORCE_COLOR", "0"));
    // Map.of holds ten pairs: the rest go in one by one. The inbox, where sign-up codes land.
    npm.environment().put("TOPGUN_E2E_MAILDEV_URL", runtime.mailWebEndpoint().toString());
    Process specs = npm.start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(specs.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        System.out.println("[e2e] " + line);
      }
    }
    boolean ended = specs.waitFor(SPECS.toSeconds(), TimeUnit.SECONDS);
    if (!ended) {
      specs.destroyForcibly();
    }
    System.out.println(
        "[e2e] npm run e2e took " + Duration.between(started, Instant.now()).toMillis() + " ms");

    // then
    assertThat(ended).as("npm run e2e ended within %s", SPECS).isTrue();
    assertThat(specs.exitValue()).as("npm run e2e's exit code (its output is above)").isZero();
  }

  /**
   * A reseller licensed with white_label whose brand ({@link #BRAND}, a logo, the origin hidden) is
   * on {@code host}, claimed and proven by a TXT record in {@code zone}; returns its favicon.ico's
   * URL.
   */
  private static String brandedReseller(String operator, String zone, String host)
      throws Exception {
    User owner = client.signUp("e2e-reseller");
    String reseller =
        client.organizationWith(operator, runtime.rootOrganizationId(), owner, "owner");
    Instant ends = runtime.functionTime().plus(90, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    Answer licensed =
        client.call(
            operator,
            "POST",
            "/v1/organizations/" + reseller + "/licenses",
            "{\"licenseType\":\"subscription\",\"tier\":\"professional\","
                + "\"features\":[\"white_label\"],\"limits\":{\"max_users\":5,\"max_domains\":5,"
                + "\"max_child_organizations\":5},\"authorizedDomains\":[],\"expiresAt\":\""
                + ends
                + "\",\"graceDays\":14}");
    assertThat(licensed.status()).as(licensed.raw()).isEqualTo(201);
    String branding = "/v1/organizations/" + reseller + "/branding";
    Answer set =
        client.call(
            owner.token(),
            "PUT",
            branding,
            "{\"platformName\":\""
                + BRAND
                + "\",\"shortName\":\"Forge\",\"hideOriginBranding\":true}");
    assertThat(set.status()).as(set.raw()).isEqualTo(200);
    Answer logo =
        client.upload(owner.token(), branding + "/logo", BrandingFlowIT.png(320, 120), "image/png");
    assertThat(logo.status()).as(logo.raw()).isEqualTo(200);

    Answer claimed =
        client.call(
            owner.token(), "POST", branding + "/hostnames", "{\"hostname\":\"" + host + "\"}");
    assertThat(claimed.status()).as(claimed.raw()).isEqualTo(201);
    JsonNode txt = claimed.body().path("verification");
    try (Route53Client route53 =
        SdkClients.of(Route53Client.builder(), runtime.route53Endpoint())) {
      String zoneId =
          route53
              .createHostedZone(r -> r.name(zone).callerReference(UUID.randomUUID().toString()))
              .hostedZone()
              .id();
      route53.changeResourceRecordSets(
          r ->
              r.hostedZoneId(zoneId)
                  .changeBatch(
                      b ->
                          b.changes(
                              c ->
                                  c.action(ChangeAction.UPSERT)
                                      .resourceRecordSet(
                                          s ->
                                              s.name(txt.path("name").asText())
                                                  .type(RRType.TXT)
                                                  .ttl(60L)
                                                  .resourceRecords(
                                                      v ->
                                                          v.value(
                                                              "\""
                                                                  + txt.path("value").asText()
                                                                  + "\""))))));
    }
    Answer verified =
        client.call(owner.token(), "POST", branding + "/hostnames/" + host + "/verify", null);
    assertThat(verified.status()).as(verified.raw()).isEqualTo(200);
    assertThat(verified.body().path("status").asText()).isEqualTo("verified");
    return logo.body().path("effective").path("faviconIcoUrl").asText();
  }
}
