package dev.topgun.infra.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.infra.Synth;
import dev.topgun.infra.config.Declarations;
import dev.topgun.infra.config.FunctionModule;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may use the envelope key: decided by the jars, with a purpose declared for each. */
class EnvelopeKeyTest {

  static final String KMS_CLIENT = "software/amazon/awssdk/services/kms/KmsClient.class";

  @TempDir Path dir;

  @Test
  void builtJars_licensingCarriesTheKmsClient_andSealsForLicenseSigningOnly() {
    Declarations declarations = Declarations.fromRepository(Synth.ROOT);

    assertThat(EnvelopeKey.users(declarations.functions().values()))
        .isEqualTo(Map.of("licensing", List.of("license-signing")));
  }

  @Test
  void aJarWithTheKmsClient_butNoDeclaredPurpose_failsTheSynth() throws IOException {
    // given billing's jar carries the KMS client, and EnvelopeKey.PURPOSES says nothing of billing
    FunctionModule billing = new FunctionModule("billing", jar("billing", KMS_CLIENT));
    FunctionModule licensing = new FunctionModule("licensing", jar("licensing", KMS_CLIENT));

    // then
    assertThatThrownBy(() -> EnvelopeKey.users(List.of(billing, licensing)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("billing's jar carries the KMS client")
        .hasMessageContaining("EnvelopeKey.PURPOSES");
  }

  @Test
  void aDeclaredPurpose_forAFunctionWithoutTheKmsClient_failsTheSynth() throws IOException {
    // given licensing's jar no longer carries the KMS client
    FunctionModule licensing =
        new FunctionModule("licensing", jar("licensing", "dev/topgun/Other.class"));

    // then
    assertThatThrownBy(() -> EnvelopeKey.users(List.of(licensing)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("EnvelopeKey.PURPOSES lists licensing")
        .hasMessageContaining("carries the KMS client");
  }

  private Path jar(String name, String entry) throws IOException {
    Path jar = dir.resolve(name + "-lambda.jar");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new ZipEntry(entry));
      out.write(new byte[] {0});
      out.closeEntry();
    }
    return jar;
  }
}
