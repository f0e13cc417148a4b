import { fileURLToPath } from 'node:url';
import type { LaunchOptions } from '@playwright/test';

/** What ConsoleE2EIT hands the specs; a missing variable fails at once, naming it. */
export interface E2eEnv {
  /** The runtime's endpoint, e.g. http://localhost:41234 (the console and the API). */
  readonly baseUrl: string;
  readonly port: string;
  readonly operatorEmail: string;
  readonly operatorPassword: string;
  /** The root organization's name, which the operator's dashboard shows. */
  readonly rootName: string;
  /** A verified hostname of a reseller that hides the origin, e.g. panel.r1a2b3c4.test. */
  readonly brandedHost: string;
  readonly brandedName: string;
  /** The path of the reseller's favicon.ico, as its brand names it. */
  readonly brandedFavicon: string;
  /** maildev's web inbox of this runtime, e.g. http://localhost:41235 (REST: GET /api/email). */
  readonly maildevUrl: string;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run the e2e specs through ConsoleE2EIT (local/runtime)`);
  }
  return value;
}

export function e2eEnv(): E2eEnv {
  return {
    baseUrl: required('TOPGUN_E2E_BASE_URL'),
    port: required('TOPGUN_E2E_PORT'),
    operatorEmail: required('TOPGUN_E2E_OPERATOR_EMAIL'),
    operatorPassword: required('TOPGUN_E2E_OPERATOR_PASSWORD'),
    rootName: required('TOPGUN_E2E_ROOT_NAME'),
    brandedHost: required('TOPGUN_E2E_BRANDED_HOST'),
    brandedName: required('TOPGUN_E2E_BRANDED_NAME'),
    brandedFavicon: required('TOPGUN_E2E_BRANDED_FAVICON'),
    maildevUrl: required('TOPGUN_E2E_MAILDEV_URL'),
  };
}

/** Debian's Chromium (`apt-get install chromium`); as root it runs only without its sandbox. */
export const CHROMIUM = process.env['TOPGUN_E2E_CHROMIUM'] ?? '/usr/bin/chromium';

export function chromiumLaunchOptions(extraArgs: readonly string[] = []): LaunchOptions {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  return {
    executablePath: CHROMIUM,
    args: [...(root ? ['--no-sandbox'] : []), ...extraArgs],
  };
}

/** Where each page's screenshot goes (web/target/screenshots/<name>.png). */
export function screenshotPath(name: string): string {
  return fileURLToPath(new URL(`../target/screenshots/${name}.png`, import.meta.url));
}
