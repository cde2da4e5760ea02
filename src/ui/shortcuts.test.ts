import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { comboOf, SHORTCUTS } from './shortcuts';

vi.mock('../io/db', () => ({}));

/** The README's shortcuts table row for a shortcut, as the README writes it. */
function readmeRow(keys: string[], description: string): string {
  return `| ${keys.map((key) => `\`${key}\``).join(' or ')} | ${description} |`;
}

describe('keyboard shortcuts', () => {
  it('are all listed in the README, exactly as the app lists them', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
    for (const { keys, description } of SHORTCUTS) expect(readme).toContain(readmeRow(keys, description));
  });

  it('never bind one key combination twice', () => {
    const combos = SHORTCUTS.flatMap((shortcut) => shortcut.keys);
    expect(new Set(combos).size).toBe(combos.length);
  });

  it('name Shift for letters and special keys only', () => {
    const event = (key: string, mods: Partial<KeyboardEvent> = {}) => ({ key, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods }) as KeyboardEvent;
    expect(comboOf(event('z', { ctrlKey: true }))).toBe('Ctrl+Z');
    expect(comboOf(event('Z', { ctrlKey: true, shiftKey: true }))).toBe('Ctrl+Shift+Z');
    expect(comboOf(event('?', { shiftKey: true }))).toBe('?');
    expect(comboOf(event('Tab', { shiftKey: true }))).toBe('Shift+Tab');
    expect(comboOf(event(']', { metaKey: true }))).toBe('Ctrl+]');
  });
});
