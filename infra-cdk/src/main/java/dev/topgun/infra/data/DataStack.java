package dev.topgun.infra.data;

import dev.topgun.infra.config.FunctionModule;
import dev.topgun.infra.config.StageConfig;
import java.util.Collection;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * Stateful resources: the KMS keys (data at rest, and envelope encryption for the functions that
 * seal values themselves), the single table, the functions' secrets, the access-log bucket and the
 * functions' object buckets.
 */
public final class DataStack extends Stack {

  private final DataKey key;
  private final EnvelopeKey envelopeKey;
  private final SingleTable table;
  private final FunctionSecret cursorSecret;
  private final FunctionSecret mailCredentials;
  private final AccessLogs accessLogs;
  private final ObjectBuckets objects;

  /**
   * @param functions every function module: those whose jar carries the KMS client may use the
   *     envelope key, those whose jar carries the S3 client the object buckets
   */
  public DataStack(
      Construct scope,
      String id,
      StackProps props,
      StageConfig stage,
      Collection<FunctionModule> functions) {
    super(scope, id, props);
    this.key = new DataKey(this, "DataKey", stage);
    this.envelopeKey = new EnvelopeKey(this, "EnvelopeKey", stage, functions);
    this.table = new SingleTable(this, "Topgun", stage, key.key());
    this.cursorSecret = FunctionSecret.cursorKey(this, stage, key.key());
    this.mailCredentials = FunctionSecret.mailCredentials(this, stage, key.key());
    this.accessLogs = new AccessLogs(this, "AccessLogs", stage);
    this.objects =
        new ObjectBuckets(this, "Objects", stage, key.key(), accessLogs.bucket(), functions);
  }

  public DataKey key() {
    return key;
  }

  public EnvelopeKey envelopeKey() {
    return envelopeKey;
  }

  public SingleTable table() {
    return table;
  }

  public FunctionSecret cursorSecret() {
    return cursorSecret;
  }

  public FunctionSecret mailCredentials() {
    return mailCredentials;
  }

  public AccessLogs accessLogs() {
    return accessLogs;
  }

  public ObjectBuckets objects() {
    return objects;
  }
}
