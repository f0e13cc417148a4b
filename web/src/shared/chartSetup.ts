/**
 * Apache ECharts behind TimeSeriesChart.vue: only the line chart, its grid, tooltip, legend, zoom and
 * the SVG renderer. Only TimeSeriesChart imports this module, and only dynamically, so ECharts stays
 * out of the console's entry chunk.
 */
import { LineChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use, type EChartsType } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([LineChart, GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, SVGRenderer]);

export type Chart = EChartsType;

export function createChart(element: HTMLElement): Chart {
  return init(element, null, { renderer: 'svg' });
}
