package dev.topgun.local.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.local.mail.CodeDeliveries.Delivery;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeMailRelayTest {

  @TempDir Path dir;

  private static String captured() throws IOException {
    try (InputStream in = CodeMailRelayTest.class.getResourceAsStream("cognito-delivery.log")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void append(Path log, String text) throws IOException {
    Files.writeString(
        log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static void appendBytes(Path log, byte[] bytes) throws IOException {
    Files.write(log, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Test
  void eachBoxWrittenAfterTheStart_isHandedOn_evenWhenItArrivesInPieces() throws Exception {
    Path log = dir.resolve("cognito.log");
    String box = captured();
    append(log, box); // before the start: an old code, not to be mailed again
    BlockingQueue<Delivery> handed = new LinkedBlockingQueue<>();

    try (CodeMailRelay relay = CodeMailRelay.follow(dir, handed::add)) {
      // when: a box written in two pieces, split inside a line and inside a 3-byte character
      byte[] bytes = box.getBytes(StandardCharsets.UTF_8);
      String head = box.substring(0, box.indexOf("Destination"));
      int split = head.getBytes(StandardCharsets.UTF_8).length - 1 - "   ".length();
      assertThat(bytes[split] & 0xC0).as("inside a character").isEqualTo(0x80);
      appendBytes(log, Arrays.copyOfRange(bytes, 0, split));
      assertThat(handed.poll(300, TimeUnit.MILLISECONDS)).as("half a box").isNull();
      appendBytes(log, Arrays.copyOfRange(bytes, split, bytes.length));

      // then: one delivery, the new one
      Delivery first = handed.poll(5, TimeUnit.SECONDS);
      assertThat(first).isNotNull();
      assertThat(first.code()).isEqualTo("172360");

      // and: the next box, as the only output after it, is handed on too
      append(log, box.replace("172360", "654321"));
      Delivery second = handed.poll(5, TimeUnit.SECONDS);
      assertThat(second).isNotNull();
      assertThat(second.code()).isEqualTo("654321");
      assertThat(handed).isEmpty();
    }
  }

  private static String pool(String code) {
    return "{\"Users\":{\"u-1\":{\"Username\":\"u-1\",\"Attributes\":[{\"Name\":\"sub\",\"Value\":\"u-1\"},"
        + "{\"Name\":\"email\",\"Value\":\"ada@example.test\"}]"
        + (code == null ? "" : ",\"ConfirmationCode\":\"" + code + "\"")
        + "}},\"Options\":{}}";
  }

  @Test
  void aCodeSavedInTheUserPoolFile_isHandedOn_withoutItsLogLine_andOnceWhenBothShowIt()
      throws Exception {
    Path db = Files.createDirectories(dir.resolve(".cognito").resolve("db"));
    Path pool = db.resolve("local_abc.json");
    Files.writeString(pool, pool("111111")); // an old code: not mailed again
    Files.writeString(db.resolve("clients.json"), "{\"Clients\":{}}");
    BlockingQueue<Delivery> handed = new LinkedBlockingQueue<>();

    try (CodeMailRelay relay = CodeMailRelay.follow(dir, handed::add)) {
      // when: cognito-local saves a new code (ForgotPassword) and logs nothing yet
      Files.writeString(pool, pool("172360"));

      // then: it is handed on to the user's address
      Delivery delivery = handed.poll(5, TimeUnit.SECONDS);
      assertThat(delivery).isNotNull();
      assertThat(delivery.destination()).isEqualTo("ada@example.test");
      assertThat(delivery.code()).isEqualTo("172360");

      // when: its log line comes late, then the code is used up (confirmed)
      append(
          dir.resolve("cognito.log"),
          captured().replace("operator@topgun.local", "ada@example.test"));
      Files.writeString(pool, pool(null));

      // then: nothing more; a next code is new again
      assertThat(handed.poll(500, TimeUnit.MILLISECONDS)).isNull();
      Files.writeString(pool, pool("654321"));
      assertThat(handed.poll(5, TimeUnit.SECONDS)).extracting(Delivery::code).isEqualTo("654321");
    }
  }
}
