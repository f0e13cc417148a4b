import { describe, expect, it } from 'vitest';
import {
  getEmailTemplate,
  listEmailTemplates,
  previewEmailTemplate,
  putEmailTemplate,
  resetEmailTemplate,
  type EmailTemplate,
} from '../src/features/branding/api';
import { partsOf } from '../src/features/branding/useEmailTemplates';
import { createHttp, ProblemError, type FetchFn } from '../src/shared/http';

interface Call {
  readonly url: string;
  readonly init: RequestInit;
}

function recording(answer: () => Response) {
  const calls: Call[] = [];
  const fetch: FetchFn = async (url, init) => {
    calls.push({ url, init });
    return answer();
  };
  return { calls, http: createHttp({ fetch, idempotencyKey: () => 'k' }) };
}

function json(status: number, body: unknown, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

const invitation = {
  name: 'invitation',
  description: 'An invitation to join an organization.',
  subject: 'You are invited to {{organization.name}}',
  html: '<p>Join {{organization.name}}</p>',
  text: 'Join {{organization.name}}',
  overridden: { subject: true, html: false, text: false },
  variables: [{ name: 'organization.name', description: 'The organization.', example: 'Acme Hosting', link: false }],
};

function body(call: Call | undefined): unknown {
  return JSON.parse(String(call?.init.body));
}

describe('e-mail templates api', () => {
  it('list_readsTheTemplatesOfTheOrganization_fillingWhatTheApiLeftOut', async () => {
    const { calls, http } = recording(() =>
      json(200, { items: [invitation, { ...invitation, name: 'license-grace', overridden: {}, variables: undefined }] }),
    );

    const templates = await listEmailTemplates(http, 'org 1');

    expect(calls[0]?.url).toBe('/v1/organizations/org%201/branding/email-templates');
    expect(calls[0]?.init.method).toBe('GET');
    expect(templates.map((t) => t.name)).toEqual(['invitation', 'license-grace']);
    expect(templates[1]?.overridden).toEqual({ subject: false, html: false, text: false });
    expect(templates[1]?.variables).toEqual([]);
  });

  it('get_readsOneTemplateByItsName', async () => {
    const { calls, http } = recording(() => json(200, invitation));

    const template = await getEmailTemplate(http, 'o1', 'invitation');

    expect(calls[0]?.url).toBe('/v1/organizations/o1/branding/email-templates/invitation');
    expect(template.variables[0]?.example).toBe('Acme Hosting');
  });

  it('put_sendsThePartsAsJson_withAnIdempotencyKey', async () => {
    const { calls, http } = recording(() => json(200, invitation));

    await putEmailTemplate(http, 'o1', 'invitation', { subject: 'Hi {{organization.name}}', html: null, text: null });

    expect(calls[0]?.init.method).toBe('PUT');
    expect(calls[0]?.url).toBe('/v1/organizations/o1/branding/email-templates/invitation');
    expect(body(calls[0])).toEqual({ subject: 'Hi {{organization.name}}', html: null, text: null });
    expect((calls[0]?.init.headers as Record<string, string>)['Idempotency-Key']).toBe('k');
  });

  it('reset_putsNoPartsAtAll', async () => {
    const { calls, http } = recording(() => json(200, { ...invitation, overridden: {} }));

    const template = await resetEmailTemplate(http, 'o1', 'invitation');

    expect(calls[0]?.init.method).toBe('PUT');
    expect(body(calls[0])).toEqual({ subject: null, html: null, text: null });
    expect(template.overridden.subject).toBe(false);
  });

  it('preview_postsTheEditedParts_andAnswersTheRenderedMail', async () => {
    const { calls, http } = recording(() =>
      json(200, { subject: 'Hi Acme Hosting', html: '<html>…</html>', text: 'Hi', fromName: 'Acme Cloud' }),
    );

    const preview = await previewEmailTemplate(http, 'o1', 'invitation', { subject: 'Hi {{organization.name}}', html: null, text: null });

    expect(calls[0]?.init.method).toBe('POST');
    expect(calls[0]?.url).toBe('/v1/organizations/o1/branding/email-templates/invitation/preview');
    expect(body(calls[0])).toEqual({ subject: 'Hi {{organization.name}}', html: null, text: null });
    expect(preview).toEqual({ subject: 'Hi Acme Hosting', html: '<html>…</html>', text: 'Hi', fromName: 'Acme Cloud', replyTo: null });
  });

  it('aRefusedPart_isAProblemNamingThatPart', async () => {
    const { http } = recording(() =>
      json(
        400,
        {
          type: 'x:validation',
          title: 'Bad Request',
          status: 400,
          errors: [{ field: 'html', message: '{{nope}} is not a variable of the invitation mail' }],
        },
        'application/problem+json',
      ),
    );

    const failure = await putEmailTemplate(http, 'o1', 'invitation', { subject: null, html: '{{nope}}', text: null }).catch(
      (e: unknown) => e,
    );

    expect(failure).toBeInstanceOf(ProblemError);
    expect((failure as ProblemError).fieldError('html')).toBe('{{nope}} is not a variable of the invitation mail');
  });
});

describe('partsOf', () => {
  const loaded: EmailTemplate = { ...invitation };

  it('sendsTheOwnPartsAndTheEditedOnes_andLeavesUntouchedDefaultsNull', () => {
    const parts = partsOf(loaded, { subject: loaded.subject, html: '<p>New</p>', text: loaded.text });

    expect(parts).toEqual({ subject: loaded.subject, html: '<p>New</p>', text: null });
  });
});
