package dev.topgun.licensing.api;

import dev.topgun.licensing.store.LicenseRecordItem;
import dev.topgun.licensing.store.LicenseStore;
import dev.topgun.shared.audit.AuditContext;
import dev.topgun.shared.http.ListResponse;
import dev.topgun.shared.store.Page;
import dev.topgun.shared.tenancy.Authorizer;
import dev.topgun.shared.tenancy.Permission;
import dev.topgun.shared.tenancy.SignedInUser;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Clock;

/** Issuing, reading and changing licenses. */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class LicensesController {

  /** The media type of a signed license document (a compact JWS). */
  static final String JWS = "application/jose";

  private final Licensing licensing;
  private final LicenseStore licenses;
  private final Authorizer authorizer;
  private final Clock clock;

  LicensesController(
      Licensing licensing, LicenseStore licenses, Authorizer authorizer, Clock clock) {
    this.licensing = licensing;
    this.licenses = licenses;
    this.authorizer = authorizer;
    this.clock = clock;
  }

  /**
   * {@code licenses:write} on the issuer (the reseller the organization draws on, or the operator).
   */
  @Post("/organizations/{orgId}/licenses")
  public HttpResponse<LicenseViews.License> issue(
      HttpRequest<?> request,
      SignedInUser user,
      @PathVariable String orgId,
      @Valid @Body LicenseRequests.IssueLicense body) {
    LicenseRecordItem issued =
        licensing.issue(user.caller(), orgId, body, AuditContext.of(request, user.userId()));
    return HttpResponse.<LicenseViews.License>status(HttpStatus.CREATED)
        .body(LicenseViews.response(issued, clock.instant()));
  }

  /** {@code licenses:read}: the organization's licenses, newest first (revoked ones too). */
  @Get("/organizations/{orgId}/licenses")
  public ListResponse<LicenseViews.License> list(
      SignedInUser user,
      @PathVariable String orgId,
      @QueryValue @Nullable @Min(1) @Max(100) Integer limit,
      @QueryValue @Nullable String cursor) {
    authorizer.authorize(user.caller(), orgId, Permission.LICENSES_READ);
    Page<LicenseRecordItem> page = licenses.list(orgId, limit == null ? 50 : limit, cursor);
    return new ListResponse<>(
        page.items().stream().map(r -> LicenseViews.response(r, clock.instant())).toList(),
        page.nextCursor());
  }

  /** {@code licenses:read} on the licensed organization. */
  @Get("/licenses/{licenseId}")
  public LicenseViews.License get(SignedInUser user, @PathVariable String licenseId) {
    return LicenseViews.response(licensing.readable(user.caller(), licenseId), clock.instant());
  }

  /** The signed license document, for a self-hosted instance to verify offline. */
  @Get(value = "/licenses/{licenseId}/document", produces = JWS)
  public HttpResponse<String> document(SignedInUser user, @PathVariable String licenseId) {
    LicenseRecordItem record = licensing.readable(user.caller(), licenseId);
    return HttpResponse.ok(record.getDocument()).contentType(MediaType.of(JWS));
  }

  /** {@code licenses:write} on the issuer. */
  @Patch("/licenses/{licenseId}")
  public LicenseViews.License update(
      HttpRequest<?> request,
      SignedInUser user,
      @PathVariable String licenseId,
      @Valid @Body LicenseRequests.UpdateLicense body) {
    if (body.isEmpty()) {
      throw new dev.topgun.shared.http.problem.ProblemException(
          dev.topgun.shared.http.problem.ProblemType.VALIDATION,
          "Name at least one of licenseType, tier, features, limits, authorizedDomains, expiresAt,"
              + " graceDays.");
    }
    return LicenseViews.response(
        licensing.update(user.caller(), licenseId, body, AuditContext.of(request, user.userId())),
        clock.instant());
  }

  @Post("/licenses/{licenseId}/revoke")
  public LicenseViews.License revoke(
      HttpRequest<?> request, SignedInUser user, @PathVariable String licenseId) {
    return LicenseViews.response(
        licensing.revoke(user.caller(), licenseId, AuditContext.of(request, user.userId())),
        clock.instant());
  }

  @Post("/licenses/{licenseId}/suspend")
  public LicenseViews.License suspend(
      HttpRequest<?> request, SignedInUser user, @PathVariable String licenseId) {
    return LicenseViews.response(
        licensing.suspend(user.caller(), licenseId, AuditContext.of(request, user.userId())),
        clock.instant());
  }

  @Post("/licenses/{licenseId}/resume")
  public LicenseViews.License resume(
      HttpRequest<?> request, SignedInUser user, @PathVariable String licenseId) {
    return LicenseViews.response(
        licensing.resume(user.caller(), licenseId, AuditContext.of(request, user.userId())),
        clock.instant());
  }
}
