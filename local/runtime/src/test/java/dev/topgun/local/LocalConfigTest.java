package dev.topgun.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalConfigTest {

  @Test
  void fromEnvironment_readsPortsTableOperatorAndFresh() {
    // given
    Map<String, String> env =
        Map.of(
            "TOPGUN_PORT", "18080",
            "TOPGUN_DYNAMODB_PORT", "18000",
            "TOPGUN_COGNITO_PORT", "19229",
            "TOPGUN_SMTP_PORT", "11025",
            "TOPGUN_MAIL_WEB_PORT", "11080",
            "TOPGUN_S3_PORT", "14568",
            "TOPGUN_TABLE", "topgun-dev",
            "TOPGUN_OPERATOR_EMAIL", "ops@example.com",
            "TOPGUN_OPERATOR_PASSWORD", "Correct-Horse-42",
            "TOPGUN_DATA_DIR", "/tmp/topgun-data");

    // when
    LocalConfig config = LocalConfig.fromEnvironment(env, List.of("--fresh"));

    // then
    assertThat(config.port()).isEqualTo(18080);
    assertThat(config.dynamoDbPort()).isEqualTo(18000);
    assertThat(config.cognitoPort()).isEqualTo(19229);
    assertThat(config.smtpPort()).isEqualTo(11025);
    assertThat(config.mailWebPort()).isEqualTo(11080);
    assertThat(config.s3Port()).isEqualTo(14568);
    assertThat(config.table()).isEqualTo("topgun-dev");
    assertThat(config.operatorEmail()).isEqualTo("ops@example.com");
    assertThat(config.operatorPassword()).isEqualTo("Correct-Horse-42");
    assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/topgun-data"));
    assertThat(config.fresh()).isTrue();
  }

  @Test
  void fromEnvironment_withNothingSet_usesTheDocumentedDefaults() {
    // when
    LocalConfig config = LocalConfig.fromEnvironment(Map.of(), List.of());

    // then
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.dynamoDbPort()).isEqualTo(8000);
    assertThat(config.cognitoPort()).isEqualTo(9229);
    assertThat(config.smtpPort()).isEqualTo(1025);
    assertThat(config.mailWebPort()).isEqualTo(1080);
    assertThat(config.s3Port()).isEqualTo(4568);
    assertThat(config.table()).isEqualTo("topgun");
    assertThat(config.eventBus()).isEqualTo("topgun");
    assertThat(config.region()).isEqualTo("us-east-1");
    assertThat(config.operatorEmail()).isEqualTo("operator@topgun.local");
    assertThat(config.operatorPassword()).isNull();
    assertThat(config.dataDir()).endsWithRaw(Path.of("local", ".data"));
    assertThat(config.fresh()).isFalse();
  }

  @Test
  void theDnsPort_isTopgunDnsPort_8053ByDefault_andFreeWithTheOtherPorts() {
    // when
    LocalConfig set = LocalConfig.fromEnvironment(Map.of("TOPGUN_DNS_PORT", "21053"), List.of());
    LocalConfig unset = LocalConfig.fromEnvironment(Map.of(), List.of());

    // then
    assertThat(set.dnsPort()).isEqualTo(21053);
    assertThat(unset.dnsPort()).isEqualTo(8053);
    assertThat(unset.withFreePorts().dnsPort()).isZero();
  }

  @Test
  void fromEnvironment_refusesAnUnknownArgument() {
    // when / then
    assertThatThrownBy(() -> LocalConfig.fromEnvironment(Map.of(), List.of("--frsh")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--frsh");
  }

  @Test
  void fromEnvironment_refusesAnOperatorPasswordThePoolWouldRefuse() {
    // when / then
    assertThatThrownBy(
            () ->
                LocalConfig.fromEnvironment(
                    Map.of("TOPGUN_OPERATOR_PASSWORD", "password"), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("password policy");
  }

  @Test
  void fromEnvironment_refusesAPortThatIsNotANumber() {
    // when / then
    assertThatThrownBy(() -> LocalConfig.fromEnvironment(Map.of("TOPGUN_PORT", "http"), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TOPGUN_PORT");
  }

  @Test
  void schedulePeriod_isReadFromTheEnvironment_inShortOrIsoForm() {
    assertThat(
            LocalConfig.fromEnvironment(Map.of("TOPGUN_SCHEDULE_PERIOD", "30s"), List.of())
                .schedulePeriod())
        .isEqualTo(java.time.Duration.ofSeconds(30));
    assertThat(
            LocalConfig.fromEnvironment(Map.of("TOPGUN_SCHEDULE_PERIOD", "500ms"), List.of())
                .schedulePeriod())
        .isEqualTo(java.time.Duration.ofMillis(500));
    assertThat(
            LocalConfig.fromEnvironment(Map.of("TOPGUN_SCHEDULE_PERIOD", "PT2M"), List.of())
                .schedulePeriod())
        .isEqualTo(java.time.Duration.ofMinutes(2));
    assertThat(LocalConfig.fromEnvironment(Map.of(), List.of()).schedulePeriod()).isNull();
    assertThatThrownBy(
            () -> LocalConfig.fromEnvironment(Map.of("TOPGUN_SCHEDULE_PERIOD", "soon"), List.of()))
        .hasMessageContaining("TOPGUN_SCHEDULE_PERIOD is not a period");
  }
}
