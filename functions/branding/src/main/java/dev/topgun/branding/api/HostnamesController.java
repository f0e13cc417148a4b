package dev.topgun.branding.api;

import dev.topgun.branding.domain.HostnameService;
import dev.topgun.shared.audit.AuditContext;
import dev.topgun.shared.http.ListResponse;
import dev.topgun.shared.tenancy.SignedInUser;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** Custom hostnames of an organization's brand: claim, list, prove, release. */
@Controller("/v1/organizations/{orgId}/branding/hostnames")
@ExecuteOn(TaskExecutors.BLOCKING)
public class HostnamesController {

  private final HostnameService hostnames;
  private final AccessChecks access;

  HostnamesController(HostnameService hostnames, AccessChecks access) {
    this.hostnames = hostnames;
    this.access = access;
  }

  /** {@code branding:write}, {@code white_label}, one {@code max_domains}. */
  @Post
  public HttpResponse<HostnameResponse> claim(
      SignedInUser user,
      AuditContext audit,
      @PathVariable String orgId,
      @Body HostnameRequest body) {
    return HttpResponse.created(
        HostnameResponse.of(
            hostnames.claim(access.write(user.caller(), orgId), body.hostname(), audit)));
  }

  /** {@code branding:read}. */
  @Get
  public ListResponse<HostnameResponse> list(SignedInUser user, @PathVariable String orgId) {
    return new ListResponse<>(
        hostnames.list(access.view(user.caller(), orgId)).stream()
            .map(HostnameResponse::of)
            .toList(),
        null);
  }

  /** {@code branding:write}: looks for the proof now. */
  @Post("/{hostname}/verify")
  public HostnameResponse verify(
      SignedInUser user,
      AuditContext audit,
      @PathVariable String orgId,
      @PathVariable String hostname) {
    return HostnameResponse.of(
        hostnames.verify(access.write(user.caller(), orgId), hostname, audit));
  }

  /** {@code branding:write}: releases the hostname (and its {@code max_domains} slot). */
  @Delete("/{hostname}")
  public HttpResponse<Void> release(
      SignedInUser user,
      AuditContext audit,
      @PathVariable String orgId,
      @PathVariable String hostname) {
    hostnames.release(access.write(user.caller(), orgId), hostname, audit);
    return HttpResponse.noContent();
  }
}
