import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShiftReport, ThroughputBucket } from '../../../shared/domain';
import { equipmentById } from '../../../shared/equipment';
import { useConsoleApi } from '../../console-context';
import { useFormat } from '../../format/locale-format';
import { PeriodPicker } from './period-picker';
import { chartPeriod, currentShiftChoice, reportPeriod, type ReportChoice } from './report-period';
import { ShiftReportTables } from './shift-report-tables';
import { ThroughputChart, type ChartSeries } from './throughput-chart';
import { equipmentUsed, kgPerShift } from './throughput-series';
import { RequestError } from '../request-error';
import '../history/history.css';
import './reports.css';
import { messageOf } from '../../state/message-of';

interface Loaded {
  report: ShiftReport;
  buckets: ThroughputBucket[];
}

/** The shift report (what a shift produced, from the archive) and the throughput charts around it. */
export function ReportsView() {
  const { t } = useTranslation('reports');
  const format = useFormat();
  const api = useConsoleApi();
  const [choice, setChoice] = useState<ReportChoice>(() => currentShiftChoice(new Date()));
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let current = true;
    setLoading(true);
    Promise.all([api.shiftReport(reportPeriod(choice)), api.throughput(chartPeriod(choice))]).then(
      ([report, buckets]) => {
        if (!current) return;
        setLoaded({ report, buckets });
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (!current) return;
        setError(messageOf(failure));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [api, choice, reload]);

  const refresh = useCallback(() => setReload((count) => count + 1), []);
  const charts = useMemo(() => {
    const buckets = [...(loaded?.buckets ?? [])].sort((a, b) => Date.parse(a.hour) - Date.parse(b.hour));
    const shifts = kgPerShift(buckets);
    const hourLabels = buckets.map((bucket) => format.dateTime(bucket.hour, buckets[0]?.hour).replace(/:00$/, ''));
    // On the axis the hour alone, and at midnight the new day ("29/11"): the table below has the full time.
    const hourAxis = buckets.map((bucket) => {
      const clock = format.dateTime(bucket.hour, bucket.hour).replace(/:00$/, '');
      return clock === '00:00' ? format.date(bucket.hour).slice(0, 5) : clock;
    });
    const waves: ChartSeries[] = [
      { label: t('wavesSeries'), values: buckets.map((bucket) => bucket.waves), kind: 'bars' },
      { label: t('completedSeries'), values: buckets.map((bucket) => bucket.completed), kind: 'line' },
    ];
    const kg: ChartSeries[] = equipmentUsed(shifts).map((id) => ({
      label: equipmentById(id).name,
      values: shifts.map((entry) => entry.kgByEquipment[id] ?? 0),
      // Shifts are categories, not points on a time line: one bar per silo and tank in each.
      kind: 'bars',
    }));
    const shiftLabels = shifts.map((entry) => t('shiftLabel', { day: format.date(`${entry.day}T12:00:00`), shift: t(`shiftShort.${entry.shift}`) }));
    return { hourLabels, hourAxis, waves, shiftLabels: kg.length === 0 ? [] : shiftLabels, kg };
  }, [loaded, format, t]);

  const period = reportPeriod(choice);
  return (
    <section className="reports" aria-labelledby="reports-title" aria-busy={loading} data-testid="reports" data-loaded-from={loaded?.report.from}>
      <div className="card-header">
        <h2 id="reports-title">{t('heading')}</h2>
        <button type="button" data-testid="report-refresh" onClick={refresh} disabled={loading}>
          {t('refresh')}
        </button>
      </div>
      <PeriodPicker choice={choice} onChange={setChoice} />
      <p className="report-period-shown" data-testid="report-period">
        {t('summary')}: {t('periodShown', { from: format.dateTime(period.from), to: format.dateTime(period.to) })}
      </p>
      <RequestError error={error} />
      {loading && !loaded && <p role="status">{t('loading')}</p>}
      {loaded && <ShiftReportTables report={loaded.report} />}
      {loaded && (
        <section className="report-charts" aria-labelledby="report-charts-title">
          <h3 id="report-charts-title">{t('chartsHeading')}</h3>
          <ThroughputChart
            title={t('wavesChart')}
            labels={charts.hourLabels}
            axisLabels={charts.hourAxis}
            labelHeading={t('hour')} series={charts.waves} testId="chart-waves" />
          <ThroughputChart title={t('kgChart')} labels={charts.shiftLabels} labelHeading={t('shiftColumn')} series={charts.kg} testId="chart-kg" />
        </section>
      )}
    </section>
  );
}
