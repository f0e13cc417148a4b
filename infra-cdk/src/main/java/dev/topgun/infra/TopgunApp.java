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

  /** Context flag ({@code -c skipWebDeploy=true}): synthesize without deploying the web app. */
  public static final String SKIP_WEB_DEPLOY = "skipWebDeploy";

  private TopgunApp() {}

  /**
   * The declarations to deploy: the built web app is required unless {@code skipWebDeploy} is
   * {@code true}, which deploys none (the bucket keeps what it has).
   *
   * @throws IllegalStateException when {@code web/dist/index.html} is missing and not skipped
   */
  static Declarations webDeploy(Declarations declarations, Object skipWebDeploy) {
    if ("true".equals(String.valueOf(skipWebDeploy))) {
      return declarations.withWebDist(null);
    }
    if (declarations.webDist().isEmpty()) {
      throw new IllegalStateException(
          "The web app is not built: there is no "
              + Declarations.WEB_DIST
              + "/index.html. Build it (npm --prefix web ci && npm --prefix web run build, or"
              + " mvn -B -pl web package), or synthesize without it: -c "
              + SKIP_WEB_DEPLOY
              + "=true");
    }
    return declarations;
  }

  public static void main(String[] args) {
    App app = new App();
    StageConfig stage = StageConfig.fromContext(app.getNode());
    Environment environment =
        Environment.builder()
            .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
            .region(System.getenv("CDK_DEFAULT_REGION"))
            .build();
    Declarations declarations =
        webDeploy(
            Declarations.fromRepository(Repository.root()),
            app.getNode().tryGetContext(SKIP_WEB_DEPLOY));
    Topgun.build(app, stage, declarations, environment);
    Aspects.of(app).add(new AwsSolutionsChecks());
    app.synth();
  }
}
