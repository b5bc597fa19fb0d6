/**
 * What the console may read from the local mirror: the read side of the
 * authority (queue, archive, run log, audit trail), answered from the SQLite
 * copy, so it opens instantly and stays readable while the network is down.
 * The gate never reads here (../shared/DESIGN.md "Data: who is the authority"). The mirror copies no `batch_additives` (its rows have
 * no single id to follow in the change log): while the authority is away, queued batches show an
 * empty manual-additive checklist — and no tick could be recorded then anyway.
 */
import type { AuthorityStore } from '../authority-store';

export type MirrorReader = Pick<
  AuthorityStore,
  'listQueue' | 'countQueue' | 'listRuns' | 'lastRun' | 'runLogMark' | 'finishedRuns' | 'listHistory' | 'archivedBetween' | 'listAudit'
>;

/** The read methods of a store on the mirror file, and nothing that writes. */
export function readerOf(store: MirrorReader): MirrorReader {
  return {
    listQueue: () => store.listQueue(),
    countQueue: () => store.countQueue(),
    listRuns: (filter) => store.listRuns(filter),
    lastRun: (task, outcomes) => store.lastRun(task, outcomes),
    runLogMark: () => store.runLogMark(),
    finishedRuns: (ids) => store.finishedRuns(ids),
    listHistory: (filter) => store.listHistory(filter),
    archivedBetween: (from, to) => store.archivedBetween(from, to),
    listAudit: (filter) => store.listAudit(filter),
  };
}
