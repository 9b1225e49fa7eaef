/**
 * Reading a V8 heap snapshot (the `.heapsnapshot` JSON that CDP's HeapProfiler.takeHeapSnapshot
 * streams) to tell what grows between two points of a run: objects grouped by kind and
 * constructor, the objects of a later snapshot that an earlier one did not have (V8 keeps an
 * object's snapshot id for its life, so a new id is an object allocated in between and still
 * alive), who holds such an object (its chain of retainers up to a root), and which script
 * compiled code belongs to.
 */
import type { CDPSession } from 'playwright-core';

/** A heap snapshot of the page's isolate, as DevTools' Memory panel takes it (it collects garbage first). */
export async function takeHeapSnapshot(cdp: CDPSession): Promise<HeapSnapshot> {
  const chunks: string[] = [];
  const onChunk = ({ chunk }: { chunk: string }) => void chunks.push(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  const text = chunks.join('');
  return new HeapSnapshot(JSON.parse(text) as RawHeapSnapshot, text);
}

/** The parts of the snapshot's JSON this reader uses. */
export interface RawHeapSnapshot {
  readonly snapshot: {
    readonly meta: {
      readonly node_fields: readonly string[];
      readonly node_types: readonly [readonly string[], ...unknown[]];
      readonly edge_fields: readonly string[];
      readonly edge_types: readonly [readonly string[], ...unknown[]];
    };
  };
  readonly nodes: readonly number[];
  readonly edges: readonly number[];
  readonly strings: readonly string[];
}

export interface HeapNode {
  readonly index: number;
  /** hidden, array, string, object, code, closure, regexp, number, native, synthetic, ... */
  readonly type: string;
  /** The constructor's name for an object, the text for a string, the function's name for a closure. */
  readonly name: string;
  readonly id: number;
  readonly selfSize: number;
}

export interface HeapEdge {
  readonly type: string;
  readonly name: string;
  readonly from: number;
  readonly to: number;
}

export interface HeapGroup {
  /** `type name`, strings and code grouped by type only (their names are their text or source). */
  readonly key: string;
  count: number;
  selfSize: number;
}

/** A loaded snapshot: nodes and edges, and the edges into each node. */
export class HeapSnapshot {
  readonly nodes: HeapNode[] = [];
  readonly edges: HeapEdge[] = [];
  private readonly retainersOf: HeapEdge[][];
  private readonly edgesOf: HeapEdge[][];

  /** `text`: the snapshot's JSON as taken, kept to be saved for DevTools. */
  constructor(
    raw: RawHeapSnapshot,
    readonly text?: string,
  ) {
    const { meta } = raw.snapshot;
    const nodeWidth = meta.node_fields.length;
    const edgeWidth = meta.edge_fields.length;
    const field = (name: string, fields: readonly string[]) => {
      const at = fields.indexOf(name);
      if (at < 0) throw new Error(`heap snapshot without the ${name} field`);
      return at;
    };
    const [nType, nName, nId, nSize, nEdges] = ['type', 'name', 'id', 'self_size', 'edge_count'].map((name) => field(name, meta.node_fields)) as [number, number, number, number, number];
    const [eType, eName, eTo] = ['type', 'name_or_index', 'to_node'].map((name) => field(name, meta.edge_fields)) as [number, number, number];
    const nodeTypes = meta.node_types[0];
    const edgeTypes = meta.edge_types[0];
    const edgeCounts: number[] = [];
    for (let at = 0; at < raw.nodes.length; at += nodeWidth) {
      this.nodes.push({
        index: at / nodeWidth,
        type: nodeTypes[raw.nodes[at + nType]!] ?? '?',
        name: raw.strings[raw.nodes[at + nName]!] ?? '?',
        id: raw.nodes[at + nId]!,
        selfSize: raw.nodes[at + nSize]!,
      });
      edgeCounts.push(raw.nodes[at + nEdges]!);
    }
    this.retainersOf = this.nodes.map(() => []);
    this.edgesOf = this.nodes.map(() => []);
    let edgeAt = 0;
    edgeCounts.forEach((count, from) => {
      for (let n = 0; n < count; n++, edgeAt += edgeWidth) {
        const type = edgeTypes[raw.edges[edgeAt + eType]!] ?? '?';
        const nameOrIndex = raw.edges[edgeAt + eName]!;
        const name = type === 'element' || type === 'hidden' ? `[${nameOrIndex}]` : (raw.strings[nameOrIndex] ?? '?');
        const edge: HeapEdge = { type, name, from, to: raw.edges[edgeAt + eTo]! / nodeWidth };
        this.edges.push(edge);
        this.retainersOf[edge.to]!.push(edge);
        this.edgesOf[from]!.push(edge);
      }
    });
  }

  get totalSelfSize(): number {
    return this.nodes.reduce((sum, node) => sum + node.selfSize, 0);
  }

  /** V8's compiled code and what it needs to run (bytecode, machine code, feedback, function infos). */
  get codeSize(): number {
    return this.nodes.reduce((sum, node) => sum + (node.type === 'code' ? node.selfSize : 0), 0);
  }

  /** `codeSize` by the script the code belongs to (see `scriptOf`; undefined: code of no script found). */
  codeSizeByScript(): Map<string | undefined, number> {
    const sizes = new Map<string | undefined, number>();
    for (const node of this.nodes) {
      if (node.type !== 'code') continue;
      const script = this.scriptOf(node);
      sizes.set(script, (sizes.get(script) ?? 0) + node.selfSize);
    }
    return sizes;
  }

  /**
   * The script a piece of compiled code belongs to (its URL; '' for a script evaluated without
   * one), found through the function it was compiled for; undefined when no function is found
   * within a few retainers (code of V8's own builtins, caches).
   */
  scriptOf(node: HeapNode): string | undefined {
    let layer = [node.index];
    const seen = new Set(layer);
    for (let depth = 0; depth < 4 && layer.length > 0; depth++) {
      const next: number[] = [];
      for (const at of layer) {
        const found = this.nodes[at]!;
        const shared = found.type === 'closure' ? this.edgesOf[at]!.find((edge) => edge.name === 'shared')?.to : found.name.startsWith('system / SharedFunctionInfo') ? at : undefined;
        const script = shared === undefined ? undefined : this.edgesOf[shared]!.find((edge) => edge.name === 'script');
        if (script) return this.nodes[script.to]!.name.replace(/^system \/ Script( \/ )?/, '');
        for (const edge of this.retainersOf[at]!) {
          const holder = this.nodes[edge.from]!;
          if (edge.type !== 'weak' && (holder.type === 'code' || holder.type === 'closure') && !seen.has(edge.from)) {
            seen.add(edge.from);
            next.push(edge.from);
          }
        }
      }
      layer = next;
    }
    return undefined;
  }

  /** The nodes grouped by `groupKey`, largest self size first. */
  groups(nodes: Iterable<HeapNode> = this.nodes): HeapGroup[] {
    const groups = new Map<string, HeapGroup>();
    for (const node of nodes) {
      const key = groupKey(node);
      const group = groups.get(key) ?? { key, count: 0, selfSize: 0 };
      group.count += 1;
      group.selfSize += node.selfSize;
      groups.set(key, group);
    }
    return [...groups.values()].sort((a, b) => b.selfSize - a.selfSize);
  }

  /** The nodes whose ids `earlier` did not have: allocated since, and still alive. */
  newSince(earlier: HeapSnapshot): HeapNode[] {
    const known = new Set(earlier.nodes.map((node) => node.id));
    return this.nodes.filter((node) => !known.has(node.id));
  }

  /**
   * One chain of retainers of `node`, nearest first, up to a root or `depth` links: at each step
   * the first retainer by a strong edge not seen yet (weak edges do not keep anything alive).
   */
  retainerChain(node: HeapNode, depth = 12): string[] {
    const chain: string[] = [];
    const seen = new Set([node.index]);
    let at = node.index;
    for (let step = 0; step < depth; step++) {
      const edge = this.retainersOf[at]!.find((candidate) => candidate.type !== 'weak' && !seen.has(candidate.from));
      if (!edge) break;
      const holder = this.nodes[edge.from]!;
      chain.push(`${edge.name} of ${holder.type} ${holder.name.slice(0, 60)}`);
      if (holder.type === 'synthetic') break;
      seen.add(edge.from);
      at = edge.from;
    }
    return chain;
  }
}

/** Strings, code and numbers by type alone; everything else by type and name (the constructor's). */
export function groupKey(node: HeapNode): string {
  if (/string|code|number|bigint/.test(node.type)) return `(${node.type})`;
  if (node.type === 'hidden' || node.type === 'object shape' || node.type === 'array') return `(${node.type}) ${node.name.replace(/\d+/g, '#').slice(0, 60)}`;
  return `${node.type} ${node.name.slice(0, 60)}`;
}

/** Group by group, what `later` has over `earlier`: count and self size, largest growth first. */
export function groupGrowth(earlier: readonly HeapGroup[], later: readonly HeapGroup[]): HeapGroup[] {
  const before = new Map(earlier.map((group) => [group.key, group]));
  const keys = new Set([...before.keys(), ...later.map((group) => group.key)]);
  const after = new Map(later.map((group) => [group.key, group]));
  return [...keys]
    .map((key) => ({ key, count: (after.get(key)?.count ?? 0) - (before.get(key)?.count ?? 0), selfSize: (after.get(key)?.selfSize ?? 0) - (before.get(key)?.selfSize ?? 0) }))
    .sort((a, b) => Math.abs(b.selfSize) - Math.abs(a.selfSize));
}
