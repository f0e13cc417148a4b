package dev.topgun.local;

import dev.topgun.emulators.CognitoEmulator;
import dev.topgun.emulators.DynamoDbEmulator;
import dev.topgun.emulators.MailEmulator;
import dev.topgun.emulators.Npm;
import dev.topgun.emulators.S3Emulator;
import dev.topgun.emulators.kms.LocalKms;
import dev.topgun.emulators.route53.DnsServer;
import dev.topgun.emulators.route53.HostedZones;
import dev.topgun.local.events.EventBus;
import dev.topgun.local.events.Scheduler;
import dev.topgun.local.http.CognitoAuthorizer;
import dev.topgun.local.http.LocalServer;
import dev.topgun.local.lambda.Invoker;
import dev.topgun.local.lambda.LambdaFunctions;
import dev.topgun.local.mail.CodeMailRelay;
import dev.topgun.local.realtime.LocalWebSocketApi;
import dev.topgun.local.stepfunctions.LocalStepFunctions;
import dev.topgun.local.streams.StreamPoller;
import dev.topgun.shared.aws.AwsClientConfigurer;
import dev.topgun.shared.aws.S3Buckets;
import dev.topgun.shared.aws.S3Clients;
import dev.topgun.shared.routes.EventRules;
import dev.topgun.shared.routes.Route;
import dev.topgun.shared.tenancy.CognitoTokenVerifier;
import dev.topgun.shared.tenancy.RootOrganization;
import dev.topgun.shared.time.Clocks;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The whole platform on one machine: the DynamoDB, Cognito, mail and S3 emulators as child
 * processes, and one HTTP port serving every function (through the route table, as API Gateway
 * does), the Lambda Invoke API, EventBridge's {@code PutEvents}, KMS, Step Functions, Route 53
 * (whose zones a name server answers for on the DNS port) and the WebSocket API. {@code
 * ./local/run} runs {@link #main}; tests call {@link #start(LocalConfig)}.
 */
public final class LocalRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalRuntime.class);

  /** The account id the emulated services put in ARNs and events. */
  public static final String ACCOUNT = "000000000000";

  /** The stage name the local WebSocket API's events carry (API Gateway's stage). */
  static final String STAGE = "local";

  static final String ACCESS_KEY = "local";
  static final String SECRET_KEY = "local";

  private final LocalConfig config;
  private final DataDir dataDir;
  private final Deque<AutoCloseable> emulators = new ArrayDeque<>();
  private LambdaFunctions functions;
  private ThreadPoolExecutor async;
  private Scheduler scheduler;
  private LocalServer server;
  private LocalWebSocketApi webSocket;
  private EventBus bus;
  private final List<StreamPoller> streamPollers = new ArrayList<>();
  private DynamoDbStreamsClient streamsClient;
  private LocalKms kms;
  private LocalStepFunctions stepFunctions;
  private HostedZones hostedZones;
  private DnsServer dns;
  private int port;
  private URI dynamoDbEndpoint;
  private URI cognitoEndpoint;
  private URI s3Endpoint;
  private final S3Buckets buckets =
      new S3Buckets(S3Buckets.DEFAULT_ASSETS, S3Buckets.DEFAULT_STATE);
  private MailEmulator mail;
  private DataDir.Ids ids;
  private DataDir.Operator operator;
  private String operatorId;
  private String rootOrganizationId;
  private boolean closed;
  private long clockOffsetMillis;

  private LocalRuntime(LocalConfig config) {
    this.config = config;
    this.dataDir = new DataDir(config.dataDir());
  }

  /**
   * Starts everything and returns once every service answers.
   *
   * @throws IllegalStateException when a function's jar is missing, a route or rule names an
   *     unknown function, a port is taken, or an emulator does not start
   */
  public static LocalRuntime start(LocalConfig config) {
    LocalRuntime runtime = new LocalRuntime(config);
    try {
      runtime.boot();
      return runtime;
    } catch (RuntimeException | Error e) {
      runtime.close();
      throw e;
    }
  }

  private void boot() {
    LOG.info("starting the Topgun local runtime (data in {})", dataDir.path());
    if (config.fresh()) {
      dataDir.wipe();
    }
    dataDir.create();

    String arnPrefix = "arn:aws:lambda:" + config.region() + ":" + ACCOUNT + ":function:";
    functions = LambdaFunctions.open(config.root().resolve("functions"), arnPrefix);
    Invoker invoker = config.invoker().apply(functions);
    checkTargets(invoker);
    async = asyncExecutor();
    bus =
        new EventBus(
            config.eventBus(),
            config.region(),
            ACCOUNT,
            config.rules(),
            invoker,
            async,
            Clock.systemUTC());

    kms = LocalKms.open(dataDir.kms(), config.region(), ACCOUNT);
    stepFunctions =
        LocalStepFunctions.open(
            dataDir.stepFunctions(), config.timeline(), config.region(), ACCOUNT);
    hostedZones = HostedZones.open(dataDir.route53());
    dns = own(DnsServer.start(config.dnsPort(), hostedZones::served));

    server = LocalServer.bind(config.port());
    port = server.port();

    startServices();
    // cognito-local logs its confirmation codes; Cognito e-mails them: relay them to the inbox.
    own(CodeMailRelay.start(dataDir.cognito(), mail.smtpHost(), mail.smtpPort()));
    LOG.info("table {} and user pool {} are ready", config.table(), ids.userPoolId());

    systemProperties().forEach(System::setProperty);
    CognitoAuthorizer authorizer =
        new CognitoAuthorizer(
            new CognitoTokenVerifier(
                CognitoTokenVerifier.issuer(
                    cognitoEndpoint.toString(), config.region(), ids.userPoolId()),
                // API Gateway's Cognito authorizer checks the pool, not the app client.
                null,
                Clock.systemUTC()));
    webSocket =
        config
            .routes()
            .webSocket()
            .map(api -> new LocalWebSocketApi(api, invoker, async, Clock.systemUTC(), STAGE))
            .orElse(null);
    server.start(
        config.routes(),
        authorizer,
        invoker,
        bus,
        kms,
        stepFunctions.service(),
        hostedZones,
        webSocket,
        webDist(),
        async,
        config.region(),
        ACCOUNT,
        config.throttleTime() == null ? Clock.systemUTC() : config.throttleTime(),
        cognitoEndpoint,
        ids.userPoolId());
    stepFunctions.start(
        endpoint(),
        config.region(),
        ACCESS_KEY,
        SECRET_KEY,
        bus,
        config.root().resolve("state-machines"),
        functions.names(),
        arnPrefix);
    scheduler =
        new Scheduler(
            config.rules().schedules(),
            config.region(),
            ACCOUNT,
            invoker,
            async,
            Clock.systemUTC(),
            config.schedulePeriod());
    scheduler.start();
    startStreams(invoker);
  }

  /**
   * The stream subscriptions of {@code event-rules.json}, each polled as Lambda's event source
   * mapping polls a DynamoDB stream (the outbox relay among them).
   */
  private void startStreams(Invoker invoker) {
    if (config.rules().streams().isEmpty()) {
      return;
    }
    String streamArn;
    try (DynamoDbClient dynamo = client(DynamoDbClient.builder(), dynamoDbEndpoint)) {
      streamArn = dynamo.describeTable(r -> r.tableName(config.table())).table().latestStreamArn();
    }
    if (streamArn == null) {
      throw new IllegalStateException(
          "table " + config.table() + " has no stream, which its stream subscriptions need");
    }
    streamsClient = client(DynamoDbStreamsClient.builder(), dynamoDbEndpoint);
    for (EventRules.Stream subscription : config.rules().streams()) {
      StreamPoller poller =
          new StreamPoller(
              subscription,
              streamsClient,
              streamArn,
              invoker,
              dataDir.path().resolve("streams"),
              STREAM_POLL_INTERVAL);
      streamPollers.add(poller);
      poller.start();
    }
  }

  /** How often an idle stream is polled (Lambda polls a DynamoDB stream four times a second). */
  static final Duration STREAM_POLL_INTERVAL = Duration.ofMillis(100);

  /**
   * Every route's function and every rule's and schedule's target must be a function, before
   * anything starts.
   */
  private void checkTargets(Invoker invoker) {
    Set<String> unknown = new TreeSet<>();
    for (Route route : config.routes().routes()) {
      if (!invoker.exists(route.function())) {
        unknown.add("route " + route.method() + " " + route.path() + " -> " + route.function());
      }
    }
    for (EventRules.Rule rule : config.rules().rules()) {
      for (String target : rule.targets()) {
        if (!invoker.exists(target)) {
          unknown.add("event rule " + rule.name() + " -> " + target);
        }
      }
    }
    for (EventRules.Schedule schedule : config.rules().schedules()) {
      if (!invoker.exists(schedule.function())) {
        unknown.add("schedule " + schedule.name() + " -> " + schedule.function());
      }
    }
    config
        .routes()
        .webSocket()
        .filter(api -> !invoker.exists(api.function()))
        .ifPresent(api -> unknown.add("websocket " + api.path() + " -> " + api.function()));
    for (EventRules.Stream stream : config.rules().streams()) {
      if (!invoker.exists(stream.function())) {
        unknown.add("stream " + stream.name() + " -> " + stream.function());
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalStateException(
          "no function module under functions/ for: " + String.join("; ", unknown));
    }
  }

  /**
   * Starts DynamoDB, Cognito, the mail catcher and S3 side by side, each set up (table; pool,
   * client, operator; buckets) as soon as it answers, so that one's SDK warm-up overlaps the
   * others' start.
   */
  private void startServices() {
    Npm.ensureInstalled(config.root().resolve("local"));
    // Own threads: the common pool has a single thread on a 2-core machine.
    ExecutorService starters = Executors.newFixedThreadPool(4);
    RuntimeException failure = null;
    try {
      CompletableFuture<Void> dynamo = CompletableFuture.runAsync(this::startDynamoDb, starters);
      CompletableFuture<Void> cognito = CompletableFuture.runAsync(this::startCognito, starters);
      CompletableFuture<Void> mail = CompletableFuture.runAsync(this::startMail, starters);
      CompletableFuture<Void> s3 = CompletableFuture.runAsync(this::startS3, starters);
      for (CompletableFuture<Void> service : List.of(dynamo, cognito, mail, s3)) {
        try {
          service.join();
        } catch (CompletionException e) {
          if (failure == null) {
            failure = unwrap(e);
          } else {
            failure.addSuppressed(e.getCause());
          }
        }
      }
    } finally {
      starters.shutdown();
    }
    if (failure != null) {
      throw failure;
    }
    try (DynamoDbClient dynamo = client(DynamoDbClient.builder(), dynamoDbEndpoint)) {
      rootOrganizationId =
          RootOrganization.ensure(dynamo, config.table(), operatorId, operator.email());
    }
  }

  private void startDynamoDb() {
    DynamoDbEmulator emulator =
        own(
            withFreshPortRetries(
                config.dynamoDbPort() == 0,
                () -> DynamoDbEmulator.start(config.dynamoDbPort(), dataDir.dynamoDb())));
    dynamoDbEndpoint = emulator.endpoint();
    try (DynamoDbClient dynamo = client(DynamoDbClient.builder(), dynamoDbEndpoint)) {
      TableSetup.ensure(dynamo, config.table());
    }
  }

  private void startCognito() {
    CognitoEmulator emulator =
        own(
            withFreshPortRetries(
                config.cognitoPort() == 0,
                () -> CognitoEmulator.start(config.cognitoPort(), dataDir.cognito())));
    cognitoEndpoint = emulator.endpoint();
    try (CognitoIdentityProviderClient cognito =
        client(CognitoIdentityProviderClient.builder(), cognitoEndpoint)) {
      UserPoolSetup users = new UserPoolSetup(cognito);
      ids = users.ensurePool(dataDir.ids());
      dataDir.saveIds(ids);
      operator = operator();
      operatorId = users.ensureOperator(ids, operator);
    }
  }

  private void startMail() {
    mail =
        own(
            withFreshPortRetries(
                config.smtpPort() == 0 || config.mailWebPort() == 0,
                () -> MailEmulator.start(config.smtpPort(), config.mailWebPort(), dataDir.mail())));
  }

  private void startS3() {
    S3Emulator emulator =
        own(
            withFreshPortRetries(
                config.s3Port() == 0, () -> S3Emulator.start(config.s3Port(), dataDir.s3())));
    s3Endpoint = emulator.endpoint();
    AwsClientConfigurer aws =
        new AwsClientConfigurer(
            Region.of(config.region()),
            Map.of("s3", s3Endpoint),
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)));
    try (S3Client s3 = S3Clients.client(aws)) {
      BucketSetup.ensure(s3, buckets);
    }
  }

  private synchronized <T extends AutoCloseable> T own(T emulator) {
    emulators.push(emulator);
    return emulator;
  }

  /**
   * A free port is picked before the child binds it, so another process may take it in between
   * (likely when several test JVMs start emulators at once); when a port is 0, another free port is
   * tried. A port the user chose is not second-guessed.
   */
  private static <T> T withFreshPortRetries(boolean freePort, Supplier<T> start) {
    int attempts = freePort ? 3 : 1;
    for (int attempt = 1; ; attempt++) {
      try {
        return start.get();
      } catch (IllegalStateException e) {
        if (attempt >= attempts) {
          throw e;
        }
        LOG.warn("{}; trying another free port", e.getMessage());
      }
    }
  }

  private static RuntimeException unwrap(CompletionException e) {
    return e.getCause() instanceof RuntimeException cause ? cause : e;
  }

  /** From the configuration, else the one generated on an earlier start, else a new one. */
  private DataDir.Operator operator() {
    if (config.operatorPassword() != null) {
      return new DataDir.Operator(config.operatorEmail(), config.operatorPassword());
    }
    return dataDir
        .operator()
        .map(saved -> new DataDir.Operator(config.operatorEmail(), saved.password()))
        .orElseGet(
            () -> {
              DataDir.Operator generated =
                  new DataDir.Operator(
                      config.operatorEmail(), OperatorPassword.generate(new SecureRandom()));
              dataDir.saveOperator(generated);
              return generated;
            });
  }

  /** What the functions read (see the build contract): the same keys as in AWS, local values. */
  Map<String, String> systemProperties() {
    String self = "http://127.0.0.1:" + port;
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("topgun.table", config.table());
    properties.put("topgun.region", config.region());
    properties.put("topgun.events.bus", config.eventBus());
    properties.put("topgun.endpoints.dynamodb", dynamoDbEndpoint.toString());
    properties.put("topgun.endpoints.cognito", cognitoEndpoint.toString());
    // The browser's way to the user pool: the origin it loaded the console from (relative, so a
    // branded hostname works too), which forwards to cognito-local.
    properties.put("topgun.cognito.public-endpoint", "/");
    properties.put("topgun.endpoints.events", self);
    properties.put("topgun.endpoints.lambda", self);
    properties.put("topgun.endpoints.kms", self);
    // The WebSocket API's @connections API, which API Gateway serves on the API's stage URL.
    properties.put("topgun.realtime.endpoint", self);
    properties.put("topgun.endpoints.s3", s3Endpoint.toString());
    properties.put(S3Buckets.ASSETS_PROPERTY, buckets.assets());
    properties.put(S3Buckets.STATE_PROPERTY, buckets.state());
    properties.put("topgun.kms.key-id", LocalKms.DEFAULT_ALIAS);
    properties.put("topgun.endpoints.route53", self);
    properties.put("topgun.dns.resolver", "127.0.0.1:" + dns.port());
    properties.put("topgun.cognito.user-pool-id", ids.userPoolId());
    properties.put("topgun.cognito.client-id", ids.clientId());
    properties.put("topgun.mail.smtp-host", mail.smtpHost());
    properties.put("topgun.mail.smtp-port", Integer.toString(mail.smtpPort()));
    // Links in mail (invitations) point at this runtime, which serves the web app's API.
    properties.put("topgun.web.base-url", "http://localhost:" + port);
    // Hostname proofs served over HTTP are fetched from loopback here; in AWS only from public
    // addresses.
    properties.put("topgun.branding.http-proof.allow-private", "true");
    properties.put("aws.accessKeyId", ACCESS_KEY);
    properties.put("aws.secretAccessKey", SECRET_KEY);
    properties.put("aws.region", config.region());
    // The functions' "now" is the system's plus this offset, which advanceClock moves.
    properties.put(Clocks.OFFSET_PROPERTY, Long.toString(clockOffsetMillis));
    return properties;
  }

  /**
   * Moves the time of every function forward by {@code by}, at once and for the rest of this
   * runtime's life: what the functions read from their {@code Clock} (a license's grace and expiry,
   * the feature gate, the sweep), not the emulators' or the runtime's own clocks (Cognito's tokens
   * stay valid; schedules keep firing at their period). For tests; one runtime per JVM.
   */
  public synchronized void advanceClock(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("time only moves forward: " + by);
    }
    clockOffsetMillis += by.toMillis();
    System.setProperty(Clocks.OFFSET_PROPERTY, Long.toString(clockOffsetMillis));
  }

  /** What the functions read as "now" ({@link #advanceClock}). */
  public synchronized Instant functionTime() {
    return Instant.now().plusMillis(clockOffsetMillis);
  }

  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(
      B builder, URI endpoint) {
    return builder
        .region(Region.of(config.region()))
        .endpointOverride(endpoint)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }

  /** Event deliveries and {@code Event} invocations; bounded, so a flood slows the callers. */
  private static ThreadPoolExecutor asyncExecutor() {
    AtomicInteger threads = new AtomicInteger();
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            4,
            4,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1024),
            task -> {
              Thread thread = new Thread(task, "async-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            },
            new ThreadPoolExecutor.CallerRunsPolicy());
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  /** The HTTP API, the Lambda Invoke API and EventBridge, e.g. {@code http://localhost:8080}. */
  public URI endpoint() {
    return URI.create("http://localhost:" + port);
  }

  public int port() {
    return port;
  }

  public URI dynamoDbEndpoint() {
    return dynamoDbEndpoint;
  }

  /** The local KMS, served on {@link #endpoint()}. */
  public URI kmsEndpoint() {
    return endpoint();
  }

  /** The local Route 53's API, served on {@link #endpoint()}. */
  public URI route53Endpoint() {
    return endpoint();
  }

  /** The name server for the hosted zones, UDP and TCP on 127.0.0.1. */
  public int dnsPort() {
    return dns.port();
  }

  public URI cognitoEndpoint() {
    return cognitoEndpoint;
  }

  /** The S3 emulator, path-style, e.g. {@code http://127.0.0.1:4568}. */
  public URI s3Endpoint() {
    return s3Endpoint;
  }

  /** The assets and state buckets, created on start. */
  public S3Buckets buckets() {
    return buckets;
  }

  /** The SMTP server the functions send mail to, e.g. {@code smtp://127.0.0.1:1025}. */
  public URI smtpEndpoint() {
    return mail.smtpEndpoint();
  }

  /** The inbox of every message sent, e.g. {@code http://localhost:1080} (REST: /api/email). */
  public URI mailWebEndpoint() {
    return mail.webEndpoint();
  }

  /**
   * The WebSocket API, e.g. {@code ws://localhost:8080/v1/realtime}; null when none is declared.
   */
  public URI webSocketEndpoint() {
    return webSocket == null ? null : URI.create("ws://localhost:" + port + webSocket.api().path());
  }

  /** The EventBridge bus (tests stop it with {@link EventBus#setRefusing}). */
  public EventBus bus() {
    return bus;
  }

  /** The stream subscriptions being polled, by name. */
  public StreamPoller stream(String name) {
    return streamPollers.stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no stream subscription " + name));
  }

  /** The root {@code top_branch} organization, owned by the operator. */
  public String rootOrganizationId() {
    return rootOrganizationId;
  }

  /** The operator's user id, the {@code sub} of its tokens. */
  public String operatorId() {
    return operatorId;
  }

  public String userPoolId() {
    return ids.userPoolId();
  }

  public String clientId() {
    return ids.clientId();
  }

  public String operatorEmail() {
    return operator.email();
  }

  public String operatorPassword() {
    return operator.password();
  }

  public Path dataDir() {
    return dataDir.path();
  }

  public LocalConfig config() {
    return config;
  }

  /**
   * Stops the schedules and the HTTP server first, then deliveries, the functions, and the
   * emulators last.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    System.clearProperty(Clocks.OFFSET_PROPERTY);
    if (scheduler != null) {
      scheduler.close();
    }
    for (StreamPoller poller : streamPollers) {
      stop("stream " + poller.name(), poller);
    }
    if (streamsClient != null) {
      streamsClient.close();
    }
    if (webSocket != null) {
      webSocket.closeAll();
    }
    if (server != null) {
      stop("the HTTP server", server);
    }
    if (stepFunctions != null) {
      stop("Step Functions", stepFunctions);
    }
    if (async != null) {
      async.shutdownNow();
    }
    if (functions != null) {
      stop("the functions", functions);
    }
    while (!emulators.isEmpty()) {
      stop("an emulator", emulators.pop());
    }
  }

  private static void stop(String what, AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      LOG.warn("stopping {} failed: {}", what, e.toString());
    }
  }

  String banner(Duration startup) {
    String api = endpoint().toString();
    return String.join(
        "\n",
        "",
        "Topgun local runtime ready in " + seconds(startup),
        "  API           " + api + "   (try: curl " + api + "/v1/health)",
        "  Web console   "
            + (Files.isRegularFile(webDist().resolve("index.html"))
                ? api + "/"
                : "not built (npm --prefix web run build)"),
        "  Lambda        " + api + "/2015-03-31/functions/{name}/invocations",
        "  EventBridge   " + api + "   (bus " + config.eventBus() + ")",
        "  KMS           " + api + "   (key " + LocalKms.DEFAULT_ALIAS + ")",
        "  Step Functions " + api + "   (state machines from state-machines/, topgun-<name>)",
        "  Realtime      "
            + (webSocket == null ? "none" : webSocketEndpoint() + "?token=<Cognito token>"),
        "  Route 53      " + api + "   (DNS 127.0.0.1:" + dns.port() + ", UDP and TCP)",
        "  DynamoDB      " + dynamoDbEndpoint + "   (table " + config.table() + ")",
        "  Cognito       " + cognitoEndpoint,
        "    user pool   " + ids.userPoolId(),
        "    client id   " + ids.clientId(),
        "  Operator      "
            + operator.email()
            + "   (owner of the root organization "
            + rootOrganizationId
            + ")",
        "    password    " + operator.password(),
        "  Mail inbox    " + mail.webEndpoint() + "   (SMTP " + hostPort(mail.smtpEndpoint()) + ")",
        "  S3            "
            + s3Endpoint
            + "   (buckets "
            + buckets.assets()
            + ", "
            + buckets.state()
            + " versioned)",
        "  Data          " + dataDir.path() + "   (./local/run --fresh starts empty)",
        "Press Ctrl-C to stop.",
        "");
  }

  private static String hostPort(URI uri) {
    return uri.getHost() + ":" + uri.getPort();
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }

  public static void main(String[] args) {
    long started = System.nanoTime();
    LocalConfig config;
    try {
      config = LocalConfig.fromEnvironment(System.getenv(), List.of(args));
    } catch (IllegalArgumentException e) {
      System.err.println("local/run: " + e.getMessage());
      System.exit(2);
      return;
    }
    LocalRuntime runtime;
    try {
      runtime = start(config);
    } catch (RuntimeException e) {
      LOG.debug("start failed", e);
      System.err.println("local/run: could not start: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("Stopping the Topgun local runtime...");
                  runtime.close();
                  stopped.countDown();
                },
                "local-runtime-shutdown"));
    System.out.println(runtime.banner(Duration.ofNanos(System.nanoTime() - started)));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The built web console the HTTP port serves ({@code npm --prefix web run build} writes it). */
  private Path webDist() {
    return config.root().resolve("web").resolve("dist");
  }
}
