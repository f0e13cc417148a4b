package dev.topgun.local.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.topgun.emulators.kms.LocalKms;
import dev.topgun.emulators.route53.HostedZones;
import dev.topgun.emulators.route53.Route53Api;
import dev.topgun.local.events.EventBus;
import dev.topgun.local.lambda.Invoker;
import dev.topgun.shared.routes.RouteTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's one HTTP port: the Lambda Invoke API, the AWS JSON APIs (EventBridge, KMS), Route
 * 53's REST API ({@code /2013-04-01/...}), and every other request to the functions through {@link
 * ApiGatewayProxy}.
 */
public final class LocalServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalServer.class);
  static final int THREADS = 16;
  static final int QUEUE = 256;

  private final HttpServer server;
  private final ThreadPoolExecutor workers;

  private LocalServer(HttpServer server, ThreadPoolExecutor workers) {
    this.server = server;
    this.workers = workers;
  }

  /** Binds the loopback port (0 picks a free one) without serving yet. */
  public static LocalServer bind(int port) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
      AtomicInteger threads = new AtomicInteger();
      // Bounded: when all workers are busy and the queue is full, the accepting thread runs the
      // request itself, which slows intake instead of dropping connections.
      ThreadPoolExecutor workers =
          new ThreadPoolExecutor(
              THREADS,
              THREADS,
              30,
              TimeUnit.SECONDS,
              new ArrayBlockingQueue<>(QUEUE),
              task -> {
                Thread thread = new Thread(task, "http-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
              },
              new ThreadPoolExecutor.CallerRunsPolicy());
      workers.allowCoreThreadTimeOut(true);
      server.setExecutor(workers);
      return new LocalServer(server, workers);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on port " + port + " (is another runtime running?)", e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public void start(
      RouteTable routes,
      CognitoAuthorizer authorizer,
      Invoker invoker,
      EventBus bus,
      LocalKms kms,
      HostedZones hostedZones,
      Executor async,
      String region,
      String account) {
    ApiGatewayProxy gateway = new ApiGatewayProxy(routes, authorizer, invoker, account);
    LambdaInvokeApi lambda =
        new LambdaInvokeApi(
            invoker, async, "arn:aws:lambda:" + region + ":" + account + ":function:");
    AwsJsonApi awsJson = new AwsJsonApi(bus, kms);
    Route53Api route53 = new Route53Api(hostedZones);
    server.createContext(
        "/",
        exchange -> {
          try {
            if (LambdaInvokeApi.accepts(exchange)) {
              lambda.handle(exchange);
            } else if (AwsJsonApi.accepts(exchange)) {
              awsJson.handle(exchange);
            } else if (Route53Api.accepts(exchange)) {
              route53.handle(exchange);
            } else {
              gateway.handle(exchange);
            }
          } catch (RuntimeException | IOException e) {
            fail(exchange, e);
          } finally {
            exchange.close();
          }
        });
    server.start();
  }

  private static void fail(HttpExchange exchange, Exception e) {
    LOG.error(
        "{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), e);
    try {
      Responses.problem(
          exchange, 500, "Internal Server Error", "The local runtime failed: " + e, Map.of());
    } catch (IOException | RuntimeException ignored) {
      // The answer had already started; closing the exchange is all that is left.
    }
  }

  /** Stops accepting, lets requests in flight finish for up to a second, then stops the workers. */
  @Override
  public void close() {
    server.stop(1);
    workers.shutdownNow();
  }
}
