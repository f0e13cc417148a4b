package dev.topgun.agent.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialStoreTest {

  @TempDir Path dataDir;

  @Test
  void saved_credentials_areReadBack_fromAFileOnlyTheOwnerCanRead() throws IOException {
    // given
    CredentialStore store = new CredentialStore(dataDir);

    // when
    store.save(new Credentials("srv_1", "secret-1", 30));

    // then
    assertThat(store.load()).contains(new Credentials("srv_1", "secret-1", 30));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
        .isEqualTo("rw-------");
  }

  @Test
  void rotation_replacesTheFileWhole_andLeavesNoTemporaryFile() throws IOException {
    CredentialStore store = new CredentialStore(dataDir);
    store.save(new Credentials("srv_1", "secret-1", 30));

    store.save(new Credentials("srv_1", "secret-2", 30));

    assertThat(store.load().orElseThrow().credential()).isEqualTo("secret-2");
    assertThat(Files.readString(store.file())).doesNotContain("secret-1");
    try (var files = Files.list(dataDir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("credentials");
    }
  }

  @Test
  void noFile_meansNotEnrolled() {
    assertThat(new CredentialStore(dataDir).load()).isEmpty();
  }

  @Test
  void toString_hidesTheCredential() {
    assertThat(new Credentials("srv_1", "secret-1", 30).toString()).doesNotContain("secret-1");
  }
}
