package dev.topgun.shared.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeysTest {

  private static final String ORG_ID = "01ARZ3NDEKTSV4RRFFQ69G5FAV";

  @Test
  void tenantKeys_startWithTheirOrganization() {
    assertThat(Keys.org(ORG_ID)).isEqualTo("ORG#" + ORG_ID);
    assertThat(Keys.org(ORG_ID, "METRICS", "2025-06"))
        .isEqualTo("ORG#" + ORG_ID + "#METRICS#2025-06");
  }

  @Test
  void markers_counters_andIdempotencyRecords_haveTheirPrefixes() {
    assertThat(Keys.marker("org-slug", "acme")).isEqualTo("UNIQUE#org-slug#acme");
    assertThat(Keys.MARKER_SK).isEqualTo("UNIQUE");
    assertThat(Keys.counter("licensing")).isEqualTo("COUNTER#licensing");
    assertThat(Keys.idempotency("ORG-" + ORG_ID, "k-1"))
        .isEqualTo("IDEMPOTENCY#ORG-" + ORG_ID + "#k-1");
  }

  @Test
  void aMarkerValue_mayContainTheSeparator_becauseItEndsTheKey() {
    assertThat(Keys.marker("member-email", ORG_ID + "/a#b@example.com"))
        .isEqualTo("UNIQUE#member-email#" + ORG_ID + "/a#b@example.com");
  }

  @Test
  void prefix_endsAtASeparator_soWidgetDoesNotMatchWidgets() {
    assertThat(Keys.prefix("WIDGET")).isEqualTo("WIDGET#");
    assertThat(Keys.prefix("ORG", ORG_ID)).isEqualTo("ORG#" + ORG_ID + "#");
  }

  @Test
  void aPartContainingTheSeparator_isRefused_soTwoKeysCannotCollide() {
    // "ORG#a#b" could otherwise be org "a#b" or org "a" with part "b"
    assertThatThrownBy(() -> Keys.org("a#b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Keys.marker("org#slug", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Keys.of("SERVER", "1", "x#y"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void blankParts_areRefused() {
    assertThatThrownBy(() -> Keys.org(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Keys.org(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Keys.marker("slug", "")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aUnique_namesItsMarkerItem() {
    assertThat(Unique.of("org-slug", "acme").key())
        .isEqualTo(new ItemKey("UNIQUE#org-slug#acme", "UNIQUE"));
  }
}
