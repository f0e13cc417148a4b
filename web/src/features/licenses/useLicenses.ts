import { ref, type Ref } from 'vue';
import { http as appHttp, ProblemError, type Http } from '../../shared/http';
import type { Organization } from '../organizations/api';
import { getOrganization, listChildren } from '../tree/api';
import {
  COUNTERS,
  LIMITS,
  changeLicenseStatus,
  decodeDocument,
  getEntitlements,
  getLicense,
  getLicenseDocument,
  issueLicense,
  issuedBy,
  listAllLicenses,
  type DecodedDocument,
  type Entitlements,
  type License,
  type LicenseAction,
  type LicenseTerms,
  type LimitName,
} from './api';

function asError(failure: unknown): Error {
  return failure instanceof Error ? failure : new Error(String(failure));
}

/** Every direct child of an organization (the organizations it may issue licenses to). */
export async function listAllChildren(http: Http, orgId: string): Promise<Organization[]> {
  const all: Organization[] = [];
  let cursor: string | undefined;
  do {
    const page = await listChildren(http, orgId, { limit: 100, cursor });
    all.push(...(page.items ?? []));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

/** A license issued by the current organization, with the child it was issued to. */
export interface IssuedLicense {
  readonly license: License;
  readonly organization: Organization;
}

/**
 * The current organization's licenses: those issued to it, those it issued to its children, its
 * children (to issue to), the pool it draws on, and the license just issued (its key shown once).
 */
export function useLicenses(org: Ref<Organization | null>, http: Http = appHttp) {
  const own = ref<License[]>([]);
  const issued = ref<IssuedLicense[]>([]);
  const children = ref<Organization[]>([]);
  const pool = ref<Entitlements | null>(null);
  const loading = ref(false);
  const failure = ref<Error | null>(null);
  /** A suspend, resume or revoke was refused. */
  const actionFailure = ref<Error | null>(null);
  const busyId = ref<string | null>(null);
  const issuing = ref(false);
  const issueFailure = ref<Error | null>(null);
  /** The license just issued: the only moment the console shows its key. */
  const justIssued = ref<License | null>(null);

  async function load(): Promise<void> {
    const current = org.value;
    if (!current) return;
    const id = current.id;
    loading.value = true;
    failure.value = null;
    try {
      const [mine, kids, entitlements] = await Promise.all([
        listAllLicenses(http, id),
        listAllChildren(http, id),
        getEntitlements(http, id),
      ]);
      const theirs = await Promise.all(
        kids.map(async (child) =>
          (await listAllLicenses(http, child.id))
            .filter((l) => issuedBy(l, current))
            .map((license) => ({ license, organization: child })),
        ),
      );
      own.value = mine;
      children.value = kids;
      pool.value = entitlements;
      issued.value = theirs.flat();
    } catch (error) {
      failure.value = asError(error);
    } finally {
      loading.value = false;
    }
  }

  /** True when the license was issued; {@link justIssued} then holds it, key and all. */
  async function issue(childId: string, terms: LicenseTerms): Promise<boolean> {
    issuing.value = true;
    issueFailure.value = null;
    try {
      const license = await issueLicense(http, childId, terms);
      justIssued.value = license;
      const child = children.value.find((c) => c.id === childId);
      if (child) {
        issued.value = [{ license, organization: child }, ...issued.value];
      }
      return true;
    } catch (error) {
      issueFailure.value = asError(error);
      return false;
    } finally {
      issuing.value = false;
    }
  }

  /** The key has been seen: it is not kept any longer. */
  function forgetKey(): void {
    justIssued.value = null;
  }

  async function act(licenseId: string, action: LicenseAction): Promise<void> {
    busyId.value = licenseId;
    actionFailure.value = null;
    try {
      const changed = await changeLicenseStatus(http, licenseId, action);
      own.value = own.value.map((l) => (l.id === licenseId ? changed : l));
      issued.value = issued.value.map((i) =>
        i.license.id === licenseId ? { ...i, license: changed } : i,
      );
    } catch (error) {
      actionFailure.value = asError(error);
    } finally {
      busyId.value = null;
    }
  }

  function issueFieldError(field: string): string | undefined {
    return fieldErrors(issueFailure.value, field);
  }

  return {
    own,
    issued,
    children,
    pool,
    loading,
    failure,
    actionFailure,
    busyId,
    issuing,
    issueFailure,
    justIssued,
    load,
    issue,
    forgetKey,
    act,
    issueFieldError,
  };
}

/**
 * The messages the API gave for a field and its parts (`features` also collects `features[0]`,
 * `limits` also `limits.max_users`), joined; undefined when none.
 */
export function fieldErrors(failure: Error | null, field: string): string | undefined {
  if (!(failure instanceof ProblemError)) return undefined;
  const exceeded = exceededLimit(failure);
  if (exceeded !== null && (field === 'limits' || field === `limits.${exceeded}`)) {
    return failure.detail ?? failure.title;
  }
  const messages = failure.errors
    .filter((e) => e.field === field || e.field.startsWith(`${field}[`) || e.field.startsWith(`${field}.`))
    .map((e) => e.message);
  return messages.length ? messages.join('; ') : undefined;
}

/**
 * The limit a `limit-exceeded` refusal is about (the pool has less left than asked): the API names
 * its usage counter (`users`), which is the limit `max_users` of the form; null for any other.
 */
export function exceededLimit(failure: ProblemError): LimitName | null {
  if (!failure.type.endsWith('/problems/limit-exceeded')) return null;
  const counter = failure.extensions['counter'];
  const limit = LIMITS.find((l) => COUNTERS[l] !== null && COUNTERS[l] === counter);
  return limit ?? null;
}

/** One license with its signed document, and what may be done to it. */
export function useLicense(licenseId: Ref<string>, http: Http = appHttp) {
  const license = ref<License | null>(null);
  /** The licensed organization, when the caller may read it (else the page shows its id). */
  const organization = ref<Organization | null>(null);
  const document = ref<string | null>(null);
  const decoded = ref<DecodedDocument | null>(null);
  const loading = ref(false);
  const failure = ref<Error | null>(null);
  const documentFailure = ref<Error | null>(null);
  const actionFailure = ref<Error | null>(null);
  const busy = ref(false);

  async function loadDocument(): Promise<void> {
    documentFailure.value = null;
    try {
      document.value = await getLicenseDocument(http, licenseId.value);
      decoded.value = decodeDocument(document.value);
    } catch (error) {
      documentFailure.value = asError(error);
    }
  }

  async function load(): Promise<void> {
    loading.value = true;
    failure.value = null;
    try {
      license.value = await getLicense(http, licenseId.value);
    } catch (error) {
      failure.value = asError(error);
      return;
    } finally {
      loading.value = false;
    }
    const orgId = license.value.organizationId;
    await Promise.all([
      loadDocument(),
      getOrganization(http, orgId).then(
        (org) => (organization.value = org),
        () => (organization.value = null),
      ),
    ]);
  }

  async function act(action: LicenseAction): Promise<void> {
    busy.value = true;
    actionFailure.value = null;
    try {
      license.value = await changeLicenseStatus(http, licenseId.value, action);
    } catch (error) {
      actionFailure.value = asError(error);
    } finally {
      busy.value = false;
    }
  }

  return {
    license,
    organization,
    document,
    decoded,
    loading,
    failure,
    documentFailure,
    actionFailure,
    busy,
    load,
    loadDocument,
    act,
  };
}

/** An organization's entitlements (the pool it draws on, and its usage). */
export function useEntitlements(orgId: Ref<string | null>, http: Http = appHttp) {
  const entitlements = ref<Entitlements | null>(null);
  const loading = ref(false);
  const failure = ref<Error | null>(null);

  async function load(): Promise<void> {
    const id = orgId.value;
    if (!id) return;
    loading.value = true;
    failure.value = null;
    try {
      entitlements.value = await getEntitlements(http, id);
    } catch (error) {
      failure.value = asError(error);
    } finally {
      loading.value = false;
    }
  }

  return { entitlements, loading, failure, load };
}
