package dev.topgun.platform.identity;

import dev.topgun.platform.domain.DependencyCheck;
import dev.topgun.shared.aws.AwsClientConfigurer;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Fetches the user pool's signing keys (its JWKS): the one thing every authenticated request
 * depends on, since tokens are verified against them. Doing it over plain HTTPS rather than with
 * the Cognito SDK keeps 3 MB of SDK model out of this function's jar and cold start, and needs no
 * IAM permission. {@link HttpURLConnection} rather than {@code java.net.http.HttpClient}: one GET
 * does not need the 250 classes the latter loads on a cold start.
 */
@Singleton
public class UserPoolProbe implements DependencyCheck {

  private static final int TIMEOUT_MS = 3000;

  private final URI jwks;

  public UserPoolProbe(
      AwsClientConfigurer aws,
      @Value("${topgun.cognito.user-pool-id:}") String userPoolId,
      @Value("${topgun.endpoints.cognito:}") String endpoint) {
    this.jwks = userPoolId.isBlank() ? null : jwksUri(aws.regionName(), userPoolId, endpoint);
  }

  /** Where Cognito serves a pool's keys: its issuer URL + {@code /.well-known/jwks.json}. */
  static URI jwksUri(String region, String userPoolId, String endpoint) {
    String issuer =
        endpoint.isBlank()
            ? "https://cognito-idp." + region + ".amazonaws.com/" + userPoolId
            : endpoint.replaceAll("/+$", "") + "/" + userPoolId;
    return URI.create(issuer + "/.well-known/jwks.json");
  }

  @Override
  public String name() {
    return "identity";
  }

  @Override
  public void probe() throws IOException {
    if (jwks == null) {
      throw new IllegalStateException("topgun.cognito.user-pool-id is not configured");
    }
    HttpURLConnection connection = (HttpURLConnection) jwks.toURL().openConnection();
    try {
      connection.setConnectTimeout(TIMEOUT_MS);
      connection.setReadTimeout(TIMEOUT_MS);
      int status = connection.getResponseCode();
      String body =
          status == 200
              ? new String(connection.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
              : "";
      if (status != 200 || !body.contains("\"keys\"")) {
        throw new IllegalStateException("user pool keys at " + jwks + " answered HTTP " + status);
      }
    } finally {
      connection.disconnect();
    }
  }
}
