package dev.topgun.shared.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handler reads API Gateway's events exactly as the Lambda Java runtime's serializer does. */
class ApiGatewayEventsTest {

  private final JsonMapper json = JsonMapper.createDefault();

  @Test
  void everyFieldOfAProxyEvent_isReadAsTheLambdaRuntimeReadsIt() throws IOException {
    // given: an event with every member API Gateway sends, claims included
    String event = FunctionHandlerIT.fixture("api-gateway-post-widget.json");

    // when
    APIGatewayProxyRequestEvent ours =
        ApiGatewayEvents.request(json.readValue(event, JsonNode.class));
    APIGatewayProxyRequestEvent runtimes =
        LambdaEventSerializers.serializerFor(
                APIGatewayProxyRequestEvent.class, getClass().getClassLoader())
            .fromJson(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)));

    // then
    assertThat(ours).isEqualTo(runtimes);
    assertThat(ours.getRequestContext().getAuthorizer())
        .containsEntry("principalId", "00000000-0000-4000-8000-0000000000aa");
    assertThat(ours.getRequestContext().getIdentity().getSourceIp()).isEqualTo("203.0.113.7");
    assertThat(ours.getRequestContext().getRequestTimeEpoch()).isEqualTo(1712666096000L);
    assertThat(ours.getBody()).isEqualTo("{\"name\":\"spanner\",\"quantity\":3}");
  }

  @Test
  void eventWithNullsAndNoContext_isReadAsTheLambdaRuntimeReadsIt() throws IOException {
    // given
    String event =
        "{\"httpMethod\":\"GET\",\"path\":\"/v1/health\",\"headers\":null,"
            + "\"multiValueHeaders\":null,\"body\":null,\"isBase64Encoded\":true}";

    // when
    APIGatewayProxyRequestEvent ours =
        ApiGatewayEvents.request(json.readValue(event, JsonNode.class));
    APIGatewayProxyRequestEvent runtimes =
        LambdaEventSerializers.serializerFor(
                APIGatewayProxyRequestEvent.class, getClass().getClassLoader())
            .fromJson(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)));

    // then
    assertThat(ours).isEqualTo(runtimes);
    assertThat(ours.getIsBase64Encoded()).isTrue();
  }

  @Test
  void response_hasTheMembersApiGatewayReads_andLeavesAbsentOnesOut() throws IOException {
    // given
    APIGatewayProxyResponseEvent response =
        new APIGatewayProxyResponseEvent()
            .withStatusCode(201)
            .withMultiValueHeaders(Map.of("Location", List.of("/test/widgets/1")))
            .withBody("{}")
            .withIsBase64Encoded(false);

    // when
    String written = json.writeValueAsString(ApiGatewayEvents.response(response));

    // then
    assertThat(written)
        .isEqualTo(
            "{\"statusCode\":201,\"multiValueHeaders\":{\"Location\":[\"/test/widgets/1\"]},"
                + "\"body\":\"{}\",\"isBase64Encoded\":false}");
  }
}
