package dev.topgun.branding.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.topgun.branding.domain.AssetRef;
import dev.topgun.branding.domain.Brand;
import dev.topgun.branding.domain.BrandView;
import dev.topgun.branding.domain.Notice;
import dev.topgun.shared.branding.BrandColors;
import dev.topgun.shared.branding.BrandManifest;
import dev.topgun.shared.branding.Favicon;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * {@code GET|PUT …/branding}: the organization's own fields ({@code own}: what PUT takes, plus its
 * asset URLs) and its effective brand ({@code effective}: every field resolved); after a change the
 * contrast {@code warnings} and the custom CSS that was {@code removed}.
 */
@Serdeable
public record BrandingResponse(
    Own own,
    Effective effective,
    @JsonInclude(JsonInclude.Include.ALWAYS) List<Remark> warnings,
    @JsonInclude(JsonInclude.Include.ALWAYS) List<Remark> removed) {

  /** A contrast warning ({@code code} e.g. {@code contrast_text_on_primary}) or dropped CSS. */
  @Serdeable
  public record Remark(String code, String message) {
    static List<Remark> of(List<Notice> notices) {
      return notices.stream().map(n -> new Remark(n.code(), n.message())).toList();
    }
  }

  @Serdeable
  public record Own(
      @Nullable String platformName,
      @Nullable String shortName,
      @Nullable BrandColors colors,
      @Nullable String fontFamily,
      @Nullable String customCss,
      @Nullable String supportEmail,
      @Nullable String supportUrl,
      @Nullable String docsUrl,
      @Nullable String termsUrl,
      @Nullable String privacyUrl,
      @Nullable String emailFromName,
      @Nullable String emailReplyTo,
      @Nullable Boolean hideOriginBranding,
      @Nullable String logoUrl,
      @Nullable String logoDarkUrl,
      @Nullable String faviconUrl) {}

  @Serdeable
  public record Effective(
      String platformName,
      String shortName,
      BrandColors colors,
      String fontFamily,
      @Nullable String customCss,
      @Nullable String supportEmail,
      @Nullable String supportUrl,
      @Nullable String docsUrl,
      @Nullable String termsUrl,
      @Nullable String privacyUrl,
      String emailFromName,
      @Nullable String emailReplyTo,
      boolean hideOriginBranding,
      String themeCssUrl,
      String logoUrl,
      String logoDarkUrl,
      List<Favicon> favicons,
      String faviconIcoUrl,
      String manifestUrl) {}

  static BrandingResponse of(BrandView view) {
    Brand o = view.own();
    BrandManifest e = view.effective();
    return new BrandingResponse(
        new Own(
            o.platformName(),
            o.shortName(),
            o.colors(),
            o.fontFamily(),
            o.customCss(),
            o.supportEmail(),
            o.supportUrl(),
            o.docsUrl(),
            o.termsUrl(),
            o.privacyUrl(),
            o.emailFromName(),
            o.emailReplyTo(),
            o.hideOriginBranding(),
            url(o.logo()),
            url(o.logoDark()),
            url(o.favicon())),
        new Effective(
            e.platformName(),
            e.shortName(),
            e.colors(),
            e.fontFamily(),
            view.effectiveCustomCss(),
            e.supportEmail(),
            e.supportUrl(),
            e.docsUrl(),
            e.termsUrl(),
            e.privacyUrl(),
            e.emailFromName(),
            e.emailReplyTo(),
            e.hideOriginBranding(),
            e.themeCssUrl(),
            e.logoUrl(),
            e.logoDarkUrl(),
            e.favicons(),
            e.faviconIcoUrl(),
            e.manifestUrl()),
        Remark.of(view.warnings()),
        Remark.of(view.removed()));
  }

  private static String url(AssetRef ref) {
    return ref == null ? null : ref.url();
  }
}
