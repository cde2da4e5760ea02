/**
 * The interaction as one tree of states. A state's path is "mode.state" ("select.idle",
 * "draw.drawing", "issue.placing"); the mode is the part the toolbar shows. Input from the canvas
 * and the keyboard goes to the current state only: its own handler, else its mode's. A state is
 * made afresh on every entry from the data it is entered with, so what a gesture needs (where it
 * started, the original shape) lives in that state object and nowhere else.
 */
import { setToolPath } from '../store/actions/interaction';
import type { PointerInput } from './input';

/** What a state does with input; every handler is optional. */
export interface StateHandlers {
  onEnter?(): void;
  onPointerDown?(input: PointerInput): void;
  onPointerMove?(input: PointerInput): void;
  onPointerUp?(): void;
  onDoubleClick?(): void;
  /** A key combination ("Enter", "Backspace", "ArrowLeft"); returns whether it was used. */
  onKey?(combo: string): boolean;
  /** Esc. */
  onCancel?(): void;
  onExit?(): void;
}

/**
 * Data each state is entered with, by path. Every state file adds its own entry:
 * `declare module './machine' { interface StateData { 'draw.drawing': { x: number; y: number } } }`.
 */
export interface StateData {}

export type StatePath = keyof StateData & string;

export interface StateDefinition<P extends StatePath = StatePath> {
  path: P;
  /** Refuses entry (and says why to the user itself), e.g. drawing on a locked image. */
  canEnter?(data: StateData[P]): boolean;
  enter(data: StateData[P]): StateHandlers;
}

/** Handlers shared by every state of a mode: used where the state has none of its own. */
export interface ModeDefinition {
  mode: string;
  handlers: StateHandlers;
}

const states = new Map<string, StateDefinition>();
const modes = new Map<string, StateHandlers>();
let current: { path: StatePath; handlers: StateHandlers } | null = null;

export function defineState<P extends StatePath>(path: P, definition: Omit<StateDefinition<P>, 'path'>): StateDefinition<P> {
  return { path, ...definition };
}

export function defineMode(mode: string, handlers: StateHandlers): ModeDefinition {
  return { mode, handlers };
}

/** Any state's definition, whatever its data (methods take their parameters bivariantly). */
interface RegisteredState {
  path: string;
  canEnter?(data: never): boolean;
  enter(data: never): StateHandlers;
}

/** Makes states and modes known to the machine (tools/index.ts registers them all). */
export function register(definitions: ReadonlyArray<RegisteredState | ModeDefinition>): void {
  for (const definition of definitions) {
    if ('mode' in definition) modes.set(definition.mode, definition.handlers);
    else states.set(definition.path, definition as unknown as StateDefinition);
  }
}

type DataArgs<P extends StatePath> = StateData[P] extends void ? [] : [data: StateData[P]];

/**
 * Leaves the current state (its onExit) and enters `path` with `data` (its onEnter), unless the
 * new state refuses; returns whether it was entered.
 */
export function transition<P extends StatePath>(path: P, ...args: DataArgs<P>): boolean {
  const definition = states.get(path) as StateDefinition<P> | undefined;
  if (!definition) throw new Error(`unknown interaction state "${path}"`);
  const data = args[0] as StateData[P];
  if (definition.canEnter && !definition.canEnter(data)) return false;
  current?.handlers.onExit?.();
  const handlers = definition.enter(data);
  current = { path, handlers };
  setToolPath(path);
  handlers.onEnter?.();
  return true;
}

/** Every registered state's path (for the test that the harness reaches them all). */
export function registeredPaths(): string[] {
  return [...states.keys()];
}

export function currentPath(): StatePath | null {
  return current?.path ?? null;
}

/** The mode of the current state: "select", "draw", "issue". */
export function currentMode(): string {
  return current?.path.split('.')[0] ?? 'select';
}

/** The current state's handler for an event, else its mode's. */
export function handlerOf<K extends keyof StateHandlers>(event: K): StateHandlers[K] | undefined {
  if (!current) return undefined;
  return current.handlers[event] ?? modes.get(currentMode())?.[event];
}
