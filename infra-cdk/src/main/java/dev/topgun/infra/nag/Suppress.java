package dev.topgun.infra.nag;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awscdk.CfnResource;
import software.constructs.IConstruct;

/**
 * The one way this app suppresses a cdk-nag AwsSolutions finding: on a single CloudFormation
 * resource, for one rule, with a reason a reviewer can judge. Stack-wide suppressions and
 * suppressions on whole construct trees are not offered.
 */
public final class Suppress {

  /** Findings that must be fixed, never suppressed: PITR on tables, MFA on user pools. */
  public static final Set<String> NEVER = Set.of("AwsSolutions-DDB3", "AwsSolutions-COG2");

  private static final int MIN_REASON_LENGTH = 30;

  private Suppress() {}

  /**
   * Suppresses {@code rule} (e.g. {@code IAM5}) on {@code resource}, a CloudFormation resource or a
   * construct whose default child is one; {@code appliesTo} narrows it to the listed findings (e.g.
   * {@code Resource::*}).
   */
  public static void on(IConstruct resource, String rule, String reason, String... appliesTo) {
    CfnResource cfn = single(resource);
    String id = "AwsSolutions-" + rule;
    if (NEVER.contains(id)) {
      throw new IllegalArgumentException(id + " is never suppressed: fix the resource");
    }
    if (reason == null || reason.strip().length() < MIN_REASON_LENGTH) {
      throw new IllegalArgumentException(id + " needs a reason a reviewer can judge: " + reason);
    }
    NagPackSuppression.Builder suppression = NagPackSuppression.builder().id(id).reason(reason);
    if (appliesTo.length > 0) {
      suppression.appliesTo(List.of((Object[]) appliesTo));
    }
    NagSuppressions.addResourceSuppressions(cfn, List.of(suppression.build()), false);
  }

  /**
   * As {@link #on}, narrowed to the findings that match {@code regexes} (JavaScript regular
   * expressions, {@code /.../}): for findings that name a resource by a token whose rendering
   * differs between the resource's own stack and an importing one.
   */
  public static void onMatching(
      IConstruct resource, String rule, String reason, String... regexes) {
    if (regexes.length == 0) {
      throw new IllegalArgumentException("onMatching needs at least one regular expression");
    }
    CfnResource cfn = single(resource);
    String id = "AwsSolutions-" + rule;
    if (NEVER.contains(id)) {
      throw new IllegalArgumentException(id + " is never suppressed: fix the resource");
    }
    if (reason == null || reason.strip().length() < MIN_REASON_LENGTH) {
      throw new IllegalArgumentException(id + " needs a reason a reviewer can judge: " + reason);
    }
    List<Object> appliesTo = new ArrayList<>();
    for (String regex : regexes) {
      appliesTo.add(RegexAppliesTo.builder().regex(regex).build());
    }
    NagSuppressions.addResourceSuppressions(
        cfn,
        List.of(NagPackSuppression.builder().id(id).reason(reason).appliesTo(appliesTo).build()),
        false);
  }

  private static CfnResource single(IConstruct construct) {
    if (construct instanceof CfnResource cfn) {
      return cfn;
    }
    IConstruct child = construct.getNode().getDefaultChild();
    if (child instanceof CfnResource cfn) {
      return cfn;
    }
    throw new IllegalArgumentException(
        construct.getNode().getPath() + " is not a single CloudFormation resource");
  }
}
