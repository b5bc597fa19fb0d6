import { useTranslation } from 'react-i18next';
import type { TaskName } from '../../../shared/domain';

/** A task as the operator says it ("Fetch new MOs"), never its id ("mo-sync"); the names live with the run history's. */
export function useTaskName(): (task: TaskName) => string {
  const { t } = useTranslation('history');
  return (task) => t(`task.${task}`);
}
