import { CreditGate } from '../../src/pipeline/credit-gate.js';

/**
 * A gate that has seen one record mapped into rows as large as its payload: until a first
 * record's rows are known a gate admits one record at a time, so byte-budget tests start here.
 */
export function primedGate(capacity: number, bytes: number, size = 1): CreditGate {
  const gate = new CreditGate(capacity, bytes);
  void gate.acquire(1);
  gate.tryAdmit('mapped', size);
  gate.recharge(['mapped'], [size]);
  gate.settle(['mapped']);
  return gate;
}
