import { EngineSentence } from './engine-sentence';

/** Why a request failed, as the engine or the link said it: in the operator's words where known, the original under Details. */
export function RequestError({ error, testId }: { error: string | null; testId?: string }) {
  if (!error) return null;
  return (
    <div role="alert" className="tone-bad request-error">
      <EngineSentence sentence={error} testId={testId} />
    </div>
  );
}
