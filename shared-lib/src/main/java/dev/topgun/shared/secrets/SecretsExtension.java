package dev.topgun.shared.secrets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads Secrets Manager secrets in Lambda through the AWS Parameters and Secrets Lambda Extension
 * (a layer infra-cdk adds to every function): {@code GET
 * http://localhost:<port>/secretsmanager/get?secretId=<arn>} with the function's session token in
 * {@code X-Aws-Parameters-Secrets-Token}. No SDK client, so no jar weight; the extension caches and
 * refreshes. A value is read on first use, never at start-up (SnapStart would keep it in the
 * snapshot), and never logged.
 *
 * <p>Locally there is no extension and no secret ARN: the runtime passes values directly ({@code
 * topgun.cursors.secret}, no mail credentials), so this is not called.
 */
@Singleton
public class SecretsExtension {

  private static final Duration TIMEOUT = Duration.ofSeconds(3);
  private static final JsonFactory JSON = new JsonFactory();

  private final URI endpoint;
  private final @Nullable String sessionToken;
  private final Map<String, String> cache = new ConcurrentHashMap<>();

  public SecretsExtension(
      @Value("${parameters.secrets.extension.http.port:2773}") int port,
      @Value("${aws.session.token:}") @Nullable String sessionToken) {
    this(URI.create("http://localhost:" + port), sessionToken);
  }

  SecretsExtension(URI endpoint, @Nullable String sessionToken) {
    this.endpoint = endpoint;
    this.sessionToken =
        sessionToken == null || sessionToken.isBlank()
            ? System.getenv("AWS_SESSION_TOKEN")
            : sessionToken;
  }

  /**
   * The secret's string value.
   *
   * @throws SecretUnavailableException when the extension does not answer with the secret
   */
  public String secretString(String secretId) {
    String cached = cache.get(secretId);
    if (cached != null) {
      return cached;
    }
    String value = fetch(secretId);
    cache.put(secretId, value);
    return value;
  }

  private String fetch(String secretId) {
    URI uri =
        endpoint.resolve(
            "/secretsmanager/get?secretId=" + URLEncoder.encode(secretId, StandardCharsets.UTF_8));
    try {
      HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
      connection.setConnectTimeout((int) TIMEOUT.toMillis());
      connection.setReadTimeout((int) TIMEOUT.toMillis());
      if (sessionToken != null) {
        connection.setRequestProperty("X-Aws-Parameters-Secrets-Token", sessionToken);
      }
      int status = connection.getResponseCode();
      if (status != 200) {
        // The body may echo the request; it is not included.
        throw new SecretUnavailableException(
            "The secrets extension answered " + status + " for a secret");
      }
      try (InputStream body = connection.getInputStream()) {
        return secretStringOf(body);
      }
    } catch (IOException e) {
      throw new SecretUnavailableException(
          "The secrets extension is not reachable: " + e.getClass().getSimpleName(), e);
    }
  }

  /** {@code SecretString} of a GetSecretValue answer. */
  static String secretStringOf(InputStream body) throws IOException {
    try (JsonParser parser = JSON.createParser(body)) {
      return stringMember(parser, "SecretString");
    }
  }

  /** A JSON object secret's string member ({@code {"username": …, "password": …}}). */
  public static String member(String secretJson, String name) {
    try (JsonParser parser = JSON.createParser(secretJson)) {
      return stringMember(parser, name);
    } catch (IOException e) {
      throw new SecretUnavailableException("The secret is not a JSON object", e);
    }
  }

  /** The top-level string member {@code name} of the object {@code parser} is at the start of. */
  private static String stringMember(JsonParser parser, String name) throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw new SecretUnavailableException("Not a JSON object where '" + name + "' was expected");
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (name.equals(field) && value == JsonToken.VALUE_STRING) {
        return parser.getText();
      }
      parser.skipChildren();
    }
    throw new SecretUnavailableException("No string member '" + name + "'");
  }

  /** A secret could not be read: a configuration or availability fault (the API answers 503). */
  public static final class SecretUnavailableException extends RuntimeException {
    public SecretUnavailableException(String message) {
      super(message);
    }

    public SecretUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
