package dev.topgun.organizations.api;

import dev.topgun.shared.http.ListResponse;
import dev.topgun.shared.store.Page;
import java.util.function.Function;

/** A page of domain records as a list answer. */
final class Lists {

  private Lists() {}

  static <T, R> ListResponse<R> of(Page<T> page, Function<T, R> view) {
    return new ListResponse<>(page.items().stream().map(view).toList(), page.nextCursor());
  }
}
