import { defineStore } from 'pinia';
import type { BrandManifest } from './theme';

/** The brand the console booted with; components read names, logos and links from here. */
export const useBrand = defineStore('brand', {
  state: () => ({
    manifest: null as BrandManifest | null,
    failure: null as Error | null,
  }),
  getters: {
    platformName: (state): string => state.manifest?.platformName ?? '',
    logoUrl: (state): string | null => state.manifest?.logoUrl ?? null,
  },
  actions: {
    booted(manifest: BrandManifest) {
      this.manifest = manifest;
      this.failure = null;
    },
    failed(error: Error) {
      this.failure = error;
    },
  },
});
