package dev.topgun.platform.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.topgun.shared.aws.AwsClientConfigurer;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;

/**
 * {@code GET /v1/auth/config}: what a sign-in client (the web app, a CLI) needs to talk to the
 * identity provider, and where the real-time channel is. Public: these values are not secrets.
 * {@code endpoint} is set only where Cognito is not at its AWS address (the local runtime, whose
 * own origin forwards to its emulator: {@code topgun.cognito.public-endpoint}); in AWS it is {@code
 * null}. {@code realtimeUrl} is the WebSocket API's {@code wss://} URL where it has one of its own
 * (AWS); {@code null} means the console's own origin ({@code /v1/realtime}).
 */
@Controller("/v1/auth/config")
public class AuthConfigController {

  private final AuthConfigResponse config;

  public AuthConfigController(
      AwsClientConfigurer aws,
      @Value("${topgun.cognito.user-pool-id:}") String userPoolId,
      @Value("${topgun.cognito.client-id:}") String clientId,
      @Value("${topgun.endpoints.cognito:}") String endpoint,
      @Value("${topgun.cognito.public-endpoint:}") String publicEndpoint,
      @Value("${topgun.realtime.url:}") String realtimeUrl) {
    this.config =
        new AuthConfigResponse(
            aws.regionName(),
            blankToNull(userPoolId),
            blankToNull(clientId),
            blankToNull(publicEndpoint.isBlank() ? endpoint : publicEndpoint),
            blankToNull(realtimeUrl));
  }

  @Get
  public AuthConfigResponse config() {
    return config;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record AuthConfigResponse(
      String region,
      @Nullable String userPoolId,
      @Nullable String clientId,
      @Nullable String endpoint,
      @Nullable String realtimeUrl) {}
}
