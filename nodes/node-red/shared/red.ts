import type { HuaweiCloudSettings, LocalEngineName } from '../../../src';
import type { CloudMode } from '../../shared/settings';

/**
 * The slice of the Node-RED runtime API these nodes use, typed here so the package needs no Node-RED types
 * (node-red is a devDependency only).
 */
export interface NodeMessage {
  _msgid?: string;
  payload?: unknown;
  parts?: MessageParts;
  [key: string]: unknown;
}

export interface MessageParts {
  id: string;
  index: number;
  count: number;
  type: 'array';
  len?: number;
  parts?: MessageParts;
}

export interface NodeStatus {
  fill?: 'red' | 'green' | 'yellow' | 'blue' | 'grey';
  shape?: 'ring' | 'dot';
  text?: string;
}

export type Send = (msg: NodeMessage | Array<NodeMessage | NodeMessage[] | null>) => void;
export type Done = (err?: Error) => void;

export interface Node {
  id: string;
  name?: string;
  status(status: NodeStatus | Record<string, never>): void;
  on(event: 'input', listener: (msg: NodeMessage, send: Send, done: Done) => void | Promise<void>): void;
  on(event: 'close', listener: (removed: boolean, done: () => void) => void): void;
  warn(message: unknown): void;
  error(message: unknown, msg?: NodeMessage): void;
  credentials?: Record<string, string>;
}

export interface NodeAPI {
  nodes: {
    createNode(node: Node, config: object): void;
    registerType(type: string, constructor: (this: Node, config: never) => void, options?: object): void;
    getNode(id: string): Node | null;
  };
  util: { cloneMessage<T extends NodeMessage>(msg: T): T };
  httpAdmin: { get(path: string, handler: (req: unknown, res: { json(body: unknown): void }) => void): void };
}

/** An `ocr-engine` config node as the OCR nodes see it. */
export interface EngineConfigNode extends Node {
  settings: {
    engine?: LocalEngineName;
    languages?: string;
    timeoutSeconds?: number;
    cloudMode?: CloudMode;
    /** from the node's credentials (kept in the credentials file, never in the flow) */
    cloud?: HuaweiCloudSettings;
  };
}
