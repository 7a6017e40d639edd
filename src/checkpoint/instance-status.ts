/** processing_log counts for one (instance_id, instance_count): the origin system's per-instance progress. */
export interface InstanceStatus {
  readonly instanceId: number;
  readonly instanceCount: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly skipped: number;
  readonly lastFinishedAt: string | null;
}
