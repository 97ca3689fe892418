// Plain data of impact answers: trees of callers and callees with locations, counts, and what a set of changed files affects.
import type { EndpointModel } from '../model/functions';
import type { Via } from '../model/graph';
import type { Span } from '../model/types';

/** What a node of an impact tree stands for. */
export type ImpactKind = 'function' | 'stateMachine' | 'endpoint' | 'schedule' | 'event' | 'resource' | 'module' | 'envVar' | 'template' | 'changes';

/** One node of an upstream (who depends on it) or downstream (what it depends on) tree. */
export interface ImpactNode {
  /** A graph id (`<template>#<LogicalId>`), a file path for modules, or a synthetic id (`endpoint:…`, `event:…`). */
  id: string;
  kind: ImpactKind;
  label: string;
  /** One line for people: how it is connected and where it lives. */
  detail?: string;
  /** Where the node opens (handler export, logical ID, route, event). */
  span?: Span;
  /** For callers and callees: how the call is made. */
  via?: Via;
  sync?: boolean;
  /** Where the connection is made (the SDK call, the task, the import). */
  evidence?: Span;
  /** True when the node was already expanded elsewhere in the same answer (or closes a loop): not expanded again. */
  repeated?: boolean;
  children: ImpactNode[];
}

/** Counts shown by CodeLens and the hover's blast radius line. */
export interface ImpactCounts {
  /** Functions and state machines that reach this one through calls, transitively (itself excluded). */
  callers: number;
  /** Distinct direct callers. */
  directCallers: number;
  /** Functions, state machines and resources this one reaches (its own resources included), transitively. */
  downstream: number;
  /** Endpoints whose requests reach this function: its own and those of every upstream caller. */
  endpoints: number;
  /** Endpoints of the function itself. */
  directEndpoints: number;
}

/** The impact of one target: what depends on it (upstream) and what it depends on (downstream). */
export interface Impact {
  target: { kind: ImpactKind; id: string; label: string; span?: Span };
  upstream: ImpactNode[];
  downstream: ImpactNode[];
  counts?: ImpactCounts;
}

/** Why a function or state machine is affected by a set of changed files. */
export interface AffectedNode {
  id: string;
  kind: 'function' | 'stateMachine';
  /** `changed`: its template, handler, a module it imports or its definition changed; `caller`: it calls a changed one. */
  reason: 'changed' | 'caller';
  /** The changed files (for `changed`) or the changed nodes it reaches (for `caller`). */
  because: string[];
}

/** What a set of changed files affects in the workspace. */
export interface ChangeImpact {
  files: { file: string; kind: 'template' | 'code' | 'definition' | 'other'; nodes: string[] }[];
  /** Changed nodes first, then callers; each sorted by id. */
  affected: AffectedNode[];
  /** Endpoints served by an affected function. */
  endpoints: EndpointModel[];
  /** Templates that changed or declare an affected node. */
  templates: string[];
}
