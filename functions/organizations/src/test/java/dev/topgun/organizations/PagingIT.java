package dev.topgun.organizations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.shared.testing.LambdaApi.Response;
import dev.topgun.shared.testing.LocalTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every list of the function pages alike ({@code ?limit=1..100&cursor=…}, bound once for all of
 * them): a limit out of range or not a number is a 400 naming {@code limit}, a cursor from another
 * list a 400 {@code invalid-cursor}, and a page's cursor leads to the next page.
 */
class PagingIT {

  @RegisterExtension static final LocalTable TABLE = new LocalTable();

  private static final List<String> LISTS =
      List.of("children", "descendants", "ancestors", "audit", "members");

  private static Api api;
  private static String reseller;

  @BeforeAll
  static void start() {
    api = new Api(TABLE, Map.of());
    reseller = api.create(Api.OPERATOR, api.root, "paging-reseller", "master_branch");
    for (int i = 0; i < 3; i++) {
      api.create(Api.OPERATOR, reseller, "paging-c" + i, "end_user");
    }
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void aLimitOutOfRange_is400_namingLimit_onEveryList() {
    for (String list : LISTS) {
      // when
      Response zero = get(list, "?limit=0");
      Response tooMany = get(list, "?limit=101");

      // then
      assertThat(zero.status()).as(list).isEqualTo(400);
      assertThat(zero.body())
          .as(list)
          .containsEntry("type", "https://topgun.dev/problems/validation")
          .containsEntry("detail", "Field 'limit' is not valid.")
          .containsEntry(
              "errors",
              List.of(Map.of("field", "limit", "message", "must be greater than or equal to 1")));
      assertThat(tooMany.body())
          .as(list)
          .containsEntry(
              "errors",
              List.of(Map.of("field", "limit", "message", "must be less than or equal to 100")));
    }
  }

  @Test
  void aLimitThatIsNoInteger_is400InvalidParameter_namingLimit() {
    for (String list : LISTS) {
      // when
      Response words = get(list, "?limit=ten");
      Response fraction = get(list, "?limit=1.5");

      // then
      for (Response response : List.of(words, fraction)) {
        assertThat(response.status()).as(list).isEqualTo(400);
        assertThat(response.body())
            .as(list)
            .containsEntry("type", "https://topgun.dev/problems/invalid-parameter")
            .containsEntry("detail", "Parameter 'limit' is not valid.")
            .containsEntry(
                "errors", List.of(Map.of("field", "limit", "message", "must be an integer")));
      }
    }
  }

  @Test
  void aPagesCursor_leadsToTheNextPage_andAnotherListsCursorIsRefused() {
    // given
    Response first = get("children", "?limit=2");
    assertThat(first.status()).as(first.raw()).isEqualTo(200);
    String cursor = (String) first.body().get("nextCursor");
    assertThat(cursor).isNotNull();

    // when
    Response second = get("children", "?limit=2&cursor=" + cursor);
    Response elsewhere = get("descendants", "?limit=2&cursor=" + cursor);

    // then
    assertThat(first.ids()).hasSize(2);
    assertThat(second.ids()).hasSize(1).doesNotContainAnyElementsOf(first.ids());
    assertThat(elsewhere.status()).isEqualTo(400);
    assertThat(elsewhere.body())
        .containsEntry("type", "https://topgun.dev/problems/invalid-cursor");
  }

  @Test
  void withoutALimit_aPageHoldsUpToFifty() {
    // when
    Response all = get("children", "");

    // then
    assertThat(all.status()).isEqualTo(200);
    assertThat(all.ids()).hasSize(3);
    assertThat(all.body()).containsEntry("nextCursor", null);
  }

  private static Response get(String list, String query) {
    return api.call(
        Api.OPERATOR, "GET", "/v1/organizations/" + reseller + "/" + list + query, null);
  }
}
