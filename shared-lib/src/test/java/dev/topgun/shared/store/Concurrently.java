package dev.topgun.shared.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Runs tasks released at the same instant, as concurrent requests would arrive. */
final class Concurrently {

  /** What one task did: its result, or what it threw. */
  record Outcome<T>(T result, Throwable failure) {
    boolean succeeded() {
      return failure == null;
    }
  }

  private Concurrently() {}

  static <T> List<Outcome<T>> run(int tasks, IntFunction<Callable<T>> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks);
    try {
      CountDownLatch ready = new CountDownLatch(tasks);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        Callable<T> work = task.apply(i);
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return work.call();
                }));
      }
      if (!ready.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("Tasks did not start");
      }
      go.countDown();
      List<Outcome<T>> outcomes = new ArrayList<>();
      for (Future<T> future : futures) {
        try {
          outcomes.add(new Outcome<>(future.get(60, TimeUnit.SECONDS), null));
        } catch (ExecutionException e) {
          outcomes.add(new Outcome<>(null, e.getCause()));
        }
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }
}
