import type { Http } from './http';
import type { Realtime } from './realtime';
import { bootBrand, type BrandManifest } from './theme';

/**
 * When the live channel tells of a `BrandingChanged` (this organization's brand or an ancestor's,
 * whose brand it may inherit), resolves this host's brand again and puts it on the page through
 * {@link bootBrand}: stylesheet, title, icons. `booted` hears of the new manifest (the brand store).
 * Returns the unsubscribe.
 */
export function reapplyBrandOnChange(
  channel: Realtime,
  http: Http,
  booted: (manifest: BrandManifest) => void,
  doc: Document = document,
): () => void {
  return channel.onEvent('BrandingChanged', () => {
    bootBrand(http, doc).then(booted, () => {
      // The brand on the page stays; the next change or a reload tries again.
    });
  });
}
