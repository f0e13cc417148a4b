package dev.topgun.local.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.local.mail.CodeDeliveries.Delivery;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CodeDeliveriesTest {

  /** cognito-local 5.3.0's output around a SignUp, as it wrote it (colours and box included). */
  private static String captured() throws IOException {
    try (InputStream in = CodeDeliveriesTest.class.getResourceAsStream("cognito-delivery.log")) {
      assertThat(in).as("the captured cognito-local output").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aDeliveryBox_yieldsItsUsernameDestinationAndCode() throws IOException {
    List<Delivery> deliveries = CodeDeliveries.parse(captured());

    assertThat(deliveries)
        .containsExactly(
            new Delivery(
                "474223d5-c1f3-44be-b421-124e1336002f",
                "operator@topgun.local",
                "172360",
                Optional.empty(),
                Optional.empty()));
  }

  @Test
  void aDeliveryIsReported_onlyWhenItsBoxCloses() throws IOException {
    CodeDeliveries parser = new CodeDeliveries();
    List<String> lines = captured().lines().toList();
    int closing = lines.size() - 1;
    while (!lines.get(closing).contains("╰")) {
      closing--;
    }

    for (int i = 0; i < closing; i++) {
      assertThat(parser.accept(lines.get(i))).as("line %d", i).isEmpty();
    }
    assertThat(parser.accept(lines.get(closing)).map(Delivery::code)).contains("172360");
  }

  @Test
  void thePoolsSubjectAndWrappedMessage_areKept() {
    String box =
        String.join(
            "\n",
            "╭────────────────────────────────────╮",
            "│   Confirmation Code Delivery       │",
            "│   Username:      u-1               │",
            "│   Destination:   a@example.test    │",
            "│   Code:          998877            │",
            "│   Email Subject: Welcome           │",
            "│   Email Message: Your code is      │",
            "│   998877, valid for a day.         │",
            "╰────────────────────────────────────╯");

    Delivery delivery = CodeDeliveries.parse(box).get(0);

    assertThat(CodeMailRelay.subjectOf(delivery)).isEqualTo("Welcome");
    assertThat(CodeMailRelay.bodyOf(delivery)).isEqualTo("Your code is\n998877, valid for a day.");
  }

  @Test
  void withoutThePoolsMessage_theMailIsNeutralAndCarriesTheCode() throws IOException {
    Delivery delivery = CodeDeliveries.parse(captured()).get(0);

    assertThat(CodeMailRelay.subjectOf(delivery)).isEqualTo("Your verification code");
    assertThat(CodeMailRelay.bodyOf(delivery)).isEqualTo("Your verification code is 172360.");
  }

  @Test
  void otherOutput_andABoxWithoutACode_yieldNothing() {
    String output =
        String.join(
            "\n",
            "[1796355091735] INFO: 4d15b7b8 InitiateAuth",
            "│   Destination: a@example.test │",
            "╭──────╮",
            "│   Confirmation Code Delivery │",
            "│   Destination: a@example.test │",
            "╰──────╯");

    assertThat(CodeDeliveries.parse(output)).isEmpty();
  }
}
