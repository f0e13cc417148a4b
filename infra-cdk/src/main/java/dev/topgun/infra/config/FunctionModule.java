package dev.topgun.infra.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.jar.JarFile;

/**
 * A function module ({@code functions/<name>/}) and the Lambda jar its build packages.
 *
 * @param name the module's name, which is also its name in the route table and the event rules
 * @param jar {@code functions/<name>/target/<name>-lambda.jar}
 */
public record FunctionModule(String name, Path jar) {

  /** The manifest attribute the functions' build writes the Lambda handler class into. */
  static final String HANDLER_ATTRIBUTE = "Lambda-Handler";

  /**
   * The class a shaded jar carries when its module declares the KMS SDK: shared-lib declares it
   * optional, so only such a function has the {@code Envelope} bean and calls KMS.
   */
  static final String KMS_CLIENT_CLASS = "software/amazon/awssdk/services/kms/KmsClient.class";

  /** Likewise for the S3 SDK: only such a function has shared-lib's S3 beans and stores objects. */
  static final String S3_CLIENT_CLASS = "software/amazon/awssdk/services/s3/S3Client.class";

  /**
   * Likewise for the EventBridge SDK: only such a function has shared-lib's {@code EventPublisher}
   * and puts events on the bus (the outbox relay); the others write their events to the outbox.
   */
  static final String EVENT_BRIDGE_CLIENT_CLASS =
      "software/amazon/awssdk/services/eventbridge/EventBridgeClient.class";

  /**
   * Likewise for the API Gateway management SDK: only such a function has shared-lib's {@code
   * ConnectionPublisher} and pushes to WebSocket connections through {@code @connections}.
   */
  static final String CONNECTIONS_CLIENT_CLASS =
      "software/amazon/awssdk/services/apigatewaymanagementapi/ApiGatewayManagementApiClient.class";

  public FunctionModule {
    if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException("function module name must be [a-z][a-z0-9-]*: " + name);
    }
  }

  /** The module {@code functions/<name>} of the repository at {@code root}. */
  public static FunctionModule in(Path root, String name) {
    return new FunctionModule(
        name,
        root.resolve("functions").resolve(name).resolve("target").resolve(name + "-lambda.jar"));
  }

  /**
   * {@code topgun-<stage>-<name>}: the physical name of this module's Lambda, its log group and its
   * role.
   */
  public String resourceName(StageConfig stage) {
    return stage.resourceName(name);
  }

  /** Whether the jar carries the KMS client, i.e. the function seals values with KMS. */
  public boolean hasKmsClient() {
    return carries(KMS_CLIENT_CLASS);
  }

  /** Whether the jar carries the S3 client, i.e. the function stores objects in the buckets. */
  public boolean hasS3Client() {
    return carries(S3_CLIENT_CLASS);
  }

  /** Whether the jar carries the EventBridge client, i.e. the function publishes to the bus. */
  public boolean hasEventBridgeClient() {
    return carries(EVENT_BRIDGE_CLIENT_CLASS);
  }

  /**
   * Whether the jar carries the {@code @connections} client, i.e. the function pushes to clients.
   */
  public boolean hasConnectionsClient() {
    return carries(CONNECTIONS_CLIENT_CLASS);
  }

  private boolean carries(String entry) {
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.getEntry(entry) != null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Lambda jar " + jar, e);
    }
  }

  /** {@code Organizations} for {@code organizations}, {@code ColdStart} for {@code cold-start}. */
  public String pascalName() {
    StringBuilder out = new StringBuilder();
    for (String part : name.split("-")) {
      if (!part.isEmpty()) {
        out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return out.toString();
  }

  /** The Lambda handler, {@code <class>::handleRequest}, from the jar's manifest. */
  public String handler() {
    try (JarFile file = new JarFile(jar.toFile())) {
      String handlerClass =
          file.getManifest() == null
              ? null
              : file.getManifest().getMainAttributes().getValue(HANDLER_ATTRIBUTE);
      if (handlerClass == null || handlerClass.isBlank()) {
        throw new IllegalStateException(
            jar + " has no " + HANDLER_ATTRIBUTE + " manifest attribute; is it a Lambda jar?");
      }
      return handlerClass + "::handleRequest";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Lambda jar " + jar, e);
    }
  }
}
