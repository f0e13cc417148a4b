package dev.topgun.licensing.api;

import dev.topgun.licensing.domain.LicenseService;
import dev.topgun.shared.audit.AuditContext;
import dev.topgun.shared.http.ListResponse;
import dev.topgun.shared.http.problem.ProblemException;
import dev.topgun.shared.http.problem.ProblemType;
import dev.topgun.shared.store.Paging;
import dev.topgun.shared.tenancy.Permission;
import dev.topgun.shared.tenancy.SignedInUser;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.validation.Validated;
import jakarta.validation.Valid;
import jakarta.validation.groups.Default;
import java.time.Clock;

/**
 * Issuing, reading and changing licenses. Who may, out of which pool, and what follows for the
 * licenses carved from a changed one are {@link LicenseService}'s rules; each endpoint hands it the
 * caller's checks ({@link AccessChecks}).
 */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class LicensesController {

  /** The media type of a signed license document (a compact JWS). */
  static final String JWS = "application/jose";

  private final LicenseService licenses;
  private final AccessChecks access;
  private final Clock clock;

  LicensesController(LicenseService licenses, AccessChecks access, Clock clock) {
    this.licenses = licenses;
    this.access = access;
    this.clock = clock;
  }

  /**
   * {@code licenses:write} on the organization and on the issuer (the reseller the organization
   * draws on, or the operator).
   */
  @Post("/organizations/{orgId}/licenses")
  @Validated(groups = {Default.class, LicenseRequests.Issuing.class})
  public HttpResponse<LicenseResponse> issue(
      SignedInUser user,
      AuditContext audit,
      @PathVariable String orgId,
      @Valid @Body LicenseRequests.Terms body) {
    return HttpResponse.<LicenseResponse>status(HttpStatus.CREATED)
        .body(
            LicenseResponse.of(
                licenses.issue(access.of(user.caller()), orgId, body.toRequested(), audit),
                clock.instant()));
  }

  /** {@code licenses:read}: the organization's licenses, newest first (revoked ones too). */
  @Get("/organizations/{orgId}/licenses")
  public ListResponse<LicenseResponse> list(
      SignedInUser user, @PathVariable String orgId, Paging paging) {
    access.authorize(user.caller(), orgId, Permission.LICENSES_READ);
    var page = licenses.list(orgId, paging);
    return new ListResponse<>(
        page.items().stream().map(l -> LicenseResponse.of(l, clock.instant())).toList(),
        page.nextCursor());
  }

  /** {@code licenses:read} on the licensed organization. */
  @Get("/licenses/{licenseId}")
  public LicenseResponse get(SignedInUser user, @PathVariable String licenseId) {
    return LicenseResponse.of(licenses.read(access.of(user.caller()), licenseId), clock.instant());
  }

  /** The signed license document, for a self-hosted instance to verify offline. */
  @Get(value = "/licenses/{licenseId}/document", produces = JWS)
  public HttpResponse<String> document(SignedInUser user, @PathVariable String licenseId) {
    return HttpResponse.ok(licenses.read(access.of(user.caller()), licenseId).document())
        .contentType(MediaType.of(JWS));
  }

  /** {@code licenses:write} on the issuer. */
  @Patch("/licenses/{licenseId}")
  public LicenseResponse update(
      SignedInUser user,
      AuditContext audit,
      @PathVariable String licenseId,
      @Valid @Body LicenseRequests.Terms body) {
    if (body.isEmpty()) {
      throw new ProblemException(
          ProblemType.VALIDATION,
          "Name at least one of licenseType, tier, features, limits, authorizedDomains, expiresAt,"
              + " graceDays.");
    }
    return LicenseResponse.of(
        licenses.update(access.of(user.caller()), licenseId, body.toRequested(), audit),
        clock.instant());
  }

  /** {@code licenses:write} on the issuer: for good; the licenses carved from it are suspended. */
  @Post("/licenses/{licenseId}/revoke")
  public LicenseResponse revoke(
      SignedInUser user, AuditContext audit, @PathVariable String licenseId) {
    return LicenseResponse.of(
        licenses.revoke(access.of(user.caller()), licenseId, audit), clock.instant());
  }

  /** {@code licenses:write} on the issuer: reversibly, with the licenses carved from it. */
  @Post("/licenses/{licenseId}/suspend")
  public LicenseResponse suspend(
      SignedInUser user, AuditContext audit, @PathVariable String licenseId) {
    return LicenseResponse.of(
        licenses.suspend(access.of(user.caller()), licenseId, audit), clock.instant());
  }

  /** {@code licenses:write} on the issuer, with what its suspension suspended. */
  @Post("/licenses/{licenseId}/resume")
  public LicenseResponse resume(
      SignedInUser user, AuditContext audit, @PathVariable String licenseId) {
    return LicenseResponse.of(
        licenses.resume(access.of(user.caller()), licenseId, audit), clock.instant());
  }
}
