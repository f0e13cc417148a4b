package dev.topgun.shared.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.shared.http.problem.Problem;
import io.micronaut.http.HttpRequest;
import org.junit.jupiter.api.Test;

class TenancyProblemsTest {

  private final TenancyProblems problems = new TenancyProblems();
  private final HttpRequest<?> request = HttpRequest.GET("/v1/organizations/abc");

  @Test
  void invalidToken_is401_withItsReason() {
    Problem problem =
        problems
            .resolve(new InvalidTokenException("expired", "the token has expired"), request)
            .orElseThrow();

    assertThat(problem.status()).isEqualTo(401);
    assertThat(problem.type()).hasToString("https://topgun.dev/problems/unauthorized");
    assertThat(problem.extensions()).containsEntry("reason", "expired");
  }

  @Test
  void forbidden_is403_namingThePermission() {
    Problem problem =
        problems.resolve(new ForbiddenException(Permission.SERVERS_WRITE), request).orElseThrow();

    assertThat(problem.status()).isEqualTo(403);
    assertThat(problem.extensions()).containsEntry("permission", "servers:write");
  }

  @Test
  void notFound_is404_likeAPathThatMatchesNothing() {
    Problem problem = problems.resolve(new NotFoundException(), request).orElseThrow();

    assertThat(problem.status()).isEqualTo(404);
    assertThat(problem.type()).hasToString("https://topgun.dev/problems/not-found");
    assertThat(problem.detail()).isEqualTo("Nothing is found at /v1/organizations/abc.");
  }

  @Test
  void unavailableKeys_are503() {
    Problem problem =
        problems
            .resolve(new KeySourceUnavailableException("down", new RuntimeException()), request)
            .orElseThrow();

    assertThat(problem.status()).isEqualTo(503);
  }

  @Test
  void otherErrors_areLeftToOtherResolvers() {
    assertThat(problems.resolve(new IllegalStateException(), request)).isEmpty();
  }
}
