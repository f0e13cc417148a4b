package dev.topgun.local.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.topgun.emulators.kms.LocalKms;
import dev.topgun.emulators.route53.HostedZones;
import dev.topgun.emulators.route53.Route53Api;
import dev.topgun.local.events.EventBus;
import dev.topgun.local.lambda.Invoker;
import dev.topgun.local.realtime.LocalWebSocketApi;
import dev.topgun.local.stepfunctions.StepFunctions;
import dev.topgun.shared.routes.RouteTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.Executor;
import org.eclipse.jetty.http.spi.JettyHttpServer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's one HTTP port: the Lambda Invoke API, the AWS JSON APIs (EventBridge, KMS, Step
 * Functions), Route 53's REST API ({@code /2013-04-01/...}), the WebSocket API of the route table
 * and its {@code @connections} API, the built web console ({@link WebConsole}: GET and HEAD outside
 * {@code /v1/}), and every other request to the functions through {@link ApiGatewayProxy}. Jetty
 * serves it: the HTTP handlers are written to the JDK's {@code HttpServer} API (Jetty's {@code
 * jetty-http-spi} implements it), and WebSocket upgrades on the WebSocket API's path are taken
 * before them.
 */
public final class LocalServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalServer.class);
  static final int THREADS = 32;

  private final Server jetty;
  private final HttpServer server;
  private final WebSocketUpgradeHandler upgrades;

  private LocalServer(Server jetty, HttpServer server, WebSocketUpgradeHandler upgrades) {
    this.jetty = jetty;
    this.server = server;
    this.upgrades = upgrades;
  }

  /** Binds the loopback port (0 picks a free one) without serving requests yet. */
  public static LocalServer bind(int port) {
    QueuedThreadPool threads = new QueuedThreadPool(THREADS, 4);
    threads.setName("http");
    threads.setDaemon(true);
    Server jetty = new Server(threads);
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
    connector.setPort(port);
    connector.setAcceptQueueSize(128);
    jetty.addConnector(connector);
    ContextHandlerCollection contexts = new ContextHandlerCollection();
    WebSocketUpgradeHandler upgrades = WebSocketUpgradeHandler.from(jetty);
    upgrades.setHandler(contexts);
    jetty.setHandler(upgrades);
    try {
      jetty.start();
    } catch (Exception e) {
      try {
        jetty.stop();
      } catch (Exception ignored) {
        // Nothing was serving.
      }
      throw new UncheckedIOException(
          "cannot listen on port " + port + " (is another runtime running?)",
          e instanceof IOException io ? io : new IOException(e));
    }
    JettyHttpServer server = new JettyHttpServer(jetty, true);
    try {
      server.bind(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), connector.getLocalPort()), 128);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new LocalServer(jetty, server, upgrades);
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
      StepFunctions stepFunctions,
      HostedZones hostedZones,
      LocalWebSocketApi webSocket,
      Path webDist,
      Executor async,
      String region,
      String account,
      InstantSource throttleTime,
      URI cognito,
      String userPoolId) {
    ApiGatewayProxy gateway =
        new ApiGatewayProxy(routes, authorizer, invoker, account, throttleTime);
    LambdaInvokeApi lambda =
        new LambdaInvokeApi(
            invoker, async, "arn:aws:lambda:" + region + ":" + account + ":function:");
    AwsJsonApi awsJson = new AwsJsonApi(bus, kms, stepFunctions);
    ConnectionsApi connections = webSocket == null ? null : new ConnectionsApi(webSocket);
    if (webSocket != null) {
      upgrades.configure(
          container -> {
            container.setIdleTimeout(LocalWebSocketApi.IDLE_TIMEOUT);
            container.setMaxTextMessageSize(ConnectionsApi.MAX_MESSAGE_BYTES);
            container.addMapping(webSocket.api().path(), webSocket);
          });
    }
    Route53Api route53 = new Route53Api(hostedZones);
    CognitoProxy userPool = new CognitoProxy(cognito, userPoolId);
    WebConsole console = new WebConsole(webDist);
    if (!console.built()) {
      LOG.info("the web console is not built ({} is missing)", webDist.resolve("index.html"));
    }
    server.createContext(
        "/",
        exchange -> {
          try {
            if (LambdaInvokeApi.accepts(exchange)) {
              lambda.handle(exchange);
            } else if (CognitoProxy.accepts(exchange)) {
              userPool.handle(exchange);
            } else if (AwsJsonApi.accepts(exchange)) {
              awsJson.handle(exchange);
            } else if (Route53Api.accepts(exchange)) {
              route53.handle(exchange);
            } else if (connections != null && ConnectionsApi.accepts(exchange)) {
              connections.handle(exchange);
            } else if (WebConsole.accepts(exchange)) {
              console.handle(exchange);
            } else {
              gateway.handle(exchange);
            }
          } catch (RuntimeException | IOException e) {
            fail(exchange, e);
          } finally {
            exchange.close();
          }
        });
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

  /** Stops accepting, lets requests in flight finish for up to a second, then stops. */
  @Override
  public void close() {
    jetty.setStopTimeout(1000);
    try {
      jetty.stop();
    } catch (java.util.concurrent.TimeoutException e) {
      // A connection still open after the grace period (a WebSocket, a slow client) was cut.
      LOG.debug("the HTTP server stopped with connections still open: {}", e.toString());
    } catch (Exception e) {
      LOG.warn("stopping the HTTP server failed: {}", e.toString());
    }
  }
}
