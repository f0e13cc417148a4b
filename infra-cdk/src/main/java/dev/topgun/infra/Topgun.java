package dev.topgun.infra;

import dev.topgun.infra.api.ApiStack;
import dev.topgun.infra.config.Declarations;
import dev.topgun.infra.config.StageConfig;
import dev.topgun.infra.data.DataStack;
import dev.topgun.infra.identity.IdentityStack;
import dev.topgun.infra.web.WebStack;
import dev.topgun.infra.workflows.WorkflowsStack;
import java.util.List;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.constructs.Construct;

/**
 * One stage of Topgun: its five stacks, named {@code Topgun-<stage>-<Concern>}, in dependency
 * order. The tests build it exactly as {@link TopgunApp} does.
 */
public record Topgun(
    DataStack data, IdentityStack identity, ApiStack api, WorkflowsStack workflows, WebStack web) {

  /**
   * @param environment account and region, or {@code null} for environment-agnostic stacks (tests)
   */
  public static Topgun build(
      Construct scope, StageConfig stage, Declarations declarations, Environment environment) {
    DataStack data =
        new DataStack(
            scope,
            stackId(stage, "Data"),
            props(stage, environment, "table, keys, buckets"),
            stage,
            declarations.functions().values());
    IdentityStack identity =
        new IdentityStack(
            scope, stackId(stage, "Identity"), props(stage, environment, "user pool"), stage);
    ApiStack api =
        new ApiStack(
            scope,
            stackId(stage, "Api"),
            props(stage, environment, "functions, event bus, REST API"),
            stage,
            declarations,
            data,
            identity);
    WorkflowsStack workflows =
        new WorkflowsStack(
            scope,
            stackId(stage, "Workflows"),
            props(stage, environment, "state machines"),
            stage,
            declarations,
            api);
    WebStack web =
        new WebStack(
            scope,
            stackId(stage, "Web"),
            props(stage, environment, "web app, CDN"),
            stage,
            data,
            api,
            declarations.webDist());
    Topgun topgun = new Topgun(data, identity, api, workflows, web);
    for (Stack stack : topgun.stacks()) {
      Tags.of(stack).add("project", "topgun");
      Tags.of(stack).add("stage", stage.name());
    }
    return topgun;
  }

  public List<Stack> stacks() {
    return List.of(data, identity, api, workflows, web);
  }

  static String stackId(StageConfig stage, String concern) {
    return "Topgun-" + stage.name() + "-" + concern;
  }

  private static StackProps props(StageConfig stage, Environment environment, String what) {
    return StackProps.builder()
        .env(environment)
        .description("Topgun " + stage.name() + ": " + what)
        .terminationProtection(stage.production())
        .build();
  }
}
