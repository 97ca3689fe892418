// Symbol kinds the core uses for outlines and symbol search; the LSP layer maps them to protocol numbers.

export type SymbolKindName = 'namespace' | 'function' | 'class' | 'variable' | 'constant' | 'event' | 'interface' | 'field' | 'method' | 'struct' | 'module' | 'property' | 'key' | 'object';

/** A symbol kind for a CloudFormation resource type. */
export function symbolKindForType(type: string): SymbolKindName {
  if (/::Function$/.test(type)) return 'function';
  if (/StateMachine$/.test(type)) return 'class';
  if (/::(Queue|Topic|EventBus|Stream)$/.test(type)) return 'event';
  if (/::(Table|SimpleTable|Bucket)$/.test(type)) return 'struct';
  if (/Api$/.test(type)) return 'interface';
  if (/::(Role|Policy|ManagedPolicy|Connector)$/.test(type)) return 'key';
  return 'object';
}
