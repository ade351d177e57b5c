// ECharts with only the parts the dashboard draws (tree-shaken). Each chart element records how many data
// points it drew in data-points, which the browser tests read.
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, TitleComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { h } from './dom.js';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, TitleComponent, CanvasRenderer]);

export interface Series {
  name: string;
  type: 'line' | 'bar';
  data: (number | null)[];
}

export function chart(id: string, categories: string[], series: Series[], opts: { yName?: string } = {}): HTMLDivElement {
  const el = h('div', { class: 'chart', id, 'data-points': String(series.reduce((a, s) => a + s.data.filter((v) => v !== null).length, 0)) });
  // draw once the element is in the page and has a size
  requestAnimationFrame(() => {
    const c = echarts.init(el);
    c.setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 60, right: 20, top: 40, bottom: 40 },
      xAxis: { type: 'category', data: categories },
      yAxis: { type: 'value', name: opts.yName },
      series: series.map((s) => ({ ...s, smooth: s.type === 'line', showSymbol: categories.length < 40 })),
      animation: false,
    });
    el.dataset.rendered = 'true';
    new ResizeObserver(() => c.resize()).observe(el);
  });
  return el;
}
