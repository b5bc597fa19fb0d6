import { useTranslation } from 'react-i18next';
import { useEngineText } from '../i18n/engine-text';

/**
 * One of the engine's sentences in the operator's words (lang="en" when it stayed English), with the
 * engine's own text one click away under "Details" for the engineer when it was translated.
 * `brief`: a narrow place shows the first lines only; Details then holds the whole sentence too.
 */
export function EngineSentence({ sentence, className, testId, brief = false }: { sentence: string; className?: string; testId?: string; brief?: boolean }) {
  const { t } = useTranslation('common');
  const text = useEngineText()(sentence);
  return (
    <div className={className}>
      <p lang={text.lang} data-testid={testId} className={brief ? 'brief' : undefined}>
        {text.text}
      </p>
      {(text.translated || brief) && (
        <details className="engineer-details">
          <summary>{t('details')}</summary>
          {brief && text.translated && <p lang={text.lang}>{text.text}</p>}
          <p lang="en">{text.original}</p>
        </details>
      )}
    </div>
  );
}
