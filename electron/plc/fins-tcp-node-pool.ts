import { FinsTcpErrorCode } from './fins-tcp-message';

/**
 * Client node addresses of a FINS/TCP server (../shared/plant/fins.md §1.1). A client asking
 * for node 0 gets one assigned; Omron Ethernet units allocate from the top of
 * the node range (239..254 by default on the CJ1W-ETN21 — verify per unit).
 */
const AUTO_NODES = { first: 239, last: 254 } as const;
const MAX_NODE = 254;

export type NodeClaim = { ok: true; node: number } | { ok: false; errorCode: number };

export class FinsTcpNodePool {
  private readonly inUse = new Set<number>();

  constructor(private readonly serverNode: number) {}

  claim(requested: number): NodeClaim {
    if (requested === 0) return this.assign();
    if (requested > MAX_NODE) return { ok: false, errorCode: FinsTcpErrorCode.clientNodeOutOfRange };
    if (requested === this.serverNode) return { ok: false, errorCode: FinsTcpErrorCode.sameNodeAsServer };
    if (this.inUse.has(requested)) return { ok: false, errorCode: FinsTcpErrorCode.nodeAlreadyConnected };
    this.inUse.add(requested);
    return { ok: true, node: requested };
  }

  release(node: number): void {
    this.inUse.delete(node);
  }

  private assign(): NodeClaim {
    for (let node = AUTO_NODES.first; node <= AUTO_NODES.last; node++) {
      if (node !== this.serverNode && !this.inUse.has(node)) {
        this.inUse.add(node);
        return { ok: true, node };
      }
    }
    return { ok: false, errorCode: FinsTcpErrorCode.noNodeAddressesLeft };
  }
}
