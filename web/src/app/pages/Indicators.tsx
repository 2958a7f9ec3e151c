import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import { gql } from '../api';
import { useT } from '../i18n';
import { INDICATORS, type Indicator } from '../operations';
import { ErrorBox, Loading, RegionSelect, useLoad } from './common';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const years = Array.from({ length: 8 }, (_, i) => new Date().getFullYear() - 1 - i);

export function Indicators() {
  const t = useT();
  const [region, setRegion] = useState('450000');
  const [year, setYear] = useState(2024);
  const { data, error, loading } = useLoad(() => gql(INDICATORS, { region, year }), [region, year]);
  const indicators = data?.indicators ?? [];
  const units = [...new Set(indicators.map((i) => i.unit))];

  return (
    <section className="indicators">
      <h1>{t('indicatorsTitle')}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <RegionSelect value={region} onChange={setRegion} testId="indicators-region" />{' '}
        <label>
          {t('year')}{' '}
          <select value={year} onChange={(e) => setYear(Number(e.target.value))} data-testid="indicators-year">
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
      </form>
      <Loading when={loading} />
      <ErrorBox error={error} />
      <div className="charts">
        {units.map((unit) => (
          <IndicatorChart key={unit} unit={unit} indicators={indicators.filter((i) => i.unit === unit)} />
        ))}
      </div>
      <table data-testid="indicators">
        <thead>
          <tr>
            <th>{t('name')}</th>
            <th>{t('value')}</th>
            <th>{t('target')}</th>
            <th>{t('gap')}</th>
            <th>{t('met')}</th>
          </tr>
        </thead>
        <tbody>
          {indicators.map((i) => (
            <tr key={i.indicator} data-indicator={i.indicator}>
              <td>{i.name}</td>
              <td data-testid="value" data-value={i.value ?? ''}>
                {i.suppressed ? (
                  <span className="muted" title={t('suppressedWhy')}>
                    {t('suppressed')}
                  </span>
                ) : (
                  <>
                    {i.value} {i.unit} <span className="muted">({i.numerator}/{i.denominator})</span>
                  </>
                )}
              </td>
              <td title={i.target?.seed}>{i.target ? `${i.target.atLeast ? '≥' : '≤'} ${i.target.value} (${i.target.year})` : ''}</td>
              <td>{i.gap ?? ''}</td>
              <td>{i.met === null ? '' : i.met ? t('yes') : t('no')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function IndicatorChart({ unit, indicators }: { unit: string; indicators: Indicator[] }) {
  const t = useT();
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current);
    chart.setOption({
      // Drawn at once: the values are what the table beside says, not a moment of an animation.
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { data: [t('value'), t('target')] },
      grid: { left: 8, right: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: indicators.map((i) => i.name), axisLabel: { interval: 0, width: 110, overflow: 'break' } },
      yAxis: { type: 'value', name: unit },
      series: [
        { name: t('value'), type: 'bar', data: indicators.map((i) => i.value) },
        { name: t('target'), type: 'bar', data: indicators.map((i) => i.target?.value ?? null), itemStyle: { color: '#c7cdd4' } },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [unit, indicators, t]);
  return <div ref={element} className="chart" data-testid="indicator-chart" />;
}
