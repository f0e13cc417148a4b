package dev.topgun.emulators;

import java.net.URI;

/**
 * Emulators shared by all tests of one JVM, so that each test class need not pay for a start. Tests
 * keep apart by using their own tables. The children stop when the JVM exits.
 */
public final class SharedEmulators {

  private static DynamoDbEmulator dynamoDb;
  private static KmsEmulator kms;

  private SharedEmulators() {}

  /** The endpoint of this JVM's in-memory DynamoDB emulator, started on first use. */
  public static synchronized URI dynamoDb() {
    if (dynamoDb == null) {
      dynamoDb = DynamoDbEmulator.start(0, null);
    }
    return dynamoDb.endpoint();
  }

  /** The endpoint of this JVM's KMS emulator ({@code alias/topgun} ready), started on first use. */
  public static synchronized URI kms() {
    if (kms == null) {
      kms = KmsEmulator.start();
    }
    return kms.endpoint();
  }
}
