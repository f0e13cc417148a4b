/** The ECharts option of a time series chart, from the data and the brand's colors (no ECharts here). */

export interface TimeSeries {
  readonly name: string;
  /** [epoch milliseconds, value], in time order. */
  readonly points: readonly (readonly [number, number])[];
}

/** The brand's colors the chart is drawn in (values of the --brand-* CSS variables). */
export interface ChartColors {
  readonly series: readonly string[];
  readonly text: string;
  readonly grid: string;
  readonly surface: string;
}

const BRAND_SERIES = ['--brand-primary', '--brand-accent', '--brand-secondary', '--brand-text'] as const;

/** The colors of the brand's CSS variables as they apply to {@code element}. */
export function brandColors(element: Element): ChartColors {
  const style = getComputedStyle(element);
  const read = (name: string, otherwise: string) => style.getPropertyValue(name).trim() || otherwise;
  const text = read('--brand-text', '#000000');
  return {
    series: BRAND_SERIES.map((name) => read(name, text)),
    text,
    grid: read('--brand-secondary', text),
    surface: read('--brand-surface', read('--brand-background', '#ffffff')),
  };
}

export interface TimeSeriesOptionInput {
  readonly series: readonly TimeSeries[];
  readonly unit: string;
  readonly yMax?: number | undefined;
  readonly colors: ChartColors;
}

/** The option object given to ECharts' setOption (replacing the previous one). */
export function timeSeriesOption(input: TimeSeriesOptionInput) {
  const { colors, unit } = input;
  const label = (value: number) => `${value} ${unit}`.trim();
  return {
    animation: false,
    color: [...colors.series],
    textStyle: { color: colors.text },
    grid: { left: 16, right: 24, top: 40, bottom: 56, containLabel: true },
    legend: {
      top: 0,
      textStyle: { color: colors.text },
      data: input.series.map((s) => s.name),
    },
    tooltip: {
      trigger: 'axis',
      backgroundColor: colors.surface,
      borderColor: colors.grid,
      textStyle: { color: colors.text },
      valueFormatter: (value: unknown) => (typeof value === 'number' ? label(value) : String(value)),
    },
    xAxis: {
      type: 'time',
      axisLine: { lineStyle: { color: colors.grid } },
      axisLabel: { color: colors.text },
    },
    yAxis: {
      type: 'value',
      name: unit,
      nameTextStyle: { color: colors.text },
      min: 0,
      ...(input.yMax === undefined ? {} : { max: input.yMax }),
      axisLabel: { color: colors.text },
      splitLine: { lineStyle: { color: colors.grid, opacity: 0.3 } },
    },
    dataZoom: [
      { type: 'inside', xAxisIndex: 0 },
      { type: 'slider', xAxisIndex: 0, height: 20, bottom: 8, textStyle: { color: colors.text } },
    ],
    series: input.series.map((s) => ({
      name: s.name,
      type: 'line',
      showSymbol: false,
      data: s.points.map(([time, value]) => [time, value]),
    })),
  };
}
