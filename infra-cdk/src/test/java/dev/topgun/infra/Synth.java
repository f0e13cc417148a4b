package dev.topgun.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.topgun.infra.config.Declarations;
import dev.topgun.infra.config.Repository;
import dev.topgun.infra.config.StageConfig;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;

/**
 * Builds apps for the tests exactly as {@link TopgunApp} does (same builder, same {@code cdk.json}
 * context, the real declarations and Lambda jars), with both stages in one app, synthesized once.
 */
public final class Synth {

  public static final Path ROOT = Repository.root();

  /** A tiny built web app (index.html, a manifest, one hashed asset) standing in for web/dist. */
  public static final Path WEB_DIST = ROOT.resolve("infra-cdk/src/test/resources/web-dist");

  private Synth() {}

  /** The feature flags and settings of {@code infra-cdk/cdk.json}, as the CLI passes them. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> cdkJsonContext() {
    try {
      Map<String, Object> cdkJson =
          new ObjectMapper().readValue(ROOT.resolve("infra-cdk/cdk.json").toFile(), Map.class);
      return (Map<String, Object>) cdkJson.get("context");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static App app(Path outdir) {
    return new App(AppProps.builder().context(cdkJsonContext()).outdir(outdir.toString()).build());
  }

  /**
   * The app's two stages, dev and prod, from the repository's declarations, deploying {@link
   * #WEB_DIST} as the web app.
   */
  public static Synthesized topgun(Path outdir, boolean withNag) {
    return topgun(outdir, Declarations.fromRepository(ROOT).withWebDist(WEB_DIST), withNag);
  }

  public static Synthesized topgun(Path outdir, Declarations declarations, boolean withNag) {
    App app = app(outdir);
    Map<String, Topgun> stages = new LinkedHashMap<>();
    for (StageConfig stage : List.of(StageConfig.dev(), StageConfig.prod())) {
      stages.put(stage.name(), Topgun.build(app, stage, declarations, null));
    }
    if (withNag) {
      Aspects.of(app).add(new AwsSolutionsChecks());
    }
    return new Synthesized(app.synth(), stages, declarations);
  }

  /** One synthesis, read as often as the tests like without synthesizing again. */
  public record Synthesized(
      CloudAssembly assembly, Map<String, Topgun> stages, Declarations declarations) {

    public List<String> stackNames() {
      List<String> names = new ArrayList<>();
      stages.values().forEach(topgun -> topgun.stacks().forEach(s -> names.add(s.getStackName())));
      return names;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> json(String stackName) {
      return (Map<String, Object>) assembly.getStackByName(stackName).getTemplate();
    }

    public Template template(String stackName) {
      return Template.fromJSON(json(stackName));
    }

    public Template template(Stack stack) {
      return template(stack.getStackName());
    }
  }
}
