package dev.topgun.branding.api;

import dev.topgun.branding.domain.AssetRole;
import dev.topgun.branding.domain.BrandingService;
import dev.topgun.shared.audit.AuditContext;
import dev.topgun.shared.tenancy.SignedInUser;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** An organization's brand: read it, set its fields, give it images, return it to inheritance. */
@Controller("/v1/organizations/{orgId}/branding")
@ExecuteOn(TaskExecutors.BLOCKING)
public class BrandingController {

  private final BrandingService brands;
  private final AccessChecks access;

  BrandingController(BrandingService brands, AccessChecks access) {
    this.brands = brands;
    this.access = access;
  }

  /** {@code branding:read}: own fields and the effective brand. */
  @Get
  public BrandingResponse get(SignedInUser user, @PathVariable String orgId) {
    return BrandingResponse.of(brands.view(access.view(user.caller(), orgId)));
  }

  /** {@code branding:write} and {@code white_label}: replaces the own fields (assets stay). */
  @Put
  public BrandingResponse put(
      SignedInUser user, AuditContext audit, @PathVariable String orgId, @Body BrandRequest body) {
    return BrandingResponse.of(brands.set(access.write(user.caller(), orgId), body.brand(), audit));
  }

  /** {@code branding:write} and {@code white_label}: the organization inherits again. */
  @Delete
  public BrandingResponse delete(
      SignedInUser user, AuditContext audit, @PathVariable String orgId) {
    return BrandingResponse.of(brands.reset(access.write(user.caller(), orgId), audit));
  }

  /** The light logo: PNG, JPEG, WebP or SVG bytes (checked by content). */
  @Put("/logo")
  @Consumes(MediaType.ALL)
  public BrandingResponse logo(
      SignedInUser user, AuditContext audit, @PathVariable String orgId, @Body byte[] image) {
    return upload(user, audit, orgId, AssetRole.LOGO, image);
  }

  @Put("/logo-dark")
  @Consumes(MediaType.ALL)
  public BrandingResponse logoDark(
      SignedInUser user, AuditContext audit, @PathVariable String orgId, @Body byte[] image) {
    return upload(user, audit, orgId, AssetRole.LOGO_DARK, image);
  }

  /** The favicon's source image; every favicon size is generated from it. */
  @Put("/favicon")
  @Consumes(MediaType.ALL)
  public BrandingResponse favicon(
      SignedInUser user, AuditContext audit, @PathVariable String orgId, @Body byte[] image) {
    return upload(user, audit, orgId, AssetRole.FAVICON, image);
  }

  private BrandingResponse upload(
      SignedInUser user, AuditContext audit, String orgId, AssetRole role, byte[] image) {
    return BrandingResponse.of(
        brands.upload(
            access.write(user.caller(), orgId), role, image == null ? new byte[0] : image, audit));
  }
}
