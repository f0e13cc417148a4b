package dev.topgun.infra.api;

import dev.topgun.infra.config.StageConfig;
import dev.topgun.infra.nag.Suppress;
import dev.topgun.shared.routes.PathTemplate;
import dev.topgun.shared.routes.Route;
import dev.topgun.shared.routes.RouteTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.CfnAccount;
import software.amazon.awscdk.services.apigateway.CognitoUserPoolsAuthorizer;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.JsonWithStandardFieldProps;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.LambdaIntegrationOptions;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.Method;
import software.amazon.awscdk.services.apigateway.MethodDeploymentOptions;
import software.amazon.awscdk.services.apigateway.MethodLoggingLevel;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.RequestValidator;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.cognito.IUserPool;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The REST API, built from the route table ({@code api-routes.json}) that the local runtime
 * dispatches with: one method per route, proxied to its function's live alias; routes with {@code
 * auth: user} behind the Cognito authorizer, {@code public} ones open. Every method declares its
 * path parameters and goes through the request validator; the stage writes JSON access logs, traces
 * with X-Ray and throttles, and a route with a {@code throttle} is throttled lower on its own; a
 * regional WAF web ACL sits in front.
 */
public final class PublicApi extends Construct {

  static final MethodLoggingLevel LOGGING_LEVEL = MethodLoggingLevel.ERROR;

  /**
   * The media types API Gateway passes as bytes rather than UTF-8 text: image uploads (branding's
   * {@code PUT .../branding/logo} takes the image as the body) reach the function base64-encoded,
   * and a function's base64-encoded answer ({@code isBase64Encoded}: branding's logos and favicons)
   * is decoded to bytes when the request's first {@code Accept} type is one of these (the web
   * distribution sends {@code application/octet-stream} first for branding's files). JSON and other
   * text pass as before. CloudFormation wants the slash written {@code ~1}.
   */
  static final List<String> BINARY_MEDIA_TYPES = List.of("image~1*", "application~1octet-stream");

  private final RestApi api;

  public PublicApi(
      Construct scope,
      String id,
      StageConfig stage,
      RouteTable routes,
      Map<String, ? extends IFunction> functions,
      IUserPool users) {
    super(scope, id);
    checkParameterNames(routes);
    LogGroup accessLogs =
        LogGroup.Builder.create(this, "AccessLogs")
            .retention(stage.logRetention())
            .removalPolicy(stage.removalPolicy())
            .build();
    this.api =
        RestApi.Builder.create(this, "Api")
            .restApiName(stage.prefix())
            .description("Topgun API (" + stage.name() + ")")
            .endpointTypes(List.of(EndpointType.REGIONAL))
            .binaryMediaTypes(BINARY_MEDIA_TYPES)
            // Execution logs need the account's API Gateway CloudWatch role.
            .cloudWatchRole(true)
            .deployOptions(
                StageOptions.builder()
                    .stageName(stage.name())
                    .accessLogDestination(new LogGroupLogDestination(accessLogs))
                    .accessLogFormat(
                        AccessLogFormat.jsonWithStandardFields(
                            JsonWithStandardFieldProps.builder()
                                .caller(true)
                                .httpMethod(true)
                                .ip(true)
                                .protocol(true)
                                .requestTime(true)
                                .resourcePath(true)
                                .responseLength(true)
                                .status(true)
                                .user(true)
                                .build()))
                    .loggingLevel(LOGGING_LEVEL)
                    // Bodies carry personal data; they stay out of the logs.
                    .dataTraceEnabled(false)
                    .metricsEnabled(true)
                    .tracingEnabled(true)
                    .throttlingRateLimit(stage.throttleRate())
                    .throttlingBurstLimit(stage.throttleBurst())
                    .methodOptions(methodThrottles(stage, routes))
                    .build())
            .build();
    Suppress.on(
        api.getNode().findChild("CloudWatchRole"),
        "IAM4",
        "API Gateway's account-level CloudWatch role uses the AWS managed policy"
            + " AmazonAPIGatewayPushToCloudWatchLogs, the one AWS documents for it.",
        "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs");
    CognitoUserPoolsAuthorizer authorizer =
        CognitoUserPoolsAuthorizer.Builder.create(this, "Authorizer")
            .authorizerName(stage.resourceName("users"))
            .cognitoUserPools(List.of(users))
            .identitySource("method.request.header.Authorization")
            .resultsCacheTtl(Duration.minutes(5))
            .build();
    RequestValidator validator =
        RequestValidator.Builder.create(this, "Validator")
            .restApi(api)
            .validateRequestParameters(true)
            .validateRequestBody(true)
            .build();
    Map<String, LambdaIntegration> integrations = new HashMap<>();
    for (Route route : routes.routes()) {
      IFunction function = functions.get(route.function());
      if (function == null) {
        throw new IllegalArgumentException(
            "route " + route.method() + " " + route.path() + " -> unknown " + route.function());
      }
      LambdaIntegration integration =
          integrations.computeIfAbsent(
              route.function(),
              name ->
                  new LambdaIntegration(
                      function,
                      LambdaIntegrationOptions.builder()
                          .proxy(true)
                          .allowTestInvoke(false)
                          .build()));
      MethodOptions.Builder options =
          MethodOptions.builder()
              .requestValidator(validator)
              .requestParameters(pathParameters(route));
      if (route.isPublic()) {
        options.authorizationType(AuthorizationType.NONE);
      } else {
        options.authorizationType(AuthorizationType.COGNITO).authorizer(authorizer);
      }
      Method method =
          api.getRoot()
              .resourceForPath(route.path())
              .addMethod(route.method(), integration, options.build());
      if (route.isPublic()) {
        String reason =
            "Public by design in the route table ("
                + route.method()
                + " "
                + route.path()
                + ", auth: public): it answers before anyone signs in.";
        Suppress.on(method, "APIG4", reason);
        Suppress.on(method, "COG4", reason);
      }
    }
    new ApiFirewall(this, "Firewall", stage, api.getDeploymentStage(), routes);
  }

  /**
   * A method setting for each route with a {@code throttle} in the table, keyed {@code
   * /<path>/<METHOD>} as CDK expects. It takes the place of the stage-wide setting for that method,
   * so it repeats the stage's logging and metrics; its limits never exceed the stage's, so a
   * route's throttle only ever lowers what its method may take.
   */
  static Map<String, MethodDeploymentOptions> methodThrottles(
      StageConfig stage, RouteTable routes) {
    Map<String, MethodDeploymentOptions> options = new TreeMap<>();
    for (Route route : routes.routes()) {
      Route.Throttle throttle = route.throttle();
      if (throttle == null) {
        continue;
      }
      options.put(
          route.path() + "/" + route.method(),
          MethodDeploymentOptions.builder()
              .loggingLevel(LOGGING_LEVEL)
              .dataTraceEnabled(false)
              .metricsEnabled(true)
              .throttlingRateLimit(Math.min(throttle.rate(), stage.throttleRate()))
              .throttlingBurstLimit(Math.min(throttle.burst(), stage.throttleBurst()))
              .build());
    }
    return options;
  }

  public RestApi api() {
    return api;
  }

  /**
   * The account's API Gateway settings ({@code AWS::ApiGateway::Account}) naming the CloudWatch
   * role: what any stage that logs, REST or WebSocket, needs to exist first.
   */
  public IConstruct accountSettings() {
    IConstruct account = api.getNode().tryFindChild("Account");
    if (!(account instanceof CfnAccount)) {
      throw new IllegalStateException(
          "the REST API has no AWS::ApiGateway::Account child; is cloudWatchRole still on?");
    }
    return account;
  }

  /** {@code method.request.path.<name>: true} for each parameter of the route's template. */
  private static Map<String, Boolean> pathParameters(Route route) {
    Map<String, Boolean> parameters = new TreeMap<>();
    for (PathTemplate.Segment segment : route.segments()) {
      if (segment.kind() != PathTemplate.Kind.LITERAL) {
        parameters.put("method.request.path." + segment.text(), true);
      }
    }
    return parameters;
  }

  /**
   * API Gateway refuses two variable siblings ({@code /orgs/{orgId}} and {@code /orgs/{id}/x}) at
   * deploy time; this says so at synth time, naming both.
   */
  static void checkParameterNames(RouteTable routes) {
    Map<String, String> variableChild = new HashMap<>();
    for (Route route : routes.routes()) {
      StringBuilder parent = new StringBuilder();
      for (String part : route.path().substring(1).split("/")) {
        if (part.startsWith("{")) {
          String seen = variableChild.putIfAbsent(parent.toString(), part);
          if (seen != null && !seen.equals(part)) {
            throw new IllegalArgumentException(
                "route table: "
                    + (parent.length() == 0 ? "/" : parent)
                    + " has two variable children, "
                    + seen
                    + " and "
                    + part
                    + " ("
                    + route.method()
                    + " "
                    + route.path()
                    + "); API Gateway allows one name per level");
          }
        }
        parent.append('/').append(part);
      }
    }
  }
}
