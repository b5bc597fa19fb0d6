import { useEngineText } from '../../i18n/engine-text';

/** An engine sentence in the operator's language when known, else the engine's English marked as such. */
export function EngineSentence({ text }: { text: string }) {
  const shown = useEngineText()(text);
  return (
    <span lang={shown.lang} title={shown.translated ? shown.original : undefined}>
      {shown.text}
    </span>
  );
}
