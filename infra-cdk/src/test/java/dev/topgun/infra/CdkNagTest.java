package dev.topgun.infra;

import static dev.topgun.infra.Json.list;
import static dev.topgun.infra.Json.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.infra.nag.Suppress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.cloud_assembly_schema.MetadataEntry;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.cxapi.SynthesisMessageLevel;

/**
 * cdk-nag's AwsSolutions pack over the whole app, both stages: no unsuppressed error, and every
 * suppression sits on one resource with a reason, never on DDB3 (PITR) or COG2 (MFA).
 */
class CdkNagTest {

  @TempDir static Path outdir;
  static Synth.Synthesized app;

  @BeforeAll
  static void synthesizeWithNag() {
    app = Synth.topgun(outdir, true);
  }

  @Test
  void awsSolutions_reportsNoUnsuppressedError_inAnyStack() {
    List<String> errors = new ArrayList<>();
    List<String> checked = new ArrayList<>();
    for (String name : app.stackNames()) {
      CloudFormationStackArtifact stack = app.assembly().getStackByName(name);
      for (SynthesisMessage message : stack.getMessages()) {
        String text = String.valueOf(data(message.getEntry()));
        if (message.getLevel() == SynthesisMessageLevel.ERROR) {
          errors.add(message.getId() + ": " + text);
        }
      }
      checked.add(name);
    }
    assertThat(checked).hasSize(10);
    assertThat(errors).isEmpty();
  }

  @Test
  void synth_leavesNoWarning_unacknowledged() {
    List<String> warnings = new ArrayList<>();
    for (String name : app.stackNames()) {
      for (SynthesisMessage message : app.assembly().getStackByName(name).getMessages()) {
        if (message.getLevel() == SynthesisMessageLevel.WARNING) {
          warnings.add(message.getId() + ": " + data(message.getEntry()));
        }
      }
    }
    assertThat(warnings).isEmpty();
  }

  @Test
  void awsSolutions_actuallyRan_onEveryStack() {
    // cdk-nag writes one report per stack it checked; without the aspect there would be none.
    for (String name : app.stackNames()) {
      assertThat(outdir.resolve("AwsSolutions-" + name + "-NagReport.csv")).exists();
    }
  }

  @Test
  void everySuppression_isOnOneResource_withAReason_andNeverForPitrOrMfa() {
    List<String> suppressions = new ArrayList<>();
    for (String name : app.stackNames()) {
      Map<String, Object> template = app.json(name);
      Object stackMetadata = template.get("Metadata");
      assertThat(stackMetadata == null ? Map.of() : map(stackMetadata))
          .as(name + " has no stack-wide suppression")
          .doesNotContainKey("cdk_nag");
      for (Map.Entry<String, Object> resource : map(template.get("Resources")).entrySet()) {
        Object metadata = map(resource.getValue()).get("Metadata");
        if (metadata == null || !map(metadata).containsKey("cdk_nag")) {
          continue;
        }
        for (Object rule : list(map(map(metadata).get("cdk_nag")).get("rules_to_suppress"))) {
          String id = (String) map(rule).get("id");
          String reason = (String) map(rule).get("reason");
          assertThat(Suppress.NEVER).doesNotContain(id);
          assertThat(reason)
              .as(id + " on " + resource.getKey())
              .isNotBlank()
              .hasSizeGreaterThan(30);
          suppressions.add(name + "/" + resource.getKey() + ": " + id);
        }
      }
    }
    // The suppressions exist (the app has public routes, X-Ray, a log bucket): a test that found
    // none would be reading the wrong place.
    assertThat(suppressions).isNotEmpty();
  }

  private static Object data(MetadataEntry entry) {
    return entry == null ? null : entry.getData();
  }
}
