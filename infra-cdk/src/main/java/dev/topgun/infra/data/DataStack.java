package dev.topgun.infra.data;

import dev.topgun.infra.config.StageConfig;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/** Stateful resources: the KMS key, the single table, the cursor secret, the access-log bucket. */
public final class DataStack extends Stack {

  private final DataKey key;
  private final SingleTable table;
  private final CursorSecret cursorSecret;
  private final AccessLogs accessLogs;

  public DataStack(Construct scope, String id, StackProps props, StageConfig stage) {
    super(scope, id, props);
    this.key = new DataKey(this, "DataKey", stage);
    this.table = new SingleTable(this, "Topgun", stage, key.key());
    this.cursorSecret = new CursorSecret(this, "CursorSecret", stage, key.key());
    this.accessLogs = new AccessLogs(this, "AccessLogs", stage);
  }

  public DataKey key() {
    return key;
  }

  public SingleTable table() {
    return table;
  }

  public CursorSecret cursorSecret() {
    return cursorSecret;
  }

  public AccessLogs accessLogs() {
    return accessLogs;
  }
}
