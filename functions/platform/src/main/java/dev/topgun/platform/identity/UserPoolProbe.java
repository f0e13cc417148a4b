package dev.topgun.platform.identity;

import dev.topgun.platform.domain.DependencyCheck;
import dev.topgun.shared.aws.AwsClientConfigurer;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Fetches the user pool's signing keys (its JWKS): the one thing every authenticated request
 * depends on, since tokens are verified against them. Doing it over plain HTTPS rather than with
 * the Cognito SDK keeps 3 MB of SDK model out of this function's jar and cold start, and needs no
 * IAM permission.
 */
@Singleton
public class UserPoolProbe implements DependencyCheck {

  private final HttpClient http;
  private final URI jwks;

  public UserPoolProbe(
      AwsClientConfigurer aws,
      @Value("${topgun.cognito.user-pool-id:}") String userPoolId,
      @Value("${topgun.endpoints.cognito:}") String endpoint) {
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
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
  public void probe() throws IOException, InterruptedException {
    if (jwks == null) {
      throw new IllegalStateException("topgun.cognito.user-pool-id is not configured");
    }
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(jwks).timeout(Duration.ofSeconds(3)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200 || !response.body().contains("\"keys\"")) {
      throw new IllegalStateException(
          "user pool keys at " + jwks + " answered HTTP " + response.statusCode());
    }
  }
}
