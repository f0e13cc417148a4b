package dev.topgun.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiGatewayProxyTest {

  @ParameterizedTest
  @CsvSource({
    "application/json, true",
    "application/json; charset=utf-8, true",
    "application/merge-patch+json, true",
    "text/plain, true",
    "application/x-www-form-urlencoded, true",
    "image/png, false",
    "application/octet-stream, false",
    "application/pdf, false"
  })
  void bodiesOfNonTextMediaTypes_areBase64Encoded(String contentType, boolean text) {
    // when / then
    assertThat(ApiGatewayProxy.isText(contentType)).isEqualTo(text);
  }
}
