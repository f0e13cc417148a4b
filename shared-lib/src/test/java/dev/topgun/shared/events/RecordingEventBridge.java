package dev.topgun.shared.events;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;

/**
 * A real {@link EventBridgeClient} whose requests are recorded by an {@link ExecutionInterceptor}
 * (as the SDK marshalled them) and answered, at the HTTP layer, with EventBridge's wire format.
 */
final class RecordingEventBridge {

  final List<PutEventsRequest> requests = new ArrayList<>();
  private final Deque<Function<PutEventsRequest, String>> answers = new ArrayDeque<>();
  final EventBridgeClient client;

  RecordingEventBridge() {
    ExecutionInterceptor recorder =
        new ExecutionInterceptor() {
          @Override
          public void beforeExecution(
              Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof PutEventsRequest put) {
              requests.add(put);
            }
          }
        };
    this.client =
        EventBridgeClient.builder()
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .endpointOverride(URI.create("http://eventbridge.invalid"))
            .httpClient(new AnsweringHttpClient())
            .overrideConfiguration(
                c ->
                    c.addExecutionInterceptor(recorder)
                        .retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();
  }

  /** The next PutEvents call is answered with this JSON body (computed from its request). */
  void answer(Function<PutEventsRequest, String> answer) {
    answers.add(answer);
  }

  /** Every entry accepted. */
  static String allAccepted(PutEventsRequest request) {
    StringBuilder entries = new StringBuilder();
    for (int i = 0; i < request.entries().size(); i++) {
      entries.append(i == 0 ? "" : ",").append("{\"EventId\":\"ev-").append(i).append("\"}");
    }
    return "{\"FailedEntryCount\":0,\"Entries\":[" + entries + "]}";
  }

  /** The entries at the given positions refused with {@code errorCode}, the others accepted. */
  static Function<PutEventsRequest, String> failing(String errorCode, int... positions) {
    return request -> {
      StringBuilder entries = new StringBuilder();
      int failed = 0;
      for (int i = 0; i < request.entries().size(); i++) {
        boolean fails = false;
        for (int p : positions) {
          fails |= p == i;
        }
        entries.append(i == 0 ? "" : ",");
        if (fails) {
          failed++;
          entries
              .append("{\"ErrorCode\":\"")
              .append(errorCode)
              .append("\",\"ErrorMessage\":\"try again\"}");
        } else {
          entries.append("{\"EventId\":\"ev-").append(i).append("\"}");
        }
      }
      return "{\"FailedEntryCount\":" + failed + ",\"Entries\":[" + entries + "]}";
    };
  }

  private final class AnsweringHttpClient implements SdkHttpClient {
    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
      return new ExecutableHttpRequest() {
        @Override
        public HttpExecuteResponse call() {
          PutEventsRequest last = requests.get(requests.size() - 1);
          Function<PutEventsRequest, String> answer =
              answers.isEmpty() ? RecordingEventBridge::allAccepted : answers.poll();
          byte[] body = answer.apply(last).getBytes(StandardCharsets.UTF_8);
          return HttpExecuteResponse.builder()
              .response(
                  SdkHttpResponse.builder()
                      .statusCode(200)
                      .putHeader("Content-Type", "application/x-amz-json-1.1")
                      .putHeader("Content-Length", Integer.toString(body.length))
                      .build())
              .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
              .build();
        }

        @Override
        public void abort() {}
      };
    }

    @Override
    public void close() {}
  }
}
