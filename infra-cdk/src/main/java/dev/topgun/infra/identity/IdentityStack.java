package dev.topgun.infra.identity;

import dev.topgun.infra.config.StageConfig;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/** Who signs in: the user pool and the web app's client. */
public final class IdentityStack extends Stack {

  private final UserDirectory users;

  public IdentityStack(Construct scope, String id, StackProps props, StageConfig stage) {
    super(scope, id, props);
    this.users = new UserDirectory(this, "Users", stage);
    CfnOutput.Builder.create(this, "UserPoolId").value(users.pool().getUserPoolId()).build();
    CfnOutput.Builder.create(this, "WebClientId")
        .value(users.webClient().getUserPoolClientId())
        .build();
  }

  public UserDirectory users() {
    return users;
  }
}
