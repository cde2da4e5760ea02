import type { ReactNode } from 'react';
import { useAppStore } from '../store/store';
import { actionById, actionTitle } from './actions';

/** A button for an action of the registry: its text, title, enabled and pressed state come from there. */
export function ActionButton({ id, children }: { id: string; children?: ReactNode }) {
  const action = actionById(id);
  const enabled = useAppStore((state) => action.enabled?.(state) ?? true);
  const active = useAppStore((state) => action.active?.(state));
  return (
    <button
      type="button"
      data-action={action.id}
      className={active ? 'active' : undefined}
      aria-pressed={active}
      aria-label={action.button?.name}
      disabled={!enabled}
      title={actionTitle(action)}
      onClick={action.run}
    >
      {children ?? action.button?.text ?? action.label}
    </button>
  );
}
