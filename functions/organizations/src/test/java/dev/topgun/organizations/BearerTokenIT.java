package dev.topgun.organizations;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.topgun.shared.testing.LocalTable;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import io.micronaut.json.JsonMapper;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The other path of caller resolution: no API Gateway authorizer claims in the event (the local
 * runtime, a direct invocation), so {@code Authorization: Bearer} is verified with the {@code
 * CognitoTokenVerifier} against a JWKS served by a JDK HTTP server with a key made here.
 */
class BearerTokenIT {

  @RegisterExtension static final LocalTable TABLE = new LocalTable();

  private static final String POOL = "us-east-1_bearerIT";

  private static HttpServer jwks;
  private static RSAKey key;
  private static String issuer;
  private static ApplicationContext context;
  private static ApiGatewayProxyRequestEventFunction lambda;

  @BeforeAll
  static void start() throws Exception {
    key = new RSAKeyGenerator(2048).keyID("k1").generate();
    byte[] keys = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    jwks.createContext(
        "/" + POOL + "/.well-known/jwks.json",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, keys.length);
          exchange.getResponseBody().write(keys);
          exchange.close();
        });
    jwks.start();
    String endpoint = "http://127.0.0.1:" + jwks.getAddress().getPort();
    issuer = endpoint + "/" + POOL;

    Map<String, Object> properties = new HashMap<>(TABLE.properties());
    properties.put("topgun.cognito.user-pool-id", POOL);
    properties.put("topgun.endpoints.cognito", endpoint);
    context = ApplicationContext.run(properties);
    lambda = new ApiGatewayProxyRequestEventFunction(context);
  }

  @AfterAll
  static void stop() {
    if (lambda != null) {
      lambda.close();
    }
    if (jwks != null) {
      jwks.stop(0);
    }
  }

  @Test
  void aValidBearerToken_withoutAuthorizerClaims_isTheCaller() throws Exception {
    // given
    String token = token("bearer-sub", issuer);

    // when
    APIGatewayProxyResponseEvent response = get("/v1/me", "Bearer " + token);

    // then
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
    assertThat(json(response.getBody()))
        .containsEntry("id", "bearer-sub")
        .containsEntry("email", "bearer@example.com")
        .containsEntry("emailVerified", true);
  }

  @Test
  void aTokenOfAnotherIssuer_is401() throws Exception {
    // when
    APIGatewayProxyResponseEvent response =
        get("/v1/me", "Bearer " + token("bearer-sub", "https://elsewhere.example/" + POOL));

    // then
    assertThat(response.getStatusCode()).isEqualTo(401);
    assertThat(json(response.getBody()))
        .containsEntry("type", "https://topgun.dev/problems/unauthorized")
        .containsEntry("reason", "wrong_issuer");
  }

  @Test
  void garbage_is401Malformed_andNoToken_is401Missing() throws Exception {
    // when
    APIGatewayProxyResponseEvent garbage = get("/v1/me/organizations", "Bearer not-a-jwt");
    APIGatewayProxyResponseEvent none = get("/v1/me/organizations", null);

    // then
    assertThat(garbage.getStatusCode()).isEqualTo(401);
    assertThat(json(garbage.getBody())).containsEntry("reason", "malformed");
    assertThat(none.getStatusCode()).isEqualTo(401);
    assertThat(json(none.getBody())).containsEntry("reason", "missing");
  }

  private static String token(String sub, String iss) throws Exception {
    long now = System.currentTimeMillis();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .subject(sub)
            .issuer(iss)
            .audience("web-client")
            .claim("token_use", "id")
            .claim("email", "bearer@example.com")
            .claim("email_verified", true)
            .issueTime(new Date(now))
            .expirationTime(new Date(now + 3_600_000))
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  private static APIGatewayProxyResponseEvent get(String path, String authorization)
      throws Exception {
    APIGatewayProxyRequestEvent event;
    try (InputStream in = BearerTokenIT.class.getResourceAsStream("/events/request.json")) {
      event =
          LambdaEventSerializers.serializerFor(
                  APIGatewayProxyRequestEvent.class, BearerTokenIT.class.getClassLoader())
              .fromJson(in);
    }
    event.setHttpMethod("GET");
    event.setPath(path);
    event.setResource(path);
    if (authorization != null) {
      Map<String, String> headers = new HashMap<>(event.getHeaders());
      headers.put("Authorization", authorization);
      event.setHeaders(headers);
      Map<String, List<String>> multi = new HashMap<>(event.getMultiValueHeaders());
      multi.put("Authorization", List.of(authorization));
      event.setMultiValueHeaders(multi);
    }
    return lambda.handleRequest(event, null);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String body) throws Exception {
    return context.getBean(JsonMapper.class).readValue(body, Map.class);
  }
}
