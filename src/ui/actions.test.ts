import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ACTIONS, actionTitle, comboOf } from './actions';

vi.mock('../io/db', () => ({}));

const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');

/** The README's shortcuts table row for an action, as the README writes it. */
function readmeRow(keys: string[], label: string): string {
  return `| ${keys.map((key) => `\`${key}\``).join(' or ')} | ${label} |`;
}

describe('the actions registry', () => {
  it('lists every action with keys in the README, exactly as the app lists them', () => {
    for (const { keys, label } of ACTIONS.filter((action) => action.keys.length)) expect(readme).toContain(readmeRow(keys, label));
  });

  it('lists every button-only action in the README with its button and title', () => {
    for (const action of ACTIONS.filter((candidate) => candidate.button && !candidate.keys.length)) {
      expect(readme).toContain(`| **${action.button!.text}** | ${actionTitle(action)} |`);
    }
  });

  it('never binds one key combination twice, and has unique ids', () => {
    const combos = ACTIONS.flatMap((action) => action.keys);
    expect(new Set(combos).size).toBe(combos.length);
    expect(new Set(ACTIONS.map((action) => action.id)).size).toBe(ACTIONS.length);
  });

  it('titles buttons with what they do and their keys', () => {
    const redo = ACTIONS.find((action) => action.id === 'redo')!;
    expect(actionTitle(redo)).toBe('Redo (Ctrl+Shift+Z, Ctrl+Y)');
  });

  it('names Shift for letters and special keys only', () => {
    const event = (key: string, mods: Partial<KeyboardEvent> = {}) => ({ key, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods }) as KeyboardEvent;
    expect(comboOf(event('z', { ctrlKey: true }))).toBe('Ctrl+Z');
    expect(comboOf(event('Z', { ctrlKey: true, shiftKey: true }))).toBe('Ctrl+Shift+Z');
    expect(comboOf(event('?', { shiftKey: true }))).toBe('?');
    expect(comboOf(event('Tab', { shiftKey: true }))).toBe('Shift+Tab');
    expect(comboOf(event(']', { metaKey: true }))).toBe('Ctrl+]');
  });
});
