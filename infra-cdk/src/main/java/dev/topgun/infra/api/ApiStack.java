package dev.topgun.infra.api;

import dev.topgun.infra.config.Declarations;
import dev.topgun.infra.config.FunctionModule;
import dev.topgun.infra.config.StageConfig;
import dev.topgun.infra.data.DataStack;
import dev.topgun.infra.events.TableStreams;
import dev.topgun.infra.events.TopgunEvents;
import dev.topgun.infra.identity.IdentityStack;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/**
 * The functions, the event bus with its rules, the table stream's mappings, the REST API and the
 * WebSocket API. Every module under {@code functions/} becomes a {@link TopgunFunction}; a new
 * domain needs no change here.
 */
public final class ApiStack extends Stack {

  private final TopgunEvents events;
  private final Map<String, TopgunFunction> functions;
  private final PublicApi api;
  private final RealtimeApi realtime;
  private final TableStreams streams;

  public ApiStack(
      Construct scope,
      String id,
      StackProps props,
      StageConfig stage,
      Declarations declarations,
      DataStack data,
      IdentityStack identity) {
    super(scope, id, props);
    this.events = new TopgunEvents(this, "Events", stage);
    Map<String, String> environment = new TreeMap<>();
    environment.put("TOPGUN_TABLE", data.table().table().getTableName());
    environment.put("TOPGUN_EVENTS_BUS", events.bus().getEventBusName());
    environment.put("TOPGUN_COGNITO_USER_POOL_ID", identity.users().pool().getUserPoolId());
    environment.put("TOPGUN_COGNITO_CLIENT_ID", identity.users().webClient().getUserPoolClientId());
    // The ARN only: the key itself is read from Secrets Manager, never put in the environment.
    environment.put("TOPGUN_CURSORS_SECRET_ARN", data.cursorSecret().secret().getSecretArn());
    // Mail goes to SES's SMTP interface with the credentials in a secret (README, "Deploy to AWS").
    environment.put("TOPGUN_MAIL_SMTP_HOST", "email-smtp." + getRegion() + ".amazonaws.com");
    environment.put("TOPGUN_MAIL_SMTP_PORT", "587");
    environment.put("TOPGUN_MAIL_STARTTLS", "true");
    // The sender's address only: each mail's name is its organization's brand's.
    environment.put("TOPGUN_MAIL_FROM", context(MAIL_FROM, "no-reply@example.com"));
    environment.put(
        "TOPGUN_MAIL_CREDENTIALS_SECRET_ARN", data.mailCredentials().secret().getSecretArn());
    environment.put("TOPGUN_WEB_BASE_URL", context(WEB_BASE_URL, "https://example.com"));

    // Before the functions: the one that serves it gets the stage's @connections endpoint.
    this.realtime =
        declarations
            .routes()
            .webSocket()
            .map(
                declared ->
                    new RealtimeApi(
                        this,
                        "Realtime",
                        stage,
                        declared,
                        declarations.functions().get(declared.function())))
            .orElse(null);

    ServiceAccess.Shared shared = new ServiceAccess.Shared(events);
    Map<String, TopgunFunction> built = new TreeMap<>();
    Map<String, IFunction> aliases = new TreeMap<>();
    Map<String, IRole> roles = new TreeMap<>();
    for (FunctionModule module : declarations.functions().values()) {
      Map<String, String> settings = new TreeMap<>(environment);
      if (realtime != null && realtime.function().equals(module.name())) {
        settings.putAll(realtime.settings());
      }
      if (data.envelopeKey().users().containsKey(module.name())) {
        settings.put("TOPGUN_KMS_KEY_ID", data.envelopeKey().keyIdSetting());
      }
      settings.putAll(data.objects().settings(module));
      TopgunFunction function =
          new TopgunFunction(this, module.pascalName(), stage, module, settings);
      data.envelopeKey().grantUse(module, function.role());
      data.objects().grantObjects(module, function.role());
      data.table().grantItems(function.role());
      data.cursorSecret().grantRead(function.role());
      data.mailCredentials().grantRead(function.role());
      if (TopgunEvents.publishes(module)) {
        events.grantRelay(function.role());
      }
      ServiceAccess.grantExtra(module.name(), function.role(), shared);
      built.put(module.name(), function);
      aliases.put(module.name(), function.alias());
      roles.put(module.name(), function.role());
    }
    this.functions = Collections.unmodifiableMap(built);
    events.addRules(declarations.rules(), aliases);
    this.streams =
        declarations.rules().streams().isEmpty()
            ? null
            : new TableStreams(
                this,
                "Streams",
                declarations.rules().streams(),
                aliases,
                roles,
                data.table(),
                events.deadLetters());
    this.api =
        new PublicApi(
            this, "Public", stage, declarations.routes(), aliases, identity.users().pool());
    CfnOutput.Builder.create(this, "ApiUrl").value(api.api().getUrl()).build();
    if (realtime != null) {
      realtime.integrate(aliases.get(realtime.function()), roles.get(realtime.function()));
      realtime.loggingNeeds(api.accountSettings());
      CfnOutput.Builder.create(this, "RealtimeUrl")
          .description("The real-time channel: wss://…/<stage>?token=<Cognito ID token>")
          .value(realtime.url())
          .build();
    }
  }

  /**
   * {@code -c mailFrom=...}: the sender of the platform's mail, an address of an SES-verified
   * identity.
   */
  public static final String MAIL_FROM = "mailFrom";

  /** {@code -c webBaseUrl=...}: the console's address, for links in mail (invitations). */
  public static final String WEB_BASE_URL = "webBaseUrl";

  private String context(String key, String fallback) {
    Object value = getNode().tryGetContext(key);
    return value == null || value.toString().isBlank() ? fallback : value.toString();
  }

  public TopgunEvents events() {
    return events;
  }

  /** Each function module's Lambda, by module name. */
  public Map<String, TopgunFunction> functions() {
    return functions;
  }

  public PublicApi api() {
    return api;
  }

  /** The WebSocket API, if the route table declares one. */
  public Optional<RealtimeApi> realtime() {
    return Optional.ofNullable(realtime);
  }

  /** The table stream's event source mappings, if the event rules declare any. */
  public Optional<TableStreams> streams() {
    return Optional.ofNullable(streams);
  }
}
