package dev.topgun.infra.data;

import dev.topgun.infra.config.StageConfig;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/** The customer managed KMS key for Topgun's data at rest: the table and the secrets. */
public final class DataKey extends Construct {

  private final Key key;

  public DataKey(Construct scope, String id, StageConfig stage) {
    super(scope, id);
    this.key =
        Key.Builder.create(this, "Key")
            .alias("alias/" + stage.resourceName("data"))
            .description("Topgun " + stage.name() + ": the table and secrets at rest")
            .enableKeyRotation(true)
            .pendingWindow(Duration.days(stage.production() ? 30 : 7))
            .removalPolicy(stage.removalPolicy())
            .build();
  }

  public IKey key() {
    return key;
  }
}
