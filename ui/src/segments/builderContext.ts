// What every rule of the builder reads besides its own value: the workspace's pickers, the segment's
// own name (an `in_segment` rule cannot name it), and the preview's word on each rule — its
// explanation and its problems, by JSON pointer — with whether that word is for an older edit.

import { createContext, useContext } from "react";
import type { ExplainNode } from "../bindings/ExplainNode";
import type { Problem } from "../bindings/Problem";
import type { SegmentFields } from "../bindings/SegmentFields";

export interface Builder {
  fields: SegmentFields | undefined;
  /** The name the segment is saved under, or its draft name when new. */
  ownName: string | null;
  explain: ReadonlyMap<string, ExplainNode>;
  problems: ReadonlyMap<string, Problem[]>;
  /** The explanation is for an earlier version of the rules: still shown, but dimmed. */
  stale: boolean;
}

export const BuilderContext = createContext<Builder>({
  fields: undefined,
  ownName: null,
  explain: new Map(),
  problems: new Map(),
  stale: false,
});

export function useBuilder(): Builder {
  return useContext(BuilderContext);
}

/** Every node of an explanation by its rule's pointer. */
export function explanationByPath(root: ExplainNode | null | undefined): Map<string, ExplainNode> {
  const out = new Map<string, ExplainNode>();
  const visit = (node: ExplainNode) => {
    out.set(node.path, node);
    node.children.forEach(visit);
  };
  if (root) visit(root);
  return out;
}

const NO_PROBLEMS: Problem[] = [];

/** The problems the preview found in the rule at `path` (its fields included). */
export function useRuleProblems(path: string): Problem[] {
  return useBuilder().problems.get(path) ?? NO_PROBLEMS;
}
