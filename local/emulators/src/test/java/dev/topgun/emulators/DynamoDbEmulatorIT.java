package dev.topgun.emulators;

import static dev.topgun.emulators.DynamoDbTestSupport.item;
import static dev.topgun.emulators.DynamoDbTestSupport.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** Starting, stopping and persisting the DynamoDB emulator. */
class DynamoDbEmulatorIT {

  @Test
  void withADataDirectory_tablesAndItemsSurviveARestart(@TempDir Path dataDir) {
    // given
    String table;
    try (DynamoDbEmulator emulator = DynamoDbEmulator.start(0, dataDir);
        DynamoDbClient dynamo = DynamoDbTestSupport.client(emulator.endpoint())) {
      table = DynamoDbTestSupport.createTable(dynamo);
      dynamo.transactWriteItems(
          t ->
              t.transactItems(
                  TransactWriteItem.builder()
                      .put(p -> p.tableName(table).item(item("ORG#1", "PROFILE", "n", 1)))
                      .build()));
    }

    // when
    try (DynamoDbEmulator emulator = DynamoDbEmulator.start(0, dataDir);
        DynamoDbClient dynamo = DynamoDbTestSupport.client(emulator.endpoint())) {

      // then
      assertThat(dynamo.getItem(g -> g.tableName(table).key(key("ORG#1", "PROFILE"))).item())
          .isEqualTo(item("ORG#1", "PROFILE", "n", 1));
    }
    assertThat(dataDir.resolve("leveldb")).isDirectory();
    assertThat(dataDir.resolve("dynamodb.log")).isRegularFile();
  }

  @Test
  void close_stopsTheServer() {
    // given
    DynamoDbEmulator emulator = DynamoDbEmulator.start(0, null);
    int port = emulator.port();
    assertThat(Ports.isAccepting(port)).isTrue();

    // when
    emulator.close();

    // then
    assertThat(Ports.isAccepting(port)).isFalse();
  }

  @Test
  void aTakenPort_failsFast_namingThePort() {
    // given
    int taken = SharedEmulators.dynamoDb().getPort();

    // when / then
    assertThatThrownBy(() -> DynamoDbEmulator.start(taken, null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("port " + taken + " is already in use");
  }

  @Test
  void aChildThatCannotStart_isReportedWithItsLog(@TempDir Path dataDir) {
    // given: LevelDB admits one process per directory
    try (DynamoDbEmulator first = DynamoDbEmulator.start(0, dataDir)) {

      // when / then
      assertThatThrownBy(() -> DynamoDbEmulator.start(0, dataDir))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("dynalite exited with code 1")
          .hasMessageContaining("log: " + dataDir.resolve("dynamodb.log"))
          .hasMessageContaining("Cannot open the database");
      assertThat(Ports.isAccepting(first.port())).isTrue();
    }
  }

  @Test
  void sharedEmulator_isOnePerJvm_andAnswers() {
    // when
    var first = SharedEmulators.dynamoDb();
    var second = SharedEmulators.dynamoDb();

    // then
    assertThat(second).isEqualTo(first);
    try (DynamoDbClient dynamo = DynamoDbTestSupport.client(first)) {
      String table = DynamoDbTestSupport.createTable(dynamo);
      assertThat(dynamo.listTables().tableNames()).contains(table);
    }
  }
}
