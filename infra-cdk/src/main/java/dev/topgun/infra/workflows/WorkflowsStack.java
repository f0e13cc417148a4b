package dev.topgun.infra.workflows;

import dev.topgun.infra.api.ApiStack;
import dev.topgun.infra.config.Declarations;
import dev.topgun.infra.config.StageConfig;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/** Long work: the state machines of {@code state-machines/}, none yet. */
public final class WorkflowsStack extends Stack {

  private final Workflows workflows;

  public WorkflowsStack(
      Construct scope,
      String id,
      StackProps props,
      StageConfig stage,
      Declarations declarations,
      ApiStack api) {
    super(scope, id, props);
    Map<String, IFunction> functions = new TreeMap<>();
    declarations
        .functions()
        .forEach(
            (name, module) ->
                functions.put(module.pascalName(), api.functions().get(name).alias()));
    this.workflows =
        new Workflows(
            this,
            "Workflows",
            stage,
            declarations.stateMachineDefinitions(),
            functions,
            api.events().bus());
  }

  public Workflows workflows() {
    return workflows;
  }
}
