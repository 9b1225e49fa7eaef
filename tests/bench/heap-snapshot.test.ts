import { describe, expect, it } from 'vitest';
import { groupGrowth, HeapSnapshot, type RawHeapSnapshot } from './heap-snapshot';

const NODE_TYPES = ['hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number', 'native', 'synthetic'];
const EDGE_TYPES = ['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'];

interface NodeSpec {
  readonly type: string;
  readonly name: string;
  readonly id: number;
  readonly size: number;
  /** [edge type, edge name, index of the node it points to] */
  readonly edges?: ReadonlyArray<readonly [string, string, number]>;
}

/** A snapshot in V8's own layout (flat arrays, indexes into the string table), as Chromium streams it. */
function rawSnapshot(specs: readonly NodeSpec[]): RawHeapSnapshot {
  const strings: string[] = [];
  const text = (value: string) => {
    const at = strings.indexOf(value);
    return at >= 0 ? at : strings.push(value) - 1;
  };
  const nodeFields = ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness'];
  const nodes: number[] = [];
  const edges: number[] = [];
  for (const spec of specs) {
    nodes.push(NODE_TYPES.indexOf(spec.type), text(spec.name), spec.id, spec.size, spec.edges?.length ?? 0, 0, 0);
    for (const [type, name, to] of spec.edges ?? []) edges.push(EDGE_TYPES.indexOf(type), type === 'element' ? Number(name) : text(name), to * nodeFields.length);
  }
  return {
    snapshot: { meta: { node_fields: nodeFields, node_types: [NODE_TYPES], edge_fields: ['type', 'name_or_index', 'to_node'], edge_types: [EDGE_TYPES] } },
    nodes,
    edges,
    strings,
  };
}

/** A page with one view object held by the window, a cache held only weakly, and the code of one function of the kiosk's bundle. */
const earlier: NodeSpec[] = [
  { type: 'synthetic', name: '(GC roots)', id: 1, size: 0, edges: [['element', '1', 1]] },
  { type: 'native', name: 'Window', id: 3, size: 100, edges: [['property', 'view', 2], ['weak', 'cache', 3]] },
  { type: 'object', name: 'View', id: 5, size: 40 },
  { type: 'object', name: 'Cache', id: 7, size: 30 },
  { type: 'string', name: 'hello', id: 9, size: 16 },
  { type: 'code', name: 'system / Script / http://kiosk/assets/index.js', id: 11, size: 50 },
  { type: 'code', name: 'system / SharedFunctionInfo / render', id: 13, size: 20, edges: [['internal', 'script', 5]] },
  { type: 'closure', name: 'render', id: 15, size: 32, edges: [['internal', 'shared', 6], ['internal', 'code', 8]] },
  { type: 'code', name: 'system / Code', id: 17, size: 10, edges: [['internal', '[0]', 9]] },
  { type: 'code', name: 'system / InstructionStream', id: 19, size: 400 },
  { type: 'code', name: 'system / Code', id: 21, size: 60 },
];

/** Later: a second View, held by the first (a list growing), and the cache is gone. */
const later: NodeSpec[] = [
  { ...earlier[0]! },
  { type: 'native', name: 'Window', id: 3, size: 100, edges: [['property', 'view', 2]] },
  { type: 'object', name: 'View', id: 5, size: 40, edges: [['property', 'next', 3]] },
  { type: 'object', name: 'View', id: 23, size: 40 },
  { type: 'string', name: 'hello again', id: 25, size: 24 },
  ...earlier.slice(5),
];

describe('heap snapshot reader', () => {
  it('groups objects by constructor, strings and code by kind', () => {
    const snapshot = new HeapSnapshot(rawSnapshot(later));
    const groups = new Map(snapshot.groups().map((group) => [group.key, group]));
    expect(groups.get('object View')).toEqual({ key: 'object View', count: 2, selfSize: 80 });
    expect(groups.get('(string)')).toEqual({ key: '(string)', count: 1, selfSize: 24 });
    expect(groups.get('(code)')).toEqual({ key: '(code)', count: 5, selfSize: 540 });
    expect(snapshot.codeSize).toBe(540);
    expect(snapshot.totalSelfSize).toBe(100 + 80 + 24 + 32 + 540);
  });

  it('tells what grew and what was allocated since an earlier snapshot', () => {
    const before = new HeapSnapshot(rawSnapshot(earlier));
    const after = new HeapSnapshot(rawSnapshot(later));
    const growth = new Map(groupGrowth(before.groups(), after.groups()).map((group) => [group.key, group]));
    expect(growth.get('object View')).toEqual({ key: 'object View', count: 1, selfSize: 40 });
    expect(growth.get('object Cache')).toEqual({ key: 'object Cache', count: -1, selfSize: -30 });
    expect(growth.get('(string)')).toEqual({ key: '(string)', count: 0, selfSize: 8 });
    expect(after.newSince(before).map((node) => node.id)).toEqual([23, 25]);
  });

  it('follows strong retainers up to a root, not weak ones', () => {
    const after = new HeapSnapshot(rawSnapshot(later));
    const newView = after.nodes.find((node) => node.id === 23)!;
    expect(after.retainerChain(newView)).toEqual(['next of object View', 'view of native Window', '[1] of synthetic (GC roots)']);
    const before = new HeapSnapshot(rawSnapshot(earlier));
    expect(before.retainerChain(before.nodes.find((node) => node.name === 'Cache')!)).toEqual([]);
  });

  it('finds the script of compiled code through the function it was compiled for', () => {
    const snapshot = new HeapSnapshot(rawSnapshot(later));
    const machineCode = snapshot.nodes.find((node) => node.name === 'system / InstructionStream')!;
    expect(snapshot.scriptOf(machineCode)).toBe('http://kiosk/assets/index.js');
    const orphan = snapshot.nodes.find((node) => node.id === 21)!;
    expect(snapshot.scriptOf(orphan)).toBeUndefined();
    expect(snapshot.codeSizeByScript()).toEqual(
      new Map([
        ['http://kiosk/assets/index.js', 50 + 20 + 10 + 400],
        [undefined, 60],
      ]),
    );
  });
});
