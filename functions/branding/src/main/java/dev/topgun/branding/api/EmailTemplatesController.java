package dev.topgun.branding.api;

import dev.topgun.branding.domain.EmailTemplateService;
import dev.topgun.shared.audit.AuditContext;
import dev.topgun.shared.http.ListResponse;
import dev.topgun.shared.tenancy.SignedInUser;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** An organization's own subjects and bodies of the platform's mails, and their previews. */
@Controller("/v1/organizations/{orgId}/branding/email-templates")
@ExecuteOn(TaskExecutors.BLOCKING)
public class EmailTemplatesController {

  private final EmailTemplateService templates;
  private final AccessChecks access;

  EmailTemplatesController(EmailTemplateService templates, AccessChecks access) {
    this.templates = templates;
    this.access = access;
  }

  /** {@code branding:read}: every template, with the variables it offers. */
  @Get
  public ListResponse<TemplateResponse> list(SignedInUser user, @PathVariable String orgId) {
    return new ListResponse<>(
        templates.list(access.view(user.caller(), orgId)).stream()
            .map(TemplateResponse::of)
            .toList(),
        null);
  }

  /** {@code branding:read}. */
  @Get("/{name}")
  public TemplateResponse get(
      SignedInUser user, @PathVariable String orgId, @PathVariable String name) {
    return TemplateResponse.of(templates.get(access.view(user.caller(), orgId), name));
  }

  /** {@code branding:write} and {@code white_label}: replaces the organization's override. */
  @Put("/{name}")
  public TemplateResponse put(
      SignedInUser user,
      AuditContext audit,
      @PathVariable String orgId,
      @PathVariable String name,
      @Body TemplateRequest body) {
    return TemplateResponse.of(
        templates.put(
            access.write(user.caller(), orgId),
            name,
            body.subject(),
            body.html(),
            body.text(),
            audit));
  }

  /** {@code branding:read}: the mail as it would be sent (with these parts, if given). */
  @Post("/{name}/preview")
  public PreviewResponse preview(
      SignedInUser user,
      @PathVariable String orgId,
      @PathVariable String name,
      @Nullable @Body TemplateRequest body) {
    TemplateRequest parts = body == null ? new TemplateRequest(null, null, null) : body;
    return PreviewResponse.of(
        templates.preview(
            access.view(user.caller(), orgId), name, parts.subject(), parts.html(), parts.text()));
  }
}
