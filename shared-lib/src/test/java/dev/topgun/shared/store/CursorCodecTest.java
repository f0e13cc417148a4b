package dev.topgun.shared.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class CursorCodecTest {

  private final CursorCodec codec = new CursorCodec("test-secret");

  private static final Map<String, AttributeValue> TABLE_KEY =
      Map.of("PK", s("ORG#A"), "SK", s("WIDGET#0005"));

  private static final Map<String, AttributeValue> GSI1_KEY =
      Map.of(
          "GSI1PK", s("ORG#A#WIDGETS-BY-SLUG"),
          "GSI1SK", s("blue"),
          "PK", s("ORG#A"),
          "SK", s("WIDGET#0005"));

  @Test
  void aTableCursor_decodesToTheKeyItCameFrom() {
    // given
    Query query = Query.partition("ORG#A").skBeginsWith("WIDGET#");
    String cursor = codec.encode(query, TABLE_KEY);

    // when
    Map<String, AttributeValue> start = codec.decode(query.after(cursor));

    // then
    assertThat(start).isEqualTo(TABLE_KEY);
  }

  @Test
  void anIndexCursor_decodesToTheKeyItCameFrom() {
    // given
    Query query = Query.on(Index.GSI1, "ORG#A#WIDGETS-BY-SLUG").backward().limit(5);
    String cursor = codec.encode(query, GSI1_KEY);

    // when
    Map<String, AttributeValue> start = codec.decode(query.after(cursor));

    // then
    assertThat(start).isEqualTo(GSI1_KEY);
    assertThat(cursor).matches("[A-Za-z0-9_-]+").doesNotContain("ORG");
  }

  @Test
  void aCursorForAnotherPartition_isRefused() {
    // given: tenant A's cursor
    String cursor = codec.encode(Query.partition("ORG#A"), TABLE_KEY);

    // when / then: replayed against tenant B's partition
    assertThatThrownBy(() -> codec.decode(Query.partition("ORG#B").after(cursor)))
        .isInstanceOf(InvalidCursorException.class);
  }

  @Test
  void aCursorWhoseKeyNamesAnotherPartition_isRefusedEvenWithAValidMac() {
    // given: a cursor correctly signed for partition B but resuming inside partition A
    Query queryOnB = Query.partition("ORG#B");
    String cursor = codec.encode(queryOnB, TABLE_KEY);

    // when / then
    assertThatThrownBy(() -> codec.decode(queryOnB.after(cursor)))
        .isInstanceOf(InvalidCursorException.class)
        .hasMessageContaining("another partition");
  }

  @Test
  void aCursorForAnotherIndex_isRefused() {
    // given
    String cursor = codec.encode(Query.on(Index.GSI1, "ORG#A"), TABLE_KEY);

    // when / then
    assertThatThrownBy(() -> codec.decode(Query.partition("ORG#A").after(cursor)))
        .isInstanceOf(InvalidCursorException.class);
  }

  @Test
  void aCursorWithTheWrongKeyAttributes_isRefused() {
    // given: a table-shaped key presented as a GSI1 position
    Query query = Query.on(Index.GSI1, "ORG#A");
    String cursor = codec.encode(query, TABLE_KEY);

    // when / then
    assertThatThrownBy(() -> codec.decode(query.after(cursor)))
        .isInstanceOf(InvalidCursorException.class)
        .hasMessageContaining("key attributes");
  }

  @Test
  void aCursorOutsideTheSortKeyCondition_isRefused() {
    // given: issued while listing widgets, replayed while listing members
    String cursor = codec.encode(Query.partition("ORG#A").skBeginsWith("WIDGET#"), TABLE_KEY);

    // when / then
    assertThatThrownBy(
            () -> codec.decode(Query.partition("ORG#A").skBeginsWith("MEMBER#").after(cursor)))
        .isInstanceOf(InvalidCursorException.class)
        .hasMessageContaining("sort key");
  }

  @Test
  void aCursorFromAnotherSecret_isRefused() {
    // given
    Query query = Query.partition("ORG#A");
    String cursor = new CursorCodec("another-secret").encode(query, TABLE_KEY);

    // when / then
    assertThatThrownBy(() -> codec.decode(query.after(cursor)))
        .isInstanceOf(InvalidCursorException.class);
  }

  @Test
  void anAlteredCursor_isRefused() {
    // given: one byte of the JSON changed
    Query query = Query.partition("ORG#A");
    byte[] bytes = Base64.getUrlDecoder().decode(codec.encode(query, TABLE_KEY));
    bytes[3] ^= 0x01;
    String altered = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

    // when / then
    assertThatThrownBy(() -> codec.decode(query.after(altered)))
        .isInstanceOf(InvalidCursorException.class);
  }

  @Test
  void aCursorMadeByTheClient_isRefused() {
    // given: plain base64 JSON, as a client might guess the format
    String forged =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                "{\"PK\":\"ORG#B\",\"SK\":\"WIDGET#1\"}0123456789abcdef"
                    .getBytes(StandardCharsets.UTF_8));

    // when / then
    assertThatThrownBy(() -> codec.decode(Query.partition("ORG#B").after(forged)))
        .isInstanceOf(InvalidCursorException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "!!!", "abc", "not a cursor at all", "eyJQSyI6Ik9SRyNBIn0"})
  void garbledCursors_areRefused(String garbled) {
    assertThatThrownBy(() -> codec.decode(Query.partition("ORG#A").after(garbled)))
        .isInstanceOf(InvalidCursorException.class);
  }

  @Test
  void anOverlongCursor_isRefusedBeforeDecoding() {
    assertThatThrownBy(() -> codec.decode(Query.partition("ORG#A").after("A".repeat(5000))))
        .isInstanceOf(InvalidCursorException.class)
        .hasMessageContaining("too long");
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }
}
