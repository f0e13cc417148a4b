package dev.topgun.licensing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.shared.testing.LambdaApi.Response;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The published key set on a fresh platform, before and after the first signing key. */
class KeySetIT {

  @RegisterExtension static final LicensingApi api = new LicensingApi();

  @Test
  void theKeySetIsAJwkSetBeforeTheFirstKeyAndAfter() {
    Response empty = api.call(null, "GET", "/v1/licensing/keys", null);
    assertThat(empty.status()).isEqualTo(200);
    assertThat(empty.body()).containsEntry("keys", List.of());
    assertThat(empty.headers().get("cache-control")).contains("max-age=300");

    Response rotated = api.call(LicensingApi.OPERATOR, "POST", "/v1/licensing/keys/rotate", null);
    assertThat(rotated.status()).isEqualTo(201);
    Response one = api.call(null, "GET", "/v1/licensing/keys", null);
    assertThat(one.raw()).contains("\"kid\":\"" + rotated.body().get("kid") + "\"");
  }
}
