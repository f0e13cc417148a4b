package dev.topgun.infra.api;

import dev.topgun.infra.config.StageConfig;
import dev.topgun.shared.routes.PathTemplate;
import dev.topgun.shared.routes.Route;
import dev.topgun.shared.routes.RouteTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.services.apigateway.Stage;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.amazon.awscdk.services.wafv2.CfnWebACLAssociation;
import software.constructs.Construct;

/**
 * A regional WAF web ACL on the API stage: AWS's common and known-bad-input rule groups, a
 * per-address rate limit over the whole API, and a lower one per address on each route the route
 * table throttles. The common group's 8 KB body-size rule only counts, because the functions accept
 * bodies up to 1 MB ({@code topgun.http.max-body-bytes}) and answer larger ones themselves.
 */
public final class ApiFirewall extends Construct {

  /** Requests one address may make in any five minutes before it is blocked. */
  static final int RATE_LIMIT_PER_5_MINUTES = 2000;

  /**
   * Requests one address may make to one throttled route in any five minutes (one a second on
   * average). The route's method throttle caps all callers together; this keeps one address from
   * taking all of it.
   */
  static final int ROUTE_RATE_LIMIT_PER_5_MINUTES = 300;

  static final int EVALUATION_WINDOW_SECONDS = 300;

  /** Priorities of the rules above; the throttled routes' rules follow, in table order. */
  private static final int FIRST_ROUTE_PRIORITY = 3;

  private final CfnWebACL acl;

  /**
   * @param routes the route table: each route with a {@code throttle} gets its own rate-based rule
   */
  public ApiFirewall(
      Construct scope, String id, StageConfig stage, Stage apiStage, RouteTable routes) {
    super(scope, id);
    List<CfnWebACL.RuleProperty> rules = new ArrayList<>();
    rules.add(
        managedGroup(stage, "AWSManagedRulesCommonRuleSet", 0, List.of("SizeRestrictions_BODY")));
    rules.add(managedGroup(stage, "AWSManagedRulesKnownBadInputsRuleSet", 1, List.of()));
    rules.add(rateLimit(stage, 2));
    Set<String> names = new HashSet<>();
    for (Route route : routes.routes()) {
      if (route.throttle() == null) {
        continue;
      }
      String name = routeRuleName(route);
      if (!names.add(name)) {
        throw new IllegalArgumentException(
            "route table: two throttled routes give the WAF rule name " + name);
      }
      rules.add(routeRateLimit(stage, route, name, FIRST_ROUTE_PRIORITY + names.size() - 1));
    }
    this.acl =
        CfnWebACL.Builder.create(this, "Acl")
            .name(stage.resourceName("api"))
            .scope("REGIONAL")
            .defaultAction(
                CfnWebACL.DefaultActionProperty.builder()
                    .allow(CfnWebACL.AllowActionProperty.builder().build())
                    .build())
            .visibilityConfig(visibility(stage.resourceName("api")))
            .rules(rules)
            .build();
    CfnWebACLAssociation.Builder.create(this, "Association")
        .resourceArn(apiStage.getStageArn())
        .webAclArn(acl.getAttrArn())
        .build();
  }

  public CfnWebACL acl() {
    return acl;
  }

  private static CfnWebACL.RuleProperty managedGroup(
      StageConfig stage, String group, int priority, List<String> countOnly) {
    CfnWebACL.ManagedRuleGroupStatementProperty.Builder statement =
        CfnWebACL.ManagedRuleGroupStatementProperty.builder().vendorName("AWS").name(group);
    if (!countOnly.isEmpty()) {
      statement.ruleActionOverrides(
          countOnly.stream()
              .map(
                  rule ->
                      CfnWebACL.RuleActionOverrideProperty.builder()
                          .name(rule)
                          .actionToUse(
                              CfnWebACL.RuleActionProperty.builder()
                                  .count(CfnWebACL.CountActionProperty.builder().build())
                                  .build())
                          .build())
              .toList());
    }
    return CfnWebACL.RuleProperty.builder()
        .name(group)
        .priority(priority)
        .overrideAction(CfnWebACL.OverrideActionProperty.builder().none(Map.of()).build())
        .statement(
            CfnWebACL.StatementProperty.builder()
                .managedRuleGroupStatement(statement.build())
                .build())
        .visibilityConfig(visibility(stage.resourceName(group)))
        .build();
  }

  private static CfnWebACL.RuleProperty rateLimit(StageConfig stage, int priority) {
    return CfnWebACL.RuleProperty.builder()
        .name("RateLimitPerAddress")
        .priority(priority)
        .action(
            CfnWebACL.RuleActionProperty.builder()
                .block(CfnWebACL.BlockActionProperty.builder().build())
                .build())
        .statement(
            CfnWebACL.StatementProperty.builder()
                .rateBasedStatement(
                    CfnWebACL.RateBasedStatementProperty.builder()
                        .limit(RATE_LIMIT_PER_5_MINUTES)
                        .aggregateKeyType("IP")
                        .build())
                .build())
        .visibilityConfig(visibility(stage.resourceName("rate-limit")))
        .build();
  }

  /**
   * Blocks an address that sends more than {@link #ROUTE_RATE_LIMIT_PER_5_MINUTES} requests with
   * this route's method to this route's path; requests to other routes do not count.
   */
  private static CfnWebACL.RuleProperty routeRateLimit(
      StageConfig stage, Route route, String name, int priority) {
    CfnWebACL.StatementProperty method =
        CfnWebACL.StatementProperty.builder()
            .byteMatchStatement(
                CfnWebACL.ByteMatchStatementProperty.builder()
                    .fieldToMatch(CfnWebACL.FieldToMatchProperty.builder().method(Map.of()).build())
                    .positionalConstraint("EXACTLY")
                    .searchString(route.method())
                    .textTransformations(List.of(transformation(0, "NONE")))
                    .build())
            .build();
    CfnWebACL.StatementProperty path =
        CfnWebACL.StatementProperty.builder()
            .regexMatchStatement(
                CfnWebACL.RegexMatchStatementProperty.builder()
                    .fieldToMatch(
                        CfnWebACL.FieldToMatchProperty.builder().uriPath(Map.of()).build())
                    .regexString(pathRegex(route))
                    // As API Gateway would route it: %-escapes decoded, doubled slashes and dot
                    // segments removed.
                    .textTransformations(
                        List.of(
                            transformation(0, "URL_DECODE"), transformation(1, "NORMALIZE_PATH")))
                    .build())
            .build();
    return CfnWebACL.RuleProperty.builder()
        .name(name)
        .priority(priority)
        .action(
            CfnWebACL.RuleActionProperty.builder()
                .block(CfnWebACL.BlockActionProperty.builder().build())
                .build())
        .statement(
            CfnWebACL.StatementProperty.builder()
                .rateBasedStatement(
                    CfnWebACL.RateBasedStatementProperty.builder()
                        .limit(ROUTE_RATE_LIMIT_PER_5_MINUTES)
                        .evaluationWindowSec(EVALUATION_WINDOW_SECONDS)
                        .aggregateKeyType("IP")
                        .scopeDownStatement(
                            CfnWebACL.StatementProperty.builder()
                                .andStatement(
                                    CfnWebACL.AndStatementProperty.builder()
                                        .statements(List.of(method, path))
                                        .build())
                                .build())
                        .build())
                .build())
        .visibilityConfig(visibility(stage.resourceName(name)))
        .build();
  }

  /** {@code RateLimit-POST-v1-licenses-validate} for {@code POST /v1/licenses/validate}. */
  static String routeRuleName(Route route) {
    String path = route.path().replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
    return "RateLimit-" + route.method() + "-" + path;
  }

  /**
   * The route's path template as a regular expression over the request path WAF sees. That path
   * starts with the stage's name on the API's own URL ({@code /dev/v1/...}, and so through the
   * CloudFront distribution) and without it on a custom domain, so one leading segment is optional.
   * A {@code {name}} is one segment, a final {@code {name+}} one or more; a trailing slash is
   * allowed.
   */
  static String pathRegex(Route route) {
    StringBuilder regex = new StringBuilder("^(/[^/]+)?");
    for (PathTemplate.Segment segment : route.segments()) {
      regex.append('/');
      regex.append(
          switch (segment.kind()) {
            // Literal segments are [A-Za-z0-9._~-]+ (PathTemplate): only the dot needs escaping.
            case LITERAL -> segment.text().replace(".", "\\.");
            case PARAMETER -> "[^/]+";
            case GREEDY -> ".+";
          });
    }
    return regex.append("/?$").toString();
  }

  private static CfnWebACL.TextTransformationProperty transformation(int priority, String type) {
    return CfnWebACL.TextTransformationProperty.builder().priority(priority).type(type).build();
  }

  private static CfnWebACL.VisibilityConfigProperty visibility(String metricName) {
    return CfnWebACL.VisibilityConfigProperty.builder()
        .cloudWatchMetricsEnabled(true)
        .metricName(metricName)
        .sampledRequestsEnabled(true)
        .build();
  }
}
