import { useEffect } from 'react';
import { isTypingTarget } from '../canvas/keyboardFocus';
import { actionForKey } from './actions';

/** Runs the app's keyboard shortcuts, except while the user types in a field or a dialog is open. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const dialogOpen = !!document.querySelector('[role="dialog"][aria-modal="true"]');
      if (isTypingTarget(event.target)) {
        // Enter in a one-line field commits it (on blur) and Esc leaves it: the keys go back to the image.
        const field = event.target as HTMLElement;
        if (!dialogOpen && (event.key === 'Escape' || (event.key === 'Enter' && field instanceof HTMLInputElement))) field.blur();
        return;
      }
      if (belongsToControl(event) || dialogOpen) return;
      const action = actionForKey(event);
      if (!action) return;
      event.preventDefault();
      action.run();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

/**
 * Keys a focused control or the page needs for itself: arrows and Home/End on a slider, Tab to
 * move focus between controls, Ctrl+C while text is selected.
 */
function belongsToControl(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  const onControl = !!target && target !== document.body && !target.closest('.viewer');
  if (target instanceof HTMLInputElement && target.type === 'range' && /^(Arrow|Home|End|Page)/.test(event.key)) return true;
  if (event.key === 'Tab' && onControl) return true;
  return (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'c' && !!window.getSelection()?.toString();
}
