// 'sluice/testing': the contract suite a sink of your own can prove itself with.
export { sinkContract, CONTRACT_TABLES } from './sink-contract.js';
export type { SinkContractTarget, SinkContractCase } from './sink-contract.js';
