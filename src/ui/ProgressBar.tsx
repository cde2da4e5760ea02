import { cancelTask } from '../store/actions/tasks';
import { useAppStore } from '../store/store';

/** A progress bar per long task (bringing files in, importing, exporting), each with Cancel. */
export function ProgressBar() {
  const tasks = useAppStore((state) => state.tasks);
  if (tasks.length === 0) return null;
  return (
    <div className="task-progress-list">
      {tasks.map((task) => (
        <div key={task.id} className="task-progress" role="status" aria-label="Progress">
          <div>
            {task.verb} {task.current} {task.total > 0 && `(${task.done} of ${task.total})`}
          </div>
          <div className="task-progress-row">
            <progress max={task.total || 1} value={task.total ? task.done : undefined} />
            {task.cancellable && (
              <button type="button" onClick={() => cancelTask(task.id)}>
                Cancel
              </button>
            )}
          </div>
        </div>
      ))}
    </div>
  );
}
