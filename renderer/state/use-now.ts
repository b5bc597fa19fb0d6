import { useEffect, useState } from 'react';

/** This screen's clock, re-rendering every `everyMs`: for ages on screen ("read 12 s ago") that grow by themselves. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
