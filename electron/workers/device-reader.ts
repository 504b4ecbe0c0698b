// A worker thread that reads one inventory file (parse, map, validate) off the main thread.
// It answers as services/off-thread's runWorkerOnce expects; a file it cannot read is a
// result like any other ({ ok: false, message } of readInventory), not a worker failure.
import { parentPort } from 'node:worker_threads';
import { readInventory, type ReadInventoryInput, type ReadInventoryResult } from '../domain/device-read';

parentPort?.on('message', (input: ReadInventoryInput) => {
  let value: ReadInventoryResult;
  try {
    value = readInventory(input);
  } catch (error) {
    value = { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage({ ok: true, value });
});
