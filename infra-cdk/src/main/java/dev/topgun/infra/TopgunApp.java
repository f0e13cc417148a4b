package dev.topgun.infra;

import dev.topgun.infra.config.Declarations;
import dev.topgun.infra.config.Repository;
import dev.topgun.infra.config.StageConfig;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;

/**
 * The CDK app: {@code npx aws-cdk@2 deploy --all -c stage=dev} in {@code infra-cdk/}. The account
 * and region are the CLI's (its credentials and profile), never written here. cdk-nag's
 * AwsSolutions pack runs on every synth, so an unsuppressed finding stops a deploy.
 */
public final class TopgunApp {

  private TopgunApp() {}

  public static void main(String[] args) {
    App app = new App();
    StageConfig stage = StageConfig.fromContext(app.getNode());
    Environment environment =
        Environment.builder()
            .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
            .region(System.getenv("CDK_DEFAULT_REGION"))
            .build();
    Topgun.build(app, stage, Declarations.fromRepository(Repository.root()), environment);
    Aspects.of(app).add(new AwsSolutionsChecks());
    app.synth();
  }
}
