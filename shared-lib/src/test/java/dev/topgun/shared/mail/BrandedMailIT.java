package dev.topgun.shared.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.emulators.MailEmulator;
import dev.topgun.shared.branding.BrandDefaults;
import dev.topgun.shared.branding.BrandManifest;
import dev.topgun.shared.branding.BrandManifests;
import dev.topgun.shared.branding.BrandingItem;
import dev.topgun.shared.branding.HostnameItem;
import dev.topgun.shared.branding.MailTemplateItem;
import dev.topgun.shared.store.SingleTableStore;
import dev.topgun.shared.tenancy.ClosureItem;
import dev.topgun.shared.tenancy.OrganizationItem;
import dev.topgun.shared.testing.LocalTable;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link BrandedMail} as a function's bean over a local table, sending to maildev:
 *
 * <pre>
 * operator (top_branch)           overrides invitation and license-expired ("Topgun ...")
 * ├── reseller (master_branch)    brand "Acme Cloud", hides its origin; panel.acme.test verified;
 * │   │                           overrides invitation
 * │   ├── customer (end_user)     no brand, no override
 * │   └── partner (end_user)      brand "Acme Partner" (hides too, inherited)
 * └── other (master_branch)
 *     └── otherCustomer (end_user)
 * </pre>
 */
class BrandedMailIT {

  @RegisterExtension static final LocalTable TABLE = new LocalTable();

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final String CONSOLE = "http://console.test:8080";

  static MailEmulator mail;
  static ApplicationContext context;
  static BrandedMail branded;
  static SingleTableStore store;
  static BrandManifests brands;

  @BeforeAll
  static void start() {
    mail = MailEmulator.start(0, 0, null);
    Map<String, Object> properties = new HashMap<>(TABLE.properties());
    properties.put("topgun.mail.smtp-host", mail.smtpHost());
    properties.put("topgun.mail.smtp-port", mail.smtpPort());
    properties.put("topgun.web.base-url", CONSOLE);
    context = ApplicationContext.run(properties);
    branded = context.getBean(BrandedMail.class);
    store = context.getBean(SingleTableStore.class);
    brands = context.getBean(BrandManifests.class);

    org("operator", "top_branch");
    org("reseller", "master_branch", "operator");
    org("customer", "end_user", "reseller", "operator");
    org("partner", "end_user", "reseller", "operator");
    org("other", "master_branch", "operator");
    org("otherCustomer", "end_user", "other", "operator");
    brand("reseller", TestBrands.acme());
    brand("partner", partnerBrand());
    HostnameItem claim = HostnameItem.owned("reseller", "panel.acme.test");
    claim.setStatus(HostnameItem.VERIFIED);
    store.put(HostnameItem.SCHEMA, claim);
    override("operator", MailTemplate.INVITATION, "Topgun: join {{organization.name}}");
    override("operator", MailTemplate.LICENSE_EXPIRED, "Topgun: your license has expired");
    MailTemplateItem reseller = override("reseller", MailTemplate.INVITATION, null);
    reseller.setSubject("Join {{organization.name}} on {{brand.platformName}}");
    reseller.setText("{{organization.name}} awaits you: {{invitation.acceptUrl}}");
    store.put(MailTemplateItem.SCHEMA, reseller);
  }

  @AfterAll
  static void stop() {
    if (context != null) {
      context.close();
    }
    if (mail != null) {
      mail.close();
    }
  }

  @Test
  void theChildOfAReseller_getsTheResellersBrand_hostnameAndOverride() {
    // when
    RenderedMail composed =
        branded.compose("customer", MailTemplate.INVITATION, invitation("Globex"));

    // then
    assertThat(composed.subject()).isEqualTo("Join Globex on Acme Cloud");
    assertThat(composed.text())
        .startsWith("Globex awaits you: https://panel.acme.test/invitations/tok-1\n");
    assertThat(composed.html())
        .contains("src=\"https://panel.acme.test/v1/branding/assets/acme/logo.png\"")
        .contains("href=\"https://panel.acme.test/invitations/tok-1\"")
        .contains("background-color:#0b7a75");
    assertThat(composed.fromName()).isEqualTo("Acme Support");
    for (String part :
        List.of(composed.subject(), composed.html(), composed.text(), composed.fromName())) {
      assertThat(part).doesNotContainIgnoringCase("topgun");
    }
  }

  @Test
  void underABrandThatHidesItsOrigin_theOperatorsOverrides_doNotApply() {
    // when: the operator overrides license-expired, the reseller does not
    RenderedMail customer =
        branded.compose("customer", MailTemplate.LICENSE_EXPIRED, expiry("Globex"));
    RenderedMail partner =
        branded.compose("partner", MailTemplate.INVITATION, invitation("Initech"));
    RenderedMail outside =
        branded.compose("otherCustomer", MailTemplate.LICENSE_EXPIRED, expiry("Hooli"));

    // then: the reseller's customers get the default, or the reseller's own override with the
    // brand of the branded customer; outside the reseller, the operator's override applies
    assertThat(customer.subject()).isEqualTo("Your license has expired");
    assertThat(partner.subject()).isEqualTo("Join Initech on Acme Partner");
    assertThat(partner.fromName()).isEqualTo("Acme Partner");
    assertThat(outside.subject()).isEqualTo("Topgun: your license has expired");
  }

  @Test
  void withoutAVerifiedHostname_linksUseTheConsole_andAnUnknownOrganizationGetsTheDefaultBrand() {
    // when
    RenderedMail outside =
        branded.compose("otherCustomer", MailTemplate.INVITATION, invitation("Hooli"));
    RenderedMail unknown = branded.compose("nobody", MailTemplate.INVITATION, invitation("Nobody"));

    // then
    assertThat(outside.subject()).isEqualTo("Topgun: join Hooli");
    assertThat(outside.text()).contains(CONSOLE + "/invitations/tok-1");
    assertThat(unknown.subject()).isEqualTo("You are invited to Nobody");
    assertThat(unknown.fromName()).isEqualTo(BrandDefaults.PLATFORM_NAME);
    assertThat(unknown.html()).contains("src=\"" + CONSOLE + BrandDefaults.ASSETS + "logo.svg\"");
  }

  @Test
  void send_deliversAlternativeTextAndHtml_fromTheBrandsName_withANeutralMessageId()
      throws Exception {
    // when
    branded.send("guest@example.test", "customer", MailTemplate.INVITATION, invitation("Globex"));

    // then
    Map<String, Object> received = awaitMailTo("guest@example.test");
    String source = source(received);
    String headers = source.substring(0, source.indexOf("\r\n\r\n")).replace("\r\n\t", " ");
    assertThat(headers.lines().toList())
        .contains(
            "From: Acme Support <" + Mailer.DEFAULT_FROM_ADDRESS + ">",
            "Reply-To: help@acme.example",
            "To: guest@example.test",
            "Subject: Join Globex on Acme Cloud")
        .anyMatch(h -> h.matches("Message-ID: <[0-9A-HJKMNP-TV-Z]{26}@mail\\.localhost>"))
        .anyMatch(h -> h.startsWith("Content-Type: multipart/alternative;"))
        .noneMatch(h -> h.toLowerCase(java.util.Locale.ROOT).startsWith("x-mailer"));
    assertThat(headers).doesNotContainIgnoringCase("topgun").doesNotContain("JavaMail");
    assertThat(source.indexOf("Content-Type: text/plain; charset=UTF-8"))
        .isPositive()
        .isLessThan(source.indexOf("Content-Type: text/html; charset=UTF-8"));
    assertThat(String.valueOf(received.get("text")))
        .startsWith("Globex awaits you: https://panel.acme.test/invitations/tok-1");
    assertThat(String.valueOf(received.get("html"))).contains("Accept the invitation");
  }

  @Test
  void everyMailType_sentAboutACustomerOfABrandThatHidesItsOrigin_namesNoOrigin() throws Exception {
    for (MailTemplate template : MailTemplate.values()) {
      // when: each kind of mail the platform sends, with its example values
      String to = template.id() + "@hidden.example.test";
      branded.send(to, "partner", template, template.examples());

      // then: neither its headers nor its parts name the platform
      Map<String, Object> received = awaitMailTo(to);
      String source = source(received);
      assertThat(source).as(template.id()).doesNotContainIgnoringCase("topgun");
      assertThat(String.valueOf(received.get("subject"))).as(template.id()).isNotBlank();
      assertThat(String.valueOf(received.get("html"))).as(template.id()).contains("Acme Partner");
      assertThat(String.valueOf(received.get("text"))).as(template.id()).isNotBlank();
    }
  }

  private static Map<String, Object> invitation(String organization) {
    return Map.of(
        "organization.name",
        organization,
        "invitation.role",
        "member",
        "invitation.validDays",
        7,
        "invitation.acceptUrl",
        "/invitations/tok-1");
  }

  private static Map<String, Object> expiry(String organization) {
    return Map.of(
        "organization.name", organization,
        "organization.id", "org-1",
        "license.id", "lic-1",
        "license.expiresAt", "11 November 2026, 12:00 UTC",
        "license.graceEndsAt", "25 November 2026, 12:00 UTC");
  }

  private static BrandManifest partnerBrand() {
    BrandManifest acme = TestBrands.acme("/v1/branding/assets/partner/logo.png", "#7c3aed", "");
    return new BrandManifest(
        "Acme Partner",
        acme.shortName(),
        acme.colors(),
        acme.fontFamily(),
        acme.themeCssUrl(),
        acme.logoUrl(),
        acme.logoDarkUrl(),
        acme.favicons(),
        acme.faviconIcoUrl(),
        acme.manifestUrl(),
        acme.supportEmail(),
        acme.supportUrl(),
        acme.docsUrl(),
        acme.termsUrl(),
        acme.privacyUrl(),
        null,
        null,
        true,
        null);
  }

  private static void org(String id, String type, String... ancestors) {
    String parent = ancestors.length == 0 ? null : ancestors[0];
    store.put(OrganizationItem.SCHEMA, OrganizationItem.of(id, id, id, type, parent));
    for (int depth = 1; depth <= ancestors.length; depth++) {
      store.put(ClosureItem.SCHEMA, ClosureItem.of(ancestors[depth - 1], id, depth));
    }
  }

  private static void brand(String orgId, BrandManifest manifest) {
    BrandingItem item = BrandingItem.of(orgId);
    item.setManifest(brands.encode(manifest));
    store.put(BrandingItem.SCHEMA, item);
  }

  private static MailTemplateItem override(String orgId, MailTemplate template, String subject) {
    MailTemplateItem item = MailTemplateItem.of(orgId, template.id());
    item.setSubject(subject);
    if (subject != null) {
      store.put(MailTemplateItem.SCHEMA, item);
    }
    return item;
  }

  /** The message as maildev received it (RFC 5322, CRLF line ends). */
  private static String source(Map<String, Object> email) throws IOException, InterruptedException {
    return HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(mail.webEndpoint() + "/api/email/" + email.get("id") + "/source"))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** The one message maildev holds for {@code address}, polled for up to 10 s. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> awaitMailTo(String address)
      throws IOException, InterruptedException {
    JsonMapper json = context.getBean(JsonMapper.class);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      HttpResponse<String> inbox =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(mail.webEndpoint() + "/api/email")).build(),
              HttpResponse.BodyHandlers.ofString());
      for (Map<String, Object> email :
          (List<Map<String, Object>>)
              (List<?>) json.readValue(inbox.body(), Argument.listOf(Map.class))) {
        List<Map<String, Object>> to = (List<Map<String, Object>>) email.get("to");
        if (to != null && to.stream().anyMatch(r -> address.equals(r.get("address")))) {
          return email;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no mail to " + address + " within 10 s");
      }
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
  }
}
