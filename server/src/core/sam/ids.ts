// The one way ids of functions, state machines and resources are spelled: `<template path>#<LogicalId>`.

/** The id of a logical resource of a template. */
export function nodeId(file: string, logicalId: string): string {
  return `${file}#${logicalId}`;
}

/** Splits an id back into template path and logical ID. */
export function splitNodeId(id: string): { file: string; logicalId: string } {
  const hash = id.lastIndexOf('#');
  return { file: id.slice(0, hash), logicalId: id.slice(hash + 1) };
}
