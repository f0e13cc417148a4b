package dev.topgun.organizations.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HierarchyTypeTest {

  @ParameterizedTest(name = "{0} may parent {1}: {2}")
  @CsvSource({
    "top_branch, top_branch, false",
    "top_branch, master_branch, true",
    "top_branch, sub_user, true",
    "top_branch, end_user, true",
    "master_branch, top_branch, false",
    "master_branch, master_branch, false",
    "master_branch, sub_user, true",
    "master_branch, end_user, true",
    "sub_user, master_branch, false",
    "sub_user, sub_user, false",
    "sub_user, end_user, true",
    "end_user, end_user, false",
    "end_user, sub_user, false",
  })
  void aChildIsStrictlyBelowItsParent(String parent, String child, boolean allowed) {
    // given
    HierarchyType parentType = HierarchyType.from(parent).orElseThrow();
    HierarchyType childType = HierarchyType.from(child).orElseThrow();

    // when
    boolean may = parentType.mayParent(childType);

    // then
    assertThat(may).isEqualTo(allowed);
    if (allowed) {
      parentType.requireChild(childType);
    } else {
      assertThatThrownBy(() -> parentType.requireChild(childType))
          .isInstanceOf(HierarchyViolationException.class);
    }
  }

  @Test
  void anEndUserHasNoChildren() {
    // when / then
    assertThat(HierarchyType.END_USER.mayHaveChildren()).isFalse();
    assertThatThrownBy(() -> HierarchyType.END_USER.requireChild(HierarchyType.END_USER))
        .isInstanceOf(HierarchyViolationException.class)
        .hasMessageContaining("no children");
  }

  @Test
  void valuesAreTheApiSpelling() {
    assertThat(HierarchyType.from("master_branch")).contains(HierarchyType.MASTER_BRANCH);
    assertThat(HierarchyType.from("MASTER_BRANCH")).isEmpty();
    assertThat(HierarchyType.SUB_USER.value()).isEqualTo("sub_user");
  }
}
