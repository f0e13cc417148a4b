package dev.topgun.organizations.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MovePlanTest {

  @Test
  void movingASubUserBetweenResellers_swapsTheResellerRows_andKeepsTheRootRows() {
    // given: root > resellerA > sub > {c1, c2}; sub moves under resellerB
    Map<String, Integer> subtree = Map.of("c1", 1, "c2", 1);

    // when
    MovePlan plan =
        MovePlan.of("sub", subtree, List.of("resellerA", "root"), List.of("resellerB", "root"));

    // then
    assertThat(plan.deletes())
        .containsExactlyInAnyOrder(
            new ClosureRow("resellerA", "sub", 1),
            new ClosureRow("resellerA", "c1", 2),
            new ClosureRow("resellerA", "c2", 2));
    assertThat(plan.puts())
        .containsExactlyInAnyOrder(
            new ClosureRow("resellerB", "sub", 1),
            new ClosureRow("resellerB", "c1", 2),
            new ClosureRow("resellerB", "c2", 2));
    assertThat(plan.size()).isEqualTo(6);
  }

  @Test
  void movingUpALevel_rewritesTheDepthOfTheRowsItKeeps() {
    // given: root > resellerA > sub > c1; sub moves directly under root
    MovePlan plan =
        MovePlan.of("sub", Map.of("c1", 1), List.of("resellerA", "root"), List.of("root"));

    // then
    assertThat(plan.deletes())
        .containsExactlyInAnyOrder(
            new ClosureRow("resellerA", "sub", 1), new ClosureRow("resellerA", "c1", 2));
    assertThat(plan.puts())
        .containsExactlyInAnyOrder(
            new ClosureRow("root", "sub", 1), new ClosureRow("root", "c1", 2));
  }

  @Test
  void movingUnderItselfOrADescendant_isRefused() {
    assertThatThrownBy(
            () ->
                MovePlan.of(
                    "sub", Map.of("c1", 1), List.of("resellerA", "root"), List.of("c1", "sub")))
        .isInstanceOfSatisfying(
            TreeRuleException.class,
            e -> assertThat(e.reason()).isEqualTo(TreeRuleException.MOVE_INTO_OWN_SUBTREE));
    assertThatThrownBy(
            () -> MovePlan.of("sub", Map.of(), List.of("resellerA", "root"), List.of("sub", "x")))
        .isInstanceOf(TreeRuleException.class);
  }

  @Test
  void rowsInsideTheMovedSubtree_areNeverTouched() {
    MovePlan plan =
        MovePlan.of(
            "sub", Map.of("c1", 1), List.of("resellerA", "root"), List.of("resellerB", "root"));

    assertThat(plan.deletes()).noneMatch(r -> r.ancestorId().equals("sub"));
    assertThat(plan.puts()).noneMatch(r -> r.ancestorId().equals("sub"));
  }
}
