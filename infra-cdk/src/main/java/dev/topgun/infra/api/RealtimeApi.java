package dev.topgun.infra.api;

import dev.topgun.infra.config.FunctionModule;
import dev.topgun.infra.config.StageConfig;
import dev.topgun.infra.nag.Suppress;
import dev.topgun.shared.routes.WebSocketApi;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.aws_apigatewayv2_integrations.WebSocketLambdaIntegration;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.CfnStage;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.apigatewayv2.WebSocketRoute;
import software.amazon.awscdk.services.apigatewayv2.WebSocketRouteOptions;
import software.amazon.awscdk.services.apigatewayv2.WebSocketStage;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The real-time channel: an API Gateway WebSocket API built from the route table's {@code
 * websocket} section, every route ({@code $connect}, {@code $disconnect}, {@code $default} and each
 * declared one, selected by {@code $request.body.action}) proxied to its function's live alias,
 * which answers {@code {"statusCode": …}}. One stage named for the stage config, deployed on every
 * change, throttled like the REST API's stage, with JSON access logs.
 *
 * <p>No route has an API Gateway authorizer. WebSocket APIs offer no Cognito authorizer, only a
 * Lambda REQUEST authorizer on {@code $connect}, which would be a second place that verifies
 * tokens. The client sends its Cognito ID token as {@code ?token=} on {@code $connect} (browsers
 * cannot set headers on a WebSocket) and the function verifies it with the user pool's keys
 * (shared-lib's {@code CognitoTokenVerifier}: signature, issuer, audience, expiry), refusing the
 * connection otherwise, exactly as it does locally.
 *
 * <p>The function gets the stage's {@code @connections} endpoint ({@value #ENDPOINT_VARIABLE}, read
 * as {@code topgun.realtime.endpoint}) and may post to, read and close connections of this stage
 * only. Its jar must carry the {@code @connections} client: without it the function has no
 * WebSocket routes, and the synth fails rather than deploy an API that refuses everyone.
 */
public final class RealtimeApi extends Construct {

  /** The function's setting for the {@code @connections} endpoint. */
  public static final String ENDPOINT_VARIABLE = "TOPGUN_REALTIME_ENDPOINT";

  /**
   * The stage's {@code wss://} URL that browsers connect to, published by {@code /v1/auth/config}.
   */
  public static final String URL_VARIABLE = "TOPGUN_REALTIME_URL";

  /** What {@code ManageConnections} is granted for: post, get and delete a connection. */
  static final List<String> CONNECTION_METHODS = List.of("POST", "GET", "DELETE");

  /** The route keys every WebSocket API has, before the declared ones. */
  static final List<String> BUILT_IN_ROUTES =
      List.of(WebSocketApi.CONNECT, WebSocketApi.DISCONNECT, WebSocketApi.DEFAULT);

  /**
   * One JSON object per connection, message and disconnection. No query string (it carries the
   * token) and no body.
   */
  static final String ACCESS_LOG_FORMAT =
      "{\"requestId\":\"$context.requestId\","
          + "\"extendedRequestId\":\"$context.extendedRequestId\","
          + "\"connectionId\":\"$context.connectionId\","
          + "\"eventType\":\"$context.eventType\","
          + "\"routeKey\":\"$context.routeKey\","
          + "\"messageId\":\"$context.messageId\","
          + "\"status\":\"$context.status\","
          + "\"requestTime\":\"$context.requestTime\","
          + "\"ip\":\"$context.identity.sourceIp\","
          + "\"userAgent\":\"$context.identity.userAgent\","
          + "\"integrationLatency\":\"$context.integrationLatency\","
          + "\"error\":\"$context.error.message\"}";

  private final WebSocketApi declared;
  private final StageConfig stageConfig;
  private final software.amazon.awscdk.services.apigatewayv2.WebSocketApi api;
  private final WebSocketStage stage;
  private final Map<String, WebSocketRoute> routes = new TreeMap<>();

  /**
   * @param function the module the {@code websocket} section names
   */
  public RealtimeApi(
      Construct scope,
      String id,
      StageConfig stage,
      WebSocketApi declared,
      FunctionModule function) {
    super(scope, id);
    if (!function.name().equals(declared.function())) {
      throw new IllegalArgumentException(
          "the websocket api is served by " + declared.function() + ", not " + function.name());
    }
    if (!uses(function)) {
      throw new IllegalStateException(
          "the websocket api ("
              + declared.path()
              + ") is served by "
              + function.name()
              + ", whose jar carries no @connections client ("
              + "software.amazon.awssdk:apigatewaymanagementapi): without it the function has no"
              + " WebSocket routes and can push nothing. Declare the dependency in functions/"
              + function.name()
              + "/pom.xml, or name another function in api-routes.json");
    }
    this.declared = declared;
    this.stageConfig = stage;
    LogGroup accessLogs =
        LogGroup.Builder.create(this, "AccessLogs")
            .retention(stage.logRetention())
            .removalPolicy(stage.removalPolicy())
            .build();
    this.api =
        software.amazon.awscdk.services.apigatewayv2.WebSocketApi.Builder.create(this, "Api")
            .apiName(stage.resourceName("realtime"))
            .description("Topgun real-time channel (" + stage.name() + ")")
            .routeSelectionExpression(WebSocketApi.ROUTE_SELECTION)
            .build();
    this.stage =
        WebSocketStage.Builder.create(this, "Stage")
            .webSocketApi(api)
            .stageName(stage.name())
            .autoDeploy(true)
            .throttle(
                ThrottleSettings.builder()
                    .rateLimit(stage.throttleRate())
                    .burstLimit(stage.throttleBurst())
                    .build())
            .detailedMetricsEnabled(true)
            .accessLogSettings(
                new IAccessLogSettings() {
                  @Override
                  public software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination
                      getDestination() {
                    return new LogGroupLogDestination(accessLogs);
                  }

                  @Override
                  public AccessLogFormat getFormat() {
                    return AccessLogFormat.custom(ACCESS_LOG_FORMAT);
                  }
                })
            .build();
    // Execution logs of errors only: messages carry personal data and stay out of the logs.
    CfnStage cfnStage = (CfnStage) this.stage.getNode().getDefaultChild();
    cfnStage.addPropertyOverride(
        "DefaultRouteSettings.LoggingLevel", PublicApi.LOGGING_LEVEL.name());
    cfnStage.addPropertyOverride("DefaultRouteSettings.DataTraceEnabled", false);
  }

  /** Whether {@code function} can serve the WebSocket API: its jar carries the client. */
  public static boolean uses(FunctionModule function) {
    return function.hasConnectionsClient();
  }

  /** The module that serves the API. */
  public String function() {
    return declared.function();
  }

  /**
   * The settings of the function that serves the API: the {@code @connections} endpoint, {@code
   * https://<api>.execute-api.<region>.amazonaws.com/<stage>}, and the {@code wss://} URL the
   * console connects to.
   */
  public Map<String, String> settings() {
    return Map.of(ENDPOINT_VARIABLE, stage.getCallbackUrl(), URL_VARIABLE, stage.getUrl());
  }

  /**
   * Routes every route key to {@code alias} and lets {@code role} manage this stage's connections.
   */
  public void integrate(IFunction alias, IRole role) {
    List<String> keys = new ArrayList<>(BUILT_IN_ROUTES);
    keys.addAll(declared.routes());
    for (String key : keys) {
      // An integration per route: CDK grants API Gateway the invocation when it binds an
      // integration, once, for the first route's key only; shared, the others could not invoke.
      WebSocketRoute route =
          api.addRoute(
              key,
              WebSocketRouteOptions.builder()
                  .integration(new WebSocketLambdaIntegration("Function", alias))
                  .build());
      Suppress.on(
          route,
          "APIG4",
          "WebSocket APIs have no Cognito authorizer and a Lambda authorizer would verify tokens in"
              + " a second place: "
              + declared.function()
              + " verifies the Cognito ID token of $connect (?token=) with the user pool's keys"
              + " and refuses the connection, so no later route runs unauthenticated.");
      routes.put(key, route);
    }
    role.addToPrincipalPolicy(
        PolicyStatement.Builder.create()
            .actions(List.of("execute-api:ManageConnections"))
            .resources(connectionArns())
            .build());
    Suppress.onMatching(
        role.getNode().findChild("DefaultPolicy"),
        "IAM5",
        "Connection ids exist only at run time: ManageConnections is limited to POST, GET and"
            + " DELETE on this API's own stage's @connections.",
        "/^Resource::arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<"
            + logicalId(api)
            + ">\\/"
            + stageConfig.name()
            + "\\/(POST|GET|DELETE)\\/@connections\\/\\*$/");
  }

  /**
   * Makes the stage wait for the account's API Gateway CloudWatch role ({@code
   * AWS::ApiGateway::Account}, created with the REST API): a stage with logging cannot be created
   * before the account has one.
   */
  public void loggingNeeds(IConstruct accountSettings) {
    stage.getNode().addDependency(accountSettings);
  }

  /** {@code arn:…:execute-api:<region>:<account>:<api>/<stage>/<method>/@connections/*}. */
  private List<String> connectionArns() {
    List<String> arns = new ArrayList<>();
    for (String method : CONNECTION_METHODS) {
      arns.add(
          Stack.of(this)
              .formatArn(
                  ArnComponents.builder()
                      .service("execute-api")
                      .resource(api.getApiId())
                      .resourceName(stageConfig.name() + "/" + method + "/@connections/*")
                      .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                      .build()));
    }
    return arns;
  }

  private static String logicalId(IConstruct construct) {
    return Stack.of(construct).getLogicalId((CfnElement) construct.getNode().getDefaultChild());
  }

  public software.amazon.awscdk.services.apigatewayv2.WebSocketApi api() {
    return api;
  }

  public WebSocketStage stage() {
    return stage;
  }

  /** {@code wss://<api>.execute-api.<region>.amazonaws.com/<stage>}: what clients connect to. */
  public String url() {
    return stage.getUrl();
  }

  /** Each route, by route key. */
  public Map<String, WebSocketRoute> routes() {
    return Collections.unmodifiableMap(routes);
  }
}
