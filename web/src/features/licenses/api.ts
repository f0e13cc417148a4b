import type { Http } from '../../shared/http';
import type { Page } from '../organizations/api';

/**
 * The licensing API (functions/licensing): licenses issued to an organization out of the pool it
 * draws on, their signed documents, and an organization's entitlements with the pool's usage.
 * Every answer goes through a `to…` function: a list or a field the API left out reads as empty.
 */

export const LICENSE_TYPES = ['subscription', 'trial', 'perpetual'] as const;
export type LicenseType = (typeof LICENSE_TYPES)[number];

export const TIERS = ['basic', 'professional', 'enterprise'] as const;
export type Tier = (typeof TIERS)[number];

export const FEATURES = [
  'white_label',
  'terraform_provisioning',
  'advanced_deployments',
  'payment_processing',
  'domain_management',
  'api_access',
  'resell_licenses',
] as const;
export type Feature = (typeof FEATURES)[number];

export const LIMITS = [
  'max_users',
  'max_servers',
  'max_applications',
  'max_domains',
  'max_child_organizations',
  'max_cpu_cores',
  'max_memory_gb',
  'api_requests_per_minute',
] as const;
export type LimitName = (typeof LIMITS)[number];

/**
 * The usage counter each counted limit reserves against (shared-lib `Limit`); a rate is not
 * counted.
 */
export const COUNTERS: Readonly<Record<LimitName, string | null>> = {
  max_users: 'users',
  max_servers: 'servers',
  max_applications: 'applications',
  max_domains: 'domains',
  max_child_organizations: 'child_organizations',
  max_cpu_cores: 'cpu_cores',
  max_memory_gb: 'memory_gb',
  api_requests_per_minute: null,
};

/** The status at the moment of the answer: `grace` and `expired` follow from the time. */
export type LicenseStatus = 'active' | 'grace' | 'expired' | 'suspended' | 'revoked';

export interface License {
  readonly id: string;
  readonly organizationId: string;
  readonly key: string;
  readonly licenseType: string;
  readonly tier: string;
  readonly features: readonly string[];
  /** Absent limit = not limited. */
  readonly limits: Readonly<Record<string, number>>;
  readonly authorizedDomains: readonly string[];
  readonly issuedAt: string;
  /** Null for a perpetual license. */
  readonly expiresAt: string | null;
  readonly graceDays: number;
  readonly status: string;
  readonly graceEndsAt: string | null;
  /** The organization whose pool it was carved from (the operator's for the operator's licenses). */
  readonly issuerOrganizationId: string | null;
}

/** What an organization may use (the pool it draws on) and what the pool uses now. */
export interface Entitlements {
  readonly organizationId: string;
  /** The operator's own tree: no license up to the root, nothing is limited. */
  readonly unlimited: boolean;
  readonly poolOrganizationId: string | null;
  readonly licenseId: string | null;
  readonly status: string;
  readonly features: readonly string[];
  /** By limit name (`max_users`). */
  readonly limits: Readonly<Record<string, number>>;
  /** By counter (`users`, see {@link COUNTERS}). */
  readonly usage: Readonly<Record<string, number>>;
  readonly graceEndsAt: string | null;
}

export interface Validation {
  readonly valid: boolean;
  /** Why not: not_found, revoked, suspended, expired, domain_not_authorized, limits_exceeded. */
  readonly reason: string | null;
  readonly features: readonly string[];
  readonly limits: Readonly<Record<string, number>>;
  readonly graceEndsAt: string | null;
}

/** The body of an issue: a field left out is not sent (a limit left out is not limited). */
export interface LicenseTerms {
  readonly licenseType: LicenseType;
  readonly tier: Tier;
  readonly features?: readonly Feature[];
  readonly limits?: Readonly<Partial<Record<LimitName, number>>>;
  readonly authorizedDomains?: readonly string[];
  /** ISO-8601 instant; required except for a perpetual license. */
  readonly expiresAt?: string;
  readonly graceDays?: number;
}

type Raw<T> = { readonly [K in keyof T]?: T[K] | null };

function strings(value: readonly string[] | null | undefined): readonly string[] {
  return Array.isArray(value) ? value : [];
}

function numbers(
  value: Readonly<Record<string, number>> | null | undefined,
): Readonly<Record<string, number>> {
  return value !== null && typeof value === 'object' ? value : {};
}

export function toLicense(raw: Raw<License>): License {
  return {
    id: raw.id ?? '',
    organizationId: raw.organizationId ?? '',
    key: raw.key ?? '',
    licenseType: raw.licenseType ?? '',
    tier: raw.tier ?? '',
    features: strings(raw.features),
    limits: numbers(raw.limits),
    authorizedDomains: strings(raw.authorizedDomains),
    issuedAt: raw.issuedAt ?? '',
    expiresAt: raw.expiresAt ?? null,
    graceDays: raw.graceDays ?? 0,
    status: raw.status ?? 'active',
    graceEndsAt: raw.graceEndsAt ?? null,
    issuerOrganizationId: raw.issuerOrganizationId ?? null,
  };
}

export function toEntitlements(raw: Raw<Entitlements>): Entitlements {
  return {
    organizationId: raw.organizationId ?? '',
    unlimited: raw.unlimited ?? false,
    poolOrganizationId: raw.poolOrganizationId ?? null,
    licenseId: raw.licenseId ?? null,
    status: raw.status ?? 'active',
    features: strings(raw.features),
    limits: numbers(raw.limits),
    usage: numbers(raw.usage),
    graceEndsAt: raw.graceEndsAt ?? null,
  };
}

function toValidation(raw: Raw<Validation>): Validation {
  return {
    valid: raw.valid ?? false,
    reason: raw.reason ?? null,
    features: strings(raw.features),
    limits: numbers(raw.limits),
    graceEndsAt: raw.graceEndsAt ?? null,
  };
}

/** The API's largest page (shared-lib Paging.MAX_LIMIT). */
const MAX_LIMIT = 100;

const org = (orgId: string): string => `/v1/organizations/${encodeURIComponent(orgId)}`;
const license = (licenseId: string): string => `/v1/licenses/${encodeURIComponent(licenseId)}`;

/** One page of the organization's licenses, newest first (revoked ones too). */
export async function listLicenses(http: Http, orgId: string, cursor?: string): Promise<Page<License>> {
  const page = await http.get<Raw<Page<Raw<License>>>>(`${org(orgId)}/licenses`, {
    query: { limit: MAX_LIMIT, cursor },
  });
  return { items: (page.items ?? []).map(toLicense), nextCursor: page.nextCursor ?? null };
}

/** Every page of the organization's licenses. */
export async function listAllLicenses(http: Http, orgId: string): Promise<License[]> {
  const all: License[] = [];
  let cursor: string | undefined;
  do {
    const page = await listLicenses(http, orgId, cursor);
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

/** Issues the organization a license out of the pool it draws on (its parent's, or the operator's). */
export async function issueLicense(http: Http, orgId: string, terms: LicenseTerms): Promise<License> {
  return toLicense(await http.post<Raw<License>>(`${org(orgId)}/licenses`, terms));
}

export async function getLicense(http: Http, licenseId: string): Promise<License> {
  return toLicense(await http.get<Raw<License>>(license(licenseId)));
}

/** The signed document: a compact JWS (`application/jose`), as the API sends it. */
export function getLicenseDocument(http: Http, licenseId: string): Promise<string> {
  return http.get<string>(`${license(licenseId)}/document`, {
    headers: { Accept: 'application/jose' },
    responseAs: 'text',
  });
}

export type LicenseAction = 'suspend' | 'resume' | 'revoke';

/** Suspends (reversibly), resumes (a suspended one) or revokes (for good) a license. */
export async function changeLicenseStatus(
  http: Http,
  licenseId: string,
  action: LicenseAction,
): Promise<License> {
  return toLicense(await http.post<Raw<License>>(`${license(licenseId)}/${action}`));
}

export async function getEntitlements(http: Http, orgId: string): Promise<Entitlements> {
  return toEntitlements(await http.get<Raw<Entitlements>>(`${org(orgId)}/entitlements`));
}

/** Whether a key may run on a domain now (public, throttled). */
export async function validateLicense(http: Http, key: string, domain?: string): Promise<Validation> {
  return toValidation(
    await http.post<Raw<Validation>>('/v1/licenses/validate', domain ? { key, domain } : { key }),
  );
}

/**
 * Whether {@code org} issued the license: its pool's organization, or — for a license carved from
 * the operator's unlimited pool, which names no issuer — the root organization (it has no parent).
 */
export function issuedBy(license: License, org: { readonly id: string; readonly parentId: string | null }): boolean {
  return license.issuerOrganizationId === null ? org.parentId === null : license.issuerOrganizationId === org.id;
}

/** A compact JWS read without verifying it: its header and payload as JSON. */
export interface DecodedDocument {
  readonly header: unknown;
  readonly payload: unknown;
}

function base64UrlJson(part: string): unknown {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** Null when the text is no compact JWS with JSON header and payload. */
export function decodeDocument(jws: string): DecodedDocument | null {
  const parts = jws.trim().split('.');
  if (parts.length !== 3 || !parts[0] || !parts[1]) return null;
  try {
    return { header: base64UrlJson(parts[0]), payload: base64UrlJson(parts[1]) };
  } catch {
    return null;
  }
}

/** Usage of one limit against its maximum, as the dashboard's bars show it. */
export interface LimitUsage {
  readonly limit: LimitName | string;
  readonly max: number;
  /** Null for a rate, which is not counted. */
  readonly used: number | null;
}

/** One row per limit the pool sets, in the API's order of limits. */
export function usageRows(entitlements: Entitlements): LimitUsage[] {
  const known = LIMITS as readonly string[];
  const names = Object.keys(entitlements.limits).sort(
    (a, b) => (known.indexOf(a) + 1 || 99) - (known.indexOf(b) + 1 || 99),
  );
  return names.map((limit) => {
    const counter = COUNTERS[limit as LimitName] ?? null;
    return {
      limit,
      max: entitlements.limits[limit] ?? 0,
      used: counter === null ? null : (entitlements.usage[counter] ?? 0),
    };
  });
}

/**
 * How much of a limit is used, in percent (above 100 after a downgrade); a limit of 0 leaves no
 * room at all, so it is full (100 %) however little is used.
 */
export function percentUsed(used: number, max: number): number {
  if (max <= 0) return 100;
  return (used / max) * 100;
}

export type UsageLevel = 'ok' | 'warning' | 'full';

/** Amber from 80 %, red from 100 %. */
export function usageLevel(used: number, max: number): UsageLevel {
  const percent = percentUsed(used, max);
  if (percent >= 100) return 'full';
  if (percent >= 80) return 'warning';
  return 'ok';
}

/** What is left of a limit in a pool: null when the pool does not limit it. */
export function remaining(entitlements: Entitlements, limit: LimitName): number | null {
  if (entitlements.unlimited) return null;
  const max = entitlements.limits[limit];
  if (max === undefined) return null;
  const counter = COUNTERS[limit];
  if (counter === null) return max;
  return Math.max(0, max - (entitlements.usage[counter] ?? 0));
}
