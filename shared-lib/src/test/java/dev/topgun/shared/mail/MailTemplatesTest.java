package dev.topgun.shared.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MailTemplatesTest {

  @ParameterizedTest
  @EnumSource(MailTemplate.class)
  void everyDefault_isAValidOverride_andNamesNoPlatform(MailTemplate template) {
    // given
    String subject = template.defaultSource(MailPart.SUBJECT);
    String html = template.defaultSource(MailPart.HTML);
    String text = template.defaultSource(MailPart.TEXT);

    // when / then: the defaults use the variables the template offers, and nothing else
    assertThat(MailTemplates.validate(template, subject, html, text)).isEmpty();
    assertThat(subject + html + text).doesNotContainIgnoringCase("topgun");
  }

  @Test
  void theLayouts_nameNoPlatform() {
    assertThat(MailTemplate.layout(MailPart.HTML) + MailTemplate.layout(MailPart.TEXT))
        .doesNotContainIgnoringCase("topgun")
        .contains("{{{content}}}");
  }

  @Test
  void aGoodOverride_hasNoProblem_andNullPartsAreNotChecked() {
    assertThat(
            MailTemplates.validate(
                MailTemplate.INVITATION,
                "Join {{organization.name}} on {{brand.platformName}}",
                null,
                "{{#brand.supportUrl}}Help: {{brand.supportUrl}}{{/brand.supportUrl}}"
                    + " {{invitation.acceptUrl}} {{{organization.name}}}"))
        .isEmpty();
  }

  @Test
  void aVariableTheTemplateDoesNotOffer_isAProblemOfItsPart() {
    // when
    List<MailTemplates.Problem> problems =
        MailTemplates.validate(
            MailTemplate.INVITATION,
            null,
            "<p>{{license.id}} {{#user.password}}x{{/user.password}}</p>",
            null);

    // then
    assertThat(problems)
        .extracting(MailTemplates.Problem::field, MailTemplates.Problem::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "html", "{{license.id}} is not a variable of the invitation mail"),
            org.assertj.core.groups.Tuple.tuple(
                "html", "{{user.password}} is not a variable of the invitation mail"));
  }

  @Test
  void whatCannotBeRendered_isAProblem_eachPartItsOwn() {
    // when
    List<MailTemplates.Problem> problems =
        MailTemplates.validate(
            MailTemplate.LICENSE_GRACE,
            "{{#license.id}}open",
            "<p>{{{organization.name}}}</p>",
            "{{> layout}}");

    // then
    assertThat(problems)
        .extracting(MailTemplates.Problem::field)
        .containsExactly("subject", "html", "text");
    assertThat(problems.get(0).message()).startsWith("does not compile: ");
    assertThat(problems.get(1).message()).contains("without HTML escaping");
    assertThat(problems.get(2).message())
        .isEqualTo("includes {{>layout}}: partials are not offered");
  }

  @Test
  void unescapedHtml_isRefusedInAnyForm_andSoAreOtherDelimiters() {
    assertThat(problem(MailPart.HTML, "<p>{{& organization.name}}</p>")).contains("escaping");
    assertThat(problem(MailPart.HTML, "{{=<% %>=}}<%{organization.name}%>")).contains("delimiters");
    assertThat(problem(MailPart.TEXT, "{{=<% %>=}}<%organization.name%>")).contains("delimiters");
  }

  @Test
  void anEmpty_tooLong_orSilentPart_isAProblem() {
    assertThat(problem(MailPart.SUBJECT, " ")).startsWith("is empty");
    assertThat(problem(MailPart.SUBJECT, "x".repeat(999))).startsWith("is longer than 998");
    assertThat(problem(MailPart.SUBJECT, "{{^organization.name}}x{{/organization.name}}\n"))
        .isEqualTo("renders nothing");
  }

  private static String problem(MailPart part, String source) {
    List<MailTemplates.Problem> problems =
        MailTemplates.validate(
            MailTemplate.INVITATION,
            part == MailPart.SUBJECT ? source : null,
            part == MailPart.HTML ? source : null,
            part == MailPart.TEXT ? source : null);
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).part()).isEqualTo(part);
    return problems.get(0).message();
  }
}
