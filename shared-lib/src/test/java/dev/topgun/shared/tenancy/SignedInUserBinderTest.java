package dev.topgun.shared.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignedInUserBinderTest {

  @Test
  void authorizerClaims_giveTheUserWithEmail() {
    // when
    SignedInUser user =
        SignedInUserBinder.fromClaims(
            Map.of("sub", "abc-123", "email", "a@example.com", "email_verified", "true"));

    // then
    assertThat(user.caller()).isEqualTo(new Caller.User("abc-123"));
    assertThat(user.email()).isEqualTo("a@example.com");
    assertThat(user.emailVerified()).isTrue();
  }

  @Test
  void claimsWithoutEmail_areUnverifiedWithoutEmail() {
    // when
    SignedInUser user = SignedInUserBinder.fromClaims(Map.of("sub", "abc-123"));

    // then
    assertThat(user.email()).isNull();
    assertThat(user.emailVerified()).isFalse();
  }

  @Test
  void claimsWithoutAUsableSub_areRefused() {
    for (Map<String, String> claims :
        List.of(Map.of("email", "a@example.com"), Map.of("sub", "a#b"))) {
      assertThatThrownBy(() -> SignedInUserBinder.fromClaims(claims))
          .isInstanceOfSatisfying(
              InvalidTokenException.class,
              e -> assertThat(e.reason()).isEqualTo(InvalidTokenException.MALFORMED));
    }
  }

  @Test
  void noClaimsAndNoToken_isMissing() {
    // given
    var binder = new SignedInUserBinder(null);

    // when / then
    assertThatThrownBy(() -> binder.resolve(HttpRequest.GET("/v1/me")))
        .isInstanceOfSatisfying(
            InvalidTokenException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidTokenException.MISSING));
  }

  @Test
  void aTokenButNoVerifier_isMissing_neverTrusted() {
    // given
    var binder = new SignedInUserBinder(null);

    // when / then
    assertThatThrownBy(
            () -> binder.resolve(HttpRequest.GET("/v1/me").bearerAuth("eyJhbGciOiJub25lIn0.e30.")))
        .isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void aRequestsUser_isVerifiedOnce_forEveryBinderThatNeedsIt() {
    // given: a verifier that counts, and a request with a token
    int[] verified = {0};
    TokenVerifier counting =
        token -> {
          verified[0]++;
          return new VerifiedToken(
              "abc-123", "a@example.com", true, "id", java.time.Instant.MAX, Map.of());
        };
    var users = new SignedInUserBinder(counting);
    var audits = new AuditContextBinder(users);
    HttpRequest<?> request = HttpRequest.POST("/v1/things", "").bearerAuth("t0ken");

    // when
    SignedInUser user = users.resolve(request);
    var audit = audits.bind(null, request).getValue().orElseThrow();

    // then
    assertThat(audit.actor()).isEqualTo(user.userId()).isEqualTo("abc-123");
    assertThat(verified[0]).isEqualTo(1);
  }
}
