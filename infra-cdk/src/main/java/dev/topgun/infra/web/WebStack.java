package dev.topgun.infra.web;

import dev.topgun.infra.api.ApiStack;
import dev.topgun.infra.config.StageConfig;
import dev.topgun.infra.data.DataStack;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/** The web app's bucket and its CloudFront distribution, which also fronts the API. */
public final class WebStack extends Stack {

  private final WebApp web;

  public WebStack(
      Construct scope,
      String id,
      StackProps props,
      StageConfig stage,
      DataStack data,
      ApiStack api,
      Optional<Path> webDist) {
    super(scope, id, props);
    this.web = new WebApp(this, "Web", stage, data.accessLogs().bucket(), api.api().api(), webDist);
    CfnOutput.Builder.create(this, "WebUrl")
        .value("https://" + web.distribution().getDistributionDomainName())
        .build();
    CfnOutput.Builder.create(this, "WebBucketName").value(web.bucket().getBucketName()).build();
  }

  public WebApp web() {
    return web;
  }
}
