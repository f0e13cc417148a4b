import type { Composer } from 'vue-i18n';
import { NetworkError } from '../../shared/http';
import { CognitoError, type AuthField } from './cognito';

/** A refusal in the console's words, and the field it belongs beside (null: the whole form). */
export interface Failure {
  /** `confirm`: the repeated password, which only the console checks. */
  readonly field: AuthField | 'confirm' | null;
  readonly message: string;
  /** A network failure: the form offers to try again. */
  readonly retry: boolean;
}

/**
 * Known Cognito refusals in the console's words: `auth.errors.<Operation>.<Code>` first (a weak
 * password at sign-up is not a wrong one at sign-in), then `auth.errors.<Code>`, else Cognito's.
 */
export function failureOf(failure: unknown, i18n: Pick<Composer, 't' | 'te'>): Failure {
  const { t, te } = i18n;
  if (failure instanceof CognitoError) {
    const keys = [
      ...(failure.operation ? [`auth.errors.${failure.operation}.${failure.code}`] : []),
      `auth.errors.${failure.code}`,
    ];
    const key = keys.find((k) => te(k));
    return { field: failure.field, message: key ? t(key) : failure.message, retry: false };
  }
  if (failure instanceof NetworkError) {
    return { field: null, message: t('errors.network'), retry: true };
  }
  return { field: null, message: t('errors.unexpected'), retry: false };
}
