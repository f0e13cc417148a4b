package dev.topgun.shared.http.testapp;

import dev.topgun.shared.store.ItemKey;
import dev.topgun.shared.store.Transaction;
import dev.topgun.shared.store.TransactionalWriter;
import dev.topgun.shared.store.Unique;
import io.micronaut.context.BeanProvider;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * A test-only endpoint that commits a real transaction on the table: it claims a unique value for
 * an owner. The writer is looked up on use, so test applications without a table still start.
 */
@Controller("/test/claims")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ClaimsController {

  public static final String KIND = "claim";

  private final BeanProvider<TransactionalWriter> writer;

  public ClaimsController(BeanProvider<TransactionalWriter> writer) {
    this.writer = writer;
  }

  @Post("/{value}")
  public HttpResponse<Void> claim(@PathVariable String value) {
    Transaction transaction = writer.get().begin();
    transaction.claim(Unique.of(KIND, value), ItemKey.of("ORG#claims", "OWNER"));
    transaction.commit();
    return HttpResponse.noContent();
  }
}
