import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LAZY_LOAD } from './jsdomLayout';

interface FakeChart {
  setOption: ReturnType<typeof vi.fn>;
  resize: ReturnType<typeof vi.fn>;
  dispose: ReturnType<typeof vi.fn>;
}

const charts: { element: HTMLElement; options: unknown; chart: FakeChart }[] = [];

// jsdom cannot lay out or draw: ECharts' init is replaced; every module registered is real.
vi.mock('echarts/core', async (original) => {
  const real = await original<typeof import('echarts/core')>();
  return {
    ...real,
    use: vi.fn(),
    init: (element: HTMLElement, _theme: unknown, options: unknown) => {
      const chart: FakeChart = { setOption: vi.fn(), resize: vi.fn(), dispose: vi.fn() };
      charts.push({ element, options, chart });
      return chart;
    },
  };
});

const { default: TimeSeriesChart } = await import('../src/shared/TimeSeriesChart.vue');

interface SentOption {
  color: string[];
  legend: { data: string[] };
  yAxis: { name: string; max?: number; min: number };
  xAxis: { type: string };
  series: { name: string; type: string; data: number[][] }[];
  tooltip: { valueFormatter: (value: unknown) => string };
}

function lastOption(chart: FakeChart): SentOption {
  return chart.setOption.mock.calls.at(-1)?.[0] as SentOption;
}

const observed: { callback: ResizeObserverCallback; targets: Element[]; disconnected: boolean }[] = [];

describe('TimeSeriesChart', () => {
  const wrappers: VueWrapper[] = [];

  beforeEach(() => {
    charts.length = 0;
    observed.length = 0;
    vi.stubGlobal(
      'ResizeObserver',
      class {
        private readonly entry;
        constructor(callback: ResizeObserverCallback) {
          this.entry = { callback, targets: [] as Element[], disconnected: false };
          observed.push(this.entry);
        }
        observe(target: Element) {
          this.entry.targets.push(target);
        }
        unobserve() {}
        disconnect() {
          this.entry.disconnected = true;
        }
      },
    );
  });

  afterEach(() => {
    wrappers.splice(0).forEach((w) => w.unmount());
    vi.unstubAllGlobals();
  });

  async function mountChart(props: Record<string, unknown>) {
    const wrapper = mount(TimeSeriesChart, {
      props: { label: 'Requests per second', unit: 'req/s', series: [], ...props },
      // The brand's variables as the theme stylesheet sets them.
      attrs: { style: '--brand-primary: #112233; --brand-accent: #445566; --brand-text: #0f172a' },
      attachTo: document.body,
    });
    wrappers.push(wrapper);
    await vi.waitFor(() => expect(wrapper.emitted('ready')).toBeTruthy(), LAZY_LOAD);
    await flushPromises();
    return wrapper;
  }

  it('drawsEverySeriesByName_onATimeAxis_withTheUnitOnTheValueAxis_inTheBrandsColors', async () => {
    const wrapper = await mountChart({
      series: [
        { name: 'p50', points: [[1_700_000_000_000, 12], [1_700_000_060_000, 14]] },
        { name: 'p99', points: [[1_700_000_000_000, 80]] },
      ],
      unit: 'ms',
      yMax: 100,
    });

    expect(charts).toHaveLength(1);
    expect(charts[0]?.element).toBe(wrapper.element);
    expect(charts[0]?.options).toEqual({ renderer: 'svg' });
    const option = lastOption(charts[0]!.chart);
    expect(option.series.map((s) => [s.name, s.type])).toEqual([
      ['p50', 'line'],
      ['p99', 'line'],
    ]);
    expect(option.series[0]?.data).toEqual([[1_700_000_000_000, 12], [1_700_000_060_000, 14]]);
    expect(option.legend.data).toEqual(['p50', 'p99']);
    expect(option.xAxis.type).toBe('time');
    expect(option.yAxis).toMatchObject({ name: 'ms', min: 0, max: 100 });
    expect(option.tooltip.valueFormatter(12)).toBe('12 ms');
    expect(option.color.slice(0, 2)).toEqual(['#112233', '#445566']);
    expect(wrapper.attributes('role')).toBe('img');
    expect(wrapper.attributes('aria-label')).toBe('Requests per second');
  });

  it('withoutAYMax_letsTheAxisFollowTheData', async () => {
    await mountChart({ series: [{ name: 'cpu', points: [[0, 1]] }], unit: '%' });

    expect(lastOption(charts[0]!.chart).yAxis).not.toHaveProperty('max');
  });

  it('newSeries_redrawTheChart', async () => {
    const wrapper = await mountChart({ series: [{ name: 'a', points: [] }] });

    await wrapper.setProps({ series: [{ name: 'b', points: [[0, 2]] }] });

    expect(lastOption(charts[0]!.chart).series.map((s) => s.name)).toEqual(['b']);
  });

  it('followsItsContainersSize_andIsDisposedOnUnmount', async () => {
    const wrapper = await mountChart({ series: [] });
    const { chart } = charts[0]!;
    expect(observed[0]?.targets).toEqual([wrapper.element]);

    observed[0]?.callback([], {} as ResizeObserver);
    expect(chart.resize).toHaveBeenCalledTimes(1);

    wrappers.splice(0).forEach((w) => w.unmount());
    expect(chart.dispose).toHaveBeenCalledTimes(1);
    expect(observed[0]?.disconnected).toBe(true);
  });
});
