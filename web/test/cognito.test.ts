import { describe, expect, it } from 'vitest';
import type { AuthConfig } from '../src/features/auth/api';
import {
  associateSoftwareToken,
  CognitoError,
  confirmForgotPassword,
  confirmSignUp,
  forgotPassword,
  initiateAuth,
  otpauthUri,
  refreshTokens,
  resendConfirmationCode,
  respondToMfaSetup,
  respondToSoftwareTokenMfa,
  revokeToken,
  signUp,
  verifySoftwareToken,
  type Tokens,
} from '../src/features/auth/cognito';
import { NetworkError, type FetchFn } from '../src/shared/http';

const CONFIG: AuthConfig = {
  region: 'eu-west-1',
  userPoolId: 'pool-1',
  clientId: 'client-1',
  endpoint: 'http://localhost:9229/',
};
const NOW = 1_800_000_000_000;

function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) =>
    btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${part({ alg: 'RS256' })}.${part(claims)}.signature`;
}

interface Sent {
  readonly url: string;
  readonly target: string;
  readonly contentType: string;
  readonly body: unknown;
}

/** A fake Cognito that records each request and answers with `answer`. */
function cognito(answer: () => Response) {
  const sent: Sent[] = [];
  const fetchFn: FetchFn = async (url, init) => {
    const headers = init.headers as Record<string, string>;
    sent.push({
      url,
      target: headers['X-Amz-Target'] ?? '',
      contentType: headers['Content-Type'] ?? '',
      body: JSON.parse(init.body as string),
    });
    return answer();
  };
  return { sent, fetchFn };
}

const ok = (body: unknown) => () => Response.json(body);
const refusal = (type: string, message = 'no') => () =>
  new Response(JSON.stringify({ __type: type, message }), { status: 400 });

async function tokensOf(promise: Promise<unknown>): Promise<Tokens> {
  const outcome = (await promise) as { kind: string; tokens?: Tokens };
  expect(outcome.kind).toBe('signedIn');
  return outcome.tokens as Tokens;
}

async function refusalOf(promise: Promise<unknown>): Promise<CognitoError> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CognitoError);
  return error as CognitoError;
}

describe('initiateAuth', () => {
  it('givenExpiresIn_theTokensExpireThatManySecondsFromNow', async () => {
    const { fetchFn } = cognito(
      ok({ AuthenticationResult: { IdToken: jwt({ exp: 1 }), AccessToken: 'a', RefreshToken: 'r', ExpiresIn: 3600 } }),
    );

    const tokens = await tokensOf(initiateAuth(CONFIG, 'ada@example.com', 'pw', fetchFn, () => NOW));

    expect(tokens.expiresAt).toBe(NOW + 3_600_000);
    expect(tokens.refreshToken).toBe('r');
  });

  it('givenNoExpiresIn_asCognitoLocalAnswers_theTokensExpireAtTheIdTokensExpClaim', async () => {
    const exp = NOW / 1000 + 900;
    const { fetchFn } = cognito(ok({ AuthenticationResult: { IdToken: jwt({ sub: 'u-1', exp }), AccessToken: 'a' } }));

    const tokens = await tokensOf(initiateAuth(CONFIG, 'ada@example.com', 'pw', fetchFn, () => NOW));

    expect(tokens.expiresAt).toBe(exp * 1000);
  });

  it('givenNeitherExpiresInNorAReadableToken_theTokensGetCognitosDefaultHour', async () => {
    const { fetchFn } = cognito(ok({ AuthenticationResult: { IdToken: 'not-a-jwt', AccessToken: 'a' } }));

    const tokens = await tokensOf(initiateAuth(CONFIG, 'ada@example.com', 'pw', fetchFn, () => NOW));

    expect(tokens.expiresAt).toBe(NOW + 3_600_000);
  });

  it('sendsUserPasswordAuth_toTheConfiguredEndpoint_asCognitosJsonApi', async () => {
    const { sent, fetchFn } = cognito(ok({ AuthenticationResult: { IdToken: 'i', AccessToken: 'a' } }));

    await initiateAuth(CONFIG, 'ada@example.com', 'pw', fetchFn);

    expect(sent).toEqual([
      {
        url: 'http://localhost:9229/',
        target: 'AWSCognitoIdentityProviderService.InitiateAuth',
        contentType: 'application/x-amz-json-1.1',
        body: {
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: 'client-1',
          AuthParameters: { USERNAME: 'ada@example.com', PASSWORD: 'pw' },
        },
      },
    ]);
  });

  it('givenATotpChallenge_answersWithTheStepAndItsSession', async () => {
    const { fetchFn } = cognito(
      ok({ ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 's-1', ChallengeParameters: { USER_ID_FOR_SRP: 'u-1' } }),
    );

    const outcome = await initiateAuth(CONFIG, 'ada@example.com', 'pw', fetchFn);

    expect(outcome).toEqual({
      kind: 'challenge',
      challenge: { name: 'SOFTWARE_TOKEN_MFA', session: 's-1', username: 'u-1' },
    });
  });

  it('givenAChallengeTheConsoleCannotAnswer_refusesWithUnsupportedChallenge', async () => {
    const { fetchFn } = cognito(ok({ ChallengeName: 'CUSTOM_CHALLENGE', Session: 's' }));

    const error = await refusalOf(initiateAuth(CONFIG, 'ada@example.com', 'pw', fetchFn));

    expect(error.code).toBe('UnsupportedChallenge');
  });

  it('aQualifiedErrorType_becomesItsShortCode_aboutTheWholeForm', async () => {
    const { fetchFn } = cognito(refusal('com.amazonaws.cognito#NotAuthorizedException', 'Incorrect username or password.'));

    const error = await refusalOf(initiateAuth(CONFIG, 'ada@example.com', 'pw', fetchFn));

    expect(error.code).toBe('NotAuthorizedException');
    expect(error.operation).toBe('InitiateAuth');
    expect(error.field).toBeNull();
    expect(error.message).toBe('Incorrect username or password.');
  });

  it('aFailedRequest_isANetworkError', async () => {
    const fetchFn: FetchFn = () => Promise.reject(new TypeError('Failed to fetch'));

    await expect(initiateAuth(CONFIG, 'a@b.c', 'pw', fetchFn)).rejects.toBeInstanceOf(NetworkError);
  });

  it('withoutAClientId_refusesBeforeCallingCognito', async () => {
    const { sent, fetchFn } = cognito(ok({}));

    const error = await refusalOf(initiateAuth({ ...CONFIG, clientId: null }, 'a@b.c', 'pw', fetchFn));

    expect(error.code).toBe('NotConfigured');
    expect(sent).toHaveLength(0);
  });
});

describe('refreshTokens', () => {
  it('sendsRefreshTokenAuth_andKeepsTheRefreshToken_whichCognitoDoesNotResend', async () => {
    const { sent, fetchFn } = cognito(
      ok({ AuthenticationResult: { IdToken: 'i2', AccessToken: 'a2', ExpiresIn: 300 } }),
    );

    const tokens = await refreshTokens(CONFIG, 'r-1', fetchFn, () => NOW);

    expect(sent[0]?.target).toBe('AWSCognitoIdentityProviderService.InitiateAuth');
    expect(sent[0]?.body).toEqual({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: 'client-1',
      AuthParameters: { REFRESH_TOKEN: 'r-1' },
    });
    expect(tokens).toEqual({ idToken: 'i2', accessToken: 'a2', refreshToken: 'r-1', expiresAt: NOW + 300_000 });
  });
});

describe('sign-up and passwords', () => {
  it('signUp_sendsTheEmailAsUsernameAndAttribute_andSaysWhereTheCodeWent', async () => {
    const { sent, fetchFn } = cognito(
      ok({ UserConfirmed: false, CodeDeliveryDetails: { Destination: 'a***@e***', DeliveryMedium: 'EMAIL' } }),
    );

    const result = await signUp(CONFIG, 'ada@example.com', 'Secret-123456', fetchFn);

    expect(sent[0]?.target).toBe('AWSCognitoIdentityProviderService.SignUp');
    expect(sent[0]?.body).toEqual({
      ClientId: 'client-1',
      Username: 'ada@example.com',
      Password: 'Secret-123456',
      UserAttributes: [{ Name: 'email', Value: 'ada@example.com' }],
    });
    expect(result).toEqual({ confirmed: false, delivery: { destination: 'a***@e***', medium: 'EMAIL' } });
  });

  it.each([
    ['UsernameExistsException', 'email'],
    ['InvalidPasswordException', 'password'],
    ['InvalidParameterException', null],
  ])('signUp_%s_isAbout_%s', async (type, field) => {
    const { fetchFn } = cognito(refusal(type));

    const error = await refusalOf(signUp(CONFIG, 'ada@example.com', 'x', fetchFn));

    expect(error.operation).toBe('SignUp');
    expect(error.field).toBe(field);
  });

  it('confirmSignUp_sendsTheCode_andAWrongOneIsAboutTheCodeField', async () => {
    const { sent, fetchFn } = cognito(refusal('CodeMismatchException'));

    const error = await refusalOf(confirmSignUp(CONFIG, 'ada@example.com', '123456', fetchFn));

    expect(sent[0]?.target).toBe('AWSCognitoIdentityProviderService.ConfirmSignUp');
    expect(sent[0]?.body).toEqual({ ClientId: 'client-1', Username: 'ada@example.com', ConfirmationCode: '123456' });
    expect(error.field).toBe('code');
  });

  it('resendConfirmationCode_andForgotPassword_nameTheUser', async () => {
    const { sent, fetchFn } = cognito(ok({ CodeDeliveryDetails: { Destination: 'a***', DeliveryMedium: 'EMAIL' } }));

    const resent = await resendConfirmationCode(CONFIG, 'ada@example.com', fetchFn);
    const forgot = await forgotPassword(CONFIG, 'ada@example.com', fetchFn);

    expect(sent.map((s) => s.target)).toEqual([
      'AWSCognitoIdentityProviderService.ResendConfirmationCode',
      'AWSCognitoIdentityProviderService.ForgotPassword',
    ]);
    expect(sent.map((s) => s.body)).toEqual([
      { ClientId: 'client-1', Username: 'ada@example.com' },
      { ClientId: 'client-1', Username: 'ada@example.com' },
    ]);
    expect(resent.destination).toBe('a***');
    expect(forgot.medium).toBe('EMAIL');
  });

  it('forgotPassword_tooOften_isAboutTheWholeForm', async () => {
    const { fetchFn } = cognito(refusal('LimitExceededException'));

    const error = await refusalOf(forgotPassword(CONFIG, 'ada@example.com', fetchFn));

    expect(error.code).toBe('LimitExceededException');
    expect(error.field).toBeNull();
  });

  it.each([
    ['CodeMismatchException', 'code'],
    ['ExpiredCodeException', 'code'],
    ['InvalidPasswordException', 'password'],
  ])('confirmForgotPassword_%s_isAbout_%s', async (type, field) => {
    const { sent, fetchFn } = cognito(refusal(type));

    const error = await refusalOf(confirmForgotPassword(CONFIG, 'ada@example.com', '654321', 'New-pass-1234', fetchFn));

    expect(sent[0]?.target).toBe('AWSCognitoIdentityProviderService.ConfirmForgotPassword');
    expect(sent[0]?.body).toEqual({
      ClientId: 'client-1',
      Username: 'ada@example.com',
      ConfirmationCode: '654321',
      Password: 'New-pass-1234',
    });
    expect(error.field).toBe(field);
  });
});

describe('MFA', () => {
  const challenge = { name: 'SOFTWARE_TOKEN_MFA', session: 's-1', username: 'u-1' } as const;

  it('respondToSoftwareTokenMfa_sendsTheCodeWithTheSession', async () => {
    const { sent, fetchFn } = cognito(ok({ AuthenticationResult: { IdToken: 'i', AccessToken: 'a', RefreshToken: 'r' } }));

    const tokens = await tokensOf(respondToSoftwareTokenMfa(CONFIG, challenge, '123456', fetchFn));

    expect(sent[0]?.target).toBe('AWSCognitoIdentityProviderService.RespondToAuthChallenge');
    expect(sent[0]?.body).toEqual({
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      ClientId: 'client-1',
      Session: 's-1',
      ChallengeResponses: { USERNAME: 'u-1', SOFTWARE_TOKEN_MFA_CODE: '123456' },
    });
    expect(tokens.refreshToken).toBe('r');
  });

  it('aWrongTotpCode_isAboutTheCodeField', async () => {
    const { fetchFn } = cognito(refusal('CodeMismatchException'));

    const error = await refusalOf(respondToSoftwareTokenMfa(CONFIG, challenge, '000000', fetchFn));

    expect(error.field).toBe('code');
  });

  it('theSetupFlow_associatesVerifiesAndResponds_eachWithTheLatestSession', async () => {
    const answers = [
      ok({ SecretCode: 'JBSWY3DPEHPK3PXP', Session: 's-2' }),
      ok({ Status: 'SUCCESS', Session: 's-3' }),
      ok({ AuthenticationResult: { IdToken: 'i', AccessToken: 'a' } }),
    ];
    const { sent, fetchFn } = cognito(() => (answers.shift() ?? ok({}))());

    const associated = await associateSoftwareToken(CONFIG, 's-1', fetchFn);
    const verified = await verifySoftwareToken(CONFIG, associated.session, '123456', 'Phone', fetchFn);
    await tokensOf(respondToMfaSetup(CONFIG, { name: 'MFA_SETUP', session: verified.session, username: 'u-1' }, fetchFn));

    expect(associated.secret).toBe('JBSWY3DPEHPK3PXP');
    expect(sent.map((s) => [s.target.split('.')[1], s.body])).toEqual([
      ['AssociateSoftwareToken', { Session: 's-1' }],
      ['VerifySoftwareToken', { Session: 's-2', UserCode: '123456', FriendlyDeviceName: 'Phone' }],
      [
        'RespondToAuthChallenge',
        { ChallengeName: 'MFA_SETUP', ClientId: 'client-1', Session: 's-3', ChallengeResponses: { USERNAME: 'u-1' } },
      ],
    ]);
  });

  it('aVerificationThatIsNotASuccess_isAWrongCode', async () => {
    const { fetchFn } = cognito(ok({ Status: 'ERROR' }));

    const error = await refusalOf(verifySoftwareToken(CONFIG, 's', '123456', 'Phone', fetchFn));

    expect(error.field).toBe('code');
  });

  it('otpauthUri_namesTheIssuerAndAccount_encoded', () => {
    expect(otpauthUri('Panel Forge', 'ada@example.com', 'JBSW')).toBe(
      'otpauth://totp/Panel%20Forge:ada%40example.com?secret=JBSW&issuer=Panel%20Forge',
    );
  });
});

describe('revokeToken', () => {
  it('sendsTheRefreshTokenWithTheClient', async () => {
    const { sent, fetchFn } = cognito(ok({}));

    await revokeToken(CONFIG, 'r-1', fetchFn);

    expect(sent[0]?.target).toBe('AWSCognitoIdentityProviderService.RevokeToken');
    expect(sent[0]?.body).toEqual({ ClientId: 'client-1', Token: 'r-1' });
  });
});
