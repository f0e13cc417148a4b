import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { percentUsed, usageLevel } from '../src/features/licenses/api';
import UsageMeter from '../src/features/licenses/UsageMeter.vue';
import { createConsoleI18n } from '../src/i18n';

function meter(used: number, max: number) {
  return mount(UsageMeter, { props: { label: 'Users', used, max }, global: { plugins: [createConsoleI18n()] } });
}

describe('usage thresholds', () => {
  it.each([
    [79, 100, 'ok'],
    [80, 100, 'warning'],
    [99, 100, 'warning'],
    [100, 100, 'full'],
    [7, 5, 'full'],
    [0, 0, 'full'],
    [0, 10, 'ok'],
  ] as const)('%i of %i is %s', (used, max, level) => {
    expect(usageLevel(used, max)).toBe(level);
  });

  it('aLimitOfZero_isFull_evenWithNothingUsed', () => {
    expect(percentUsed(0, 0)).toBe(100);
  });
});

describe('UsageMeter', () => {
  it('at79Percent_isAPlainMeterWithItsValues', () => {
    const wrapper = meter(79, 100);

    const bar = wrapper.get('[role=meter]');
    expect(wrapper.classes()).toContain('usage-meter--ok');
    expect(bar.attributes('aria-valuenow')).toBe('79');
    expect(bar.attributes('aria-valuemin')).toBe('0');
    expect(bar.attributes('aria-valuemax')).toBe('100');
    expect(bar.attributes('aria-valuetext')).toBe('79 of 100 used (79 %)');
    expect(wrapper.get(`#${bar.attributes('aria-labelledby')}`).text()).toBe('Users');
    expect(wrapper.get('.usage-meter__fill').attributes('style')).toContain('width: 79%');
    expect(wrapper.text()).toContain('79 of 100');
  });

  it('at80Percent_turnsAmber_andSaysSo', () => {
    const wrapper = meter(4, 5);

    expect(wrapper.classes()).toContain('usage-meter--warning');
    expect(wrapper.get('[role=meter]').attributes('aria-valuetext')).toBe('4 of 5 used (80 %), nearly full');
    expect(wrapper.get('.usage-meter__flag').text()).toBe('nearly full');
  });

  it('at100Percent_turnsRed_andAboveItTheBarStaysFull', () => {
    const full = meter(5, 5);
    const over = meter(6, 5);

    expect(full.classes()).toContain('usage-meter--full');
    expect(full.get('.usage-meter__flag').text()).toBe('limit reached');
    expect(over.classes()).toContain('usage-meter--full');
    expect(over.get('.usage-meter__fill').attributes('style')).toContain('width: 100%');
    expect(over.get('[role=meter]').attributes('aria-valuetext')).toBe('6 of 5 used (120 %), limit reached');
  });

  it('aLimitOfZero_isRed', () => {
    const wrapper = meter(0, 0);

    expect(wrapper.classes()).toContain('usage-meter--full');
    expect(wrapper.get('[role=meter]').attributes('aria-valuemax')).toBe('0');
  });
});
