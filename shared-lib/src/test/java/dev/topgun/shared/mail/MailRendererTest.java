package dev.topgun.shared.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.topgun.shared.branding.BrandDefaults;
import dev.topgun.shared.branding.BrandManifest;
import dev.topgun.shared.branding.MailTemplateItem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

class MailRendererTest {

  private static final String BASE = "https://panel.acme.test";

  private final MailRenderer renderer = new MailRenderer();

  @Test
  void theHtmlPart_escapesAHostileVariable_theTextPartKeepsItAsText() {
    // given
    Map<String, Object> variables = invitation("<script>alert(1)</script> & \"Co\"");

    // when
    RenderedMail mail = render(MailTemplate.INVITATION, variables, null);

    // then
    assertThat(mail.html())
        .doesNotContain("<script>")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;");
    assertThat(mail.text()).contains("join <script>alert(1)</script> & \"Co\" on Acme Cloud");
  }

  @Test
  void theSubject_isOneLine_soNoVariableAddsAHeader() {
    // given
    Map<String, Object> variables = invitation("Acme\r\nBcc: victim@example.test\n");

    // when
    RenderedMail mail = render(MailTemplate.INVITATION, variables, null);

    // then
    assertThat(mail.subject())
        .isEqualTo("You are invited to Acme Bcc: victim@example.test")
        .doesNotContain("\r", "\n");
  }

  @Test
  void aBrokenPartOfAnOverride_fallsBackToTheDefault_andItsGoodPartsAreUsed() {
    // given: a subject that does not compile, HTML that writes unescaped, a good text
    MailTemplateItem override = MailTemplateItem.of("org-1", "invitation");
    override.setSubject("{{#organization.name}}Join us{{/invitation.role}}");
    override.setHtml("<p>{{{organization.name}}}</p>");
    override.setText("Welcome to {{organization.name}}: {{invitation.acceptUrl}}");

    // when
    RenderedMail mail = render(MailTemplate.INVITATION, invitation("Globex"), override);

    // then
    assertThat(mail.subject()).isEqualTo("You are invited to Globex");
    assertThat(mail.html()).contains("You are invited to join <strong>Globex</strong>");
    assertThat(mail.text()).startsWith("Welcome to Globex: " + BASE + "/invitations/tok-1\n");
  }

  @Test
  void aFallback_isLogged_withoutTheMailsText() {
    // given
    MailTemplateItem override = MailTemplateItem.of("org-1", "invitation");
    override.setText("{{#invitation.acceptUrl}}{{invitation.acceptUrl}}{{/invitation.role}}");
    Logger logger = (Logger) LoggerFactory.getLogger(MailRenderer.class);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    logger.addAppender(logged);

    // when
    try {
      render(MailTemplate.INVITATION, invitation("Globex"), override);
    } finally {
      logger.detachAppender(logged);
    }

    // then
    assertThat(logged.list).hasSize(1);
    assertThat(logged.list.get(0).getFormattedMessage())
        .startsWith("The text of the invitation mail template of ORG#org-1 does not compile")
        .endsWith("; the default is used")
        .doesNotContain("tok-1", "Globex");
  }

  @Test
  void anOverrideThatRendersNothing_orIncludesAPartial_fallsBackToTheDefault() {
    // given
    MailTemplateItem override = MailTemplateItem.of("org-1", "invitation");
    override.setSubject("{{^organization.name}}never{{/organization.name}}\r\n");
    override.setHtml("{{> layout}}");
    override.setText("   ");

    // when
    RenderedMail mail = render(MailTemplate.INVITATION, invitation("Globex"), override);

    // then
    assertThat(mail.subject()).isEqualTo("You are invited to Globex");
    assertThat(mail.html()).contains("Accept the invitation");
    assertThat(mail.text()).startsWith("You are invited to join Globex on Acme Cloud as admin.");
  }

  @Test
  void aRelativeLogo_andRelativeLinks_areMadeAbsoluteOnTheLinkBase() {
    // when
    RenderedMail mail =
        renderer.render(
            MailTemplate.INVITATION, invitation("Globex"), TestBrands.acme(), BASE + "/", null);

    // then
    assertThat(mail.html())
        .contains("src=\"" + BASE + "/v1/branding/assets/acme/logo.png\"")
        .contains("href=\"" + BASE + "/invitations/tok-1\"")
        .contains("href=\"" + BASE + "/support\"")
        .doesNotContain("src=\"/", "href=\"/");
    assertThat(mail.text()).contains(BASE + "/invitations/tok-1\n");
  }

  @Test
  void theMail_showsTheBrand_colorsNameLogoAndSupportLinks() {
    // when
    RenderedMail mail = render(MailTemplate.INVITATION, invitation("Globex"), null);

    // then
    assertThat(mail.html())
        .contains("background-color:#0b7a75")
        .contains("alt=\"Acme Cloud\"")
        .contains("font-family:Inter, Arial,Arial")
        .contains("href=\"mailto:help@acme.example\"")
        .contains("href=\"https://docs.acme.example\"")
        .contains("href=\"https://acme.example/privacy\"")
        .doesNotContain(">Terms<");
    assertThat(mail.text()).contains("\n-- \nAcme Cloud\nSupport: help@acme.example\n");
    assertThat(mail.fromName()).isEqualTo("Acme Support");
    assertThat(mail.replyTo()).isEqualTo("help@acme.example");
  }

  @Test
  void hostileBrandValues_fallBackOrAreLeftOut() {
    // given: a color that would add CSS, a script link, a name over two lines
    BrandManifest hostile =
        TestBrands.acme("javascript:alert(1)", "red;background:url(x)", "Acme\r\nBcc: x@y.z");

    // when
    RenderedMail mail =
        renderer.render(MailTemplate.INVITATION, invitation("G"), hostile, BASE, null);

    // then
    assertThat(mail.html())
        .doesNotContain("javascript:", "red;")
        .contains("background-color:" + BrandDefaults.LIGHT.primary())
        .contains("src=\"" + BASE + BrandDefaults.ASSETS + "logo.svg\"");
    assertThat(mail.fromName()).isEqualTo("Acme Bcc: x@y.z");
  }

  @Test
  void withoutASenderName_theMailIsFromThePlatformName_andRepliesGoToItsReplyTo() {
    // given
    BrandManifest brand = BrandDefaults.manifest(BrandDefaults.THEME_CSS_URL);

    // when
    RenderedMail mail =
        renderer.render(MailTemplate.INVITATION, invitation("G"), brand, BASE, null);

    // then
    assertThat(mail.fromName()).isEqualTo(BrandDefaults.PLATFORM_NAME);
    assertThat(mail.replyTo()).isNull();
  }

  @Test
  void aMissingVariable_rendersEmpty_andAVariableTheTemplateDoesNotOffer_isRefused() {
    // when
    RenderedMail mail =
        render(MailTemplate.INVITATION, Map.of("organization.name", "Globex"), null);

    // then
    assertThat(mail.text()).startsWith("You are invited to join Globex on Acme Cloud as .");
    assertThatThrownBy(() -> render(MailTemplate.INVITATION, Map.of("license.id", "L1"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("license.id");
  }

  @Test
  void templatesSeeMapsOnly_notTheMethodsOfTheirValues() {
    // given
    MailTemplateItem override = MailTemplateItem.of("org-1", "invitation");
    override.setText(
        "[{{organization.name.bytes}}][{{organization.name.class}}]{{organization.name}}");

    // when
    RenderedMail mail = render(MailTemplate.INVITATION, invitation("Globex"), override);

    // then
    assertThat(mail.text()).startsWith("[][]Globex\n");
  }

  @Test
  void theThresholdMail_saysWhatHappensAtTheLimit() {
    // when
    RenderedMail warning = render(MailTemplate.LIMIT_THRESHOLD, threshold(80, false), null);
    RenderedMail full = render(MailTemplate.LIMIT_THRESHOLD, threshold(100, true), null);

    // then
    assertThat(warning.subject()).isEqualTo("Your plan's max_users is at 80 %");
    assertThat(warning.text())
        .startsWith(
            "Your organization uses 8 of its 10 max_users (80 %). Consider upgrading your license"
                + " before you reach the limit.\n");
    assertThat(full.text()).contains("New ones are refused until you free some");
    assertThat(full.html()).contains("New ones are refused").doesNotContain("Consider upgrading");
  }

  @ParameterizedTest
  @EnumSource(MailTemplate.class)
  void aBrandThatHidesItsOrigin_sendsNothingThatNamesThePlatform(MailTemplate template) {
    // when
    RenderedMail mail = render(template, template.examples(), null);

    // then
    for (String part : new String[] {mail.subject(), mail.html(), mail.text(), mail.fromName()}) {
      assertThat(part).doesNotContainIgnoringCase("topgun");
    }
    assertThat(mail.html()).contains("Acme Cloud");
  }

  /**
   * Every default, rendered with its examples for {@link TestBrands#acme()}, is the golden file
   * {@code src/test/resources/mail/<id>.{subject,html,txt}} (rewrite them with {@code
   * -Dtopgun.golden.update=true} and review the diff).
   */
  @ParameterizedTest
  @EnumSource(MailTemplate.class)
  void theDefaults_renderAsTheirGoldenFiles(MailTemplate template) throws IOException {
    // when
    RenderedMail mail = render(template, template.examples(), null);

    // then
    assertGolden(template.id() + ".subject", mail.subject() + "\n");
    assertGolden(template.id() + ".html", mail.html());
    assertGolden(template.id() + ".txt", mail.text());
  }

  @Test
  void onColor_isWhiteOnDarkColors_andBlackOnLightOnes() {
    assertThat(MailRenderer.onColor("#0b7a75")).isEqualTo("#ffffff");
    assertThat(MailRenderer.onColor("#2563eb")).isEqualTo("#ffffff");
    assertThat(MailRenderer.onColor("#fde047")).isEqualTo("#000000");
    assertThat(MailRenderer.onColor("#fff")).isEqualTo("#000000");
  }

  private static void assertGolden(String name, String actual) throws IOException {
    Path golden = Path.of("src/test/resources/mail", name);
    if (Boolean.getBoolean("topgun.golden.update")) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
    }
    assertThat(golden).exists();
    assertThat(actual).as(name).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }

  private RenderedMail render(
      MailTemplate template, Map<String, Object> variables, MailTemplateItem override) {
    return renderer.render(template, variables, TestBrands.acme(), BASE, override);
  }

  private static Map<String, Object> invitation(String organization) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("organization.name", organization);
    variables.put("invitation.role", "admin");
    variables.put("invitation.validDays", 7);
    variables.put("invitation.acceptUrl", "/invitations/tok-1");
    return variables;
  }

  private static Map<String, Object> threshold(int percent, boolean reached) {
    return Map.of(
        "organization.name",
        "Globex",
        "organization.id",
        "org-1",
        "limit.name",
        "max_users",
        "limit.percent",
        percent,
        "limit.usage",
        percent / 10,
        "limit.max",
        10,
        "limit.reached",
        reached);
  }
}
