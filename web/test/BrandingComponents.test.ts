import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { Hostname } from '../src/features/branding/api';
import AssetUpload from '../src/features/branding/AssetUpload.vue';
import BrandPreview from '../src/features/branding/BrandPreview.vue';
import HostnameList from '../src/features/branding/HostnameList.vue';
import { createConsoleI18n } from '../src/i18n';
import { ProblemError } from '../src/shared/http';

const global = { plugins: [createConsoleI18n()] };

describe('BrandPreview', () => {
  it('rendersTheFormsColors_asInlineBrandVariables_andTheName', () => {
    const wrapper = mount(BrandPreview, {
      props: {
        colors: {
          primary: '#ffcc00',
          secondary: '#445566',
          accent: '#aa00aa',
          background: '#101010',
          surface: '#202020',
          text: '#fafafa',
        },
        platformName: 'Acme Cloud',
        fontFamily: 'Georgia',
        logoUrl: null,
      },
      global,
    });

    const style = wrapper.get('figure').attributes('style') ?? '';
    expect(style).toContain('--brand-primary: #ffcc00');
    expect(style).toContain('--brand-background: #101010');
    expect(style).toContain('--brand-font-family: Georgia');
    // a light primary gets dark text on it
    expect(style).toContain('--brand-on-primary: #000000');
    expect(wrapper.text()).toContain('Acme Cloud');
  });
});

describe('HostnameList', () => {
  const pending: Hostname = {
    hostname: 'x-1.example.test',
    status: 'pending',
    verification: { type: 'TXT', name: '_domain-verification.x-1.example.test', value: 'tok-123' },
    httpVerification: { url: 'http://x-1.example.test/.well-known/domain-verification/tok-123', body: 'tok-123' },
    createdAt: '2026-01-01T00:00:00Z',
    verifiedAt: null,
    checkedAt: null,
  };

  it('showsTheTxtRecordAndTheHttpAlternative_andEmitsVerify', async () => {
    const wrapper = mount(HostnameList, { props: { hostnames: [pending], failure: null }, global });

    expect(wrapper.text()).toContain('_domain-verification.x-1.example.test');
    expect(wrapper.text()).toContain('tok-123');
    expect(wrapper.text()).toContain('http://x-1.example.test/.well-known/domain-verification/tok-123');
    await wrapper.findAll('button').find((b) => b.text() === 'Verify')?.trigger('click');
    expect(wrapper.emitted('verify')).toEqual([['x-1.example.test']]);
  });

  it('claimingEmitsTheTrimmedName_andAConflictShowsItsDetail', async () => {
    const failure = new ProblemError({ type: 't', title: 'Conflict', status: 409, detail: 'not proven' });
    const wrapper = mount(HostnameList, { props: { hostnames: [], failure }, global });

    await wrapper.get('input[name=hostname]').setValue('  panel.example.com ');
    await wrapper.get('form').trigger('submit');

    expect(wrapper.emitted('claim')).toEqual([['panel.example.com']]);
    expect(wrapper.get('[role=alert]').text()).toBe('not proven');
  });
});

describe('AssetUpload', () => {
  it('showsTheRefusalReason_andEmitsADroppedFile', async () => {
    const failure = new ProblemError({
      type: 't',
      title: 'Bad Request',
      status: 400,
      detail: 'invalid',
      errors: [{ field: 'image', message: 'not a PNG, JPEG, WebP or SVG image' }],
    });
    const wrapper = mount(AssetUpload, { props: { role: 'logo', url: null, failure }, global });
    const file = new File(['x'], 'logo.png', { type: 'image/png' });

    await wrapper.get('.asset-upload').trigger('drop', { dataTransfer: { files: [file] } });

    expect(wrapper.get('[role=alert]').text()).toBe('not a PNG, JPEG, WebP or SVG image');
    expect(wrapper.emitted('upload')).toEqual([[file]]);
  });
});
