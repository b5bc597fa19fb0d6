import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../../state/download-file';
import { useFormat } from '../../format/locale-format';
import { messageOf } from '../../state/message-of';

export interface CsvFile {
  fileName: string;
  csv: string;
  rows: number;
  capped: boolean;
}

/** Builds a CSV file page by page, saying how far it got, then hands it to the operator. */
export function ExportButton({ label, testId, build }: { label: string; testId: string; build(onProgress: (rows: number) => void): Promise<CsvFile> }) {
  const { t } = useTranslation('history');
  const format = useFormat();
  const [state, setState] = useState<{ busy: boolean; text: string; failed: boolean }>({ busy: false, text: '', failed: false });

  const run = async (): Promise<void> => {
    setState({ busy: true, text: t('exporting', { count: 0 }), failed: false });
    try {
      const file = await build((rows) => setState({ busy: true, text: t('exporting', { count: rows }), failed: false }));
      downloadFile(file.fileName, file.csv, 'text/csv;charset=utf-8');
      const count = format.number(file.rows);
      setState({ busy: false, text: t(file.capped ? 'exportCapped' : 'exported', { count, file: file.fileName }), failed: false });
    } catch (failure) {
      setState({ busy: false, text: t('exportFailed', { error: messageOf(failure) }), failed: true });
    }
  };

  return (
    <div className="export">
      <button type="button" data-testid={testId} disabled={state.busy} onClick={() => void run()}>
        {label}
      </button>
      {state.text && (
        <span role={state.failed ? 'alert' : 'status'} className={state.failed ? 'tone-bad' : 'export-status'} data-testid={`${testId}-status`}>
          {state.text}
        </span>
      )}
    </div>
  );
}
