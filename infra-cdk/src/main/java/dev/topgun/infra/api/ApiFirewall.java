package dev.topgun.infra.api;

import dev.topgun.infra.config.StageConfig;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.apigateway.Stage;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.amazon.awscdk.services.wafv2.CfnWebACLAssociation;
import software.constructs.Construct;

/**
 * A regional WAF web ACL on the API stage: AWS's common and known-bad-input rule groups and a
 * per-address rate limit. The common group's 8 KB body-size rule only counts, because the functions
 * accept bodies up to 1 MB ({@code topgun.http.max-body-bytes}) and answer larger ones themselves.
 */
public final class ApiFirewall extends Construct {

  /** Requests one address may make in any five minutes before it is blocked. */
  static final int RATE_LIMIT_PER_5_MINUTES = 2000;

  private final CfnWebACL acl;

  public ApiFirewall(Construct scope, String id, StageConfig stage, Stage apiStage) {
    super(scope, id);
    this.acl =
        CfnWebACL.Builder.create(this, "Acl")
            .name(stage.resourceName("api"))
            .scope("REGIONAL")
            .defaultAction(
                CfnWebACL.DefaultActionProperty.builder()
                    .allow(CfnWebACL.AllowActionProperty.builder().build())
                    .build())
            .visibilityConfig(visibility(stage.resourceName("api")))
            .rules(
                List.of(
                    managedGroup(
                        stage, "AWSManagedRulesCommonRuleSet", 0, List.of("SizeRestrictions_BODY")),
                    managedGroup(stage, "AWSManagedRulesKnownBadInputsRuleSet", 1, List.of()),
                    rateLimit(stage, 2)))
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

  private static CfnWebACL.VisibilityConfigProperty visibility(String metricName) {
    return CfnWebACL.VisibilityConfigProperty.builder()
        .cloudWatchMetricsEnabled(true)
        .metricName(metricName)
        .sampledRequestsEnabled(true)
        .build();
  }
}
