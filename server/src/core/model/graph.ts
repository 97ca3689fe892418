// Model types of the resource graph and of the derived function-to-function calls.
import type { Span } from './types';

export type NodeKind = 'function' | 'stateMachine' | 'queue' | 'topic' | 'bus' | 'rule' | 'table' | 'stream' | 'bucket' | 'api' | 'endpoint' | 'external' | 'unresolved';

export interface GraphNode {
  /** `<template path>#<LogicalId>` for template resources; `unresolved:<reason>` or `external:<what>` otherwise. */
  id: string;
  kind: NodeKind;
  label: string;
  /** Template file (absent for unresolved/external nodes). */
  file?: string;
  type?: string;
  span?: Span;
}

export type Via = 'lambda-invoke' | 'sqs' | 'sns' | 'eventbridge' | 'stepfunctions' | 'dynamodb-stream' | 'kinesis' | 's3' | 'http' | 'lambda-destination';

/** A direct edge: code or configuration that makes `from` act on `to`. */
export interface GraphEdge {
  from: string;
  to: string;
  /** `writes` (code or a task sends to a resource), `triggers` (a resource invokes a function), `invokes` (direct). */
  kind: 'writes' | 'triggers' | 'invokes' | 'routes';
  /** The AWS operation or event type (`SendMessage`, `SQS`, `Task`). */
  label: string;
  evidence?: Span;
  /** For unresolved targets: why. */
  reason?: string;
}

/** A derived call from one compute node (function or state machine) to another. */
export interface CallEdge {
  from: string;
  to: string;
  via: Via;
  sync: boolean;
  /** Where the call is made (the SDK call in code, or the task in the definition). */
  evidence: Span;
  /** The resources in between (queue, topic, rule, table...). */
  through: string[];
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  calls: CallEdge[];
  /** Who calls whom, without evidence positions: equal across snapshots when an edit did not change the calls. */
  signature: string;
}
