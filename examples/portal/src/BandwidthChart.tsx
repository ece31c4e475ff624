import { useEffect, useRef } from 'react';
import { useQuery } from '@apollo/client/react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { PortalBandwidthDocument, type PortalBandwidthQueryVariables } from './generated/graphql';
import { formatBytes, last30Days } from './format';
import { errorText } from './errors';

type DayKey = `d${number}`;

/** The account's bandwidth per day over the last 30 days (uPlot), with the total. */
export function BandwidthChart(props: { accountId: string }) {
  const days = last30Days();
  const variables = {
    id: props.accountId,
    ...Object.fromEntries(days.map((day, i) => [`d${i}`, day])),
  } as PortalBandwidthQueryVariables;
  const { data, error, loading } = useQuery(PortalBandwidthDocument, { variables });
  const box = useRef<HTMLDivElement>(null);

  const account = data?.account;
  const reports = account ? days.map((_, i) => account[`d${i}` as DayKey & keyof typeof account]) : [];
  const values = reports.map((r) =>
    r && typeof r === 'object' && 'bandwidthBytes' in r ? (r.bandwidthBytes ?? 0) : null,
  );
  const reported = values.some((v) => v !== null);
  const total = values.reduce<number>((sum, v) => sum + (v ?? 0), 0);

  useEffect(() => {
    if (!box.current || !reported) return;
    const xs = days.map((day) => Date.parse(`${day}T00:00:00Z`) / 1000);
    const plot = new uPlot(
      {
        width: 640,
        height: 180,
        legend: { show: false },
        scales: { x: { time: true } },
        axes: [{}, { values: (_u, ticks) => ticks.map((t) => formatBytes(t)), size: 90 }],
        series: [{}, { label: 'Bandwidth', stroke: '#2563eb', fill: 'rgba(37, 99, 235, 0.15)', width: 2 }],
      },
      [xs, values.map((v) => v ?? 0)],
      box.current,
    );
    return () => plot.destroy();
    // the values are derived from `data`; days only change at midnight
  }, [data, reported]);

  return (
    <section className="chart">
      <h3>Bandwidth, last 30 days</h3>
      {error && (
        <p role="alert" className="refusal">
          {errorText(error)}
        </p>
      )}
      {loading && !data && <p>Loading usage…</p>}
      {data && !reported && <p className="muted">This provider does not report usage.</p>}
      {reported && (
        <p className="total" data-testid="bandwidth-total" data-bytes={total}>
          Total: {formatBytes(total)}
        </p>
      )}
      <div ref={box} data-testid="bandwidth-chart" />
    </section>
  );
}
