import type { MaintenanceCommand, MaintenanceView } from '../../../../main/api/maintenance-contract';

/** What the maintenance screens send: one command, the host answers with the new view. */
export type MaintenanceSend = (command: MaintenanceCommand) => void;

/** The view of one maintenance step. */
export type MaintenanceStep<S extends MaintenanceView['step']> = Extract<MaintenanceView, { step: S }>;
export type OpenView = MaintenanceStep<'open'>;

/** Local wall-clock time of an epoch-ms instant, as technicians read it: 2026-03-02 14:05. */
export function clockText(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}
