package dev.topgun.organizations.setup;

import dev.topgun.shared.tenancy.RootOrganization;
import java.io.PrintStream;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The one-time setup of a new installation in AWS: creates the root {@code top_branch} organization
 * and makes an existing Cognito user its owner. Run by the operator from their machine with their
 * own AWS credentials, never through the API (README, "First operator"):
 *
 * <pre>
 * java -cp functions/organizations/target/organizations-lambda.jar \
 *   dev.topgun.organizations.setup.OperatorSetup --table topgun-dev --region eu-west-1 \
 *   --sub &lt;the user's Cognito sub&gt; --email &lt;their e-mail&gt;
 * </pre>
 *
 * Running it again changes nothing (the root is found by its slug, the membership by its key).
 */
public final class OperatorSetup {

  private OperatorSetup() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** The command, for tests: returns the exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Map<String, String> options;
    try {
      options = options(args);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(
          "usage: OperatorSetup --table <name> --sub <cognito sub> --email <address>"
              + " [--region <region>] [--endpoint <dynamodb url>]");
      return 2;
    }
    DynamoDbClientBuilder builder =
        DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
    if (options.containsKey("region")) {
      builder.region(Region.of(options.get("region")));
    }
    if (options.containsKey("endpoint")) {
      builder.endpointOverride(URI.create(options.get("endpoint")));
    }
    try (DynamoDbClient dynamo = builder.build()) {
      String root =
          RootOrganization.ensure(
              dynamo, options.get("table"), options.get("sub"), options.get("email"));
      out.println("root organization: " + root + " (slug " + RootOrganization.SLUG + ")");
      out.println("owner: " + options.get("sub") + " <" + options.get("email") + ">");
      return 0;
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    List<String> known = List.of("table", "sub", "email", "region", "endpoint");
    for (int i = 0; i < args.length; i++) {
      String name = args[i].startsWith("--") ? args[i].substring(2) : null;
      if (name == null || !known.contains(name) || i + 1 >= args.length) {
        throw new IllegalArgumentException("unexpected argument: " + args[i]);
      }
      options.put(name, args[++i]);
    }
    for (String required : List.of("table", "sub", "email")) {
      if (options.getOrDefault(required, "").isBlank()) {
        throw new IllegalArgumentException("--" + required + " is required");
      }
    }
    if (options.get("sub").contains("#") || !options.get("email").contains("@")) {
      throw new IllegalArgumentException("--sub must be a Cognito sub and --email an address");
    }
    return options;
  }
}
