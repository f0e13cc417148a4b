package dev.topgun.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.shared.routes.EventRules;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.CreateHostedZoneResponse;
import software.amazon.awssdk.services.route53.model.GetHostedZoneResponse;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.HostedZoneAlreadyExistsException;
import software.amazon.awssdk.services.route53.model.HostedZoneNotEmptyException;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.InvalidDomainNameException;
import software.amazon.awssdk.services.route53.model.InvalidInputException;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameResponse;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.NoSuchChangeException;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The local Route 53 through the AWS SDK's {@code Route53Client} with an endpoint override, as the
 * functions reach it: every operation, its errors, and a batch's all-or-nothing under concurrency.
 */
class LocalRoute53IT {

  @TempDir static Path data;

  static LocalRuntime runtime;
  static Route53Client route53;

  @BeforeAll
  static void start() {
    runtime =
        LocalRuntime.start(
            LocalConfig.defaults()
                .withFreePorts()
                .withDataDir(data)
                .withRules(EventRules.of(List.of())));
    route53 = SdkClients.of(Route53Client.builder(), runtime.route53Endpoint());
  }

  @AfterAll
  static void stop() {
    if (route53 != null) {
      route53.close();
    }
    if (runtime != null) {
      runtime.close();
    }
  }

  static String uniqueZone() {
    return "z" + UUID.randomUUID().toString().substring(0, 8) + ".example.test";
  }

  static String createZone(String name) {
    return route53
        .createHostedZone(r -> r.name(name).callerReference(UUID.randomUUID().toString()))
        .hostedZone()
        .id();
  }

  static Change change(ChangeAction action, String name, RRType type, long ttl, String... values) {
    return Change.builder()
        .action(action)
        .resourceRecordSet(
            ResourceRecordSet.builder()
                .name(name)
                .type(type)
                .ttl(ttl)
                .resourceRecords(
                    List.of(values).stream()
                        .map(v -> ResourceRecord.builder().value(v).build())
                        .toList())
                .build())
        .build();
  }

  static ChangeInfo apply(String zoneId, Change... changes) {
    return route53
        .changeResourceRecordSets(r -> r.hostedZoneId(zoneId).changeBatch(b -> b.changes(changes)))
        .changeInfo();
  }

  static List<String> listing(String zoneId) {
    return route53
        .listResourceRecordSetsPaginator(r -> r.hostedZoneId(zoneId))
        .resourceRecordSets()
        .stream()
        .map(set -> set.name() + " " + set.typeAsString())
        .toList();
  }

  @Test
  void createHostedZone_answersTheZoneItsChangeAndDelegationSet_andGetShowsTheSame() {
    // given
    String name = uniqueZone();

    // when
    CreateHostedZoneResponse created =
        route53.createHostedZone(
            r ->
                r.name(name.toUpperCase())
                    .callerReference("create-" + name)
                    .hostedZoneConfig(c -> c.comment("verification zone")));
    GetHostedZoneResponse got = route53.getHostedZone(r -> r.id(created.hostedZone().id()));

    // then
    HostedZone zone = created.hostedZone();
    assertThat(zone.id()).matches("Z[0-9A-Z]{20}");
    assertThat(zone.name()).isEqualTo(name + ".");
    assertThat(zone.callerReference()).isEqualTo("create-" + name);
    assertThat(zone.config().comment()).isEqualTo("verification zone");
    assertThat(zone.config().privateZone()).isFalse();
    assertThat(zone.resourceRecordSetCount()).isEqualTo(2);
    assertThat(created.location()).endsWith("/2013-04-01/hostedzone/" + zone.id());
    assertThat(created.changeInfo().status()).isEqualTo(ChangeStatus.PENDING);
    assertThat(created.delegationSet().nameServers()).hasSize(4).allMatch(ns -> !ns.endsWith("."));
    assertThat(got.hostedZone()).isEqualTo(zone);
    assertThat(got.delegationSet()).isEqualTo(created.delegationSet());
    assertThat(listing(zone.id())).containsExactly(name + ". NS", name + ". SOA");
    assertThat(route53.getChange(r -> r.id(created.changeInfo().id())).changeInfo().status())
        .isEqualTo(ChangeStatus.INSYNC);
  }

  @Test
  void aCallerReference_makesOneZoneOnly_evenAfterThatZoneIsDeleted() {
    // given
    String reference = "ref-" + UUID.randomUUID();
    String id =
        route53
            .createHostedZone(r -> r.name(uniqueZone()).callerReference(reference))
            .hostedZone()
            .id();

    // when / then
    assertThatThrownBy(
            () -> route53.createHostedZone(r -> r.name(uniqueZone()).callerReference(reference)))
        .isInstanceOf(HostedZoneAlreadyExistsException.class)
        .hasMessageContaining(
            "A hosted zone has already been created with the specified caller reference.");
    route53.deleteHostedZone(r -> r.id(id));
    assertThatThrownBy(
            () -> route53.createHostedZone(r -> r.name(uniqueZone()).callerReference(reference)))
        .isInstanceOf(HostedZoneAlreadyExistsException.class);
  }

  @Test
  void badZoneRequests_getRoute53sErrors() {
    // when / then
    assertThatThrownBy(
            () ->
                route53.createHostedZone(
                    r -> r.name("bad..name.test").callerReference("x-" + UUID.randomUUID())))
        .isInstanceOf(InvalidDomainNameException.class);
    assertThatThrownBy(
            () -> route53.createHostedZone(r -> r.name(uniqueZone()).callerReference("")))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(
            () ->
                route53.createHostedZone(
                    r ->
                        r.name(uniqueZone())
                            .callerReference("vpc-" + UUID.randomUUID())
                            .vpc(v -> v.vpcId("vpc-1").vpcRegion("us-east-1"))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("public hosted zones only");
    assertThatThrownBy(() -> route53.getHostedZone(r -> r.id("ZNOSUCHZONE")))
        .isInstanceOfSatisfying(
            NoSuchHostedZoneException.class, e -> assertThat(e.statusCode()).isEqualTo(404))
        .hasMessageContaining("No hosted zone found with ID: ZNOSUCHZONE");
    assertThatThrownBy(() -> route53.listResourceRecordSets(r -> r.hostedZoneId("ZNOSUCHZONE")))
        .isInstanceOf(NoSuchHostedZoneException.class);
    assertThatThrownBy(
            () ->
                apply(
                    "ZNOSUCHZONE",
                    change(ChangeAction.CREATE, "a.example.test", RRType.A, 60, "192.0.2.1")))
        .isInstanceOf(NoSuchHostedZoneException.class);
    assertThatThrownBy(() -> route53.deleteHostedZone(r -> r.id("ZNOSUCHZONE")))
        .isInstanceOf(NoSuchHostedZoneException.class);
    assertThatThrownBy(() -> route53.getChange(r -> r.id("CNOSUCHCHANGE")))
        .isInstanceOf(NoSuchChangeException.class);
  }

  @Test
  void recordSets_areCreatedUpsertedAndDeleted_withTheirValuesAsGiven() {
    // given
    String zone = uniqueZone();
    String id = createZone(zone);

    // when
    ChangeInfo created =
        apply(
            id,
            change(
                ChangeAction.CREATE,
                "_x." + zone,
                RRType.TXT,
                60,
                "\"token-1\"",
                "\"part one\" \"part two\""),
            change(ChangeAction.CREATE, "www." + zone, RRType.A, 300, "192.0.2.1"));
    apply(id, change(ChangeAction.UPSERT, "www." + zone, RRType.A, 120, "192.0.2.2", "192.0.2.3"));
    apply(
        id,
        change(
            ChangeAction.DELETE,
            "_x." + zone.toUpperCase() + ".",
            RRType.TXT,
            60,
            "\"part one\" \"part two\"",
            "\"token-1\""));

    // then
    assertThat(created.status()).isEqualTo(ChangeStatus.PENDING);
    List<ResourceRecordSet> sets =
        route53.listResourceRecordSets(r -> r.hostedZoneId(id)).resourceRecordSets();
    assertThat(sets)
        .extracting(ResourceRecordSet::name)
        .containsExactly(zone + ".", zone + ".", "www." + zone + ".");
    ResourceRecordSet www = sets.get(2);
    assertThat(www.ttl()).isEqualTo(120);
    assertThat(www.resourceRecords())
        .extracting(ResourceRecord::value)
        .containsExactly("192.0.2.2", "192.0.2.3");
    assertThat(route53.getHostedZone(r -> r.id(id)).hostedZone().resourceRecordSetCount())
        .isEqualTo(3);
  }

  @Test
  void aBadBatch_isRefusedWhole_withEveryMessage() {
    // given
    String zone = uniqueZone();
    String id = createZone(zone);
    apply(
        id,
        change(ChangeAction.CREATE, "www." + zone, RRType.A, 300, "192.0.2.1"),
        change(ChangeAction.CREATE, "api." + zone, RRType.A, 300, "192.0.2.2"));

    // when / then
    assertThatThrownBy(
            () ->
                apply(
                    id,
                    change(ChangeAction.CREATE, "new." + zone, RRType.A, 300, "192.0.2.9"),
                    change(ChangeAction.CREATE, "www." + zone, RRType.A, 300, "192.0.2.1"),
                    change(ChangeAction.DELETE, "gone." + zone, RRType.TXT, 300, "\"x\""),
                    change(ChangeAction.DELETE, "api." + zone, RRType.A, 300, "192.0.2.7")))
        .isInstanceOfSatisfying(
            InvalidChangeBatchException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorMessage())
                  .isEqualTo(
                      "[Tried to create resource record set [name='www."
                          + zone
                          + ".', type='A'] but it already exists, Tried to delete resource record"
                          + " set [name='gone."
                          + zone
                          + ".', type='TXT'] but it was not found, Tried to delete resource record"
                          + " set [name='api."
                          + zone
                          + ".', type='A'] but the values provided do not match the current"
                          + " values]");
            });
    assertThat(listing(id))
        .containsExactly(
            zone + ". NS", zone + ". SOA", "api." + zone + ". A", "www." + zone + ". A");
  }

  @Test
  void aChangeWithoutTtlOrValues_isInvalidInput() {
    // given
    String id = createZone(uniqueZone());
    Change noTtl =
        Change.builder()
            .action(ChangeAction.CREATE)
            .resourceRecordSet(
                s ->
                    s.name("a.example.test")
                        .type(RRType.A)
                        .resourceRecords(v -> v.value("192.0.2.1")))
            .build();

    // when / then
    assertThatThrownBy(() -> apply(id, noTtl))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(
            "Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords]]");
    assertThatThrownBy(
            () -> route53.listResourceRecordSets(r -> r.hostedZoneId(id).startRecordType(RRType.A)))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void listResourceRecordSets_ordersByReversedLabelsThenType_andPagesWithNextNameAndType() {
    // given
    String zone = uniqueZone();
    String id = createZone(zone);
    apply(
        id,
        change(ChangeAction.CREATE, "www." + zone, RRType.A, 60, "192.0.2.1"),
        change(ChangeAction.CREATE, "www-2." + zone, RRType.A, 60, "192.0.2.2"),
        change(ChangeAction.CREATE, "*." + zone, RRType.TXT, 60, "\"wild\""),
        change(ChangeAction.CREATE, "a.b." + zone, RRType.AAAA, 60, "2001:db8::1"),
        change(ChangeAction.CREATE, zone, RRType.MX, 60, "10 mail." + zone),
        change(ChangeAction.CREATE, "www." + zone, RRType.TXT, 60, "\"x\""));

    // when
    List<String> pages = new ArrayList<>();
    String nextName = null;
    RRType nextType = null;
    do {
      String name = nextName;
      RRType type = nextType;
      ListResourceRecordSetsResponse page =
          route53.listResourceRecordSets(
              r -> r.hostedZoneId(id).maxItems("3").startRecordName(name).startRecordType(type));
      page.resourceRecordSets().forEach(set -> pages.add(set.name() + " " + set.typeAsString()));
      nextName = page.isTruncated() ? page.nextRecordName() : null;
      nextType = page.isTruncated() ? page.nextRecordType() : null;
    } while (nextName != null);

    // then
    String z = zone + ".";
    assertThat(pages)
        .containsExactly(
            z + " MX",
            z + " NS",
            z + " SOA",
            "\\052." + z + " TXT",
            "a.b." + z + " AAAA",
            "www-2." + z + " A",
            "www." + z + " A",
            "www." + z + " TXT");
    assertThat(listing(id)).isEqualTo(pages);
  }

  @Test
  void deleteHostedZone_isRefusedWhileItHoldsRecords_thenDeletesIt() {
    // given
    String zone = uniqueZone();
    String id = createZone(zone);
    apply(id, change(ChangeAction.CREATE, "www." + zone, RRType.A, 60, "192.0.2.1"));

    // when / then
    assertThatThrownBy(() -> route53.deleteHostedZone(r -> r.id(id)))
        .isInstanceOf(HostedZoneNotEmptyException.class);
    apply(id, change(ChangeAction.DELETE, "www." + zone, RRType.A, 60, "192.0.2.1"));
    assertThat(route53.deleteHostedZone(r -> r.id(id)).changeInfo().status())
        .isEqualTo(ChangeStatus.PENDING);
    assertThatThrownBy(() -> route53.getHostedZone(r -> r.id(id)))
        .isInstanceOf(NoSuchHostedZoneException.class);
  }

  @Test
  void listHostedZones_pagesWithMarkers_andByNameStartsAtTheNameGiven() {
    // given
    String suffix = UUID.randomUUID().toString().substring(0, 8) + ".bynames.test";
    List<String> ids = new ArrayList<>();
    for (String label : List.of("b", "a", "c")) {
      ids.add(createZone(label + "." + suffix));
    }

    // when
    List<String> everyId =
        route53.listHostedZonesPaginator(r -> r.maxItems("2")).hostedZones().stream()
            .map(HostedZone::id)
            .toList();
    ListHostedZonesByNameResponse byName =
        route53.listHostedZonesByName(r -> r.dnsName("a." + suffix).maxItems("2"));

    // then
    assertThat(everyId).containsAll(ids).isSorted().doesNotHaveDuplicates();
    assertThat(byName.hostedZones())
        .extracting(HostedZone::name)
        .containsExactly("a." + suffix + ".", "b." + suffix + ".");
    assertThat(byName.dnsName()).isEqualTo("a." + suffix + ".");
    assertThat(byName.isTruncated()).isTrue();
    assertThat(byName.nextDNSName()).isEqualTo("c." + suffix + ".");
    assertThat(byName.nextHostedZoneId()).isEqualTo(ids.get(2));
    assertThatThrownBy(() -> route53.listHostedZonesByName(r -> r.hostedZoneId(ids.get(0))))
        .isInstanceOf(InvalidInputException.class);
    assertThat(route53.getHostedZoneCount().hostedZoneCount()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void concurrentCreatesOfOneSet_makeItOnce_andDistinctSetsAreAllKept() throws Exception {
    // given
    String zone = uniqueZone();
    String id = createZone(zone);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Callable<Boolean>> sameSet = new ArrayList<>();
    List<Callable<Boolean>> distinct = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String value = "192.0.2." + (i + 1);
      String name = "host" + i + "." + zone;
      sameSet.add(
          () -> created(id, change(ChangeAction.CREATE, "same." + zone, RRType.A, 60, value)));
      distinct.add(() -> created(id, change(ChangeAction.CREATE, name, RRType.A, 60, value)));
    }

    // when
    List<Future<Boolean>> same = pool.invokeAll(sameSet);
    List<Future<Boolean>> apart = pool.invokeAll(distinct);
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    // then
    assertThat(same.stream().filter(LocalRoute53IT::succeeded).count()).isEqualTo(1);
    assertThat(apart).allMatch(LocalRoute53IT::succeeded);
    assertThat(listing(id)).hasSize(2 + 1 + 8);
  }

  private static boolean created(String zoneId, Change change) {
    try {
      apply(zoneId, change);
      return true;
    } catch (InvalidChangeBatchException e) {
      return false;
    }
  }

  private static boolean succeeded(Future<Boolean> future) {
    try {
      return future.get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void malformedXml_andADoctype_areInvalidInput_asRoute53sErrorDocument() throws Exception {
    // given
    HttpClient http = HttpClient.newHttpClient();
    URI uri = URI.create(runtime.route53Endpoint() + "/2013-04-01/hostedzone");
    String entity =
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + "<CreateHostedZoneRequest xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\">"
            + "<Name>&x;</Name><CallerReference>xxe</CallerReference></CreateHostedZoneRequest>";

    // when
    HttpResponse<String> garbage =
        http.send(
            HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.ofString("<not xml"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> doctype =
        http.send(
            HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(entity)).build(),
            HttpResponse.BodyHandlers.ofString());

    // then
    for (HttpResponse<String> answer : List.of(garbage, doctype)) {
      assertThat(answer.statusCode()).isEqualTo(400);
      assertThat(answer.headers().firstValue("Content-Type")).hasValue("text/xml");
      assertThat(answer.body())
          .contains("<ErrorResponse xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\">")
          .contains("<Type>Sender</Type><Code>InvalidInput</Code>")
          .doesNotContain("root:");
    }
    assertThat(route53.listHostedZonesByName(r -> r.dnsName("xxe")).hostedZones())
        .noneMatch(zone -> zone.callerReference().equals("xxe"));
  }
}
