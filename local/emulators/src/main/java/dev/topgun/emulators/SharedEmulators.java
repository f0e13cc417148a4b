package dev.topgun.emulators;

import java.net.URI;

/**
 * Emulators shared by all tests of one JVM, so that each test class need not pay for a start. Tests
 * keep apart by using their own tables. The children stop when the JVM exits.
 */
public final class SharedEmulators {

  private static DynamoDbEmulator dynamoDb;
  private static KmsEmulator kms;
  private static S3Emulator s3;

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

  /**
   * The endpoint of this JVM's S3 emulator (a fresh temporary directory, key {@link
   * S3Emulator#ACCESS_KEY}), started on first use. Tests keep apart by using their own buckets.
   */
  public static synchronized URI s3() {
    if (s3 == null) {
      s3 = S3Emulator.start(0, null);
    }
    return s3.endpoint();
  }
}
