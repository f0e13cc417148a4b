package dev.topgun.shared.http.testapp;

import dev.topgun.shared.store.InvalidCursorException;
import dev.topgun.shared.store.ItemKey;
import dev.topgun.shared.store.LimitExceededException;
import dev.topgun.shared.store.UniqueConstraintViolationException;
import dev.topgun.shared.store.VersionConflictException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Test-only endpoints exercising every kind of error and the idempotency filter. */
@Controller("/test/widgets")
@ExecuteOn(TaskExecutors.BLOCKING)
public class WidgetController {

  private static final Logger LOG = LoggerFactory.getLogger(WidgetController.class);

  private final Executions executions;
  private final AtomicInteger flakyCalls = new AtomicInteger();

  public WidgetController(Executions executions) {
    this.executions = executions;
  }

  @Post
  public HttpResponse<Widget> create(@Valid @Body CreateWidget command)
      throws InterruptedException {
    long execution = executions.record(command.name());
    executions.passGate(command.name());
    LOG.info("created widget {}", command.name());
    Widget widget =
        new Widget("w-" + command.name(), command.name(), command.quantity(), execution);
    return HttpResponse.created(widget, URI.create("/test/widgets/" + widget.id()))
        .header("X-Widget-Execution", Long.toString(execution));
  }

  @Get("/{id}")
  public Widget get(@PathVariable long id) {
    return new Widget(Long.toString(id), "w", 1, 0);
  }

  @Get
  public List<Widget> list(
      @QueryValue int limit, @QueryValue(defaultValue = "10") @Min(1) @Max(100) int size) {
    return List.of(new Widget("1", "w", limit, size));
  }

  @Delete("/{id}")
  public HttpResponse<Void> delete(@PathVariable long id) {
    executions.record("delete-" + id);
    return HttpResponse.noContent();
  }

  @Post("/fail")
  public Widget fail(@Body CreateWidget command) {
    executions.record(command.name());
    throw new IllegalStateException("database password=hunter2 at db.internal:5432 exploded");
  }

  /** Fails with 503 on the first call and succeeds afterwards. */
  @Post("/flaky")
  public HttpResponse<Widget> flaky(@Body CreateWidget command) {
    long execution = executions.record(command.name());
    if (flakyCalls.incrementAndGet() == 1) {
      return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE);
    }
    return HttpResponse.created(new Widget("w-" + command.name(), command.name(), 1, execution));
  }

  @Get("/unavailable")
  public Widget unavailable() {
    throw new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE, "replica 10.0.0.7 is down");
  }

  @Get("/forbidden")
  public Widget forbidden() {
    throw new HttpStatusException(HttpStatus.FORBIDDEN, "Only owners may see widgets.");
  }

  @Post("/limit")
  public Widget limit() {
    throw new LimitExceededException("servers", 5, 5, 1);
  }

  @Post("/taken")
  public Widget taken() {
    throw new UniqueConstraintViolationException("org-slug", "acme");
  }

  @Put("/{id}")
  public Widget update(@PathVariable long id, @Body CreateWidget command) {
    throw new VersionConflictException(new ItemKey("ORG#1", "WIDGET#" + id), 3, 4L);
  }

  @Get("/page")
  public List<Widget> page(@QueryValue String cursor) {
    throw new InvalidCursorException("garbled");
  }
}
