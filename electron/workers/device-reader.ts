// A worker thread that reads one inventory file (parse, map, validate) off the main thread.
import { parentPort } from 'node:worker_threads';
import { readInventory, type ReadInventoryInput } from '../domain/device-read';

parentPort?.on('message', (input: ReadInventoryInput) => {
  try {
    parentPort!.postMessage(readInventory(input));
  } catch (error) {
    parentPort!.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
