package dev.topgun.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.cxapi.SynthesisMessageLevel;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.FunctionAttributes;
import software.amazon.awscdk.services.lambda.IFunction;

/**
 * One construct in a stack of its own, checked by cdk-nag, for what the app has none of today
 * (state machines, event rules). Functions are imported by ARN, so no jar is needed here.
 */
public record Standalone(Template template, Map<String, Object> json, List<String> nagErrors) {

  public static final String PLATFORM_ARN =
      "arn:aws:lambda:eu-west-1:111111111111:function:topgun-dev-platform:live";

  public static IFunction importedPlatform(Stack stack) {
    return Function.fromFunctionAttributes(
        stack,
        "ImportedPlatform",
        FunctionAttributes.builder().functionArn(PLATFORM_ARN).sameEnvironment(true).build());
  }

  @SuppressWarnings("unchecked")
  public static Standalone synth(Path outdir, Consumer<Stack> build) {
    App app = Synth.app(outdir);
    Stack stack = new Stack(app, "Standalone");
    build.accept(stack);
    Aspects.of(app).add(new AwsSolutionsChecks());
    CloudAssembly assembly = app.synth();
    Map<String, Object> json =
        (Map<String, Object>) assembly.getStackByName("Standalone").getTemplate();
    List<String> errors = new ArrayList<>();
    for (SynthesisMessage message : assembly.getStackByName("Standalone").getMessages()) {
      if (message.getLevel() == SynthesisMessageLevel.ERROR) {
        errors.add(message.getId() + ": " + message.getEntry().getData());
      }
    }
    assertThat(outdir.resolve("AwsSolutions-Standalone-NagReport.csv")).exists();
    return new Standalone(Template.fromJSON(json), json, errors);
  }
}
