package dev.topgun.shared.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QueryTest {

  @Test
  void aNewQuery_readsForwardsAPageOfDefaultSize() {
    Query query = Query.partition("ORG#A");

    assertThat(query.index()).isEqualTo(Index.TABLE);
    assertThat(query.forward()).isTrue();
    assertThat(query.limit()).isEqualTo(Query.DEFAULT_LIMIT);
    assertThat(query.cursor()).isNull();
  }

  @Test
  void pageSizes_outsideOneToMax_areRefused() {
    assertThatThrownBy(() -> Query.partition("ORG#A").limit(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Query.partition("ORG#A").limit(Query.MAX_LIMIT + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void consistentReads_onASecondaryIndex_areRefused_asDynamoDbWould() {
    assertThatThrownBy(() -> Query.on(Index.GSI2, "X").consistent())
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Query.partition("ORG#A").consistent().consistentRead()).isTrue();
  }

  @Test
  void between_ordersLikeDynamoDb_byUtf8Bytes() {
    // given: U+FF21 sorts below U+1F600 in UTF-8 but above it in UTF-16
    Query.SortCondition range = new Query.SortCondition.Between("A", "\uFF21");

    // then
    assertThat(range.admits("B")).isTrue();
    assertThat(range.admits("\uD83D\uDE00")).isFalse();
    assertThat(range.admits("A")).isTrue();
    assertThat(range.admits("\uFF21")).isTrue();
  }

  @Test
  void anEmptyOrInvertedSortCondition_isRefused() {
    assertThatThrownBy(() -> Query.partition("P").skBeginsWith(""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Query.partition("P").skBetween("B", "A"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
