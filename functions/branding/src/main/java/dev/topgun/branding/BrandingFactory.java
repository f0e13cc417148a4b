package dev.topgun.branding;

import dev.topgun.branding.domain.AssetStore;
import dev.topgun.branding.domain.BrandBuilder;
import dev.topgun.branding.domain.BrandingService;
import dev.topgun.branding.domain.Brands;
import dev.topgun.branding.domain.DomainSlots;
import dev.topgun.branding.domain.EmailTemplateService;
import dev.topgun.branding.domain.HostBrands;
import dev.topgun.branding.domain.HostnameService;
import dev.topgun.branding.domain.Hostnames;
import dev.topgun.branding.domain.Images;
import dev.topgun.branding.domain.MailPreviews;
import dev.topgun.branding.domain.OwnerMail;
import dev.topgun.branding.domain.Proofs;
import dev.topgun.branding.domain.TemplateOverrides;
import dev.topgun.branding.domain.Themes;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Wires the plain-Java domain services to the adapters Micronaut provides. */
@Factory
public class BrandingFactory {

  @Singleton
  BrandBuilder brandBuilder(Themes themes, Images images, AssetStore assets) {
    return new BrandBuilder(themes, images, assets);
  }

  @Singleton
  BrandingService brandingService(
      Brands brands,
      BrandBuilder builder,
      Images images,
      AssetStore assets,
      Themes themes,
      HostBrands hosts) {
    return new BrandingService(brands, builder, images, assets, themes, hosts);
  }

  @Singleton
  EmailTemplateService emailTemplateService(TemplateOverrides overrides, MailPreviews previews) {
    return new EmailTemplateService(overrides, previews);
  }

  @Singleton
  HostnameService hostnameService(
      Hostnames hostnames, Proofs proofs, DomainSlots slots, OwnerMail mail, Clock clock) {
    return new HostnameService(hostnames, proofs, slots, mail, clock);
  }
}
